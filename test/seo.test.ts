import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { expect, it } from 'vitest'
import { describeEachDialect } from './db.ts'
import { DEMO_POST_SLUGS } from './demo.ts'
import { makePost } from './factories.ts'
import { useTestServer } from './server.ts'

const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['url', 'sitemap', 'xhtml:link'].includes(name) })

interface SitemapUrl { loc: string; lastmod?: string; 'xhtml:link': { '@_hreflang': string; '@_href': string }[] }

describeEachDialect('robots.txt and the sitemaps', (dialect) => {
  const server = useTestServer(dialect, { demo: true })

  async function xml(path: string) {
    const response = await server().get(path)
    expect(response.status, path).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^application\/xml/)
    const text = await response.text()
    expect(XMLValidator.validate(text), path).toBe(true)
    return parser.parse(text)
  }

  it('robots.txt keeps crawlers out of the admin and the API and names the sitemap', async () => {
    const response = await server().get('/robots.txt')
    expect(response.status).toBe(200)
    const lines = (await response.text()).split('\n')
    expect(lines).toEqual(expect.arrayContaining(['User-agent: *', 'Disallow: /admin', 'Disallow: /api/', 'Disallow: /search',
      'Disallow: /ru/search', 'Disallow: /kk/search', `Sitemap: ${server().baseUrl}/sitemap.xml`]))
  })

  it('the sitemap index lists a sitemap for pages and for each kind of record', async () => {
    const index = await xml('/sitemap.xml')
    expect(index.sitemapindex['@_xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9')
    expect(index.sitemapindex.sitemap.map((s: { loc: string }) => s.loc.replace(server().baseUrl, ''))).toEqual([
      '/sitemaps/pages.xml', '/sitemaps/posts-1.xml', '/sitemaps/people-1.xml', '/sitemaps/organizations-1.xml', '/sitemaps/publications-1.xml'])
  })

  it('every public post is listed in all three languages, each with its hreflang alternates', async () => {
    const urls: SitemapUrl[] = (await xml('/sitemaps/posts-1.xml')).urlset.url
    expect(urls).toHaveLength(DEMO_POST_SLUGS.length * 3)
    const slug = DEMO_POST_SLUGS[0]!
    const ru = urls.find((u) => u.loc === `${server().baseUrl}/ru/news/${slug}`)!
    expect(Object.fromEntries(ru['xhtml:link'].map((l) => [l['@_hreflang'], l['@_href'].replace(server().baseUrl, '')]))).toEqual({
      en: `/en/news/${slug}`, ru: `/ru/news/${slug}`, kk: `/kk/news/${slug}`, 'x-default': `/news/${slug}`,
    })
    expect(ru.lastmod).toMatch(/^\d{4}-\d{2}-\d{2}/)
    for (const url of urls.filter((u) => u.loc.includes('/kk/')).slice(0, 3)) {
      expect((await server().get(url.loc.replace(server().baseUrl, ''))).status, url.loc).toBe(200)
    }
  })

  it('drafts stay out; people, organizations and publications are listed', async () => {
    await makePost(server().db, { title: 'Unpublished draft for the sitemap', status: 'draft' })
    const posts: SitemapUrl[] = (await xml('/sitemaps/posts-1.xml')).urlset.url
    expect(posts.some((u) => u.loc.includes('unpublished-draft'))).toBe(false)
    const people: SitemapUrl[] = (await xml('/sitemaps/people-1.xml')).urlset.url
    expect(people.map((u) => u.loc)).toContain(`${server().baseUrl}/en/people/botagoz-rakisheva`)
    const pages: SitemapUrl[] = (await xml('/sitemaps/pages.xml')).urlset.url
    expect(pages.map((u) => u.loc)).toContain(`${server().baseUrl}/kk/calendar`)
    expect(pages.map((u) => u.loc)).toContain(`${server().baseUrl}/ru/insights`)
  })

  it('a sitemap past the end, or of something else, is a 404', async () => {
    for (const path of ['/sitemaps/posts-2.xml', '/sitemaps/secrets-1.xml', '/sitemaps/posts-0.xml']) {
      expect((await server().get(path)).status, path).toBe(404)
    }
  })
})
