import { parse } from 'node-html-parser'
import { describe, expect, it } from 'vitest'
import { LANGUAGES, negotiateLanguage } from '../src/i18n/languages.ts'
import { en } from '../src/i18n/messages/en.ts'
import { kk } from '../src/i18n/messages/kk.ts'
import { ru } from '../src/i18n/messages/ru.ts'
import { replacePostTranslations } from '../src/news/post.repository.ts'
import { describeEachDialect } from './db.ts'
import { GENDER_REPORT, INSTITUTE, TURKIC_WORKSHOP } from './demo.ts'
import { openPage, textOf } from './html.ts'
import { useTestServer } from './server.ts'

const flat = (m: unknown) => (typeof m === 'string' ? [m] : Object.values(m as Record<string, string>))
// The same in every language: brand names and punctuation-only patterns.
const SAME_EVERYWHERE = new Set(['footer.api', 'period.until', 'period.range', 'kind.forum'])

describe('the catalogs', () => {
  it.each([['ru', ru], ['kk', kk]] as const)('%s translates every interface string', (_lang, catalog) => {
    expect(Object.keys(catalog).sort()).toEqual(Object.keys(en).sort())
    const untranslated = Object.entries(en).filter(([key, value]) =>
      !SAME_EVERYWHERE.has(key) && flat(value).some((v) => flat(catalog[key as keyof typeof en]).includes(v)))
    expect(untranslated.map(([key]) => key)).toEqual([])
  })

  it('keeps every placeholder of the English text', () => {
    const placeholders = (m: unknown) => [...new Set(flat(m).join(' ').match(/\{\w+\}/g) ?? [])].sort()
    for (const catalog of [ru, kk]) {
      for (const [key, value] of Object.entries(en)) {
        expect(placeholders(catalog[key as keyof typeof en]), key).toEqual(placeholders(value))
      }
    }
  })
})

describe('language negotiation', () => {
  it.each([
    [undefined, 'en'], ['ru-RU,ru;q=0.9,en;q=0.8', 'ru'], ['kk', 'kk'], ['de-DE,kk;q=0.5,ru;q=0.7', 'ru'],
    ['fr, de', 'en'], ['en;q=0.1, kk;q=0.9', 'kk'], ['ru;q=0', 'en'], [`${'x,'.repeat(1000)}ru`, 'en'],
  ])('Accept-Language %s → %s', (header, lang) => {
    expect(negotiateLanguage(header)).toBe(lang)
  })
})

// Interface text a reader sees around the content: headings, labels, buttons, navigation, the facts box.
const CHROME = 'header nav a, header label, header button, footer, main h2, aside h3, dt, label, button, th, .pager, option, .notice'
const BRANDS = /^(RSS|Atom|JSON Feed|iCalendar|JSON API|English|Русский|Қазақша|Chronicle|[\d\s.,:·–—…→←()/-]*)$/

describeEachDialect('the site in Russian and Kazakh', (dialect) => {
  const server = useTestServer(dialect, { demo: true })
  const pages = ['/', '/news', `/news/${TURKIC_WORKSHOP.post}`, '/people', '/people/botagoz-rakisheva', '/organizations',
    `/organizations/${INSTITUTE}`, '/publications', `/publications/${GENDER_REPORT}`, '/calendar?month=2024-04', '/search?q=workshop',
    '/no-such-page', '/insights', '/insights?year=2024']

  for (const lang of ['ru', 'kk'] as const) {
    it(`${lang}: every page kind shows no untranslated interface string`, async () => {
      const english = new Set(Object.values(en).flatMap(flat).filter((v) => !/\{/.test(v)))
      for (const path of pages) {
        const { status, root } = await openPage(server(), `/${lang}${path}`)
        expect([200, 404], path).toContain(status)
        expect(root.querySelector('html')?.getAttribute('lang'), path).toBe(lang)
        for (const element of root.querySelectorAll(CHROME)) {
          for (const node of element.childNodes) {
            const text = node.nodeType === 3 ? node.text.replace(/\s+/g, ' ').trim() : ''
            if (!text || BRANDS.test(text) || element.closest('[lang="en"]')) continue
            expect(english.has(text) ? text : null, `${lang}${path}: “${text}” in <${element.tagName.toLowerCase()}>`).toBeNull()
            expect(/[\p{Script=Cyrillic}]/u.test(text) || /\p{N}/u.test(text) ? null : text, `${lang}${path}: “${text}”`).toBeNull()
          }
        }
        for (const attribute of ['aria-label', 'placeholder']) {
          for (const element of root.querySelectorAll(`[${attribute}]`)) {
            const value = element.getAttribute(attribute)!
            expect(english.has(value) ? value : null, `${lang}${path}: ${attribute}`).toBeNull()
          }
        }
      }
    })
  }

  it('chooses the language from the URL, then from Accept-Language, and says so to caches', async () => {
    const byHeader = await server().get('/news', { headers: { 'accept-language': 'ru-RU,ru;q=0.9' } })
    expect(parse(await byHeader.text()).querySelector('h1')?.text).toBe('Новости')
    expect(byHeader.headers.get('content-language')).toBe('ru')
    expect(byHeader.headers.get('vary')).toMatch(/Accept-Language/i)
    const byUrl = await server().get('/kk/news', { headers: { 'accept-language': 'ru' } })
    expect(parse(await byUrl.text()).querySelector('h1')?.text).toBe('Жаңалықтар')
    expect(byUrl.headers.get('vary') ?? '').not.toMatch(/Accept-Language/i)
    const english = await server().get('/en/news', { headers: { 'accept-language': 'ru' } })
    expect(parse(await english.text()).querySelector('h1')?.text).toBe('News')
    expect((await server().get('/de/news')).status).toBe(404)
  })

  it('links stay in the reader’s language, and every page offers the others with hreflang alternates', async () => {
    const { root } = await openPage(server(), `/ru/news/${TURKIC_WORKSHOP.post}`)
    expect(root.querySelector('a[href="/ru/people/botagoz-rakisheva"]')).not.toBeNull()
    expect(root.querySelector('nav.main a[href="/ru/news"]')).not.toBeNull()
    const switcher = root.querySelectorAll('nav.languages a').map((a) => [a.getAttribute('hreflang'), a.getAttribute('href')])
    expect(switcher).toEqual(LANGUAGES.map((l) => [l, `/${l}/news/${TURKIC_WORKSHOP.post}`]))
    const alternates = Object.fromEntries(root.querySelectorAll('link[rel="alternate"][hreflang]').map((l) => [l.getAttribute('hreflang'), l.getAttribute('href')]))
    expect(alternates).toEqual({
      en: `${server().baseUrl}/en/news/${TURKIC_WORKSHOP.post}`, ru: `${server().baseUrl}/ru/news/${TURKIC_WORKSHOP.post}`,
      kk: `${server().baseUrl}/kk/news/${TURKIC_WORKSHOP.post}`, 'x-default': `${server().baseUrl}/news/${TURKIC_WORKSHOP.post}`,
    })
    expect(root.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe(`${server().baseUrl}/ru/news/${TURKIC_WORKSHOP.post}`)
    // The unprefixed page, chosen by Accept-Language, is the x-default alternate and so its own canonical.
    const negotiated = await openPage(server(), `/news/${TURKIC_WORKSHOP.post}`)
    expect(negotiated.root.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe(`${server().baseUrl}/news/${TURKIC_WORKSHOP.post}`)
  })

  it('formats dates and numbers per language', async () => {
    const ruPost = await openPage(server(), `/ru/news/${TURKIC_WORKSHOP.post}`)
    expect(textOf(ruPost.root.querySelector('aside.facts'))).toContain('20 сентября 2024 г.')
    const kkReport = await openPage(server(), `/kk/publications/${GENDER_REPORT}`)
    expect(textOf(kkReport.root.querySelector('#method')?.parentNode as never)).toMatch(/3\s800 респондент/u)
    const enReport = await openPage(server(), `/publications/${GENDER_REPORT}`)
    expect(textOf(enReport.root.querySelector('#method')?.parentNode as never)).toContain('3,800 respondents')
  })

  it('shows a post’s version in the reader’s language, or the original with a note saying which language it is in', async () => {
    const fallback = await openPage(server(), `/ru/news/${TURKIC_WORKSHOP.post}`)
    expect(textOf(fallback.root.querySelector('.notice'))).toBe('Эта новость доступна только на языке: английский.')
    expect(fallback.root.querySelector('article')?.getAttribute('lang')).toBe('en')
    const post = await server().db.selectFrom('post').select('id').where('slug', '=', TURKIC_WORKSHOP.post).executeTakeFirstOrThrow()
    await replacePostTranslations(server().db, post.id, [{ lang: 'kk', title: 'Түркітілдес елдер қауымдастығы туралы семинар', summary: 'Қысқаша.', body: 'Семинар **Астанада** өтті.' }])
    const translated = await openPage(server(), `/kk/news/${TURKIC_WORKSHOP.post}`)
    expect(textOf(translated.root.querySelector('h1'))).toBe('Түркітілдес елдер қауымдастығы туралы семинар')
    expect(translated.root.querySelector('article strong')?.text).toBe('Астанада')
    expect(translated.root.querySelector('.notice')).toBeNull()
    expect(translated.root.querySelector('article')?.getAttribute('lang')).toBeFalsy()
  })
})
