import { t } from '../i18n/locale.ts'
import type { Db } from '../db/database.ts'
import { expandPrefixes, type FulltextQuery } from '../db/fulltext.ts'
import { nowIso } from '../lib/time.ts'
import { ROLE_LABELS, type ParticipationRole } from '../lib/vocabulary.ts'
import { countryName, kindLabel } from '../web/format.ts'
import * as repo from './search.repository.ts'
import type { FacetName, SearchType } from './search.repository.ts'
import type { SearchInput } from './search.schema.ts'
import { facetTerm, isMatchingWord, parseSearchQuery, type QueryWord, wordsOf } from './search-terms.ts'
import { highlight, snippet } from './snippet.ts'

/** Names first: a name is the most precise thing one types. */
export const GROUP_ORDER: SearchType[] = ['person', 'organization', 'post', 'activity', 'publication']
export const FACETS: FacetName[] = ['year', 'kind', 'country', 'person', 'organization', 'role']
const HITS_PER_GROUP = 5
const VALUES_PER_FACET = 10
/** A kind's matches are counted up to this many; beyond, counting would cost more than the search, and they are estimated. */
export const EXACT_COUNT = 1000
/** Facets count at most this many matches, the newest of each kind; beyond, counting would cost more than the search. */
export const FACET_SAMPLE = 1000

// Labels in the reader's language: "News", "Новости"; the API answers in English.
export const typeLabel = (type: SearchType) => t(`searchType.${type}`)
export const facetLabel = (name: FacetName) => t(`facet.${name}`)
const PATHS: Record<SearchType, string> = {
  post: '/news', activity: '/activities', person: '/people', organization: '/organizations', publication: '/publications',
}

export interface SearchHit {
  type: SearchType
  slug: string
  path: string
  title: string
  /** Escaped HTML with <mark> around the matched words. */
  titleHtml: string
  snippetHtml: string
  date: string | null
}

export interface SearchGroup {
  type: SearchType
  label: string
  total: number
  /** The total is an estimate, rounded: the kind has more than EXACT_COUNT matches. */
  totalIsEstimate: boolean
  hits: SearchHit[]
}

export interface FacetValue {
  /** What the filter parameter takes: a year, a kind, a country code, a slug, a role. */
  value: string
  label: string
  count: number
  selected: boolean
}

export interface Facet {
  name: FacetName
  label: string
  values: FacetValue[]
}

export interface SearchResults {
  /** The query as searched, after cutting an overlong one. */
  query: string
  /** Neither words to search for nor filters: nothing was searched. */
  isEmpty: boolean
  notices: string[]
  filters: { name: FacetName; label: string; value: string; valueLabel: string }[]
  total: number
  /** Some kind had too many matches to count: the total is an estimate, rounded. */
  totalIsEstimate: boolean
  /** Only the types with matches, in GROUP_ORDER; with `type`, that one group, a page of it. */
  groups: SearchGroup[]
  facets: Facet[]
  /** How many matches the facets counted: all, or FACET_SAMPLE, the newest of each kind in proportion to its matches. */
  facetsCounted: number
  type: SearchType | null
  page: number
  pageSize: number
  hasMore: boolean
}

/** Every query word as a group of alternatives; the terms are ASCII, checked again in src/db. */
export function fulltextQueryOf(words: QueryWord[]): FulltextQuery {
  return words.map((w) => [
    ...w.terms.filter((t) => !w.prefixes.some((p) => t.startsWith(p))).map((term) => ({ term, prefix: false })),
    ...w.prefixes.map((term) => ({ term, prefix: true })),
  ])
}

const roleLabel = (role: string) => ROLE_LABELS[role as ParticipationRole] ?? role

interface ResolvedFilters {
  filters: { facet: FacetName; value: string }[]
  labels: SearchResults['filters']
  unknown: string[]
}

/** Filters as the index holds them: people and organizations by id, the rest as given. */
async function resolveFilters(db: Db, input: SearchInput): Promise<ResolvedFilters> {
  const resolved: ResolvedFilters = { filters: [], labels: [], unknown: [] }
  const add = (name: FacetName, indexed: string, value: string, valueLabel: string) => {
    resolved.filters.push({ facet: name, value: indexed })
    resolved.labels.push({ name, label: facetLabel(name), value, valueLabel })
  }
  if (input.year) add('year', String(input.year), String(input.year), String(input.year))
  if (input.kind) add('kind', input.kind, input.kind, kindLabel(input.kind) ?? input.kind)
  if (input.country) add('country', input.country, input.country, countryName(input.country) ?? input.country)
  if (input.person) {
    const found = await repo.findPersonIdBySlug(db, input.person)
    const [person] = found ? await repo.findPeopleByIds(db, [found.id]) : []
    if (person) add('person', String(person.id), person.slug, person.name)
    else resolved.unknown.push(t('searchNotice.noPerson', { slug: input.person }))
  }
  if (input.organization) {
    const found = await repo.findOrganizationIdBySlug(db, input.organization)
    const [organization] = found ? await repo.findOrganizationsByIds(db, [found.id]) : []
    if (organization) add('organization', String(organization.id), organization.slug, organization.name)
    else resolved.unknown.push(t('searchNotice.noOrganization', { slug: input.organization }))
  }
  if (input.role) add('role', input.role, input.role, roleLabel(input.role))
  return resolved
}

function presentHit(row: { entity_type: string; slug: string; title: string; body: string; sort_date: string }, words: QueryWord[]): SearchHit {
  const type = row.entity_type as SearchType
  return {
    type, slug: row.slug, path: `${PATHS[type]}/${encodeURIComponent(row.slug)}`, title: row.title,
    titleHtml: highlight(row.title, words), snippetHtml: snippet(row.body, words), date: row.sort_date || null,
  }
}

interface FacetCount {
  facet: FacetName
  value: string
  count: number
}

/** Commonest first, then by value: the order in which a facet's values are kept. */
const beforeInFacet = (a: FacetCount, b: FacetCount) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0)

/** Keeps the first VALUES_PER_FACET of a facet's values in facet order, one value at a time. */
function keepTop(kept: FacetCount[], facet: FacetName, value: string, count: number) {
  if (kept.length === VALUES_PER_FACET && count < kept.at(-1)!.count) return
  const entry = { facet, value, count }
  let at = kept.length
  while (at > 0 && beforeInFacet(entry, kept[at - 1]!) < 0) at--
  if (at === VALUES_PER_FACET) return
  kept.splice(at, 0, entry)
  if (kept.length > VALUES_PER_FACET) kept.pop()
}

/** The record id written from `start` to `end`, as a number when it reads back the same. */
function idAt(text: string, start: number, end: number): number | null {
  if (end <= start || end - start > 9 || text.charCodeAt(start) === 48) return null
  let id = 0
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - 48
    if (digit < 0 || digit > 9) return null
    id = id * 10 + digit
  }
  return id
}

const FACET_OF_INITIAL = new Map<number, FacetName>((['year', 'kind', 'country', 'person', 'organization', 'role'] as const)
  .map((f) => [f.charCodeAt(0), f]))

/** The facet named from `start` to `at` ("person" in "person=12"), read in place. */
function facetAt(text: string, start: number, at: number): FacetName | undefined {
  const facet = FACET_OF_INITIAL.get(text.charCodeAt(start))
  return facet && at - start === facet.length && text.startsWith(facet, start) ? facet : undefined
}

/**
 * How many of the documents have each facet value: the commonest values of each facet. Some 20
 * values a document, read in place; people and organizations, the many, counted by id in an array.
 */
function countFacets(facetTexts: string[]): FacetCount[] {
  const texts = new Map<FacetName, Map<string, number>>()
  const ids = { person: [] as number[], organization: [] as number[] }
  for (const text of facetTexts) {
    for (let start = 0; start < text.length;) {
      let end = text.indexOf('\n', start)
      if (end < 0) end = text.length
      const at = text.indexOf('=', start)
      const facet = at > start && at < end ? facetAt(text, start, at) : undefined
      if (facet) {
        const id = facet === 'person' || facet === 'organization' ? idAt(text, at + 1, end) : null
        if (id !== null) {
          ids[facet as 'person' | 'organization'].push(id)
        } else {
          let counts = texts.get(facet)
          if (!counts) texts.set(facet, counts = new Map())
          const value = text.slice(at + 1, end)
          counts.set(value, (counts.get(value) ?? 0) + 1)
        }
      }
      start = end + 1
    }
  }
  const kept = new Map<FacetName, FacetCount[]>()
  const keptOf = (facet: FacetName) => kept.get(facet) ?? kept.set(facet, []).get(facet)!
  for (const [facet, counts] of texts) for (const [value, count] of counts) keepTop(keptOf(facet), facet, value, count)
  for (const facet of ['person', 'organization'] as const) {
    // Dense ids count in an array indexed by id; sparse ones sorted, equal ids side by side.
    const list = ids[facet]
    const max = list.reduce((a, b) => (a > b ? a : b), 0)
    if (max <= 16 * list.length + 65_536) {
      const counts = new Int32Array(max + 1)
      for (const id of list) counts[id]!++
      for (let id = 0; id <= max; id++) if (counts[id]) keepTop(keptOf(facet), facet, String(id), counts[id]!)
    } else {
      const sorted = Float64Array.from(list).sort()
      for (let start = 0; start < sorted.length;) {
        let end = start + 1
        while (end < sorted.length && sorted[end] === sorted[start]) end++
        keepTop(keptOf(facet), facet, String(sorted[start]), end - start)
        start = end
      }
    }
  }
  return [...kept.values()].flat()
}

/** Facet counts with labels; a selected value stays listed even when it is not among the commonest. */
async function presentFacets(db: Db, counts: FacetCount[],
  resolved: ResolvedFilters, total: number): Promise<Facet[]> {
  const selected = new Map(resolved.filters.map((f) => [f.facet, f.value]))
  // Every match has a chosen value: its count is the total, even when the others count a sample.
  for (const [facet, value] of selected) {
    const chosen = counts.find((c) => c.facet === facet && c.value === value)
    if (chosen) chosen.count = total
    else counts.push({ facet, value, count: total })
  }
  const idsOf = (facet: FacetName) => counts.filter((c) => c.facet === facet).map((c) => Number(c.value))
  const [people, organizations] = await Promise.all([
    repo.findPeopleByIds(db, idsOf('person')), repo.findOrganizationsByIds(db, idsOf('organization')),
  ])
  const personOf = new Map(people.map((p) => [String(p.id), p]))
  const organizationOf = new Map(organizations.map((o) => [String(o.id), o]))
  const present = (c: (typeof counts)[number]): FacetValue | null => {
    const isSelected = selected.get(c.facet) === c.value
    switch (c.facet) {
      case 'person': {
        const p = personOf.get(c.value)
        return p ? { value: p.slug, label: p.name, count: c.count, selected: isSelected } : null
      }
      case 'organization': {
        const o = organizationOf.get(c.value)
        return o ? { value: o.slug, label: o.name, count: c.count, selected: isSelected } : null
      }
      case 'kind': return { value: c.value, label: kindLabel(c.value) ?? c.value, count: c.count, selected: isSelected }
      case 'country': return { value: c.value, label: countryName(c.value) ?? c.value, count: c.count, selected: isSelected }
      case 'role': return { value: c.value, label: roleLabel(c.value), count: c.count, selected: isSelected }
      default: return { value: c.value, label: c.value, count: c.count, selected: isSelected }
    }
  }
  return FACETS.map((name) => {
    const values = counts.filter((c) => c.facet === name).map(present).filter((v): v is FacetValue => v !== null)
    // Years read best newest first; the other facets commonest first, then by name.
    values.sort(name === 'year' ? (a, b) => (a.value < b.value ? 1 : a.value > b.value ? -1 : 0)
      : (a, b) => b.count - a.count || a.label.localeCompare(b.label, 'en') || (a.value < b.value ? -1 : 1))
    return { name, label: facetLabel(name), values }
  }).filter((f) => f.values.length > 0)
}

interface MatchesOfType {
  type: SearchType
  /** The first matches in result order (up to the order within a key). */
  ids: number[]
  /** Whether `ids` holds every match. */
  complete: boolean
  /** Every match counted, or estimated when `ids` holds only the first. */
  count: number
}

/**
 * A kind's first matches, enough for the page and to count exactly up to EXACT_COUNT; past that the
 * count is estimated: the matches among the documents read so far, as many again in the documents
 * further on (search_bucket tells how many there are).
 */
async function findMatchesOfType(db: Db, match: FulltextQuery, type: SearchType, now: string, pageEnd: number): Promise<MatchesOfType> {
  const limit = Math.max(EXACT_COUNT, pageEnd) + 1
  const ids = await repo.findMatchIds(db, match, type, now, limit)
  if (ids.length < limit) return { type, ids, complete: true, count: ids.length }
  const last = repo.bucketOf(ids.at(-1)!)
  let all = 0
  let read = 0
  for (const { bucket, documents } of await repo.findBucketsOfType(db, type)) {
    all += documents
    if (bucket < last) read += documents
    else if (bucket === last) read += documents / 2
  }
  return { type, ids, complete: false, count: Math.max(limit, Math.round((ids.length * all) / Math.max(read, ids.length))) }
}

/** An estimate as a reader takes it: three significant digits (88,237 → 88,200). */
function roundEstimate(count: number) {
  const unit = 10 ** Math.max(0, Math.floor(Math.log10(count)) - 2)
  return Math.round(count / unit) * unit
}

/**
 * The ids of a kind's matches up to `pageEnd` in exact result order: ids order by kind, date
 * or start of the name (the key); documents of the same key are sorted by their columns.
 */
async function findPageCandidates(db: Db, match: FulltextQuery, matches: MatchesOfType, now: string, pageEnd: number) {
  const { ids } = matches
  if (!ids.length || !pageEnd) return []
  const boundary = repo.orderKeyOf(ids[Math.min(pageEnd, ids.length) - 1]!)
  const candidates = ids.filter((id) => repo.orderKeyOf(id) <= boundary)
  // The documents of the last key may go on past the matches read.
  if (!matches.complete && repo.orderKeyOf(ids.at(-1)!) === boundary) {
    const [, to] = repo.idsOfOrderKey(boundary)
    candidates.push(...await repo.findMatchIds(db, match, matches.type, now, null, [ids.at(-1)! + 1, to]))
  }
  return candidates
}

/** Which matches the facets count: all, or FACET_SAMPLE of them, the newest of each kind in proportion to its matches. */
function facetSampleOf(found: MatchesOfType[], total: number) {
  const all = found.flatMap((m) => m.ids)
  if (found.every((m) => m.complete) && all.length <= FACET_SAMPLE) return all
  return found.flatMap((m) => m.ids.slice(0, Math.round((FACET_SAMPLE * m.count) / total)))
}

/**
 * Public posts, activities, people, organizations and publications matching every word of the
 * query and every filter, grouped by type, with the facets of what was found.
 */
export async function search(db: Db, input: SearchInput, now = new Date()): Promise<SearchResults> {
  const parsed = parseSearchQuery(input.q)
  const resolved = await resolveFilters(db, input)
  const notices = [...parsed.notices, ...resolved.unknown]
  const base = {
    query: parsed.text, notices, filters: resolved.labels, type: input.type ?? null,
    page: input.page, pageSize: input.pageSize,
  }
  const nothing = {
    ...base, isEmpty: false, total: 0, totalIsEstimate: false, groups: [], facets: [], facetsCounted: 0, hasMore: false,
  }
  if (parsed.text && !parsed.words.length) {
    notices.push(t('searchNotice.noLetters', { query: parsed.text.slice(0, 80) }))
  }
  if (!parsed.words.length && !resolved.filters.length) return { ...nothing, isEmpty: resolved.unknown.length === 0 }
  if (resolved.unknown.length) return nothing

  // A filter is one more term to match: the engines intersect it with the words in their index.
  const match = await expandPrefixes(db, [...fulltextQueryOf(parsed.words),
    ...resolved.filters.map((f) => [{ term: facetTerm(f.facet, f.value), prefix: false }])])
  const at = nowIso(now)
  const size = input.type ? input.pageSize : HITS_PER_GROUP
  const offset = input.type ? (input.page - 1) * input.pageSize : 0
  // One more than the page shows says whether another page follows.
  const pageEndOf = (type: SearchType) => (!input.type || input.type === type ? offset + size + 1 : 0)

  const found = await Promise.all(GROUP_ORDER.map((type) => findMatchesOfType(db, match, type, at, pageEndOf(type))))
  const total = found.reduce((sum, m) => sum + m.count, 0)
  const totalIsEstimate = found.some((m) => !m.complete)
  const shown = found.filter((m) => m.count > 0 && pageEndOf(m.type) > 0)
  const [candidates, facetTexts] = await Promise.all([
    Promise.all(shown.map((m) => findPageCandidates(db, match, m, at, pageEndOf(m.type)))),
    repo.findFacetTexts(db, facetSampleOf(found, total)),
  ])
  const ordered = await repo.sortDocuments(db, candidates.flat())
  const pageOf = new Map(shown.map((m) => [m.type, ordered.filter((r) => r.entity_type === m.type).slice(offset, offset + size + 1)]))
  const rows = new Map((await repo.findDocuments(db, [...pageOf.values()].flatMap((page) => page.slice(0, size).map((r) => r.id))))
    .map((r) => [r.id, r]))
  const groups = shown.map((m) => ({
    type: m.type, label: typeLabel(m.type), total: m.complete ? m.count : roundEstimate(m.count), totalIsEstimate: !m.complete,
    hits: pageOf.get(m.type)!.slice(0, size).map((r) => presentHit(rows.get(r.id)!, parsed.words)),
  }))
  const shownTotal = totalIsEstimate ? roundEstimate(total) : total
  return {
    ...base, isEmpty: false, total: shownTotal, totalIsEstimate, groups,
    facets: await presentFacets(db, countFacets(facetTexts), resolved, shownTotal),
    facetsCounted: facetTexts.length, hasMore: !!input.type && (pageOf.get(input.type)?.length ?? 0) > size,
  }
}

export interface NameSuggestion {
  type: 'person' | 'organization'
  slug: string
  path: string
  name: string
  /** The name as written that matched, when it is not the main one: "Ракишева Ботагоз". */
  matchedName: string | null
}

/** People and organizations whose names (any variant, Latin or Cyrillic) begin with what was typed. */
export async function suggestNames(db: Db, q: string, limit = 8): Promise<NameSuggestion[]> {
  // Names are few and short: any typed start of one is worth matching.
  const parsed = parseSearchQuery(q, { minPrefixLength: 2, maxPrefixLength: Infinity })
  if (!parsed.words.length) return []
  const rows = await repo.findNamesMatching(db, await expandPrefixes(db, fulltextQueryOf(parsed.words)), limit)
  return rows.map((r) => {
    const type = r.entity_type as 'person' | 'organization'
    const matches = (name: string) => {
      const words = wordsOf(name)
      return parsed.words.every((q) => words.some((w) => isMatchingWord(w, q)))
    }
    // Show the name as it was typed: a Cyrillic query gets the Cyrillic variant even when the Latin name matches too.
    const cyrillic = /[\u0400-\u04ff]/
    const variants = r.names.split('\n').filter((n) => n && n !== r.title && matches(n))
    const matchedName = cyrillic.test(q) && !cyrillic.test(r.title)
      ? variants.find((n) => cyrillic.test(n)) ?? null
      : matches(r.title) ? null : variants[0] ?? null
    return { type, slug: r.slug, path: `${PATHS[type]}/${encodeURIComponent(r.slug)}`, name: r.title, matchedName }
  })
}
