import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'
import { LANGUAGE_NAMES, LANGUAGES, type Lang, localizedPath } from '../i18n/languages.ts'
import { currentLocale, localPath, t } from '../i18n/locale.ts'
import { searchScript, stylesheet } from './assets.ts'

export interface PageProps {
  title: string
  description?: string
  /** The navigation entry to mark as the current section. */
  section?: 'home' | 'news' | 'calendar' | 'people' | 'organizations' | 'publications' | 'search'
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
] as const

const OG_LOCALES: Record<Lang, string> = { en: 'en_GB', ru: 'ru_RU', kk: 'kk_KZ' }

/** The English name, for code and data outside a request; pages use t('site.name'). */
export const SITE_NAME = 'Public Opinion Research Institute'

// "</script>" inside a JSON-LD string must not end the element.
const jsonForScript = (data: unknown) => JSON.stringify(data).replace(/</g, '\\u003c')

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
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        {props.description && <meta name="description" content={props.description} />}
        <link rel="canonical" href={canonical} />
        {LANGUAGES.map((l) => <link rel="alternate" hreflang={l} href={absolute(l)} />)}
        <link rel="alternate" hreflang="x-default" href={origin + path} />
        <meta property="og:site_name" content={siteName} />
        <meta property="og:title" content={props.title} />
        {props.description && <meta property="og:description" content={props.description} />}
        <meta property="og:type" content={props.ogType ?? 'website'} />
        <meta property="og:url" content={canonical} />
        <meta property="og:locale" content={OG_LOCALES[lang]} />
        {LANGUAGES.filter((l) => l !== lang).map((l) => <meta property="og:locale:alternate" content={OG_LOCALES[l]} />)}
        <meta name="twitter:card" content="summary" />
        <meta name="twitter:title" content={props.title} />
        {props.description && <meta name="twitter:description" content={props.description} />}
        {props.feeds && (
          <>
            <link rel="alternate" type="application/rss+xml" title={`${props.title} (RSS)`} href={props.feeds.rss} />
            <link rel="alternate" type="application/atom+xml" title={`${props.title} (Atom)`} href={props.feeds.atom} />
            <link rel="alternate" type="application/feed+json" title={`${props.title} (JSON Feed)`} href={props.feeds.json} />
          </>
        )}
        <link rel="stylesheet" href={stylesheet.path} />
        {/* No icon yet; saying so spares every first visit a request for /favicon.ico that ends in a 404. */}
        <link rel="icon" href="data:," />
        <script type="module" src={searchScript.path} />
        {props.jsonLd && <script type="application/ld+json">{raw(jsonForScript(props.jsonLd))}</script>}
      </head>
      <body>
        <a class="skip" href="#content">{t('nav.skip')}</a>
        <header class="site-header">
          <div class="bar">
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
        <footer class="site-footer">
          <div class="bar">
            <span>{siteName}, {t('site.city')}</span>
            <span>{t('footer.feeds')} <a href="/feed.xml">RSS</a> · <a href="/atom.xml">Atom</a> · <a href="/feed.json">JSON Feed</a> · <a href="/calendar.ics">iCalendar</a></span>
            <span>{t('footer.data')} <a href="/api/v1/openapi.json">{t('footer.api')}</a></span>
          </div>
        </footer>
      </body>
    </html>
    </>
  )
}
