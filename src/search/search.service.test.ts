import { beforeAll, describe, expect, it } from 'vitest'
import { describeEachDialect, useTestDb } from '../../test/db.ts'
import { activityStore } from '../activities/activity.store.ts'
import { createActivity } from '../activities/activity.service.ts'
import type { Db } from '../db/database.ts'
import type { ParticipationRole } from '../lib/vocabulary.ts'
import { createPost } from '../news/post.service.ts'
import { postStore } from '../news/post.store.ts'
import { createOrganization } from '../organizations/organization.service.ts'
import { createPerson } from '../people/person.service.ts'
import { personStore } from '../people/person.store.ts'
import { createPublication } from '../publications/publication.service.ts'
import { deleteRecord, saveSnapshot } from '../revisions/index.ts'
import { rebuildSearchIndex } from './search.indexer.ts'
import { SearchInputSchema } from './search.schema.ts'
import { search, type SearchResults, suggestNames } from './search.service.ts'

// The same archive and the same expected results on SQLite and PostgreSQL.

const NOW = new Date('2025-01-15T12:00:00Z')

type Party = { person?: number; organization?: number; role: ParticipationRole; internal?: boolean }

async function makeArchive(db: Db) {
  const org = async (slug: string, name: string, variants: string[], country: string) =>
    (await createOrganization(db, { slug, name, variants, kind: null, country, parentId: null, website: null }, 'test')).id
  const person = async (slug: string, name: string, variants: string[] = []) =>
    (await createPerson(db, { slug, name, variants, honorific: null, degree: null, biography: null, affiliations: [] }, 'test')).id
  const activity = async (slug: string, kind: string, name: string, startsOn: string, city: string, country: string,
    parties: Party[], internal = false) => (await createActivity(db, {
    slug, kind, name, startsOn, endsOn: null, city, country, format: null, internal,
    participations: parties.map((p) => ({ personId: p.person ?? null, organizationId: p.organization ?? null, role: p.role,
      affiliationId: null, jobTitle: null, internal: p.internal ?? false })),
  }, 'test')).id
  const post = (slug: string, title: string, body: string, publishedAt: string | null, activityId: number | null,
    status: 'published' | 'draft' | 'scheduled' = 'published', lang = 'en',
    translations: { lang: string; title: string; summary: string; body: string }[] = []) =>
    createPost(db, { slug, lang, title, summary: '', body, status, publishedAt, activityId, links: [], translations }, 'test')

  const institute = await org('pori', 'Public Opinion Research Institute', ['PORI'], 'KZ')
  const hacettepe = await org('hacettepe-university', 'Hacettepe University', [], 'TR')
  const rakisheva = await person('botagoz-rakisheva', 'Botagoz Rakisheva', ['Ракишева Ботагоз'])
  const somuncuoglu = await person('anar-somuncuoglu', 'Anar Somuncuoğlu')
  const secret = await person('zhanna-secretova', 'Zhanna Secretova')
  await person('nurlan-abenov', 'Нұрлан Әбенов')

  const migration = await activity('migration-conference', 'conference', 'International conference on migration', '2024-04-25',
    'Almaty', 'KZ', [{ person: rakisheva, role: 'speaker' }, { organization: institute, role: 'organizer' },
      { person: secret, role: 'participant', internal: true }])
  const youth = await activity('youth-round-table', 'round-table', 'Round table on youth employment', '2023-05-10', 'Astana', 'KZ',
    [{ person: somuncuoglu, role: 'speaker' }, { organization: hacettepe, role: 'partner' }])
  const board = await activity('board-meeting', 'meeting', 'Closed board meeting on the budget', '2024-02-01', 'Astana', 'KZ',
    [{ person: rakisheva, role: 'participant' }], true)
  const turkic = await activity('turkic-conference', 'conference', 'Conference on Turkic studies', '2023-11-02', 'Ankara', 'TR',
    [{ person: somuncuoglu, role: 'moderator' }, { person: rakisheva, role: 'speaker' }, { organization: hacettepe, role: 'organizer' }])
  const russian = await activity('astana-konferentsiya', 'conference', 'Конференция по вопросам миграции', '2024-09-10', 'Astana', 'KZ',
    [{ person: rakisheva, role: 'organizer' }])

  await post('migration-news', 'Institute holds conference on migration',
    'Botagoz Rakisheva presented the findings of the survey on labour migration. Dr. Anar Somuncuoğlu discussed the methodology.',
    '2024-04-26T09:00:00.000Z', migration)
  await post('youth-news', 'Round table on youth employment',
    'Experts discussed youth unemployment in the regions. The presentation covered the survey of graduates.',
    '2023-05-11T09:00:00.000Z', youth, 'published', 'en',
    [{ lang: 'ru', title: 'Круглый стол о занятости молодёжи', summary: '', body: 'Эксперты обсудили **безработицу** среди выпускников.' }])
  await post('board-news', 'Budget meeting held', 'A confidential xyzzysecret budget discussion.', '2024-02-02T09:00:00.000Z', board)
  await post('draft-news', 'Draft about migration', 'An unpublishedword in a draft.', null, null, 'draft')
  await post('russian-news', 'В Астане прошла конференция',
    'В конференциях участвовали социологи. Ракишева Ботагоз выступила с докладом о миграции.',
    '2024-09-11T09:00:00.000Z', russian, 'published', 'ru')
  await post('turkic-news', 'Conferences on Turkic studies in Ankara',
    'Somuncuoglu moderated the sessions. Participants presented papers on Turkic history.', '2023-11-03T09:00:00.000Z', turkic)
  await post('future-news', 'Announcement of the zebrafuture forum', 'Soon.', '2025-03-01T09:00:00.000Z', null, 'scheduled')
  await createPublication(db, {
    slug: 'gender-equality', kind: 'report', title: 'Public perception of gender equality', summary: 'A sociological study.',
    publishedOn: '2024-03-05', activityId: null, sampleSize: null, regions: null, methods: [],
    contributors: [{ personId: null, organizationId: institute, role: 'author' }, { personId: rakisheva, organizationId: null, role: 'presenter' }],
  }, 'test')
  return { youth, migration }
}

const input = (fields: Record<string, unknown>) => SearchInputSchema.parse(fields)
/** Every result as type:slug, group by group, in order. */
const found = (r: SearchResults) => r.groups.flatMap((g) => g.hits.map((h) => `${h.type}:${h.slug}`))
const facet = (r: SearchResults, name: string) =>
  Object.fromEntries(r.facets.find((f) => f.name === name)?.values.map((v) => [v.value, v.count]) ?? [])

describeEachDialect('search', (dialect) => {
  const db = useTestDb(dialect)
  const find = async (q: string, fields: Record<string, unknown> = {}, now = NOW) =>
    search(db().db, input({ q, ...fields }), now)
  let ids: Awaited<ReturnType<typeof makeArchive>>
  beforeAll(async () => { ids = await makeArchive(db().db) })

  describe('word forms', () => {
    it('finds conference and conferences alike, and an activity of that kind', async () => {
      const expected = ['post:russian-news', 'post:migration-news', 'post:turkic-news',
        'activity:astana-konferentsiya', 'activity:migration-conference', 'activity:turkic-conference']
      expect(found(await find('conferences'))).toEqual(expected)
      expect(found(await find('conference'))).toEqual(expected)
    })

    it('joins presented and presentation through their English stem', async () => {
      expect(found(await find('presented'))).toEqual(['post:migration-news', 'post:turkic-news', 'post:youth-news'])
      expect(found(await find('presentation'))).toEqual(found(await find('presented')))
    })

    it('joins Russian forms: конференция, конференции, конференциях', async () => {
      const expected = ['post:russian-news', 'activity:astana-konferentsiya']
      for (const q of ['конференция', 'конференции', 'конференциях']) expect(found(await find(q)), q).toEqual(expected)
    })

    it('matches a Russian word in another case: миграция finds миграции', async () => {
      expect(found(await find('миграция'))).toEqual(['post:russian-news', 'activity:astana-konferentsiya'])
    })

    it('finds a post by the words of its version in another language, and shows them', async () => {
      const r = await find('безработица выпускники')
      expect(found(r)).toEqual(['post:youth-news'])
      expect(r.groups[0]!.hits[0]!.snippetHtml).toContain('обсудили <mark>безработицу</mark> среди <mark>выпускников</mark>')
    })

    it('ignores case', async () => {
      expect(found(await find('CONFERENCE'))).toEqual(found(await find('conference')))
    })

    it('ignores diacritics, both ways', async () => {
      const expected = ['person:anar-somuncuoglu', 'post:migration-news', 'post:turkic-news', 'activity:turkic-conference',
        'activity:youth-round-table']
      expect(found(await find('somuncuoglu'))).toEqual(expected)
      expect(found(await find('Somuncuoğlu'))).toEqual(expected)
      expect(found(await find('SOMUNCUOĞLU'))).toEqual(expected)
    })

    it('needs every word: conference Ankara', async () => {
      expect(found(await find('conference Ankara'))).toEqual(['post:turkic-news', 'activity:turkic-conference'])
    })

    it('lets the last word be the start of a word', async () => {
      expect(found(await find('Rakish'))).toEqual(found(await find('Rakisheva')))
      expect(found(await find('Hacet'))).toContain('organization:hacettepe-university')
    })
  })

  describe('names in Latin and Cyrillic', () => {
    const everywhereShe = ['person:botagoz-rakisheva', 'post:russian-news', 'post:migration-news',
      'activity:astana-konferentsiya', 'activity:migration-conference', 'activity:turkic-conference', 'publication:gender-equality']

    it('finds a person by the Latin name', async () => {
      expect(found(await find('Botagoz Rakisheva'))).toEqual(everywhereShe)
    })

    it('finds the same by the Cyrillic variant', async () => {
      expect(found(await find('Ракишева Ботагоз'))).toEqual(everywhereShe)
      expect(found(await find('Ракишева'))).toEqual(found(await find('rakisheva')))
    })

    it('finds a Cyrillic text by a Latin query: Rakisheva finds the Russian post', async () => {
      expect(found(await find('Rakisheva'))).toContain('post:russian-news')
    })

    it('transliterates Kazakh letters: Нұрлан Әбенов is found as Nurlan Abenov', async () => {
      expect(found(await find('Nurlan Abenov'))).toEqual(['person:nurlan-abenov'])
      expect(found(await find('Нурлан Абенов'))).toEqual(['person:nurlan-abenov'])
    })

    it('finds an organization by its acronym, and what it took part in', async () => {
      expect(found(await find('PORI'))).toEqual(['organization:pori', 'activity:migration-conference', 'publication:gender-equality'])
    })
  })

  describe('what the public may not see', () => {
    it('leaves out the posts and activities of internal activities', async () => {
      expect(found(await find('xyzzysecret'))).toEqual([])
      expect(found(await find('budget'))).toEqual([])
    })

    it('leaves out drafts', async () => {
      expect(found(await find('unpublishedword'))).toEqual([])
      expect(found(await find('migration'))).not.toContain('post:draft-news')
    })

    it('shows a scheduled post only from its time on', async () => {
      expect(found(await find('zebrafuture'))).toEqual([])
      expect(found(await find('zebrafuture', {}, new Date('2025-03-02T00:00:00Z')))).toEqual(['post:future-news'])
    })

    it('does not find an activity by a participant marked internal, nor counts them in a facet', async () => {
      expect(found(await find('Secretova'))).toEqual(['person:zhanna-secretova'])
      expect(facet(await find('migration'), 'person')).not.toHaveProperty('zhanna-secretova')
      expect(found(await find('', { person: 'zhanna-secretova' }))).toEqual([])
    })

    it('counts no internal record in a facet', async () => {
      const r = await find('', { person: 'botagoz-rakisheva' })
      expect(found(r)).toEqual(['post:russian-news', 'post:migration-news', 'post:turkic-news',
        'activity:astana-konferentsiya', 'activity:migration-conference', 'activity:turkic-conference', 'publication:gender-equality'])
      expect(facet(r, 'kind')).toEqual({ conference: 6 })
      expect(facet(r, 'year')).toEqual({ 2024: 5, 2023: 2 })
    })
  })

  describe('facets', () => {
    it('counts the matches of each value', async () => {
      const r = await find('conference')
      expect(r.total).toBe(6)
      expect(facet(r, 'year')).toEqual({ 2024: 4, 2023: 2 })
      expect(facet(r, 'country')).toEqual({ KZ: 4, TR: 2 })
      expect(facet(r, 'kind')).toEqual({ conference: 6 })
      expect(facet(r, 'role')).toEqual({ speaker: 4, organizer: 6, moderator: 2 })
      expect(facet(r, 'person')).toEqual({ 'botagoz-rakisheva': 6, 'anar-somuncuoglu': 2 })
    })

    it('filters by one facet', async () => {
      expect(found(await find('conference', { year: 2023 }))).toEqual(['post:turkic-news', 'activity:turkic-conference'])
      expect(found(await find('', { kind: 'round-table' }))).toEqual(['post:youth-news', 'activity:youth-round-table'])
    })

    it('combines facets: all must hold', async () => {
      expect(found(await find('conference', { year: 2024, country: 'kz' }))).toEqual(['post:russian-news', 'post:migration-news',
        'activity:astana-konferentsiya', 'activity:migration-conference'])
      expect(found(await find('', { person: 'anar-somuncuoglu', role: 'moderator' }))).toEqual(['post:turkic-news', 'activity:turkic-conference'])
      expect(found(await find('conference', { year: 2023, country: 'KZ' }))).toEqual([])
    })

    it('counts within the filtered matches and marks the chosen value', async () => {
      const r = await find('conference', { country: 'TR' })
      expect(facet(r, 'year')).toEqual({ 2023: 2 })
      expect(r.facets.find((f) => f.name === 'country')?.values).toEqual([{ value: 'TR', label: 'Türkiye', count: 2, selected: true }])
      expect(r.filters).toEqual([{ name: 'country', label: 'Country', value: 'TR', valueLabel: 'Türkiye' }])
    })

    it('filters by an organization and shows one type a page at a time', async () => {
      const r = await find('', { organization: 'hacettepe-university', type: 'activity', pageSize: 1 })
      expect(found(r)).toEqual(['activity:turkic-conference'])
      expect(r.hasMore).toBe(true)
      const next = await find('', { organization: 'hacettepe-university', type: 'activity', pageSize: 1, page: 2 })
      expect(found(next)).toEqual(['activity:youth-round-table'])
      expect(next.hasMore).toBe(false)
    })

    it('says so when a filter names no record', async () => {
      const r = await find('conference', { person: 'nobody-at-all' })
      expect(found(r)).toEqual([])
      expect(r.notices).toEqual(['No person has the address “nobody-at-all”.'])
    })
  })

  describe('empty, odd and hostile queries', () => {
    it('treats an empty query as nothing to search, not an error', async () => {
      for (const q of ['', '   ']) {
        const r = await find(q)
        expect(r.isEmpty).toBe(true)
        expect(r.groups).toEqual([])
      }
    })

    it('passes FTS operators as plain words', async () => {
      for (const q of ['NEAR(', 'NEAR(conference, 2)', '*', 'conf*', '"', '"conference', 'conference"', '(', ')', ':', '^',
        'AND', 'OR NOT', 'conference OR', '-conference', '{terms}:x', "'", "'''", 'a & b | !c', 'x:*']) {
        await expect(find(q), q).resolves.toBeDefined()
      }
      expect(found(await find('conference"'))).toEqual(found(await find('conference')))
      expect(found(await find('"conference'))).toEqual(found(await find('conference')))
      expect(found(await find('NEAR(conference'))).toEqual([])
    })

    it('survives SQL in the query and keeps the tables', async () => {
      expect(found(await find("'; DROP TABLE post; --"))).toEqual([])
      expect(found(await find('migration'))).toContain('post:migration-news')
    })

    it('does not treat % and _ as wildcards', async () => {
      for (const q of ['%', '_', '%%', 'migr%', '_igration']) expect(found(await find(q)), q).toEqual([])
    })

    it('cuts a 10,000-character query and says so', async () => {
      const r = await find('conference '.repeat(910))
      expect(r.notices[0]).toMatch(/cut to its first 200 characters/)
      expect(found(r)).toEqual(found(await find('conference')))
      await expect(find('x'.repeat(10_000))).resolves.toBeDefined()
      await expect(find('щ'.repeat(10_000))).resolves.toBeDefined()
    })

    it('searches only the first words of a long list of words', async () => {
      const r = await find('conference migration Rakisheva Almaty institute holds survey labour findings methodology')
      expect(r.notices).toContain('Only the first 8 words were searched.')
    })

    it('gives a clear message for Unicode junk', async () => {
      for (const q of ['\u200b\u202e\u0301', '😀🙂', '\ud800', '\u0000', '￿']) {
        const r = await find(q)
        expect(r.groups, JSON.stringify(q)).toEqual([])
        expect(r.notices.join(' ')).toMatch(/no letters or digits/)
      }
      await expect(find('conf\u200berence 北京 Ελλάδα')).resolves.toBeDefined()
    })
  })

  describe('snippets', () => {
    it('marks the matched words, any form, escaped', async () => {
      const r = await find('presented')
      const hit = r.groups[0]!.hits.find((h) => h.slug === 'youth-news')!
      expect(hit.snippetHtml).toContain('The <mark>presentation</mark> covered')
      expect(r.groups[0]!.hits[0]!.titleHtml).not.toContain('<script')
    })

    it('marks a Cyrillic match for a Latin query', async () => {
      const r = await find('Rakisheva')
      const hit = r.groups.flatMap((g) => g.hits).find((h) => h.slug === 'russian-news')!
      expect(hit.snippetHtml).toContain('<mark>Ракишева</mark>')
    })
  })

  describe('suggestions', () => {
    it('suggests people and organizations by the start of any name, Latin or Cyrillic', async () => {
      const names = async (q: string) => (await suggestNames(db().db, q)).map((s) => s.slug)
      expect(await names('Rak')).toEqual(['botagoz-rakisheva'])
      expect(await names('рак')).toEqual(['botagoz-rakisheva'])
      expect(await names('Hacet')).toEqual(['hacettepe-university'])
      expect(await names('po')).toEqual(['pori'])
      expect(await names('мигр')).toEqual([])
      expect(await names('"*(')).toEqual([])
      const [byVariant] = await suggestNames(db().db, 'Ботаг')
      expect(byVariant).toMatchObject({ slug: 'botagoz-rakisheva', name: 'Botagoz Rakisheva', matchedName: 'Ракишева Ботагоз' })
    })
  })

  describe('keeping the index current', () => {
    it('follows an activity made internal, a renamed person and a deleted post; a rebuild gives the same', async () => {
      const before = found(await find('youth'))
      expect(before).toEqual(['post:youth-news', 'activity:youth-round-table'])
      const youth = (await activityStore.load(db().db, ids.youth))!
      await saveSnapshot(db().db, activityStore, { ...youth, internal: true }, { actor: 'test' })
      expect(found(await find('youth'))).toEqual([])
      await saveSnapshot(db().db, activityStore, youth, { actor: 'test' })
      expect(found(await find('youth'))).toEqual(before)

      const { id } = await db().db.selectFrom('person').select('id').where('slug', '=', 'zhanna-secretova').executeTakeFirstOrThrow()
      const person = (await personStore.load(db().db, id))!
      await saveSnapshot(db().db, personStore, { ...person, name: 'Zhanna Openova', variants: ['Жанна Опенова'] }, { actor: 'test' })
      expect(found(await find('Опенова'))).toEqual(['person:zhanna-secretova'])
      expect(found(await find('Secretova'))).toEqual([])

      const queries = ['conference', 'Ракишева', 'presented', 'PORI', 'youth']
      const incremental = await Promise.all(queries.map(async (q) => found(await find(q))))
      await rebuildSearchIndex(db().db)
      expect(await Promise.all(queries.map(async (q) => found(await find(q))))).toEqual(incremental)

      const post = await db().db.selectFrom('post').select('id').where('slug', '=', 'youth-news').executeTakeFirstOrThrow()
      await deleteRecord(db().db, postStore, post.id, { actor: 'test' })
      expect(found(await find('youth'))).toEqual(['activity:youth-round-table'])
    })
  })
})
