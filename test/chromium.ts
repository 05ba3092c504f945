import { existsSync } from 'node:fs'
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core'

/** Debian's Chromium, never a downloaded build; CHROMIUM_PATH points elsewhere. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const haveChromium = existsSync(chromiumPath)
/** Appended to a browser test's name, so a run without Chromium says why it skipped. */
export const skippedBecause = haveChromium ? '' : ` (skipped: no Chromium at ${chromiumPath})`

// Headless as root, with the background traffic turned off that this machine's closed network refuses.
export function launchChromium() {
  return chromium.launch({
    executablePath: chromiumPath, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
}

/**
 * A new page that records what a user would see go wrong: script errors and answers of 400 or more
 * (but the favicon, which Chromium asks for by itself and the site does not have).
 */
export async function watchedPage(browser: Browser, options: BrowserContextOptions = { viewport: { width: 1280, height: 900 } }) {
  const context = await browser.newContext(options)
  const page = await context.newPage()
  const failures: string[] = []
  page.on('pageerror', (error) => failures.push(error.message))
  page.on('response', (response) => { if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) failures.push(`${response.url()}: ${response.status()}`) })
  return { context, page, failures }
}

/** Fills in and sends the sign-in form the page shows. */
export async function signInOnPage(page: Page, email: string, password: string) {
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
}
