import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeActivity, makePerson } from './factories.ts'
import { makeAccount, PASSWORD } from './security/helpers.ts'
import { useTestServer } from './server.ts'
import { haveChromium, launchChromium, skippedBecause } from './chromium.ts'

// Debian's Chromium; without it the test shows as skipped, with the reason in its name.
const because = skippedBecause
const keptScreenshots = process.env.CHRONICLE_SCREENSHOTS

describe('sqlite: merging two people in Chromium', () => {
  const server = useTestServer('sqlite', { security: { loginSlowdownMs: 2 } })
  let browser: Browser | undefined
  let screenshots = ''

  beforeAll(async () => {
    screenshots = keptScreenshots ?? mkdtempSync(join(tmpdir(), 'chronicle-merge-screenshots-'))
    mkdirSync(screenshots, { recursive: true })
    if (haveChromium) {
      browser = await launchChromium()
    }
  })
  afterAll(async () => {
    await browser?.close()
    if (!keptScreenshots && screenshots) rmSync(screenshots, { recursive: true, force: true })
  })

  it.skipIf(!haveChromium)(`an editor merges a duplicate, and its public address lands on the survivor${because}`, async () => {
    const { db, baseUrl } = server()
    const editor = await makeAccount(db, 'editor')
    const survivor = await makePerson(db, { name: 'Botagoz Rakisheva' })
    const duplicate = await makePerson(db, { name: 'Rakisheva Botagoz', variants: ['B. Rakisheva'] })
    await makeActivity(db, { name: 'Round table on trust', participants: [[duplicate, 'speaker']] })

    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    const failures: string[] = []
    page.on('console', (message) => { if (message.type() === 'error') failures.push(`${message.text()} ${message.location().url}`) })
    page.on('pageerror', (error) => failures.push(error.message))
    page.on('response', (response) => { if (response.status() >= 400) failures.push(`${response.url()}: ${response.status()}`) })
    try {
      await page.goto(`${baseUrl}/admin/login`)
      await page.getByLabel('Email address').fill(editor.email)
      await page.getByLabel('Password').fill(PASSWORD)
      await Promise.all([page.waitForURL('**/admin'), page.getByRole('button', { name: 'Sign in' }).click()])

      await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'People' }).click()
      await page.getByLabel('Name or variant').fill('B. Rakisheva')
      await page.getByRole('button', { name: 'Find' }).click()
      await page.getByRole('link', { name: 'Rakisheva Botagoz' }).click()
      await page.waitForURL(`**/admin/people/${duplicate.id}`)

      // The picker suggests as one types; choosing the suggestion fills in the hidden id.
      const keep = page.getByLabel('The person to keep')
      const suggestions = page.waitForResponse((r) => r.url().includes('/admin/lookup'))
      await keep.pressSequentially('Botagoz Rak')
      await suggestions
      await keep.fill('Botagoz Rakisheva')
      await page.getByRole('button', { name: 'Review the merge…' }).click()
      await page.waitForURL(`**/admin/people/${duplicate.id}/merge?**`)
      expect(await page.locator('h1').textContent()).toBe('Merge Rakisheva Botagoz into Botagoz Rakisheva?')
      expect(await page.getByRole('region', { name: 'Activities that move' }).locator('li').allTextContents())
        .toEqual(['2024-01-01 Round table on trust — as speaker'])
      await page.screenshot({ path: join(screenshots, 'merge-1-confirm.png'), fullPage: true })

      await page.getByRole('button', { name: 'Merge Rakisheva Botagoz into Botagoz Rakisheva' }).click()
      await page.waitForURL(`**/admin/people/${survivor.id}?notice=merged`)
      expect(await page.getByRole('status').textContent()).toMatch(/^Merged\./)
      expect(await page.getByLabel('Other spellings of the name').inputValue()).toBe('Rakisheva Botagoz\nB. Rakisheva')

      await page.goto(`${baseUrl}/people/${duplicate.slug}`)
      expect(new URL(page.url()).pathname).toBe(`/people/${survivor.slug}`)
      expect(await page.locator('h1').textContent()).toBe('Botagoz Rakisheva')
      expect(await page.getByRole('link', { name: 'Round table on trust' }).isVisible()).toBe(true)
      await page.screenshot({ path: join(screenshots, 'merge-2-survivor.png'), fullPage: true })
      expect(failures).toEqual([])
    } finally {
      await context.close()
    }
  })
})
