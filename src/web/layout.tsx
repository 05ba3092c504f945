import { html, raw } from 'hono/html'
import type { Child } from 'hono/jsx'
import { LANGUAGE_NAMES, LANGUAGES, type Lang, localizedPath } from '../i18n/languages.ts'
import { currentLocale, localPath, t } from '../i18n/locale.ts'
import { searchScript, stylesheet } from './assets.ts'

export interface PageProps {
  title: string
  description?: string
  /** The navigation entry to mark as the current section. */
  section?: 'home' | 'news' | 'calendar' | 'people' | 'organizations' | 'publications' | 'insights' | 'search'
  /** schema.org data about what the page shows, written as JSON-LD. */
  jsonLd?: object | object[]
  /** Open Graph type: "article" for a post, "profile" for a person; "website" otherwise. */
  ogType?: 'website' | 'article' | 'profile'
  /** Feeds of what the page shows, announced to feed readers. */
  feeds?: { rss: string; atom: string; json: string; ics?: string }
}

const SECTIONS = [
  ['home', '/', 'nav.home'],
  ['news', '/news', 'nav.news'],
  ['calendar', '/calendar', 'nav.calendar'],
  ['people', '/people', 'nav.people'],
  ['organizations', '/organizations', 'nav.organizations'],
  ['publications', '/publications', 'nav.publications'],
  ['insights', '/insights', 'nav.insights'],
] as const

const OG_LOCALES: Record<Lang, string> = { en: 'en_GB', ru: 'ru_RU', kk: 'kk_KZ' }

/** The English name, for code and data outside a request; pages use t('site.name'). */
export const SITE_NAME = 'Public Opinion Research Institute'

// "</script>" inside a JSON-LD string must not end the element.
const jsonForScript = (data: unknown) => JSON.stringify(data).replace(/</g, '\\u003c')

// The parts of every page that depend only on the language and the section, rendered once each.
const fragments = new Map<string, ReturnType<typeof raw>>()
function fragment(key: string, render: () => Child) {
  let html = fragments.get(key)
  if (!html) fragments.set(key, html = raw(String(render())))
  return html
}

function SiteHeader(props: { section: PageProps['section'] }) {
  const siteName = t('site.name')
  return (
    <>
      <a class="brand" href={localPath('/')}>{siteName}<small>{t('site.tagline')}</small></a>
      <nav class="main" aria-label={t('nav.label')}>
        <ul>
          {SECTIONS.map(([key, href, label]) => (
            <li><a href={localPath(href)} aria-current={props.section === key ? 'page' : undefined}>{t(label)}</a></li>
          ))}
        </ul>
      </nav>
      {props.section !== 'search' && (
        <form class="site-search" role="search" method="get" action={localPath('/search')}>
          <label for="site-search-q" class="visually-hidden">{t('search.label')}</label>
          <input id="site-search-q" type="search" name="q" placeholder={t('search.placeholder')} maxlength={1000} autocomplete="off" data-suggest="" />
          <button type="submit">{t('search.button')}</button>
        </form>
      )}
    </>
  )
}

function SiteFooter() {
  return (
    <footer class="site-footer">
      <div class="bar">
        <span>{t('site.name')}, {t('site.city')}</span>
        <span>{t('footer.feeds')} <a href="/feed.xml">RSS</a> · <a href="/atom.xml">Atom</a> · <a href="/feed.json">JSON Feed</a> · <a href="/calendar.ics">iCalendar</a></span>
        <span>{t('footer.data')} <a href="/api/v1/openapi.json">{t('footer.api')}</a></span>
      </div>
    </footer>
  )
}

/**
 * The head, as text: hono/jsx treats each <link> as React 19 metadata to hoist, and looks through the
 * whole page once per tag for it, which cost more than the rest of a page. The same markup, escaped alike.
 */
function documentHead(props: PageProps, page: { lang: Lang; title: string; canonical: string; absolute: (l: Lang) => string; xDefault: string }) {
  const { lang, title, canonical } = page
  const siteName = t('site.name')
  const description = props.description
  return html`<head><meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/><title>${title}</title>${
    description ? html`<meta name="description" content="${description}"/>` : ''
  }<link rel="canonical" href="${canonical}"/>${
    LANGUAGES.map((l) => html`<link rel="alternate" hreflang="${l}" href="${page.absolute(l)}"/>`)
  }<link rel="alternate" hreflang="x-default" href="${page.xDefault}"/><meta property="og:site_name" content="${siteName}"/><meta property="og:title" content="${props.title}"/>${
    description ? html`<meta property="og:description" content="${description}"/>` : ''
  }<meta property="og:type" content="${props.ogType ?? 'website'}"/><meta property="og:url" content="${canonical}"/><meta property="og:locale" content="${OG_LOCALES[lang]}"/>${
    LANGUAGES.filter((l) => l !== lang).map((l) => html`<meta property="og:locale:alternate" content="${OG_LOCALES[l]}"/>`)
  }<meta name="twitter:card" content="summary"/><meta name="twitter:title" content="${props.title}"/>${
    description ? html`<meta name="twitter:description" content="${description}"/>` : ''
  }${props.feeds ? html`<link rel="alternate" type="application/rss+xml" title="${`${props.title} (RSS)`}" href="${props.feeds.rss}"/>${''
    }<link rel="alternate" type="application/atom+xml" title="${`${props.title} (Atom)`}" href="${props.feeds.atom}"/>${''
    }<link rel="alternate" type="application/feed+json" title="${`${props.title} (JSON Feed)`}" href="${props.feeds.json}"/>` : ''
  }<link rel="stylesheet" href="${stylesheet.path}"/>${''
  /* No icon yet; saying so spares every first visit a request for /favicon.ico that ends in a 404. */
  }<link rel="icon" href="data:,"/><script type="module" src="${searchScript.path}"></script>${
    props.jsonLd ? html`<script type="application/ld+json">${raw(jsonForScript(props.jsonLd))}</script>` : ''
  }</head>`
}

export function Layout(props: PageProps & { children?: Child }) {
  const { lang, path, origin, prefix } = currentLocale()
  const siteName = t('site.name')
  const title = props.section === 'home' ? `${siteName} — ${t('site.homeDocumentTitle')}` : `${props.title} — ${siteName}`
  const absolute = (l: Lang) => origin + localizedPath(l, path)
  // An unprefixed page is chosen by Accept-Language and is the x-default alternate: it is its own canonical,
  // for an x-default that points at a page canonical elsewhere is ignored by search engines.
  const canonical = prefix ? absolute(lang) : origin + path
  return (
    <>
    {raw('<!DOCTYPE html>')}
    <html lang={lang}>
      {documentHead(props, { lang, title, canonical, absolute: (l) => absolute(l), xDefault: origin + path })}
      <body>
        {fragment(`skip ${lang}`, () => <a class="skip" href="#content">{t('nav.skip')}</a>)}
        <header class="site-header">
          <div class="bar">
            {fragment(`header ${lang} ${prefix} ${props.section}`, () => <SiteHeader section={props.section} />)}
            <nav class="languages" aria-label={t('nav.language')}>
              <ul>
                {LANGUAGES.map((l) => (
                  <li><a href={localizedPath(l, path)} hreflang={l} lang={l} aria-current={l === lang ? 'true' : undefined}>{LANGUAGE_NAMES[l]}</a></li>
                ))}
              </ul>
            </nav>
          </div>
        </header>
        <main id="content">{props.children}</main>
        {fragment(`footer ${lang}`, () => <SiteFooter />)}
      </body>
    </html>
    </>
  )
}
