import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { addUser } from '../src/accounts/user.service.ts'
import { nameKey } from '../src/lib/names.ts'
import { findPersonById, findPersonIdsByNameKey } from '../src/people/person.repository.ts'
import { findRevisionsOf } from '../src/revisions/index.ts'
import { describeEachDialect } from './db.ts'
import { makeOrganization, makePerson } from './factories.ts'
import { useTestServer } from './server.ts'
import { haveChromium, launchChromium, signInOnPage, skippedBecause, watchedPage } from './chromium.ts'

// Debian's Chromium; CI installs it. Without it the test shows as skipped, with the reason in its name.
const because = skippedBecause
const keptScreenshots = process.env.CHRONICLE_SCREENSHOTS

const EMAIL = 'editor@example.org'
const PASSWORD = 'a long password for the browser'
const TITLE = 'Conference on regional identity in Astana'
const SLUG = 'conference-on-regional-identity-in-astana'

describeEachDialect('writing a post in the admin with Chromium', (dialect) => {
  const server = useTestServer(dialect, { security: { loginSlowdownMs: 0 } })
  let browser: Browser | undefined
  let screenshots = ''

  beforeAll(async () => {
    screenshots = keptScreenshots ?? mkdtempSync(join(tmpdir(), 'chronicle-admin-screenshots-'))
    mkdirSync(screenshots, { recursive: true })
    if (haveChromium) {
      browser = await launchChromium()
    }
  })
  afterAll(async () => {
    await browser?.close()
    if (!keptScreenshots && screenshots) rmSync(screenshots, { recursive: true, force: true })
  })

  /** Types into a picker until the record is suggested, then chooses it, as choosing from the list does. */
  async function pick(page: Page, row: number, typed: string, label: string) {
    const input = page.locator(`input[name="activity.participants.${row}.name"]`)
    const suggested = page.waitForResponse((r) => r.url().includes('/admin/lookup') && r.url().includes(encodeURIComponent(typed)))
    await input.pressSequentially(typed)
    await suggested
    const options = page.locator(`#${await input.getAttribute('id')}-options option`)
    await expect.poll(() => options.evaluateAll(
      (options) => options.map((o) => (o as HTMLOptionElement).value))).toContain(label)
    await input.fill(label)
  }

  it.skipIf(!haveChromium)(`signs in, writes and publishes a post with three participants, sees it public, edits it${because}`, async () => {
    const { db } = server()
    await addUser(db, { email: EMAIL, name: 'Eda Editor', role: 'editor', password: PASSWORD })
    const person = await makePerson(db, { name: 'Aigerim Saparova' })
    const organization = await makeOrganization(db, { name: 'Eurasian Policy Institute', country: 'KZ' })

    const { context, page, failures } = await watchedPage(browser!)
    try {
      await page.goto(`${server().baseUrl}/admin/posts`)
      await page.waitForURL('**/admin/login?next=*')
      await signInOnPage(page, EMAIL, PASSWORD)
      await page.waitForURL('**/admin/posts')

      await page.getByRole('link', { name: 'Write a post' }).click()
      await page.waitForURL('**/admin/posts/new')
      await page.getByLabel('Title', { exact: true }).fill(TITLE)
      await page.getByLabel('Summary', { exact: true }).fill('Researchers and officials discussed regional identity.')
      await page.getByLabel('Text', { exact: true }).fill('The conference **brought together** researchers.')
      // The live preview renders the Markdown as readers will see it.
      await expect.poll(() => page.locator('#body-preview strong').textContent()).toBe('brought together')
      await page.getByLabel('Status').selectOption('published')

      await page.locator('select[name="activity.kind"]').selectOption('conference')
      await page.locator('input[name="activity.name"]').fill('Regional identity in Central Asia')
      await page.locator('input[name="activity.startsOn"]').fill('2025-04-15')
      await page.locator('input[name="activity.city"]').fill('Astana')
      await page.locator('select[name="activity.country"]').selectOption('KZ')
      await page.locator('select[name="activity.format"]').selectOption('hybrid')

      await pick(page, 0, 'Aiger', 'Aigerim Saparova')
      expect(await page.locator('input[name="activity.participants.0.slug"]').inputValue()).toBe(person.slug)
      await page.locator('select[name="activity.participants.0.role"]').selectOption('moderator')
      await page.locator('select[name="activity.participants.1.type"]').selectOption('organization')
      await pick(page, 1, 'Eurasian', 'Eurasian Policy Institute')
      expect(await page.locator('input[name="activity.participants.1.slug"]').inputValue()).toBe(organization.slug)
      await page.locator('select[name="activity.participants.1.role"]').selectOption('organizer')
      await page.locator('input[name="activity.participants.2.name"]').fill('Timur Newcomer')
      expect(await page.locator('input[name="activity.participants.2.slug"]').inputValue()).toBe('')
      await page.locator('select[name="activity.participants.2.role"]').selectOption('speaker')
      await page.locator('input[name="activity.participants.2.jobTitle"]').fill('Ethnographer')
      // With JavaScript a row can be added in place, with its own picker.
      await page.getByRole('button', { name: 'Add a participant' }).click()
      await expect.poll(() => page.locator('#participant-rows > fieldset').count()).toBe(4)
      await page.screenshot({ path: join(screenshots, `${dialect}-1-new-post.png`), fullPage: true })

      await page.getByRole('button', { name: 'Save the post' }).first().click()
      await page.waitForURL(/\/admin\/posts\/\d+\?notice=created$/)
      expect(await page.locator('p.notice').textContent()).toBe('Created.')
      const id = Number(/\/admin\/posts\/(\d+)/.exec(page.url())![1])
      const history = page.locator(`a[href="/admin/history/post/${id}"]`)
      expect(await history.textContent()).toBe('History (1 revision)')

      // The public site: the post, then each participant's page, which leads back to it.
      await page.goto(`${server().baseUrl}/news/${SLUG}`)
      expect(await page.locator('h1').textContent()).toBe(TITLE)
      const facts = page.getByRole('complementary', { name: 'Facts' })
      for (const name of ['Aigerim Saparova', 'Eurasian Policy Institute', 'Timur Newcomer']) {
        expect(await facts.getByRole('link', { name }).count(), name).toBeGreaterThan(0)
      }
      const [newcomerId] = await findPersonIdsByNameKey(db, nameKey('Timur Newcomer'))
      const newcomer = (await findPersonById(db, newcomerId!.id))!
      for (const path of [`/people/${person.slug}`, `/organizations/${organization.slug}`, `/people/${newcomer.slug}`]) {
        await page.goto(`${server().baseUrl}${path}`)
        expect(await page.locator(`main a[href="/news/${SLUG}"]`).count(), path).toBeGreaterThan(0)
      }
      await page.screenshot({ path: join(screenshots, `${dialect}-2-participant.png`), fullPage: true })

      // Edit: the form opens with what was saved; saving adds a revision.
      await page.goto(`${server().baseUrl}/admin/posts/${id}`)
      expect(await page.locator('input[name="activity.participants.2.name"]').inputValue()).toBe('Timur Newcomer')
      await page.getByLabel('Title', { exact: true }).fill(`${TITLE}: the outcomes`)
      await page.getByRole('button', { name: 'Save changes' }).first().click()
      await page.waitForURL(/\?notice=saved$/)
      expect(await page.locator('p.notice').textContent()).toBe('Saved.')
      expect(await history.textContent()).toBe('History (2 revisions)')
      expect((await findRevisionsOf(db, 'post', id)).map((r) => r.action)).toEqual(['create', 'update'])
      await history.click()
      await page.waitForURL(`**/admin/history/post/${id}`)
      expect(await page.locator('article.revision').count()).toBe(2)

      await page.goto(`${server().baseUrl}/news/${SLUG}`)
      expect(await page.locator('h1').textContent()).toBe(`${TITLE}: the outcomes`)
      expect(failures).toEqual([])
    } finally {
      await context.close()
    }
  }, 60_000)
})
