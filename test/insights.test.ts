import countries from 'i18n-iso-countries'
import type { HTMLElement } from 'node-html-parser'
import { beforeAll, expect, it } from 'vitest'
import { SYSTEM_EDITOR } from '../src/accounts/editor.ts'
import { createActivity } from '../src/activities/activity.service.ts'
import type { Db } from '../src/db/database.ts'
import { importPastedText } from '../src/importer/import.service.ts'
import { KIND_LABELS, type Kind, type ParticipationRole } from '../src/lib/vocabulary.ts'
import { createPost } from '../src/news/post.service.ts'
import { createOrganization } from '../src/organizations/organization.service.ts'
import { createPerson } from '../src/people/person.service.ts'
import { createPublication } from '../src/publications/publication.service.ts'
import '../src/web/format.ts'
import { describeEachDialect } from './db.ts'
import { openPage, textOf } from './html.ts'
import { makeAccount, signIn, type SignedIn } from './security/helpers.ts'
import { type TestServer, useTestServer } from './server.ts'

// /insights, /admin/insights and /api/v1/insights over an archive this file builds: every figure and every
// chart's data is compared with a count the test makes over the records it made itself (a plain model in
// JavaScript), including internal activities and participations the public views must leave out.

interface ModelOrganization { id: number; slug: string; name: string; country: string | null; unit: boolean; institute: boolean }
interface ModelPerson { id: number; slug: string; name: string; staff: boolean; affiliated: boolean }
interface ModelParticipation { person?: ModelPerson; organization?: ModelOrganization; represents?: ModelOrganization; role: ParticipationRole; internal: boolean }
interface ModelActivity {
  id: number; name: string; kind: Kind | null; startsOn: string | null; endsOn: string | null; city: string | null; country: string | null
  internal: boolean; participations: ModelParticipation[]
}
interface ModelPost { id: number; activity: ModelActivity; status: 'published' | 'draft' | 'scheduled'; publishedAt: string | null }
interface ModelPublication { publishedOn: string | null; commissioner: ModelOrganization | null; activity: ModelActivity | null }

interface Model {
  organizations: Record<string, ModelOrganization>
  people: Record<string, ModelPerson>
  activities: Record<string, ModelActivity>
  posts: ModelPost[]
  publications: ModelPublication[]
  importId: number
}

async function organization(db: Db, name: string, country: string | null, parent: ModelOrganization | null = null): Promise<ModelOrganization> {
  const made = await createOrganization(db, { name, variants: [], kind: null, country, parentId: parent?.id ?? null, website: null }, 'test')
  return { ...made, name, country, unit: parent !== null, institute: false }
}

async function person(db: Db, name: string, affiliations: ModelOrganization[], staff = false): Promise<ModelPerson> {
  const made = await createPerson(db, {
    name, variants: [], honorific: null, degree: null, biography: null,
    affiliations: affiliations.map((o) => ({ organizationId: o.id, position: null, startsOn: null, endsOn: null })),
  }, 'test')
  return { ...made, name, staff, affiliated: affiliations.length > 0 }
}

type Part = [ModelPerson | ModelOrganization, ParticipationRole, { internal?: boolean; represents?: ModelOrganization }?]

async function activity(db: Db, fields: Omit<ModelActivity, 'id' | 'participations' | 'city' | 'internal'> & { city?: string | null; internal?: boolean },
  parts: Part[]): Promise<ModelActivity> {
  const participations: ModelParticipation[] = parts.map(([party, role, options]) => ({
    ...('staff' in party ? { person: party } : { organization: party }), role, internal: options?.internal ?? false, represents: options?.represents,
  }))
  const made = await createActivity(db, {
    kind: fields.kind, name: fields.name, startsOn: fields.startsOn, endsOn: fields.endsOn, city: fields.city ?? null, country: fields.country,
    format: null, internal: fields.internal ?? false,
    participations: participations.map((p) => ({
      personId: p.person?.id ?? null, organizationId: p.organization?.id ?? null, role: p.role,
      affiliationId: p.represents?.id ?? null, jobTitle: null, internal: p.internal,
    })),
  }, 'test')
  return { ...fields, id: made.id, city: fields.city ?? null, internal: fields.internal ?? false, participations }
}

async function buildArchive(db: TestServer['db']): Promise<Model> {
  const o: Record<string, ModelOrganization> = {}
  const institute = o.institute = { ...await organization(db, 'Test Opinion Institute', 'KZ'), institute: true }
  o.unit = await organization(db, 'Survey Centre of the Test Institute', 'KZ', o.institute)
  o.astana = await organization(db, 'Astana Civic University', 'KZ')
  o.tashkent = await organization(db, 'Tashkent Policy Lab', 'UZ')
  o.ankara = await organization(db, 'Ankara Dialogue Foundation', 'TR')
  o.berlin = await organization(db, 'Berlin Eurasia Forum', 'DE')
  o.nowhere = await organization(db, 'Network Without Borders', null)
  o.singapore = await organization(db, 'Lion City Research', 'SG')
  o.undp = await organization(db, 'United Nations Development Programme', 'US')
  o.secret = await organization(db, 'Quiet Partner Bureau', 'RU')

  const p: Record<string, ModelPerson> = {}
  // Four staff (three at the institute, one at its unit) make the institute the organization most people belong to.
  p.aigerim = await person(db, 'Aigerim Staffova', [o.institute], true)
  p.dana = await person(db, 'Dana Staffova', [o.institute], true)
  p.marat = await person(db, 'Marat Staffov', [o.institute], true)
  p.saule = await person(db, 'Saule Unitova', [o.unit], true)
  p.ivan = await person(db, 'Ivan Guestov', [o.tashkent])
  p.ayse = await person(db, 'Ayse Konuk', [o.ankara])
  p.hidden = await person(db, 'Hidden Attendee', [])
  p.latin = await person(db, 'Botagoz Rakisheva', [])
  p.cyrillic = await person(db, 'Ракишева Ботагоз', [])
  p.erlan = await person(db, 'Erlan Karin', [])
  p.erlanAgain = await person(db, 'Erlan Karin.', [])

  const a: Record<string, ModelActivity> = {}
  a.conference2023 = await activity(db, { name: 'Spring conference', kind: 'conference', startsOn: '2023-03-10', endsOn: null, country: 'KZ' },
    [[p.aigerim, 'speaker'], [p.dana, 'moderator'], [o.astana, 'partner'], [p.ivan, 'participant', { represents: o.tashkent }]])
  a.newYear = await activity(db, { name: 'New Year school', kind: 'workshop', startsOn: '2023-12-30', endsOn: '2024-01-02', country: 'UZ' },
    [[p.aigerim, 'organizer'], [o.institute, 'organizer'], [o.tashkent, 'organizer'], [p.ayse, 'speaker', { represents: o.ankara }], [p.marat, 'participant']])
  a.roundTable = await activity(db, { name: 'Round table on trust', kind: 'round-table', startsOn: '2024-02-15', endsOn: null, country: 'KZ' },
    [[p.dana, 'speaker'], [p.saule, 'moderator'], [o.berlin, 'participant'], [o.nowhere, 'participant'], [o.unit, 'organizer'], [o.astana, 'mentioned']])
  a.noKind = await activity(db, { name: 'Meeting without a kind', kind: null, startsOn: '2024-05-20', endsOn: null, city: 'Astana', country: null },
    [[p.aigerim, 'speaker'], [o.singapore, 'partner'], [o.secret, 'participant', { internal: true }], [p.marat, 'participant', { internal: true }],
      [p.hidden, 'participant', { internal: true }]])
  a.closed = await activity(db, { name: 'Closed seminar', kind: 'seminar', startsOn: '2024-07-01', endsOn: null, country: 'KZ', internal: true },
    [[p.dana, 'speaker'], [o.secret, 'partner'], [p.aigerim, 'organizer']])
  a.forum = await activity(db, { name: 'Autumn forum', kind: 'forum', startsOn: '2024-11-11', endsOn: null, country: 'TR' },
    [[p.marat, 'speaker'], [o.ankara, 'organizer'], [p.aigerim, 'speaker']])
  a.undated = await activity(db, { name: 'Lecture on an unknown day', kind: 'lecture', startsOn: null, endsOn: null, country: null },
    [[p.dana, 'speaker'], [o.berlin, 'partner']])
  a.lecture2025 = await activity(db, { name: 'Winter lecture', kind: 'lecture', startsOn: '2025-01-15', endsOn: null, country: 'KZ' },
    [[p.saule, 'speaker'], [o.astana, 'partner']])

  const posts: ModelPost[] = []
  const post = async (about: ModelActivity, status: ModelPost['status'], publishedAt: string | null) => {
    const made = await createPost(db, {
      lang: 'en', title: `News about ${about.name} ${posts.length}`, summary: 'A summary.', body: 'The body.', status, publishedAt,
      activityId: about.id, links: [],
    }, 'test')
    posts.push({ id: made.id, activity: about, status, publishedAt })
  }
  await post(a.conference2023, 'published', '2023-03-11T09:00:00.000Z')
  await post(a.newYear, 'published', '2024-01-03T09:00:00.000Z')
  await post(a.newYear, 'published', '2024-01-05T09:00:00.000Z')
  await post(a.roundTable, 'published', '2024-02-16T09:00:00.000Z')
  await post(a.noKind, 'scheduled', '2099-01-01T09:00:00.000Z')
  await post(a.closed, 'published', '2024-07-02T09:00:00.000Z')
  await post(a.forum, 'published', '2024-11-12T09:00:00.000Z')
  await post(a.lecture2025, 'draft', null)

  const publications: ModelPublication[] = []
  const publication = async (title: string, publishedOn: string | null, commissioner: ModelOrganization | null, about: ModelActivity | null = null) => {
    await createPublication(db, {
      kind: 'report', title, summary: null, publishedOn, activityId: about?.id ?? null, sampleSize: null, regions: null, methods: [],
      contributors: [{ personId: null, organizationId: institute.id, role: 'author' },
        ...(commissioner ? [{ personId: null, organizationId: commissioner.id, role: 'commissioner' }] : [])],
    }, 'test')
    publications.push({ publishedOn, commissioner, activity: about })
  }
  await publication('Trust survey', '2024-03-01', o.undp, a.roundTable)
  await publication('Youth survey', '2024-09-01', o.undp)
  await publication('Values study', '2023-06-01', null)
  await publication('Undated note', null, o.ankara)
  await publication('Winter report', '2025-02-01', o.astana, a.lecture2025)

  const { id: importId } = await importPastedText(db, 'On 3 March 2025 the Test Opinion Institute held a seminar in Almaty.', SYSTEM_EDITOR)
  return { organizations: o, people: p, activities: a, posts, publications, importId }
}

// ---------------------------------------------------------------- the expected figures, counted over the model

interface Filters { from?: string; to?: string; kind?: string; country?: string; internal?: boolean }

const yearFilters = (year: number, rest: Omit<Filters, 'from' | 'to'> = {}): Filters => ({ from: `${year}-01-01`, to: `${year}-12-31`, ...rest })

function activitiesIn(model: Model, f: Filters) {
  return Object.values(model.activities).filter((a) => {
    if (a.internal && !f.internal) return false
    if (f.kind && (a.kind ?? 'other') !== f.kind) return false
    if (f.country && a.country !== f.country) return false
    if (!f.from && !f.to) return true
    if (!a.startsOn) return false
    const end = a.endsOn && a.endsOn > a.startsOn ? a.endsOn : a.startsOn
    return (!f.to || a.startsOn <= f.to) && (!f.from || end >= f.from)
  })
}

const visibleParts = (a: ModelActivity, f: Filters) => a.participations.filter((p) => (f.internal || !p.internal) && p.role !== 'mentioned')

/** [organization, activity] for each partner taking part: in a role of its own, or represented by a participant. */
function partnerPairs(model: Model, f: Filters) {
  const pairs: [ModelOrganization, ModelActivity][] = []
  for (const a of activitiesIn(model, f)) {
    for (const p of visibleParts(a, f)) {
      for (const o of [p.organization, p.represents]) if (o && !o.institute && !o.unit) pairs.push([o, a])
    }
  }
  return pairs
}

function publicationsIn(model: Model, f: Filters) {
  const scoped = f.kind || f.country ? new Set(activitiesIn(model, { ...f, from: undefined, to: undefined })) : null
  return model.publications.filter((p) => {
    if (scoped && (!p.activity || !scoped.has(p.activity))) return false
    if (!f.from && !f.to) return true
    return p.publishedOn !== null && (!f.from || p.publishedOn >= f.from) && (!f.to || p.publishedOn <= f.to)
  })
}

function headline(model: Model, f: Filters) {
  const activities = activitiesIn(model, f)
  const pairs = partnerPairs(model, f)
  const partners = new Set(pairs.map(([o]) => o))
  return {
    activities: activities.length,
    posts: model.posts.filter((p) => activities.includes(p.activity) && p.status !== 'draft' && p.publishedAt! <= new Date().toISOString()).length,
    people: new Set(activities.flatMap((a) => visibleParts(a, f).flatMap((p) => (p.person ? [p.person] : [])))).size,
    partners: partners.size,
    countries: new Set([...partners].map((o) => o.country).filter(Boolean)).size,
    publications: publicationsIn(model, f).length,
  }
}

const countOf = <T>(items: T[], key: (item: T) => string) => {
  const counts = new Map<string, number>()
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1)
  return counts
}

function byMonth(model: Model, f: Filters) {
  return [...countOf(activitiesIn(model, f).filter((a) => a.startsOn), (a) => {
    const month = f.from && a.startsOn! < f.from ? f.from.slice(0, 7) : a.startsOn!.slice(0, 7)
    return `${month} ${a.kind ?? 'other'}`
  })].map(([key, activities]) => ({ month: key.split(' ')[0]!, kind: key.split(' ')[1]!, activities }))
}

function staffRoles(model: Model, f: Filters) {
  const seen = new Set<string>()
  for (const a of activitiesIn(model, f)) {
    for (const p of visibleParts(a, f)) if (p.person?.staff) seen.add(`${p.person.slug}|${p.role}|${a.id}`)
  }
  return [...countOf([...seen], (key) => key.split('|').slice(0, 2).join('|'))]
    .map(([key, activities]) => ({ person: key.split('|')[0]!, role: key.split('|')[1]!, activities }))
}

function partnersByCountry(model: Model, f: Filters) {
  const pairs = partnerPairs(model, f).filter(([o]) => o.country)
  const countriesSeen = [...new Set(pairs.map(([o]) => o.country!))]
  return countriesSeen.map((country) => ({
    country,
    organizations: new Set(pairs.filter(([o]) => o.country === country).map(([o]) => o.id)).size,
    activities: new Set(pairs.filter(([o]) => o.country === country).map(([, a]) => a.id)).size,
  }))
}

function topPartners(model: Model, f: Filters) {
  const pairs = partnerPairs(model, f)
  return [...new Set(pairs.map(([o]) => o))].map((o) => ({ slug: o.slug, activities: new Set(pairs.filter(([x]) => x === o).map(([, a]) => a.id)).size }))
}

function publicationRows(model: Model, f: Filters) {
  return [...countOf(publicationsIn(model, f), (p) => `${p.commissioner?.slug ?? ''}|${p.publishedOn?.slice(0, 4) ?? ''}`)]
    .map(([key, publications]) => ({ commissioner: key.split('|')[0] || null, year: key.split('|')[1]!, publications }))
}

const sorted = <T>(rows: T[]) => [...rows].sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)))

// ---------------------------------------------------------------- reading the pages

const numberIn = (text: string) => Number(text.replace(/[^\d]/g, ''))

function figuresOf(root: HTMLElement) {
  const figures: Record<string, { value: number; change: string; note: string }> = {}
  for (const figure of root.querySelectorAll('dl.figures .figure')) {
    figures[figure.getAttribute('data-figure')!] = {
      value: numberIn(textOf(figure.querySelector('.figure-value'))),
      change: textOf(figure.querySelector('.figure-change')),
      note: textOf(figure.querySelector('.figure-note')),
    }
  }
  return figures
}

function tableOf(root: HTMLElement, chartId: string) {
  const figure = root.querySelector(`figure#${chartId}`)
  if (!figure) return null
  return figure.querySelectorAll('tbody tr').map((tr) => tr.querySelectorAll('td').map((td) => {
    const text = textOf(td)
    return td.classList.contains('num') ? numberIn(text) : text
  }))
}

const monthLabel = (month: string) => new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`))
const countryLabel = (code: string) => countries.getName(code, 'en')!

/** What each chart's data table on an English page must hold, from the model. */
function expectedTables(model: Model, f: Filters) {
  const people = new Map(Object.values(model.people).map((x) => [x.slug, x.name]))
  const organizations = new Map(Object.values(model.organizations).map((x) => [x.slug, x]))
  return {
    'activities-by-month': sorted(byMonth(model, f).map((r) => [monthLabel(r.month), KIND_LABELS[r.kind as Kind], r.activities])),
    'staff-by-role': sorted(staffRoles(model, f).map((r) => [people.get(r.person)!, r.role, r.activities])),
    'partners-map': sorted(partnersByCountry(model, f).map((r) => [countryLabel(r.country), r.organizations, r.activities])),
    'top-partners': sorted(topPartners(model, f).map((r) => {
      const o = organizations.get(r.slug)!
      return [o.name, o.country ? countryLabel(o.country) : '—', r.activities]
    })),
    'publications-by-commissioner': sorted(publicationRows(model, f).map((r) => [
      r.commissioner ? organizations.get(r.commissioner)!.name : 'No commissioner named', r.year || 'No date', r.publications])),
  }
}

function expectPageMatches(root: HTMLElement, model: Model, f: Filters, label: string) {
  const figures = figuresOf(root)
  const expected = headline(model, f)
  expect(Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, v.value])), `${label}: headline`).toEqual(expected)
  for (const [chart, rows] of Object.entries(expectedTables(model, f))) {
    const table = tableOf(root, chart)
    if (!rows.length) expect(table, `${label}: ${chart} is left out without data`).toBeNull()
    else expect(sorted(table ?? []), `${label}: ${chart}`).toEqual(rows)
  }
}

describeEachDialect('insights', (dialect) => {
  const server = useTestServer(dialect)
  let model: Model
  let editor: SignedIn

  beforeAll(async () => {
    model = await buildArchive(server().db)
    editor = await signIn(server(), await makeAccount(server().db, 'editor'))
  })

  it('counts what the fixture says, not what the store happens to hold (the expectations are not empty)', () => {
    // Written out by hand once, so the model the rest of the file trusts is itself checked.
    expect(headline(model, yearFilters(2024))).toEqual({ activities: 4, posts: 4, people: 5, partners: 5, countries: 4, publications: 2 })
    expect(headline(model, yearFilters(2024, { internal: true }))).toEqual({ activities: 5, posts: 5, people: 6, partners: 6, countries: 5, publications: 2 })
    expect(headline(model, yearFilters(2023))).toEqual({ activities: 2, posts: 3, people: 5, partners: 3, countries: 3, publications: 1 })
    expect(headline(model, {})).toMatchObject({ activities: 7, publications: 5 })
  })

  it('/insights for a year: every figure and chart datum equals a count over the records, internal ones left out', async () => {
    const { status, root } = await openPage(server(), '/insights?year=2024')
    expect(status).toBe(200)
    expectPageMatches(root, model, yearFilters(2024), '/insights?year=2024')
    const figures = figuresOf(root)
    // The activity from 30 December 2023 to 2 January 2024 counts in both years.
    expect(figures.activities!.change).toBe('+2 from 2023')
    expect(figures.posts!.change).toBe('+1 from 2023')
    expect(figures.people!.change).toBe('as many as in 2023')
    expect(figures.publications!.change).toBe('+1 from 2023')
    expect(root.toString()).not.toContain('Quiet Partner Bureau')
    expect(root.toString()).not.toContain('Closed seminar')
  })

  it('/insights without filters counts the undated activity, and every year of the archive is a link', async () => {
    const { root } = await openPage(server(), '/insights')
    expectPageMatches(root, model, {}, '/insights')
    expect(figuresOf(root).activities!.change).toBe('')
    const years = root.querySelectorAll('[aria-labelledby="filter-year"] a').map((a) => [textOf(a), a.getAttribute('href'), a.getAttribute('aria-current') ?? null])
    expect(years).toEqual([['All years', '/insights', 'true'], ['2025', '/insights?year=2025', null], ['2024', '/insights?year=2024', null],
      ['2023', '/insights?year=2023', null]])
    expect(textOf(root.querySelector('#activities-by-month .chart-summary'))).toContain('1 activity without a date is not shown')
  })

  it('the year before, a kind, a country and a date range each give their own figures', async () => {
    const cases: [string, Filters][] = [
      ['/insights?year=2023', yearFilters(2023)],
      ['/insights?year=2025', yearFilters(2025)],
      ['/insights?kind=workshop', { kind: 'workshop' }],
      ['/insights?kind=other', { kind: 'other' }],
      ['/insights?country=tr', { country: 'TR' }],
      ['/insights?year=2024&country=KZ', yearFilters(2024, { country: 'KZ' })],
      ['/insights?from=2024-01-01&to=2024-03-31', { from: '2024-01-01', to: '2024-03-31' }],
      // The New Year school ended on 2 January: a period from the 3rd leaves it out, one to 30 December takes it in.
      ['/insights?from=2024-01-03&to=2024-12-31', { from: '2024-01-03', to: '2024-12-31' }],
      ['/insights?to=2023-12-30', { to: '2023-12-30' }],
    ]
    for (const [path, filters] of cases) {
      const { status, root } = await openPage(server(), path)
      expect(status, path).toBe(200)
      expectPageMatches(root, model, filters, path)
    }
    expect(headline(model, { from: '2024-01-03', to: '2024-12-31' }).activities).toBe(3)
    expect(headline(model, { to: '2023-12-30' }).activities).toBe(2)
  })

  it('marks the chosen filters and keeps the others in each link', async () => {
    const { root } = await openPage(server(), '/insights?year=2024&kind=forum')
    const current = root.querySelectorAll('.insight-filters a[aria-current]').map((a) => textOf(a))
    expect(current).toEqual(['2024', 'Forum', 'All countries'])
    const turkey = root.querySelectorAll('[aria-labelledby="filter-country"] a').find((a) => textOf(a) === countryLabel('TR'))
    expect(turkey?.getAttribute('href')).toBe('/insights?year=2024&kind=forum&country=TR')
    expect(root.querySelector('.insight-filters a[href="/insights"]')).not.toBeNull()
  })

  it('says plainly when a year has nothing, without empty charts', async () => {
    const { status, root } = await openPage(server(), '/insights?year=2019')
    expect(status).toBe(200)
    expect(textOf(root.querySelector('main .notice'))).toContain('2019: no activities or publications are recorded.')
    expect(root.querySelectorAll('figure.chart')).toHaveLength(0)
    expect(root.querySelectorAll('svg')).toHaveLength(0)
  })

  it('draws accessible charts: a named image with a description, and the map colours the partners’ countries', async () => {
    const { root } = await openPage(server(), '/insights?year=2024')
    const charts = root.querySelectorAll('figure.chart')
    expect(charts.map((c) => c.id)).toEqual(['activities-by-month', 'staff-by-role', 'partners-map', 'top-partners', 'publications-by-commissioner'])
    for (const chart of charts) {
      const svg = chart.querySelector('svg')!
      expect(svg.getAttribute('role')).toBe('img')
      expect(svg.getAttribute('viewBox')).toMatch(/^0 0 \d+(\.\d+)? \d+(\.\d+)?$/)
      const [titleId, descId] = svg.getAttribute('aria-labelledby')!.split(' ')
      expect(textOf(svg.querySelector(`#${titleId}`))).toBe(textOf(chart.querySelector('figcaption')))
      expect(textOf(svg.querySelector(`#${descId}`))).toBe(textOf(chart.querySelector('.chart-summary')))
    }
    const ids = root.querySelectorAll('[id]').map((e) => e.id)
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([])
    const uzbekistan = root.querySelectorAll('#partners-map path').find((p) => textOf(p.querySelector('title')) === 'Uzbekistan: 1 partner organization')
    expect(uzbekistan?.getAttribute('fill')).not.toBe('#eceff1')
    const russia = root.querySelectorAll('#partners-map path').find((p) => textOf(p.querySelector('title')).startsWith('Russia'))
    expect(textOf(russia?.querySelector('title') ?? null)).toMatch(/: no partners$/)
    // Singapore is too small for a 1:110m map; the summary says where to find it.
    expect(textOf(root.querySelector('#partners-map .chart-summary'))).toContain('Too small for the map, listed in the table: Singapore.')
  })

  it('speaks Russian and Kazakh, numbers and labels included', async () => {
    const ru = await openPage(server(), '/ru/insights?year=2024')
    expect(textOf(ru.root.querySelector('h1'))).toBe('Аналитика')
    expect(figuresOf(ru.root).activities!.change).toBe('+2 по сравнению с 2023')
    expect(textOf(ru.root.querySelector('#partners-map figcaption'))).toBe('Организации-партнёры по странам')
    expect(tableOf(ru.root, 'partners-map')!.map((r) => r[0])).toContain('Узбекистан')
    expect(ru.root.querySelector('#activities-by-month svg')!.toString()).toContain('Круглый стол')
    const kk = await openPage(server(), '/kk/insights?year=2024')
    expect(textOf(kk.root.querySelector('h1'))).toBe('Талдау')
    expect(figuresOf(kk.root).activities!.change).toBe('2023 жылмен салыстырғанда +2')
    expect(kk.root.querySelector('nav.main a[aria-current="page"]')?.getAttribute('href')).toBe('/kk/insights')
  })

  it('/api/v1/insights gives the figures behind every chart, with the same filters', async () => {
    for (const [query, filters] of [['?year=2024', yearFilters(2024)], ['', {}], ['?kind=forum&country=TR', { kind: 'forum', country: 'TR' }]] as [string, Filters][]) {
      const response = await server().get(`/api/v1/insights${query}`)
      expect(response.status).toBe(200)
      const body = await response.json()
      const previous = query === '?year=2024' ? headline(model, yearFilters(2023)) : null
      expect(body.headline).toEqual(Object.fromEntries(Object.entries(headline(model, filters))
        .map(([k, v]) => [k, { value: v, previous: previous ? previous[k as keyof typeof previous] : null }])))
      expect(sorted(body.byMonth)).toEqual(sorted(byMonth(model, filters)))
      expect(sorted(body.staffRoles.map((r: { person: { slug: string }; role: string; activities: number }) =>
        ({ person: r.person.slug, role: r.role, activities: r.activities })))).toEqual(sorted(staffRoles(model, filters)))
      expect(sorted(body.partnersByCountry)).toEqual(sorted(partnersByCountry(model, filters)))
      expect(sorted(body.topPartners.map((r: { organization: { slug: string }; activities: number }) => ({ slug: r.organization.slug, activities: r.activities }))))
        .toEqual(sorted(topPartners(model, filters)))
      expect(sorted(body.publications.map((r: { commissioner: { slug: string } | null; year: string; publications: number }) =>
        ({ commissioner: r.commissioner?.slug ?? null, year: r.year, publications: r.publications })))).toEqual(sorted(publicationRows(model, filters)))
    }
    const body = await (await server().get('/api/v1/insights?year=2024')).json()
    expect(body.institute).toMatchObject({ slug: model.organizations.institute!.slug })
    expect(body.options).toEqual({ years: [2025, 2024, 2023], kinds: expect.arrayContaining(['conference', 'workshop', 'other']), countries: ['KZ', 'TR', 'UZ'] })
    expect(body.options.kinds).not.toContain('seminar')
    expect(JSON.stringify(body)).not.toContain('quiet-partner-bureau')
  })

  it('answers a bad filter with a 400 that says what is wrong, on the page and in the API', async () => {
    const cases: [string, string][] = [
      ['year=abc', 'year must be a year such as 2024'],
      ['year=2024&from=2024-01-01', 'give either year or from/to, not both'],
      ['kind=party', 'kind must be one of'],
      ['country=Kazakhstan', 'country must be a two-letter code such as KZ'],
      ['from=2024-02-30', 'must be a real calendar date'],
      ['from=2024-05-01&to=2024-04-01', 'from must not be after to'],
    ]
    for (const [query, message] of cases) {
      const page = await openPage(server(), `/insights?${query}`)
      expect(page.status, query).toBe(400)
      expect(page.html, query).toContain(message)
      const api = await server().get(`/api/v1/insights?${query}`)
      expect(api.status, query).toBe(400)
      expect(api.headers.get('content-type')).toContain('application/problem+json')
      expect((await api.json()).detail, query).toContain(message)
    }
  })

  it('/admin/insights counts internal activities and participations, and says how many activities are internal', async () => {
    const get = (path: string) => openPage({ ...server(), get: (p, init) => server().get(p, { ...init, headers: { cookie: editor.cookie } }) }, path)
    for (const [path, filters] of [['/admin/insights?year=2024', yearFilters(2024, { internal: true })], ['/admin/insights', { internal: true }],
      ['/admin/insights?kind=seminar', { kind: 'seminar', internal: true }]] as [string, Filters][]) {
      const { status, root } = await get(path)
      expect(status, path).toBe(200)
      expectPageMatches(root, model, filters, path)
    }
    const { root } = await get('/admin/insights?year=2024')
    expect(figuresOf(root).activities!.note).toBe('1 internal activity included')
    expect(tableOf(root, 'top-partners')!.map((r) => r[0])).toContain('Quiet Partner Bureau')
    // Named, so the editor can tell why this page's figures are above the public one's.
    const internal = root.querySelector('section[aria-labelledby="internal-records"]')!
    const internalParticipations = Object.values(model.activities).filter((a) => !a.internal && activitiesIn(model, yearFilters(2024)).includes(a))
      .flatMap((a) => a.participations.filter((x) => x.internal)).length
    expect(internalParticipations).toBe(3)
    expect(textOf(internal)).toContain(`1 internal activity and ${internalParticipations} internal participations in public activities are counted here`)
    const closedPost = model.posts.find((x) => x.activity === model.activities.closed)!
    expect(internal.querySelectorAll('li a').map((a) => [textOf(a), a.getAttribute('href')])).toEqual([['Closed seminar', `/admin/posts/${closedPost.id}`]])
    expect((await get('/admin/insights')).status).toBe(200)
    const anonymous = await server().get('/admin/insights')
    expect(anonymous.status).toBe(303)
  })

  it('/admin/insights lists what an editor should fix, each with a link to where it is fixed', async () => {
    const { root } = await openPage({ ...server(), get: (p, init) => server().get(p, { ...init, headers: { cookie: editor.cookie } }) }, '/admin/insights')
    const list = (id: string) => {
      const section = root.querySelector(`[data-quality="${id}"]`)!
      return { count: numberIn(textOf(section.querySelector('h3 .count'))), items: section.querySelectorAll('li').map((li) => ({
        text: textOf(li), links: li.querySelectorAll('a').map((a) => a.getAttribute('href')),
      })) }
    }
    const people = Object.values(model.people).filter((x) => !x.affiliated)
    expect(list('quality-people').count).toBe(people.length)
    expect(sorted(list('quality-people').items.map((i) => i.links[0]))).toEqual(sorted(people.map((x) => `/admin/people/${x.id}`)))
    const organizations = Object.values(model.organizations).filter((x) => !x.country)
    expect(list('quality-organizations').items.map((i) => i.links[0])).toEqual(organizations.map((x) => `/admin/organizations/${x.id}`))
    const placeless = Object.values(model.activities).filter((a) => !a.city && !a.country)
    expect(list('quality-place').count).toBe(placeless.length)
    expect(list('quality-place').items.map((i) => i.links[0])).toEqual([`/admin/history/activity/${model.activities.undated!.id}`])
    const noKindPost = model.posts.find((x) => x.activity === model.activities.noKind)!
    expect(list('quality-kind').items.map((i) => i.links[0])).toEqual([`/admin/posts/${noKindPost.id}`])
    expect(list('quality-imports')).toMatchObject({ count: 1, items: [{ links: [`/admin/import/${model.importId}`] }] })
    const { erlan, erlanAgain, latin, cyrillic } = model.people
    const duplicates = list('quality-duplicates')
    expect(duplicates.count).toBe(2)
    expect(duplicates.items.map((i) => i.links)).toEqual([
      [`/admin/people/${erlan!.id}`, `/admin/people/${erlanAgain!.id}`, `/admin/people/${erlanAgain!.id}/merge?into=${erlan!.id}`],
      [`/admin/people/${latin!.id}`, `/admin/people/${cyrillic!.id}`, `/admin/people/${cyrillic!.id}/merge?into=${latin!.id}`],
    ])
    expect(duplicates.items[1]!.text).toContain('Latin and Cyrillic spellings of one name')
    const merge = await server().get(duplicates.items[1]!.links[2]!, { headers: { cookie: editor.cookie } })
    expect(merge.status).toBe(200)
    expect(await merge.text()).toContain('Merge Ракишева Ботагоз into Botagoz Rakisheva?')
  })
})
