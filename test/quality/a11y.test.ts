import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useTestServer } from '../server.ts'
import { ADMIN_PAGE_NAMES, adminPages, FIRST_SIGN_IN_PAGE, type PageKind, publicPages, SIGN_IN_PAGE, signInAdmin } from './pages.ts'
import { chromiumPath, haveChromium, launchChromium, skippedBecause } from '../chromium.ts'

// Debian's Chromium, as in test/browser.test.ts; without it every page shows as skipped, with the reason.
const because = skippedBecause
if (!haveChromium) console.warn(`Accessibility checks skipped: no Chromium at ${chromiumPath}; set CHROMIUM_PATH or install Debian's chromium.`)

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
/** WCAG 2.1 levels A and AA. */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

const VIEWPORTS = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 390, height: 844 },
} as const
type Viewport = keyof typeof VIEWPORTS

/** axe-core's WCAG 2.1 AA violations on the page as loaded, one line per rule and element. */
async function violationsOn(page: Page): Promise<string[]> {
  // evaluate, not a <script> tag: the site's CSP allows no inline script, and evaluate is not subject to it.
  await page.evaluate(axeSource)
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: {
      id: string; impact: string; help: string; nodes: { target: string[]; failureSummary: string }[] }[] }> } }).axe
    const { violations } = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
    return violations.flatMap((v) => v.nodes.map((n) =>
      `${v.id} (${v.impact}): ${v.help} — ${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ').slice(0, 300)}`))
  }, WCAG_21_AA)
}

/**
 * WCAG 1.4.10 (reflow), which axe cannot see: at 320 CSS pixels, here 390, nothing makes the page
 * scroll sideways; a wide table may scroll inside its own box.
 */
async function reflowProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth
    const problems: string[] = []
    if (document.documentElement.scrollWidth > width) problems.push(`the page is ${document.documentElement.scrollWidth}px wide in a ${width}px window`)
    for (const element of Array.from(document.querySelectorAll('body *'))) {
      const box = element.getBoundingClientRect()
      if (box.width === 0 || box.right <= width + 1) continue
      // Inside a box that scrolls or clips sideways, it is that box's business.
      let parent = element.parentElement
      while (parent && parent !== document.body && !['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(parent).overflowX)) parent = parent.parentElement
      if (parent && parent !== document.body) continue
      const name = element.tagName.toLowerCase() + (element.id ? `#${element.id}` : '') + (element.className && typeof element.className === 'string' ? `.${element.className.trim().split(/\s+/).join('.')}` : '')
      problems.push(`<${name}> ends at ${Math.round(box.right)}px`)
    }
    return problems.slice(0, 5)
  })
}

const PUBLIC = publicPages()

describe('sqlite: no WCAG 2.1 AA violations (axe-core in Chromium)', () => {
  const server = useTestServer('sqlite', { demo: true, security: { loginSlowdownMs: 2 } })
  let browser: Browser | undefined
  /** One tab per viewport, and one per viewport signed in as an admin. */
  const tabs = new Map<string, Page>()
  let admin = new Map<string, PageKind>()
  const firstSignIn = new Map<Viewport, Awaited<ReturnType<typeof problemsOf>>>()

  beforeAll(async () => {
    if (!haveChromium) return
    browser = await launchChromium()
    for (const viewport of Object.keys(VIEWPORTS) as Viewport[]) {
      const options = viewport === 'phone' ? { viewport: VIEWPORTS.phone, isMobile: true, hasTouch: true } : { viewport: VIEWPORTS.desktop }
      tabs.set(viewport, await (await browser.newContext(options)).newPage())
      tabs.set(`${viewport} admin`, await (await browser.newContext(options)).newPage())
      // The sign-in page as the first visitor sees it, before the admin below exists.
      firstSignIn.set(viewport, await problemsOf(viewport, FIRST_SIGN_IN_PAGE))
    }
    const session = await signInAdmin(server())
    admin = new Map((await adminPages(server())).map((p) => [p.name, p]))
    const [name, value] = session.cookie.split('=') as [string, string]
    for (const viewport of Object.keys(VIEWPORTS) as Viewport[]) {
      await tabs.get(`${viewport} admin`)!.context().addCookies([{ name, value, url: server().baseUrl }])
    }
  }, 60_000)
  afterAll(async () => { await browser?.close() })

  /** The page's status, axe's violations and, on a phone, what scrolls sideways. */
  async function problemsOf(viewport: Viewport, page: PageKind, signedIn = false) {
    const tab = tabs.get(signedIn ? `${viewport} admin` : viewport)!
    const response = await tab.goto(`${server().baseUrl}${page.path}`)
    return {
      status: response?.status(),
      violations: await violationsOn(tab),
      reflow: viewport === 'phone' ? await reflowProblems(tab) : [],
    }
  }

  async function check(viewport: Viewport, page: PageKind, signedIn = false) {
    expect(await problemsOf(viewport, page, signedIn), `${page.path} (${viewport})`).toEqual({ status: page.status, violations: [], reflow: [] })
  }

  const viewports = Object.keys(VIEWPORTS) as Viewport[]
  it.skipIf(!haveChromium).each(viewports.flatMap((viewport) =>
    [...PUBLIC, SIGN_IN_PAGE].map((page) => ({ viewport, page, name: page.name }))))(`$viewport: $name${because}`, async ({ viewport, page }) => {
    await check(viewport, page)
  })

  it.skipIf(!haveChromium).each(viewports)(`%s: ${FIRST_SIGN_IN_PAGE.name}${because}`, (viewport) => {
    expect(firstSignIn.get(viewport), `${FIRST_SIGN_IN_PAGE.path} (${viewport})`).toEqual({ status: FIRST_SIGN_IN_PAGE.status, violations: [], reflow: [] })
  })

  it.skipIf(!haveChromium).each(viewports.flatMap((viewport) => ADMIN_PAGE_NAMES.map((name) => ({ viewport, name }))))(
    `$viewport: $name${because}`, async ({ viewport, name }) => {
      expect([...admin.keys()]).toContain(name)
      await check(viewport, admin.get(name)!, true)
    })
})
