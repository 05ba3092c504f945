import { Readable } from 'node:stream'
import { type Context, Hono } from 'hono'
import { SitemapIndexStream, SitemapStream, streamToPromise } from 'sitemap'
import { LANGUAGES, localizedPath } from '../i18n/languages.ts'
import { NotFoundError } from '../lib/errors.ts'
import { nowIso } from '../lib/time.ts'
import { countPublicPosts, listPublicPostsForSitemap } from '../news/post.repository.ts'
import type { AppEnv } from '../web/env.ts'
import { siteUrl } from '../web/urls.ts'
import { countForSitemap, listForSitemap } from './seo.repository.ts'

/** robots.txt and the sitemaps: every public page in every language, each with its alternates. */
export const seoPages = new Hono<AppEnv>()

// Records per sitemap file; each gives one address per language, well under the 50,000 a file may hold.
export const SITEMAP_CHUNK = 5000
const CACHE = 'public, max-age=3600'
const STATIC_PAGES = ['/', '/news', '/calendar', '/people', '/organizations', '/publications', '/insights', '/search']
const SECTIONS = {
  posts: { path: (slug: string) => `/news/${slug}` },
  people: { table: 'person', path: (slug: string) => `/people/${slug}` },
  organizations: { table: 'organization', path: (slug: string) => `/organizations/${slug}` },
  publications: { table: 'publication', path: (slug: string) => `/publications/${slug}` },
} as const
type Section = keyof typeof SECTIONS

seoPages.get('/robots.txt', (c) => c.text([
  'User-agent: *',
  'Allow: /',
  'Disallow: /admin',
  'Disallow: /api/',
  // Result pages are endless and thin; the records they point to are in the sitemap.
  ...['', ...LANGUAGES.map((lang) => `/${lang}`)].map((prefix) => `Disallow: ${prefix}/search`),
  '',
  `Sitemap: ${siteUrl(c, '/sitemap.xml')}`,
  '',
].join('\n'), 200, { 'cache-control': CACHE }))

async function countOf(c: Context<AppEnv>, section: Section) {
  return section === 'posts' ? countPublicPosts(c.var.db, nowIso()) : countForSitemap(c.var.db, SECTIONS[section].table)
}

seoPages.get('/sitemap.xml', async (c) => {
  const files = [siteUrl(c, '/sitemaps/pages.xml')]
  for (const section of Object.keys(SECTIONS) as Section[]) {
    const chunks = Math.ceil(await countOf(c, section) / SITEMAP_CHUNK)
    for (let n = 1; n <= chunks; n++) files.push(siteUrl(c, `/sitemaps/${section}-${n}.xml`))
  }
  const xml = await streamToPromise(Readable.from(files.map((url) => ({ url }))).pipe(new SitemapIndexStream()))
  return c.body(xml.toString(), 200, { 'content-type': 'application/xml; charset=utf-8', 'cache-control': CACHE })
})

/** One entry per language of a page, each naming all versions (hreflang) as search engines ask. */
function entries(c: Context<AppEnv>, path: string, lastmod?: string) {
  const links = [...LANGUAGES.map((lang) => ({ lang, url: siteUrl(c, localizedPath(lang, path)) })),
    { lang: 'x-default', url: siteUrl(c, path) }]
  return LANGUAGES.map((lang) => ({ url: siteUrl(c, localizedPath(lang, path)), links, ...(lastmod ? { lastmod } : {}) }))
}

async function sitemap(c: Context<AppEnv>, items: { url: string }[]) {
  const stream = new SitemapStream({ hostname: siteUrl(c, '/'), xmlns: { xhtml: true, news: false, image: false, video: false } })
  const xml = await streamToPromise(Readable.from(items).pipe(stream))
  return c.body(xml.toString(), 200, { 'content-type': 'application/xml; charset=utf-8', 'cache-control': CACHE })
}

seoPages.get('/sitemaps/pages.xml', (c) => sitemap(c, STATIC_PAGES.flatMap((path) => entries(c, path))))

seoPages.get('/sitemaps/:file', async (c) => {
  const match = /^(posts|people|organizations|publications)-([1-9]\d{0,5})\.xml$/.exec(c.req.param('file'))
  if (!match) throw new NotFoundError('sitemap', c.req.param('file'))
  const section = match[1] as Section
  const offset = (Number(match[2]) - 1) * SITEMAP_CHUNK
  const rows = section === 'posts'
    ? await listPublicPostsForSitemap(c.var.db, nowIso(), offset, SITEMAP_CHUNK)
    : await listForSitemap(c.var.db, SECTIONS[section].table, offset, SITEMAP_CHUNK)
  if (!rows.length) throw new NotFoundError('sitemap', c.req.param('file'))
  return sitemap(c, rows.flatMap((r) => entries(c, SECTIONS[section].path(r.slug), r.updated_at)))
})
