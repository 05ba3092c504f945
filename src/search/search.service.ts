import { t } from '../i18n/locale.ts'
import type { Db } from '../db/database.ts'
import { type FulltextQuery, withFulltextMatches } from '../db/fulltext.ts'
import { nowIso } from '../lib/time.ts'
import { ROLE_LABELS, type ParticipationRole } from '../lib/vocabulary.ts'
import { countryName, kindLabel } from '../web/format.ts'
import * as repo from './search.repository.ts'
import type { FacetName, SearchCriteria, SearchType } from './search.repository.ts'
import type { SearchInput } from './search.schema.ts'
import { facetTerm, isMatchingWord, parseSearchQuery, type QueryWord, wordsOf } from './search-terms.ts'
import { highlight, snippet } from './snippet.ts'

/** Names first: a name is the most precise thing one types. */
export const GROUP_ORDER: SearchType[] = ['person', 'organization', 'post', 'activity', 'publication']
export const FACETS: FacetName[] = ['year', 'kind', 'country', 'person', 'organization', 'role']
const HITS_PER_GROUP = 5
const VALUES_PER_FACET = 10
/** Facets are counted over at most this many matches, the most recently added; beyond, counting would cost more than the search. */
export const FACET_SAMPLE = 2000

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
  /** Only the types with matches, in GROUP_ORDER; with `type`, that one group, a page of it. */
  groups: SearchGroup[]
  facets: Facet[]
  /** How many matches the facets counted: all, or FACET_SAMPLE of the most recently added. */
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

/** How many of the documents have each facet value: the commonest values of each facet. */
function countFacets(facetTexts: string[]) {
  const counts = new Map<string, number>()
  for (const text of facetTexts) {
    if (!text) continue
    for (const pair of text.split('\n')) counts.set(pair, (counts.get(pair) ?? 0) + 1)
  }
  const byFacet = new Map<FacetName, { facet: FacetName; value: string; count: number }[]>()
  for (const [pair, count] of counts) {
    const at = pair.indexOf('=')
    const facet = pair.slice(0, at) as FacetName
    const values = byFacet.get(facet) ?? []
    if (!values.length) byFacet.set(facet, values)
    values.push({ facet, value: pair.slice(at + 1), count })
  }
  return [...byFacet.values()].flatMap((values) =>
    values.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1)).slice(0, VALUES_PER_FACET))
}

/** Facet counts with labels; a selected value stays listed even when it is not among the commonest. */
async function presentFacets(db: Db, counts: { facet: FacetName; value: string; count: number }[],
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
  const nothing = { ...base, isEmpty: false, total: 0, groups: [], facets: [], facetsCounted: 0, hasMore: false }
  if (parsed.text && !parsed.words.length) {
    notices.push(t('searchNotice.noLetters', { query: parsed.text.slice(0, 80) }))
  }
  if (!parsed.words.length && !resolved.filters.length) return { ...nothing, isEmpty: resolved.unknown.length === 0 }
  if (resolved.unknown.length) return nothing

  // A filter is one more term to match: the engines intersect it with the words in their index.
  const match = [...fulltextQueryOf(parsed.words), ...resolved.filters.map((f) => [{ term: facetTerm(f.facet, f.value), prefix: false }])]
  return withFulltextMatches(db, 'terms', match, async (db, matches) => {
    const criteria: SearchCriteria = { matches, now: nowIso(now) }
    const [totals, facetTexts] = await Promise.all([
      repo.countMatchesByType(db, criteria), repo.findFacetsOfMatches(db, criteria, FACET_SAMPLE),
    ])
    const total = [...totals.values()].reduce((sum, n) => sum + n, 0)
    const types = (input.type ? [input.type] : GROUP_ORDER).filter((type) => (totals.get(type) ?? 0) > 0)
    const size = input.type ? input.pageSize : HITS_PER_GROUP
    const offset = input.type ? (input.page - 1) * input.pageSize : 0
    const rows = await Promise.all(types.map((type) =>
      repo.findMatchesOfType(db, criteria, type, size + 1, offset, totals.get(type)!, !input.year)))
    const groups = types.map((type, i) => ({
      type, label: typeLabel(type), total: totals.get(type)!, hits: rows[i]!.slice(0, size).map((r) => presentHit(r, parsed.words)),
    }))
    return {
      ...base, isEmpty: false, total, groups, facets: await presentFacets(db, countFacets(facetTexts), resolved, total),
      facetsCounted: facetTexts.length, hasMore: !!input.type && (rows[0]?.length ?? 0) > size,
    }
  })
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
  const rows = await repo.findNamesMatching(db, fulltextQueryOf(parsed.words), limit)
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
