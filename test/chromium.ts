import { existsSync } from 'node:fs'
import { chromium } from 'playwright-core'

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
