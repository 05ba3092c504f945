import { beforeAll, describe, expect, it } from 'vitest'
import { describeEachDialect } from '../../test/db.ts'
import { openPage, textOf, textsOf } from '../../test/html.ts'
import { makePerson } from '../../test/factories.ts'
import { useTestServer } from '../../test/server.ts'
import { createActivity } from '../activities/activity.service.ts'
import type { Db, PostStatus } from '../db/database.ts'
import { documentIdSql } from '../db/migrations/0013_search_speed.ts'
import { rebuildSearchIndex } from './search.indexer.ts'
import { SearchInputSchema } from './search.schema.ts'
import { EXACT_COUNT, FACET_SAMPLE, search, type SearchResults } from './search.service.ts'
import { foldText } from './search-terms.ts'

// An archive with more matches of one word than search counts exactly: the first pages must still be
// the newest in the right order, a count that is estimated must say so, and counts under the limit stay exact.

const NOW = new Date('2021-06-01T12:00:00Z')
const POSTS = 2_600
const KINDS = ['conference', 'seminar', 'workshop'] as const
const COUNTRIES = ['KZ', 'UZ', 'TR', 'DE'] as const
// Four posts a day, two at the same time: the order within a day is by time, then by title.
const TIMES = ['T09:00:00.000Z', 'T09:00:00.000Z', 'T15:00:00.000Z', 'T07:00:00.000Z']
const TITLES = ['Delta', 'Alpha', 'Charlie', 'Bravo']

interface MadePost {
  id: number; slug: string; title: string; publishedAt: string; kind: string; country: string; withSpeaker: boolean; isPublic: boolean
}

async function makeArchive(db: Db) {
  const speaker = await makePerson(db, { name: 'Gulnara Abenova' })
  // Undated records go by name; these share their first letters, and one is written in Cyrillic.
  for (const name of ['Zed Harvey', 'Alina Harvey', 'Ali Harvey', 'Albert Harvey', 'Alim Harvey', 'Әлия Сейтқали']) await makePerson(db, { name })
  const activities = []
  for (let i = 0; i < 12; i++) {
    const kind = KINDS[i % KINDS.length]!
    const country = COUNTRIES[i % COUNTRIES.length]!
    const { id } = await createActivity(db, {
      slug: `field-day-${i}`, kind, name: `Field day ${i}`, startsOn: '2019-01-01', endsOn: null, city: null, country,
      format: null, internal: false,
      participations: i % 2 ? [] : [{ personId: speaker.id, organizationId: null, role: 'speaker', affiliationId: null, jobTitle: null, internal: false }],
    }, 'test')
    activities.push({ id, kind, country, withSpeaker: i % 2 === 0 })
  }
  const posts: MadePost[] = []
  const rows = []
  const start = Date.UTC(2019, 0, 1)
  for (let i = 0; i < POSTS; i++) {
    const day = new Date(start + Math.floor(i / 4) * 86_400_000).toISOString().slice(0, 10)
    const activity = activities[i % activities.length]!
    // The newest few wait for their time or are drafts: never found.
    const status: PostStatus = i >= POSTS - 3 ? 'scheduled' : i === POSTS - 4 ? 'draft' : 'published'
    const publishedAt = status === 'scheduled' ? '2099-07-01T09:00:00.000Z' : `${day}${TIMES[i % 4]}`
    const title = `${TITLES[i % 4]} harvest note ${i}`
    rows.push({
      slug: `harvest-note-${i}`, lang: 'en', title, summary: '', body: `The harvest of day ${i} was counted.`, status,
      published_at: status === 'draft' ? null : publishedAt, activity_id: activity.id, author_id: null, source_hash: null,
      created_at: publishedAt, updated_at: publishedAt,
    })
    posts.push({ id: 0, slug: `harvest-note-${i}`, title, publishedAt, kind: activity.kind, country: activity.country,
      withSpeaker: activity.withSpeaker, isPublic: status === 'published' })
  }
  for (let at = 0; at < rows.length; at += 200) await db.insertInto('post').values(rows.slice(at, at + 200)).execute()
  const ids = new Map((await db.selectFrom('post').select(['id', 'slug']).execute()).map((r) => [r.slug, r.id]))
  for (const post of posts) post.id = ids.get(post.slug)!
  await rebuildSearchIndex(db)
  return { posts, speaker }
}

/** The public posts in the order search promises: newest first, then by title, then the latest record. */
function inResultOrder(posts: MadePost[]) {
  return posts.filter((p) => p.isPublic).sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : 0)
    || (foldText(a.title) < foldText(b.title) ? -1 : foldText(a.title) > foldText(b.title) ? 1 : 0) || b.id - a.id)
}

const slugs = (r: SearchResults) => r.groups.flatMap((g) => g.hits.map((h) => h.slug))
const facet = (r: SearchResults, name: string) =>
  Object.fromEntries(r.facets.find((f) => f.name === name)?.values.map((v) => [v.value, v.count]) ?? [])
const countBy = (posts: MadePost[], key: (p: MadePost) => string) =>
  posts.reduce<Record<string, number>>((counts, p) => ({ ...counts, [key(p)]: (counts[key(p)] ?? 0) + 1 }), {})

describeEachDialect('search over an archive with thousands of matches', (dialect) => {
  const server = useTestServer(dialect)
  let ordered: MadePost[]
  let speakerSlug: string
  const find = (fields: Record<string, unknown>) => search(server().db, SearchInputSchema.parse(fields), NOW)
  beforeAll(async () => {
    const made = await makeArchive(server().db)
    ordered = inResultOrder(made.posts)
    speakerSlug = made.speaker.slug
  })

  it('shows the newest posts of a common word first, and says the count is an estimate', async () => {
    expect(ordered.length).toBeGreaterThan(2 * EXACT_COUNT)
    const r = await find({ q: 'harvest' })
    const news = r.groups.find((g) => g.type === 'post')!
    expect(news.hits.map((h) => h.slug)).toEqual(ordered.slice(0, 5).map((p) => p.slug))
    expect(news.totalIsEstimate).toBe(true)
    expect(r.totalIsEstimate).toBe(true)
    // Spread evenly over the days, the matches read first tell well how many there are.
    expect(Math.abs(news.total - ordered.length) / ordered.length).toBeLessThan(0.1)
    expect(r.facetsCounted).toBeLessThanOrEqual(FACET_SAMPLE + 5)
  })

  it('pages through them in order, past the matches it counts', async () => {
    const page3 = await find({ q: 'harvest', type: 'post', pageSize: 20, page: 3 })
    expect(slugs(page3)).toEqual(ordered.slice(40, 60).map((p) => p.slug))
    expect(page3.hasMore).toBe(true)
    const deep = await find({ q: 'harvest', type: 'post', pageSize: 20, page: 60 })
    expect(slugs(deep)).toEqual(ordered.slice(1180, 1200).map((p) => p.slug))
  })

  it('finds the same by the start of the word', async () => {
    expect(slugs(await find({ q: 'harv', type: 'post', pageSize: 30 }))).toEqual(ordered.slice(0, 30).map((p) => p.slug))
  })

  it('shows the newest of a year first', async () => {
    const r = await find({ q: 'harvest', year: 2019, type: 'post' })
    expect(slugs(r)).toEqual(ordered.filter((p) => p.publishedAt.startsWith('2019')).slice(0, 20).map((p) => p.slug))
  })

  it('counts exactly, facets too, when a filter leaves fewer matches than the limit', async () => {
    const conferences = ordered.filter((p) => p.kind === 'conference')
    expect(conferences.length).toBeLessThan(EXACT_COUNT)
    const r = await find({ q: 'harvest', kind: 'conference' })
    expect(r.totalIsEstimate).toBe(false)
    expect(r.groups.map((g) => [g.type, g.total])).toEqual([['post', conferences.length]])
    expect(r.facetsCounted).toBe(conferences.length)
    expect(facet(r, 'year')).toEqual(countBy(conferences, (p) => p.publishedAt.slice(0, 4)))
    expect(facet(r, 'country')).toEqual(countBy(conferences, (p) => p.country))
    expect(facet(r, 'kind')).toEqual({ conference: conferences.length })
    const spoken = conferences.filter((p) => p.withSpeaker).length
    expect(facet(r, 'person')).toEqual({ [speakerSlug]: spoken })
    expect(facet(r, 'role')).toEqual({ speaker: spoken })
    expect(slugs(r)).toEqual(conferences.slice(0, 5).map((p) => p.slug))
  })

  it('lists people by name', async () => {
    const r = await find({ q: 'harvey' })
    expect(r.groups.map((g) => g.hits.map((h) => h.title))).toEqual([['Albert Harvey', 'Ali Harvey', 'Alim Harvey', 'Alina Harvey', 'Zed Harvey']])
  })

  it('gives every document the id migration 0013 gives it in SQL', async () => {
    const { db } = server()
    const rows = await db.selectFrom('search_document').select(['id', documentIdSql(dialect).as('computed')]).execute()
    expect(rows.length).toBeGreaterThan(POSTS)
    expect(rows.filter((r) => Number(r.id) !== Number(r.computed))).toEqual([])
  })

  it('indexes every word of a name among the words of its document, where an unfiltered match finds it', async () => {
    const rows = await server().db.selectFrom('search_document').select(['slug', 'terms', 'name_terms']).where('name_terms', '<>', '').execute()
    expect(rows.length).toBeGreaterThan(5)
    const missing = rows.filter((r) => { const terms = new Set(r.terms.split(' ')); return r.name_terms.split(' ').some((t) => !terms.has(t)) })
    expect(missing.map((r) => r.slug)).toEqual([])
  })

  describe('over HTTP', () => {
    it('says "about" on the page and in the API when the count is an estimate', async () => {
      const page = await openPage(server(), '/search?q=harvest')
      expect(textOf(page.root.querySelector('main div.grid p.meta'))).toMatch(/^About [\d,]+ results for “harvest”$/)
      expect(textsOf(page.root, 'main section h2[id^="results-"]')).toEqual([expect.stringMatching(/^News \(about [\d,]+\)$/)])
      expect(textOf(page.root.querySelector('aside.facets p.meta'))).toMatch(/^Counted among [\d,]+ of about [\d,]+ results: the newest of each kind\.$/)
      const body = await (await server().get('/api/v1/search?q=harvest')).json() as { totalIsEstimate: boolean; groups: { totalIsEstimate: boolean }[] }
      expect(body.totalIsEstimate).toBe(true)
      expect(body.groups.map((g) => g.totalIsEstimate)).toEqual([true])
    })

    it('gives an exact count without "about"', async () => {
      const page = await openPage(server(), '/search?q=harvest&kind=conference')
      const conferences = ordered.filter((p) => p.kind === 'conference').length
      expect(textOf(page.root.querySelector('main div.grid p.meta'))).toBe(`${conferences} results for “harvest”`)
      const body = await (await server().get('/api/v1/search?q=harvest&kind=conference')).json() as { total: number; totalIsEstimate: boolean }
      expect(body).toMatchObject({ total: conferences, totalIsEstimate: false })
    })
  })
})
