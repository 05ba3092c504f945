import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RAKISHEVA_ACTIVITIES, TURKIC_WORKSHOP } from './demo.ts'
import { useTestServer } from './server.ts'
import { chromiumPath, haveChromium, launchChromium, skippedBecause } from './chromium.ts'

// Debian's Chromium; CI installs it. Without it the test shows as skipped, with the reason in its name.
const because = skippedBecause
if (!haveChromium) console.warn(`Browser tests skipped: no Chromium at ${chromiumPath}; set CHROMIUM_PATH or install Debian's chromium.`)

// CHRONICLE_SCREENSHOTS=dir keeps the screenshots for a person to look at; otherwise they go with the temp dir.
const keptScreenshots = process.env.CHRONICLE_SCREENSHOTS

const viewports = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
]

describe('sqlite: reading the site in Chromium', () => {
  const server = useTestServer('sqlite', { demo: true })
  let browser: Browser | undefined
  let screenshots = ''

  beforeAll(async () => {
    screenshots = keptScreenshots ?? mkdtempSync(join(tmpdir(), 'chronicle-screenshots-'))
    mkdirSync(screenshots, { recursive: true })
    if (haveChromium) {
      browser = await launchChromium()
    }
  })
  afterAll(async () => {
    await browser?.close()
    if (!keptScreenshots && screenshots) rmSync(screenshots, { recursive: true, force: true })
  })

  /** What a reader would notice is wrong with the page as laid out: a sideways scroll, a missing style. */
  async function layoutProblems(page: Page) {
    return page.evaluate(() => {
      const problems: string[] = []
      const width = document.documentElement.clientWidth
      if (document.documentElement.scrollWidth > width) problems.push(`page is ${document.documentElement.scrollWidth}px wide in a ${width}px window`)
      for (const element of Array.from(document.querySelectorAll('main *'))) {
        const box = element.getBoundingClientRect()
        if (box.width > 0 && box.right > width + 1) problems.push(`<${element.tagName.toLowerCase()}> ends at ${Math.round(box.right)}px`)
      }
      const header = document.querySelector('.site-header')
      if (!header || getComputedStyle(header).backgroundColor !== 'rgb(245, 247, 249)') problems.push('the stylesheet is not applied')
      return problems.slice(0, 5)
    })
  }

  it.skipIf(!haveChromium).each(viewports)(
    `$name: from the home page to a post, then to a person in its facts box${because}`,
    async (viewport) => {
      const context = await browser!.newContext({ viewport: { width: viewport.width, height: viewport.height } })
      const page = await context.newPage()
      const failures: string[] = []
      page.on('console', (message) => { if (message.type() === 'error') failures.push(`${message.text()} ${message.location().url}`) })
      page.on('pageerror', (error) => failures.push(error.message))
      page.on('requestfailed', (request) => failures.push(`${request.url()}: ${request.failure()?.errorText}`))
      page.on('response', (response) => { if (response.status() >= 400) failures.push(`${response.url()}: ${response.status()}`) })
      try {
        await page.goto(`${server().baseUrl}/`)
        expect(await page.title()).toBe('Public Opinion Research Institute — news and activities')
        expect(await layoutProblems(page)).toEqual([])
        await page.screenshot({ path: join(screenshots, `${viewport.name}-1-home.png`), fullPage: true })

        await page.locator('.card h3').getByRole('link', { name: TURKIC_WORKSHOP.title }).click()
        await page.waitForURL(`**/news/${TURKIC_WORKSHOP.post}`)
        expect(await page.locator('h1').textContent()).toBe(TURKIC_WORKSHOP.title)
        const facts = page.getByRole('complementary', { name: 'Facts' })
        expect(await facts.isVisible()).toBe(true)
        expect(await facts.locator('dd').allTextContents()).toContain('Astana, Kazakhstan')
        expect(await layoutProblems(page)).toEqual([])
        await page.screenshot({ path: join(screenshots, `${viewport.name}-2-post.png`), fullPage: true })

        await facts.getByRole('link', { name: 'Botagoz Rakisheva' }).click()
        await page.waitForURL('**/people/botagoz-rakisheva')
        expect(await page.locator('h1').textContent()).toBe('Dr. Botagoz Rakisheva')
        const timeline = page.locator('section.timeline')
        expect(await timeline.getByRole('heading', { level: 2 }).textContent()).toBe('Activities (9)')
        expect(await timeline.locator('li .role').allTextContents()).toEqual(RAKISHEVA_ACTIVITIES.map(([, role]) => role))
        expect(await timeline.getByRole('link', { name: TURKIC_WORKSHOP.activityName }).isVisible()).toBe(true)
        expect(await layoutProblems(page)).toEqual([])
        await page.screenshot({ path: join(screenshots, `${viewport.name}-3-person.png`), fullPage: true })

        expect(failures).toEqual([])
      } finally {
        await context.close()
      }
    },
  )
})
