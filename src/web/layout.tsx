import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'
import { searchScript, stylesheet } from './assets.ts'

export interface PageProps {
  title: string
  description?: string
  /** The navigation entry to mark as the current section. */
  section?: 'home' | 'news' | 'calendar' | 'people' | 'organizations' | 'publications' | 'search'
}

const SECTIONS = [
  ['home', '/', 'Home'],
  ['news', '/news', 'News'],
  ['calendar', '/calendar', 'Calendar'],
  ['people', '/people', 'People'],
  ['organizations', '/organizations', 'Organizations'],
  ['publications', '/publications', 'Publications'],
] as const

export const SITE_NAME = 'Public Opinion Research Institute'

export function Layout(props: PageProps & { children?: Child }) {
  const title = props.section === 'home' ? `${SITE_NAME} — news and activities` : `${props.title} — ${SITE_NAME}`
  return (
    <>
    {raw('<!DOCTYPE html>')}
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        {props.description && <meta name="description" content={props.description} />}
        <link rel="stylesheet" href={stylesheet.path} />
        {/* No icon yet; saying so spares every first visit a request for /favicon.ico that ends in a 404. */}
        <link rel="icon" href="data:," />
        <script type="module" src={searchScript.path} />
      </head>
      <body>
        <a class="skip" href="#content">Skip to content</a>
        <header class="site-header">
          <div class="bar">
            <a class="brand" href="/">{SITE_NAME}<small>News, activities and people · Chronicle</small></a>
            <nav class="main" aria-label="Main">
              <ul>
                {SECTIONS.map(([key, href, label]) => (
                  <li><a href={href} aria-current={props.section === key ? 'page' : undefined}>{label}</a></li>
                ))}
              </ul>
            </nav>
            {props.section !== 'search' && (
              <form class="site-search" role="search" method="get" action="/search">
                <label for="site-search-q" class="visually-hidden">Search the site</label>
                <input id="site-search-q" type="search" name="q" placeholder="Search" autocomplete="off" data-suggest="" />
                <button type="submit">Search</button>
              </form>
            )}
          </div>
        </header>
        <main id="content">{props.children}</main>
        <footer class="site-footer">
          <div class="bar">
            <span>{SITE_NAME}, Astana</span>
            <span>Data: <a href="/api/v1/posts">JSON API</a></span>
          </div>
        </footer>
      </body>
    </html>
    </>
  )
}
