import type { Db } from '../db/database.ts'
import { forgetTerms, rememberTerms } from '../db/fulltext.ts'
import { claimJob } from '../db/job-lock.ts'
import { inTransaction } from '../db/transaction.ts'
import { ROLE_HEADINGS, type ParticipationRole } from '../lib/vocabulary.ts'
import { countryName, formatDateRange, kindLabel } from '../web/format.ts'
import * as repo from './search.repository.ts'
import { documentId, type FacetName, type NewSearchDocument, type SearchType } from './search.repository.ts'
import { facetTerm, foldText, isFacetTerm, termsOf } from './search-terms.ts'
import { groupBy } from '../lib/group-by.ts'

// Search documents are made here from the records, for one record after a change
// (reindexRecord, called by every revision) or for all of them (rebuildSearchIndex).

/** Snippets come from the start of long texts; the index keeps no more of each. */
const MAX_BODY = 20_000
const BATCH = 500
const TYPES: SearchType[] = ['organization', 'person', 'activity', 'post', 'publication']

const yearOf = (date: string | null) => (date && /^\d{4}/.test(date) ? date.slice(0, 4) : null)

/** Markdown as the words a reader sees: no marks, link text without its address. Regular expressions
 * suffice for words and snippets, and are many times faster than rendering 100,000 posts. */
export function plainText(markdown: string) {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]*>/g, ' ')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gm, '')
    .replace(/(\*\*|__|\*|`+|~~)/g, '')
    .replace(/[ \t]+/g, ' ').replace(/ *\n */g, '\n').replace(/\n{2,}/g, '\n').trim()
}

function facetList(pairs: [FacetName, string | number | null | undefined][]): [FacetName, string][] {
  const seen = new Set<string>()
  const facets: [FacetName, string][] = []
  for (const [facet, value] of pairs) {
    if (value === null || value === undefined || value === '') continue
    const key = `${facet}\u0000${value}`
    if (!seen.has(key)) { seen.add(key); facets.push([facet, String(value)]) }
  }
  return facets
}

interface Names {
  /** The name shown. */
  main: string
  all: string[]
}

/** Every name of the people and organizations a batch of documents mentions. */
async function loadNames(db: Db, personIds: Iterable<number>, organizationIds: Iterable<number>) {
  const group = (rows: { id: number; name: string; variant: string | null }[]) => {
    const map = new Map<number, Names>()
    for (const row of rows) {
      const names = map.get(row.id) ?? { main: row.name, all: [row.name] }
      if (row.variant && !names.all.includes(row.variant)) names.all.push(row.variant)
      map.set(row.id, names)
    }
    return map
  }
  const [people, organizations] = await Promise.all([
    repo.findPersonNames(db, [...new Set(personIds)]), repo.findOrganizationNames(db, [...new Set(organizationIds)]),
  ])
  return { people: group(people), organizations: group(organizations) }
}

const ROLE_ORDER: string[] = ['author', 'presenter', ...Object.keys(ROLE_HEADINGS)]
const roleHeading = (role: string) => ROLE_HEADINGS[role as ParticipationRole] ?? `${role.charAt(0).toUpperCase()}${role.slice(1)}s`

/** "Speakers: A, B. Organizers: C." from parties in their listed order. */
function describeParties(parties: { role: string; name: string | undefined }[]) {
  const byRole = new Map<string, string[]>()
  for (const p of parties) if (p.name) byRole.set(p.role, [...(byRole.get(p.role) ?? []), p.name])
  // In the order of the facts box: organizers first, mentions last.
  const order = (role: string) => { const i = ROLE_ORDER.indexOf(role); return i < 0 ? ROLE_ORDER.length : i }
  return [...byRole].sort(([a], [b]) => order(a) - order(b))
    .map(([role, names]) => `${roleHeading(role)}: ${[...new Set(names)].join(', ')}.`).join(' ')
}


function document(type: SearchType, fields: {
  id: number; slug: string; title: string; body: string; names?: string[]; nameTexts?: string[]; termTexts: (string | null)[]
  sortDate?: string | null; visibleFrom?: string | null; facets: [FacetName, string][]
}): NewSearchDocument {
  const sortDate = fields.sortDate ?? ''
  const sortName = foldText(fields.title)
  return {
    row: {
      id: documentId(type, fields.id, sortDate, sortName), entity_type: type, entity_id: fields.id, slug: fields.slug,
      title: fields.title, body: fields.body.slice(0, MAX_BODY),
      names: (fields.names ?? []).join('\n'),
      // Facet values are terms too, so a filter is one more word for the engine to match.
      terms: [termsOf(fields.title, ...fields.termTexts, ...(fields.names ?? [])), ...fields.facets.map(([f, v]) => facetTerm(f, v))]
        .filter(Boolean).join(' '),
      // Names are among the texts of `terms` too: a word of name_terms is always one of terms (src/db/fulltext.ts counts on it).
      name_terms: termsOf(...(fields.nameTexts ?? [])),
      sort_date: sortDate, sort_name: sortName, visible_from: fields.visibleFrom ?? null,
      facets: fields.facets.map(([f, v]) => `${f}=${v}`).join('\n'),
    },
  }
}

async function buildPosts(db: Db, ids: number[]) {
  const posts = (await repo.findPostSources(db, ids))
    // The public rule of src/news: published or scheduled, with a time, and no internal activity.
    .filter((p) => (p.status === 'published' || p.status === 'scheduled') && p.published_at && p.activity_internal !== 1)
  const [participations, translations] = await Promise.all([
    repo.findPublicParticipations(db, posts.flatMap((p) => (p.activity_id ? [p.activity_id] : []))).then((rows) => groupBy(rows, (p) => p.activity_id)),
    repo.findPostTranslations(db, posts.map((p) => p.id)).then((rows) => groupBy(rows, (t) => t.post_id)),
  ])
  return posts.map((p) => {
    const parties = p.activity_id ? participations.get(p.activity_id) ?? [] : []
    const body = plainText(p.body)
    // Versions in other languages follow the post's own text: a Russian query finds, and shows, the Russian words.
    const versions = (translations.get(p.id) ?? []).map((t) => [t.title, t.summary, plainText(t.body)].filter(Boolean).join('\n'))
    return document('post', {
      id: p.id, slug: p.slug, title: p.title,
      // A body often opens with its summary; the snippet needs it once.
      body: [body.startsWith(p.summary.trim()) ? body : `${p.summary}\n${body}`, ...versions].join('\n'),
      termTexts: [p.summary, body, ...versions, p.activity_name, kindLabel(p.kind), p.city, countryName(p.country)],
      sortDate: p.published_at, visibleFrom: p.published_at,
      facets: facetList([['year', yearOf(p.published_at)], ['kind', p.kind], ['country', p.country],
        ...parties.map((x): [FacetName, number | null] => ['person', x.person_id]),
        ...parties.map((x): [FacetName, number | null] => ['organization', x.organization_id]),
        ...parties.map((x): [FacetName, string] => ['role', x.role])]),
    })
  })
}

async function buildActivities(db: Db, ids: number[]) {
  const activities = (await repo.findActivitySources(db, ids)).filter((a) => a.is_internal === 0)
  const participations = await repo.findPublicParticipations(db, activities.map((a) => a.id))
  const names = await loadNames(db, participations.flatMap((p) => (p.person_id ? [p.person_id] : [])),
    participations.flatMap((p) => (p.organization_id ? [p.organization_id] : [])))
  const partiesOf = groupBy(participations, (p) => p.activity_id)
  return activities.map((a) => {
    const parties = partiesOf.get(a.id) ?? []
    const namesOf = (p: (typeof parties)[number]) =>
      p.person_id ? names.people.get(p.person_id) : p.organization_id ? names.organizations.get(p.organization_id) : undefined
    const kind = kindLabel(a.kind) ?? 'Activity'
    const place = [a.city, countryName(a.country)].filter(Boolean).join(', ')
    const facts = [kind, a.starts_on ? formatDateRange(a.starts_on, a.ends_on) : null, place || null].filter(Boolean).join(' · ')
    return document('activity', {
      id: a.id, slug: a.slug, title: a.name ?? `${kind}, ${a.starts_on ? formatDateRange(a.starts_on, a.ends_on) : 'date not given'}`,
      body: `${facts}\n${describeParties(parties.map((p) => ({ role: p.role, name: namesOf(p)?.main })))}`,
      names: [...new Set(parties.flatMap((p) => namesOf(p)?.all ?? []))],
      termTexts: [kind, a.city, countryName(a.country), ...parties.map((p) => p.job_title)],
      sortDate: a.starts_on,
      facets: facetList([['year', yearOf(a.starts_on)], ['kind', a.kind], ['country', a.country],
        ...parties.map((x): [FacetName, number | null] => ['person', x.person_id]),
        ...parties.map((x): [FacetName, number | null] => ['organization', x.organization_id]),
        ...parties.map((x): [FacetName, string] => ['role', x.role])]),
    })
  })
}

async function buildPeople(db: Db, ids: number[]) {
  const [people, affiliations] = await Promise.all([repo.findPersonSources(db, ids), repo.findAffiliations(db, ids)])
  const names = await loadNames(db, people.map((p) => p.id), affiliations.map((a) => a.organization_id))
  const affiliationsOf = groupBy(affiliations, (a) => a.person_id)
  return people.map((p) => {
    const own = names.people.get(p.id)?.all ?? [p.name]
    const roles = (affiliationsOf.get(p.id) ?? [])
      .map((a) => [a.position, names.organizations.get(a.organization_id)?.main].filter(Boolean).join(', '))
    const variants = own.filter((n) => n !== p.name)
    const body = [[p.honorific, p.degree].filter(Boolean).join(', '), roles.join('; '),
      variants.length ? `Also written ${variants.join(', ')}.` : '', p.biography].filter(Boolean).join('\n')
    return document('person', {
      id: p.id, slug: p.slug, title: p.name, body, names: own, nameTexts: own,
      termTexts: [p.honorific, p.degree, p.biography, ...roles,
        ...(affiliationsOf.get(p.id) ?? []).flatMap((a) => names.organizations.get(a.organization_id)?.all ?? [])],
      facets: facetList((affiliationsOf.get(p.id) ?? []).map((a): [FacetName, number] => ['organization', a.organization_id])),
    })
  })
}

async function buildOrganizations(db: Db, ids: number[]) {
  const organizations = await repo.findOrganizationSources(db, ids)
  const names = await loadNames(db, [], organizations.map((o) => o.id))
  return organizations.map((o) => {
    const own = names.organizations.get(o.id)?.all ?? [o.name]
    const variants = own.filter((n) => n !== o.name)
    const body = [[o.kind ? `${o.kind.charAt(0).toUpperCase()}${o.kind.slice(1)}` : null, countryName(o.country)].filter(Boolean).join(', '),
      variants.length ? `Also known as ${variants.join(', ')}.` : ''].filter(Boolean).join('\n')
    return document('organization', {
      id: o.id, slug: o.slug, title: o.name, body, names: own, nameTexts: own, termTexts: [countryName(o.country)],
      facets: facetList([['country', o.country]]),
    })
  })
}

async function buildPublications(db: Db, ids: number[]) {
  const [publications, contributors] = await Promise.all([repo.findPublicationSources(db, ids), repo.findContributors(db, ids)])
  const names = await loadNames(db, contributors.flatMap((c) => (c.person_id ? [c.person_id] : [])),
    contributors.flatMap((c) => (c.organization_id ? [c.organization_id] : [])))
  const contributorsOf = groupBy(contributors, (c) => c.publication_id)
  return publications.map((p) => {
    const parties = contributorsOf.get(p.id) ?? []
    const namesOf = (c: (typeof parties)[number]) =>
      c.person_id ? names.people.get(c.person_id) : c.organization_id ? names.organizations.get(c.organization_id) : undefined
    const body = [p.summary, describeParties(parties.map((c) => ({ role: c.role, name: namesOf(c)?.main }))), p.regions]
      .filter(Boolean).join('\n')
    return document('publication', {
      id: p.id, slug: p.slug, title: p.title, body, names: [...new Set(parties.flatMap((c) => namesOf(c)?.all ?? []))],
      termTexts: [p.summary, p.regions, p.kind], sortDate: p.published_on,
      facets: facetList([['year', yearOf(p.published_on)],
        ...parties.map((x): [FacetName, number | null] => ['person', x.person_id]),
        ...parties.map((x): [FacetName, number | null] => ['organization', x.organization_id]),
        ...parties.map((x): [FacetName, string] => ['role', x.role])]),
    })
  })
}

const BUILDERS: Record<SearchType, (db: Db, ids: number[]) => Promise<NewSearchDocument[]>> = {
  post: buildPosts, activity: buildActivities, person: buildPeople, organization: buildOrganizations, publication: buildPublications,
}

/** The records whose documents show this one: an activity's posts, a person's activities and publications… */
async function affectedRecords(db: Db, type: SearchType, id: number): Promise<Map<SearchType, number[]>> {
  const affected = new Map<SearchType, number[]>([[type, [id]]])
  if (type === 'activity') affected.set('post', await repo.findPostIdsOfActivities(db, [id]))
  if (type === 'person' || type === 'organization') {
    const party = type === 'person' ? 'person_id' : 'organization_id'
    affected.set('activity', await repo.findActivityIdsOf(db, party, id))
    affected.set('publication', await repo.findPublicationIdsOf(db, party, id))
  }
  if (type === 'organization') affected.set('person', await repo.findPersonIdsAffiliatedWith(db, id))
  return affected
}

/**
 * Brings the index up to date after a record was created, changed or deleted, with the
 * documents that show it. recordRevision calls it in the same transaction as the change.
 */
export async function reindexRecord(db: Db, type: SearchType, id: number) {
  for (const [affectedType, ids] of await affectedRecords(db, type, id)) {
    for (let start = 0; start < ids.length; start += BATCH) {
      const batch = ids.slice(start, start + BATCH)
      const documents = await BUILDERS[affectedType](db, batch)
      await repo.replaceDocuments(db, affectedType, batch, documents)
      await rememberTerms(db, wordTermsOf(documents))
    }
  }
}

/** The words the documents are indexed under, for a query word to be read as the start of one (src/db/fulltext.ts). */
function wordTermsOf(documents: NewSearchDocument[], known = new Set<string>()) {
  const terms = new Set<string>()
  for (const { row } of documents) {
    for (const term of `${row.terms} ${row.name_terms}`.split(' ')) {
      if (term && !known.has(term) && !isFacetTerm(term)) terms.add(term)
    }
  }
  for (const term of terms) known.add(term)
  return terms
}

/**
 * Builds the index of a database whose records came before it: one made before migration 0004 finds
 * nothing after an upgrade otherwise. Of several servers starting at once, one builds it; true when it did.
 */
export async function buildSearchIndexIfMissing(db: Db): Promise<boolean> {
  if (await repo.hasDocuments(db)) return false
  return inTransaction(db, async (trx) => {
    if (!await claimJob(trx, 'search-index') || await repo.hasDocuments(trx)) return false
    for (const type of TYPES) {
      if ((await repo.findIdsAfter(trx, type, 0, 1)).length) {
        await rebuildWithin(trx)
        return true
      }
    }
    return false
  })
}

/** Makes the whole index again from the records: after a bulk load that bypassed the services. */
export async function rebuildSearchIndex(db: Db): Promise<{ documents: number }> {
  return inTransaction(db, rebuildWithin)
}

async function rebuildWithin(trx: Db): Promise<{ documents: number }> {
  await repo.deleteAllDocuments(trx)
  await forgetTerms(trx)
  const known = new Set<string>()
  for (const type of TYPES) {
    for (let ids = await repo.findIdsAfter(trx, type, 0, BATCH); ids.length; ids = await repo.findIdsAfter(trx, type, ids.at(-1)!, BATCH)) {
      const documents = await BUILDERS[type](trx, ids)
      await repo.insertDocuments(trx, documents)
      await rememberTerms(trx, wordTermsOf(documents, known))
    }
  }
  return { documents: await repo.countDocuments(trx) }
}
