import { describe, expect, it } from 'vitest'
import { describeEachDialect } from './db.ts'
import { linksOf, openPage, textOf, textsOf } from './html.ts'
import { type TestServer, useTestServer } from './server.ts'

// /search and /api/v1/search over the demo archive, on a real port, on both engines.

async function getJson(server: TestServer, path: string, status = 200) {
  const response = await server.get(path)
  expect(response.status, path).toBe(status)
  expect(response.headers.get('content-type'), path).toMatch(status === 200 ? /^application\/json/ : /^application\/problem\+json/)
  return response.json() as Promise<any>
}

const HOSTILE = ['NEAR(', 'NEAR(conference, 2)', '*', '"', '"conference', 'conference"', "'; DROP TABLE post; --", '%', '_',
  '%25', '\\', '()', '{terms}:x', 'a:* & !b', '<script>alert(1)</script>', '\u202e\u200b', '😀', 'x'.repeat(10_000)]

describeEachDialect('search over HTTP', (dialect) => {
  const server = useTestServer(dialect, { demo: true })

  describe('/search', () => {
    it('without a query explains what one can search, and is not an error', async () => {
      const page = await openPage(server(), '/search')
      expect(page.status).toBe(200)
      expect(textOf(page.root.querySelector('h2#how'))).toBe('What you can search')
      expect(page.root.querySelector('input[name="q"]')?.getAttribute('value')).toBe('')
    })

    it('shows results grouped by type with marked snippets, and facets with counts', async () => {
      const page = await openPage(server(), '/search?q=%D0%A0%D0%B0%D0%BA%D0%B8%D1%88%D0%B5%D0%B2%D0%B0')
      expect(page.status).toBe(200)
      expect(textsOf(page.root, 'main section h2[id^="results-"]')).toEqual(['People (1)', 'News (9)', 'Activities (9)', 'Publications (1)'])
      expect(page.root.querySelector('#results-person + ul a')?.getAttribute('href')).toBe('/people/botagoz-rakisheva')
      expect(page.html).toContain('<mark>Rakisheva</mark>')
      const years = linksOf(page.root, 'aside.facets section[aria-labelledby="facet-year"] a')
      expect(years).toEqual([{ text: '2024 19', href: '/search?q=%D0%A0%D0%B0%D0%BA%D0%B8%D1%88%D0%B5%D0%B2%D0%B0&year=2024' }])
      expect(page.root.querySelectorAll('#results-post + ul > li')).toHaveLength(5)
      expect(linksOf(page.root, 'section[aria-labelledby="results-post"] > p > a')[0]?.href)
        .toBe('/search?q=%D0%A0%D0%B0%D0%BA%D0%B8%D1%88%D0%B5%D0%B2%D0%B0&type=post')
    })

    it('follows a facet link to fewer results, and offers to remove it', async () => {
      const all = await openPage(server(), '/search?q=Rakisheva')
      const workshop = linksOf(all.root, 'aside.facets section[aria-labelledby="facet-kind"] a').find((l) => l.text.startsWith('Workshop'))!
      expect(workshop.text).toBe('Workshop 2')
      const filtered = await openPage(server(), workshop.href!)
      expect(textsOf(filtered.root, 'main section h2[id^="results-"]')).toEqual(['News (1)', 'Activities (1)'])
      expect(textOf(filtered.root.querySelector('form.search-form p.meta'))).toBe('Filtered by kind of activity Workshop (remove)')
      expect(filtered.root.querySelector('form.search-form input[name="kind"]')?.getAttribute('value')).toBe('workshop')
    })

    it('pages through one type', async () => {
      const page = await openPage(server(), '/search?q=Rakisheva&type=post')
      expect(textsOf(page.root, 'main section h2[id^="results-"]')).toEqual(['News (9)'])
      expect(page.root.querySelectorAll('#results-post + ul > li')).toHaveLength(9)
      expect(linksOf(page.root, 'main p.meta a')[0]).toEqual({ text: '← All results', href: '/search?q=Rakisheva' })
    })

    it('answers hostile and overlong queries with a page, never a server error', async () => {
      for (const q of HOSTILE) {
        const page = await openPage(server(), `/search?q=${encodeURIComponent(q)}`)
        expect(page.status, q.slice(0, 40)).toBe(200)
        expect(page.html).not.toContain('<script>alert')
      }
      const long = await openPage(server(), `/search?q=${'conference+'.repeat(910)}`)
      expect(textsOf(long.root, 'p.notice')).toContain('The query was cut to its first 200 characters.')
      expect(textsOf(long.root, 'main section h2[id^="results-"]')).toEqual(['News (1)', 'Activities (1)'])
    })

    it('says when nothing matches', async () => {
      const page = await openPage(server(), '/search?q=xylophone')
      expect(textOf(page.root.querySelector('.notice p'))).toBe('Nothing public matches “xylophone”.')
    })

    it('refuses a bad filter with a clear message', async () => {
      const page = await openPage(server(), '/search?q=x&year=soon')
      expect(page.status).toBe(400)
      expect(page.html).toContain('year must be a year such as 2024')
    })

    it('puts a search box in every page header and serves its script', async () => {
      const home = await openPage(server(), '/')
      const form = home.root.querySelector('header form[role="search"]')
      expect(form?.getAttribute('action')).toBe('/search')
      const script = home.root.querySelector('script[type="module"][src*="/static/search."]')!.getAttribute('src')!
      const response = await server().get(script)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    })
  })

  describe('/api/v1/search', () => {
    it('gives groups, snippets and facets as JSON', async () => {
      const body = await getJson(server(), '/api/v1/search?q=somuncuoglu')
      expect(body.total).toBe(3)
      expect(body.groups.map((g: any) => [g.type, g.total])).toEqual([['person', 1], ['post', 1], ['activity', 1]])
      expect(body.groups[0].items[0]).toMatchObject({
        type: 'person', slug: 'anar-somuncuoglu', url: `${server().baseUrl}/people/anar-somuncuoglu`, title: 'Anar Somuncuoğlu',
        titleHtml: 'Anar <mark>Somuncuoğlu</mark>',
      })
      expect(body.facets.year).toEqual([{ value: '2024', label: '2024', count: 2, selected: false,
        url: `${server().baseUrl}/api/v1/search?q=somuncuoglu&year=2024` }])
    })

    it('combines facets and says which are applied', async () => {
      const meetings = await getJson(server(), '/api/v1/search?q=Rakisheva&kind=meeting')
      expect(meetings.groups.map((g: any) => [g.type, g.total])).toEqual([['post', 3], ['activity', 3]])
      expect(meetings.facets.person.map((v: any) => [v.value, v.count]))
        .toEqual([['botagoz-rakisheva', 6], ['frederick-starr', 2], ['maulen-ashimbayev', 2]])
      const body = await getJson(server(), '/api/v1/search?q=Rakisheva&kind=meeting&person=frederick-starr')
      expect(body.filters).toEqual([{ name: 'kind', value: 'meeting', label: 'Meeting' },
        { name: 'person', value: 'frederick-starr', label: 'Frederick Starr' }])
      expect(body.groups.map((g: any) => [g.type, g.total])).toEqual([['post', 1], ['activity', 1]])
      expect(body.facets.person.find((v: any) => v.value === 'frederick-starr')).toMatchObject({ selected: true, count: 2 })
    })

    it('answers an empty query with a message, not an error', async () => {
      const body = await getJson(server(), '/api/v1/search')
      expect(body).toMatchObject({ total: 0, groups: [], message: expect.stringMatching(/^Give q/) })
    })

    it('answers hostile queries with JSON', async () => {
      for (const q of HOSTILE) await getJson(server(), `/api/v1/search?q=${encodeURIComponent(q)}`)
    })

    it('refuses bad parameters as problem+json', async () => {
      const problem = await getJson(server(), '/api/v1/search?q=x&type=everything', 400)
      expect(problem.detail).toMatch(/type must be one of post, activity, person, organization, publication/)
    })

    it('suggests names as you type, Latin or Cyrillic', async () => {
      const latin = await getJson(server(), '/api/v1/search/suggest?q=Rak')
      expect(latin.data).toEqual([{ type: 'person', slug: 'botagoz-rakisheva', name: 'Botagoz Rakisheva', matchedName: null,
        url: `${server().baseUrl}/people/botagoz-rakisheva` }])
      const cyrillic = await getJson(server(), '/api/v1/search/suggest?q=%D0%95%D1%81%D0%B8%D0%BC')
      expect(cyrillic.data.map((s: any) => [s.slug, s.matchedName])).toEqual([['kalamkas-yessimova', 'Есимова Каламкас']])
      expect((await getJson(server(), '/api/v1/search/suggest?q=')).data).toEqual([])
    })
  })
})
