import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createActivity } from '../src/activities/activity.service.ts'
import { haveChromium, launchChromium, skippedBecause, watchedPage } from './chromium.ts'
import { useTestServer } from './server.ts'

// /insights in Debian's Chromium over the demo archive (all of it in 2024) and one activity of 2025 added
// here: choosing a year is following a link, and the figures and charts change with it.

describe(`sqlite: /insights in Chromium${skippedBecause}`, () => {
  const server = useTestServer('sqlite', { demo: true })
  let browser: Browser | undefined

  beforeAll(async () => {
    await createActivity(server().db, {
      kind: 'forum', name: 'A forum of 2025', startsOn: '2025-03-04', endsOn: null, city: 'Tashkent', country: 'UZ', format: null,
      internal: false, participations: [],
    }, 'test')
    if (haveChromium) browser = await launchChromium()
  })
  afterAll(async () => { await browser?.close() })

  const figure = (page: import('playwright-core').Page, name: string) =>
    page.locator(`dl.figures [data-figure="${name}"] .figure-value`).textContent()

  it.skipIf(!haveChromium)('changes the figures when a year is chosen, and shows each chart', async () => {
    const { context, page, failures } = await watchedPage(browser!)
    await page.goto(`${server().baseUrl}/insights`)
    expect(await figure(page, 'activities')).toBe('11')
    expect(await page.locator('figure.chart svg[role="img"]').count()).toBeGreaterThanOrEqual(4)

    await Promise.all([page.waitForURL('**/insights?year=2024'), page.getByRole('link', { name: '2024', exact: true }).click()])
    expect(await figure(page, 'activities')).toBe('10')
    expect(await page.locator('[data-figure="activities"] .figure-change').textContent()).toBe('+10 from 2023')
    expect(await page.locator('.insight-filters a[aria-current="true"]').first().textContent()).toBe('2024')
    // The map is drawn, sized to the column, and names countries in its tooltips.
    const map = page.locator('#partners-map svg')
    expect((await map.boundingBox())!.width).toBeGreaterThan(400)
    expect(await map.locator('path title', { hasText: /^Kazakhstan: \d+ partner organizations?$/ }).count()).toBe(1)

    await Promise.all([page.waitForURL('**/insights?year=2025'), page.getByRole('link', { name: '2025', exact: true }).click()])
    expect(await figure(page, 'activities')).toBe('1')
    expect(await page.locator('[data-figure="activities"] .figure-change').textContent()).toBe('−9 from 2024')

    // The data table opens from its summary, without any script of ours.
    await page.locator('#activities-by-month summary').click()
    await expect.poll(() => page.locator('#activities-by-month table').isVisible()).toBe(true)
    expect(failures).toEqual([])
    await context.close()
  })
})
