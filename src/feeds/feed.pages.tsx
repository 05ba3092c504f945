import { type Context, Hono } from 'hono'
import type { AppEnv } from '../web/env.ts'
import { siteUrl } from '../web/urls.ts'
import { buildCalendar } from './calendar.service.ts'
import type { ScopeRequest } from './feed.scope.ts'
import { buildNewsFeed } from './feed.service.ts'

/** RSS, Atom, JSON Feed and iCalendar at the standard addresses, for the site and under each page that has them. */
export const feedPages = new Hono<AppEnv>()

const CACHE = 'public, max-age=300'
type Format = 'rss' | 'atom' | 'json' | 'ics'

const FILES: [string, Format][] = [['feed.xml', 'rss'], ['atom.xml', 'atom'], ['feed.json', 'json'], ['calendar.ics', 'ics']]

async function respond(c: Context<AppEnv>, scope: ScopeRequest, format: Format) {
  const links = { url: (path: string) => siteUrl(c, path) }
  if (format === 'ics') {
    const calendar = await buildCalendar(c.var.db, scope, links)
    return c.body(calendar.toString(), 200, {
      'content-type': 'text/calendar; charset=utf-8', 'cache-control': CACHE,
      'content-disposition': 'inline; filename="calendar.ics"',
    })
  }
  const feed = await buildNewsFeed(c.var.db, scope, links)
  if (format === 'json') return c.body(feed.json1(), 200, { 'content-type': 'application/feed+json; charset=utf-8', 'cache-control': CACHE })
  if (format === 'atom') return c.body(feed.atom1(), 200, { 'content-type': 'application/atom+xml; charset=utf-8', 'cache-control': CACHE })
  return c.body(feed.rss2(), 200, { 'content-type': 'application/rss+xml; charset=utf-8', 'cache-control': CACHE })
}

for (const [file, format] of FILES) {
  feedPages.get(`/${file}`, (c) => respond(c, { type: 'all' }, format))
  feedPages.get(`/people/:slug/${file}`, (c) => respond(c, { type: 'person', slug: c.req.param('slug') }, format))
  feedPages.get(`/organizations/:slug/${file}`, (c) => respond(c, { type: 'organization', slug: c.req.param('slug') }, format))
  feedPages.get(`/news/kind/:kind/${file}`, (c) => respond(c, { type: 'kind', kind: c.req.param('kind') }, format))
}

// The page whose feeds live under /news/kind/{kind}/ is the news list filtered by that kind.
feedPages.get('/news/kind/:kind', (c) => c.redirect(`/news?kind=${encodeURIComponent(c.req.param('kind'))}`, 302))
