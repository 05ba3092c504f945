import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { haveChromium, launchChromium, skippedBecause, watchedPage } from './chromium.ts'
import { useTestServer } from './server.ts'

// The collaboration network in Debian's Chromium over the demo archive: zooming and panning move the drawing,
// pointing at or focusing a node lights up its neighbours, and a click opens the node's profile.

const transformOf = (page: import('playwright-core').Page) => page.locator('svg.network g.viewport').getAttribute('transform')

describe('sqlite: the collaboration network in Chromium', () => {
  const server = useTestServer('sqlite', { demo: true })
  let browser: Browser | undefined

  beforeAll(async () => { if (haveChromium) browser = await launchChromium() })
  afterAll(async () => { await browser?.close() })

  it.skipIf(!haveChromium)(`zooms with the buttons and the wheel, and pans by dragging and with the keys${skippedBecause}`, async () => {
    const { context, page, failures } = await watchedPage(browser!)
    await page.goto(`${server().baseUrl}/insights/network`)
    await expect.poll(() => page.locator('.network-controls').isVisible()).toBe(true)
    expect(await transformOf(page)).toBeNull()

    await page.getByRole('button', { name: 'Zoom in' }).click()
    expect(await transformOf(page)).toBe('translate(-200.0 -152.0) scale(1.400)')
    await page.getByRole('button', { name: 'Zoom out' }).click()
    expect(await transformOf(page)).toMatch(/scale\(1\.000\)$/)

    await page.locator('svg.network').scrollIntoViewIfNeeded()
    const box = (await page.locator('svg.network').boundingBox())!
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    await page.mouse.wheel(0, -100)
    await expect.poll(() => transformOf(page)).toMatch(/scale\(1\.200\)$/)

    await page.getByRole('button', { name: 'Reset the view' }).click()
    // A drag that starts on empty paper moves the drawing by as far as the pointer went, in the drawing's units.
    const empty = await page.evaluate(() => {
      const svg = document.querySelector('svg.network')!
      const r = svg.getBoundingClientRect()
      for (let y = r.top + 5; y < r.bottom; y += 7) for (let x = r.left + 5; x < r.right; x += 7) {
        if (document.elementFromPoint(x, y) === svg) return { x, y }
      }
      return null
    })
    expect(empty).not.toBeNull()
    await page.mouse.move(empty!.x, empty!.y)
    await page.mouse.down()
    await page.mouse.move(empty!.x + 60, empty!.y + 30, { steps: 5 })
    await page.mouse.up()
    const [tx, ty] = (await transformOf(page))!.match(/-?[\d.]+/g)!.map(Number)
    const perPixel = 1000 / box.width
    expect(tx).toBeCloseTo(60 * perPixel, 0)
    expect(ty).toBeCloseTo(30 * perPixel, 0)
    expect(page.url()).toBe(`${server().baseUrl}/insights/network`)

    await page.locator('svg.network').focus()
    await page.keyboard.press('ArrowLeft')
    const [after] = (await transformOf(page))!.match(/-?[\d.]+/g)!.map(Number)
    expect(after).toBeCloseTo(tx! + 40, 0)

    // Zoomed far in, a node reached with the keyboard is brought into the frame.
    for (let i = 0; i < 6; i++) await page.getByRole('button', { name: 'Zoom in' }).click()
    const outside = await page.evaluate(() => {
      const frame = document.querySelector('svg.network')!.getBoundingClientRect()
      return Array.from(document.querySelectorAll('svg.network a.node')).findIndex((node) => {
        const box = node.getBoundingClientRect()
        return box.right < frame.left || box.left > frame.right || box.bottom < frame.top || box.top > frame.bottom
      })
    })
    expect(outside).toBeGreaterThanOrEqual(0)
    const last = page.locator('svg.network a.node').nth(outside)
    await last.focus()
    const [frame, shape] = [(await page.locator('svg.network').boundingBox())!, (await last.locator('circle, rect').boundingBox())!]
    expect(shape.x).toBeGreaterThanOrEqual(frame.x)
    expect(shape.x + shape.width).toBeLessThanOrEqual(frame.x + frame.width)
    expect(shape.y).toBeGreaterThanOrEqual(frame.y)
    expect(shape.y + shape.height).toBeLessThanOrEqual(frame.y + frame.height)
    expect(failures).toEqual([])
    await context.close()
  })

  it.skipIf(!haveChromium)(`lights up a node's neighbours on hover and on focus, and a click opens its profile${skippedBecause}`, async () => {
    const { context, page, failures } = await watchedPage(browser!)
    await page.goto(`${server().baseUrl}/insights/network`)
    const node = page.locator('svg.network a.node').first()
    const neighbours = (await node.getAttribute('data-neighbours'))!.split(' ')
    expect(neighbours.length).toBeGreaterThan(1)
    await node.locator('circle, rect').first().hover()
    expect(await page.locator('svg.network').getAttribute('class')).toContain('highlighting')
    const lit = await page.locator('svg.network a.node.lit').evaluateAll((els) => els.map((e) => e.getAttribute('data-key')).sort())
    expect(lit).toEqual([...neighbours].sort())
    expect(await page.locator('svg.network line.lit').count()).toBe(neighbours.length)

    await page.mouse.move(0, 0)
    expect(await page.locator('svg.network').getAttribute('class')).not.toContain('highlighting')

    // The keyboard: the second node, focused, lights up its own neighbours.
    const second = page.locator('svg.network a.node').nth(1)
    await second.focus()
    const secondNeighbours = (await second.getAttribute('data-neighbours'))!.split(' ').sort()
    expect(await page.locator('svg.network a.node.lit').evaluateAll((els) => els.map((e) => e.getAttribute('data-key')).sort()))
      .toEqual(secondNeighbours)

    const href = (await node.getAttribute('href'))!
    expect(href).toMatch(/^\/(people|organizations)\/[a-z0-9-]+$/)
    const label = (await node.getAttribute('aria-label'))!
    await Promise.all([page.waitForURL(`**${href}`), node.locator('circle, rect').first().click()])
    expect(await page.locator('h1').textContent()).toContain(label.slice(0, label.lastIndexOf(' (')))
    expect(failures).toEqual([])
    await context.close()
  })
})
