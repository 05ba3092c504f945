import { Feed } from 'feed'
import type { Db } from '../db/database.ts'
import { renderMarkdown } from '../lib/markdown.ts'
import { pageOf } from '../lib/pagination.ts'
import { listNews } from '../news/post.service.ts'
import { findPostBodies } from './feed.repository.ts'
import { resolveScope, type ScopeRequest } from './feed.scope.ts'

export const FEED_SIZE = 50
const SITE_TITLE = 'Public Opinion Research Institute'

export interface FeedLinks {
  /** Absolute URL of a path on this site. */
  url(path: string): string
}

/** The standard feed addresses under a page's address: /feed.xml, /people/{slug}/atom.xml, … */
export function feedAddresses(pagePath: string, url: (path: string) => string = (p) => p) {
  return { rss: url(`${pagePath}/feed.xml`), atom: url(`${pagePath}/atom.xml`), json: url(`${pagePath}/feed.json`),
    ics: url(`${pagePath}/calendar.ics`) }
}

/** The latest public posts in scope, as one feed object that writes RSS 2.0, Atom 1.0 or JSON Feed. */
export async function buildNewsFeed(db: Db, request: ScopeRequest, links: FeedLinks, now = new Date()) {
  const scope = await resolveScope(db, request)
  const news = await listNews(db, { kind: scope.filter.kind, person: scope.filter.person, organization: scope.filter.organization },
    pageOf(1, FEED_SIZE), now)
  const bodies = new Map((await findPostBodies(db, news.items.map((p) => p.id))).map((b) => [b.id, b.body]))
  const feed = new Feed({
    title: request.type === 'all' ? `${SITE_TITLE}: news` : `${scope.title} — ${SITE_TITLE}`,
    description: request.type === 'all' ? 'News and activities of the Public Opinion Research Institute, Astana.'
      : `News about ${scope.title} from the Public Opinion Research Institute.`,
    id: links.url(scope.pagePath),
    link: links.url(scope.pagePath),
    language: 'en',
    copyright: `© ${SITE_TITLE}`,
    updated: news.items[0]?.published_at ? new Date(news.items[0].published_at) : now,
    generator: 'Chronicle',
    feedLinks: feedAddresses(scope.pagePath === '/news' ? '' : scope.pagePath, links.url),
  })
  for (const post of news.items) {
    const url = links.url(`/news/${post.slug}`)
    feed.addItem({
      title: post.title,
      id: url,
      link: url,
      description: post.summary,
      content: renderMarkdown(bodies.get(post.id) ?? ''),
      date: new Date(post.published_at!),
      published: new Date(post.published_at!),
      category: post.activity_kind ? [{ name: post.activity_kind }] : undefined,
    })
  }
  return feed
}
