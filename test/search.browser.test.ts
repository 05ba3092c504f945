import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useTestServer } from './server.ts'
import { haveChromium, launchChromium } from './chromium.ts'

// The suggestion island in Debian's Chromium: typing a name in either script lists people, and the keyboard picks one.

describe('sqlite: search suggestions in Chromium', () => {
  const server = useTestServer('sqlite', { demo: true })
  let browser: Browser | undefined

  beforeAll(async () => {
    if (haveChromium) {
      browser = await launchChromium()
    }
  })
  afterAll(async () => { await browser?.close() })

  it.skipIf(!haveChromium)('lists names for Cyrillic typing in the header box, and Enter opens the chosen profile', async () => {
    const page = await browser!.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()) })
    await page.goto(`${server().baseUrl}/news`)
    const box = page.locator('header input[name="q"]')
    await box.pressSequentially('Есим', { delay: 20 })
    const option = page.getByRole('option', { name: /Kalamkas Yessimova/ })
    await expect.poll(() => option.count()).toBe(1)
    expect(await option.textContent()).toContain('Есимова Каламкас')
    expect(await box.getAttribute('aria-expanded')).toBe('true')
    await box.press('ArrowDown')
    expect(await option.getAttribute('aria-selected')).toBe('true')
    await Promise.all([page.waitForURL('**/people/kalamkas-yessimova'), box.press('Enter')])
    expect(errors).toEqual([])
    await page.close()
  })

  it.skipIf(!haveChromium)('submits the typed words when no suggestion is chosen', async () => {
    const page = await browser!.newPage()
    await page.goto(`${server().baseUrl}/search`)
    const box = page.locator('main input[name="q"]')
    await box.fill('conferences')
    await Promise.all([page.waitForURL('**/search?q=conferences'), box.press('Enter')])
    expect(await page.locator('main mark').first().textContent()).toBe('conference')
    await page.close()
  })
})
