import { type Insertable, sql } from 'kysely'
import type { Db, SearchDocumentTable } from '../db/database.ts'
import { fulltextMatch, type FulltextQuery, isMatched, type Matches, type MatchStrategy } from '../db/fulltext.ts'

export type SearchType = 'post' | 'activity' | 'person' | 'organization' | 'publication'
export type FacetName = 'year' | 'kind' | 'country' | 'person' | 'organization' | 'role'

const TYPE_CODES: Record<SearchType, number> = { post: 1, activity: 2, person: 3, organization: 4, publication: 5 }
const TYPE_OF_CODE = new Map(Object.entries(TYPE_CODES).map(([type, code]) => [code, type as SearchType]))

/**
 * A document's id is made from the record's (id × 8 + kind): the same on both engines, and the
 * full-text index alone tells the kind of a match (id % 8) without reading the documents.
 */
export const documentId = (type: SearchType, entityId: number) => entityId * 8 + TYPE_CODES[type]

export interface NewSearchDocument {
  row: Insertable<SearchDocumentTable>
}

// ---- What documents are made of ----

export function findPostSources(db: Db, ids: number[]) {
  return db.selectFrom('post as p').leftJoin('activity as a', 'a.id', 'p.activity_id')
    .select(['p.id', 'p.slug', 'p.title', 'p.summary', 'p.body', 'p.status', 'p.published_at', 'p.activity_id',
      'a.is_internal as activity_internal', 'a.kind', 'a.name as activity_name', 'a.city', 'a.country'])
    .where('p.id', 'in', ids).execute()
}

/** The posts' versions in other languages, found by their words as the post itself is. */
export function findPostTranslations(db: Db, postIds: number[]) {
  if (!postIds.length) return Promise.resolve([])
  return db.selectFrom('post_translation').select(['post_id', 'lang', 'title', 'summary', 'body'])
    .where('post_id', 'in', postIds).orderBy('post_id').orderBy('lang').execute()
}

export function findActivitySources(db: Db, ids: number[]) {
  return db.selectFrom('activity').selectAll().where('id', 'in', ids).execute()
}

/** Participations the public may see, in the order the activity lists them. */
export function findPublicParticipations(db: Db, activityIds: number[]) {
  if (!activityIds.length) return Promise.resolve([])
  return db.selectFrom('participation')
    .select(['activity_id', 'person_id', 'organization_id', 'role', 'job_title'])
    .where('activity_id', 'in', activityIds).where('is_internal', '=', 0)
    .orderBy('activity_id').orderBy('position').orderBy('id').execute()
}

export function findPersonSources(db: Db, ids: number[]) {
  return db.selectFrom('person').select(['id', 'slug', 'name', 'honorific', 'degree', 'biography']).where('id', 'in', ids).execute()
}

export function findOrganizationSources(db: Db, ids: number[]) {
  return db.selectFrom('organization').select(['id', 'slug', 'name', 'kind', 'country']).where('id', 'in', ids).execute()
}

export function findPublicationSources(db: Db, ids: number[]) {
  return db.selectFrom('publication').select(['id', 'slug', 'kind', 'title', 'summary', 'published_on', 'regions'])
    .where('id', 'in', ids).execute()
}

export function findContributors(db: Db, publicationIds: number[]) {
  if (!publicationIds.length) return Promise.resolve([])
  return db.selectFrom('publication_contributor')
    .select(['publication_id', 'person_id', 'organization_id', 'role'])
    .where('publication_id', 'in', publicationIds).orderBy('publication_id').orderBy('position').orderBy('id').execute()
}

export function findAffiliations(db: Db, personIds: number[]) {
  if (!personIds.length) return Promise.resolve([])
  return db.selectFrom('affiliation').select(['person_id', 'organization_id', 'position'])
    .where('person_id', 'in', personIds).orderBy('person_id').orderBy('id').execute()
}

/** Every name of the people, the main one first. */
export function findPersonNames(db: Db, personIds: number[]) {
  if (!personIds.length) return Promise.resolve([])
  return db.selectFrom('person as p').leftJoin('person_name as n', 'n.person_id', 'p.id')
    .select(['p.id', 'p.name', 'n.name as variant']).where('p.id', 'in', personIds).orderBy('p.id').orderBy('n.id').execute()
}

/** Every name of the organizations, the main one first. */
export function findOrganizationNames(db: Db, organizationIds: number[]) {
  if (!organizationIds.length) return Promise.resolve([])
  return db.selectFrom('organization as o').leftJoin('organization_name as n', 'n.organization_id', 'o.id')
    .select(['o.id', 'o.name', 'n.name as variant']).where('o.id', 'in', organizationIds).orderBy('o.id').orderBy('n.id').execute()
}

// ---- Which documents a change touches ----

export async function findPostIdsOfActivities(db: Db, activityIds: number[]) {
  if (!activityIds.length) return []
  return (await db.selectFrom('post').select('id').where('activity_id', 'in', activityIds).execute()).map((r) => r.id)
}

export async function findActivityIdsOf(db: Db, party: 'person_id' | 'organization_id', id: number) {
  const rows = await db.selectFrom('participation').select('activity_id').where(party, '=', id).distinct().execute()
  return rows.map((r) => r.activity_id)
}

export async function findPublicationIdsOf(db: Db, party: 'person_id' | 'organization_id', id: number) {
  const rows = await db.selectFrom('publication_contributor').select('publication_id').where(party, '=', id).distinct().execute()
  return rows.map((r) => r.publication_id)
}

export async function findPersonIdsAffiliatedWith(db: Db, organizationId: number) {
  const rows = await db.selectFrom('affiliation').select('person_id').where('organization_id', '=', organizationId).distinct().execute()
  return rows.map((r) => r.person_id)
}

const SOURCE_TABLES = { post: 'post', activity: 'activity', person: 'person', organization: 'organization', publication: 'publication' } as const

/** The next ids of a kind of record, in order, for rebuilding the index batch by batch. */
export async function findIdsAfter(db: Db, type: SearchType, afterId: number, limit: number) {
  const rows = await db.selectFrom(SOURCE_TABLES[type]).select('id').where('id', '>', afterId).orderBy('id').limit(limit).execute()
  return rows.map((r) => r.id)
}

// ---- Writing the index ----

/** Puts `documents` in place of whatever the index held for these records. */
export async function replaceDocuments(db: Db, type: SearchType, entityIds: number[], documents: NewSearchDocument[]) {
  if (entityIds.length) {
    await db.deleteFrom('search_document').where('entity_type', '=', type).where('entity_id', 'in', entityIds).execute()
  }
  await insertDocuments(db, documents)
}

// 500 rows of a dozen columns stay below both engines' limits on bound parameters.
const ROWS_PER_INSERT = 500

export async function insertDocuments(db: Db, documents: NewSearchDocument[]) {
  for (let start = 0; start < documents.length; start += ROWS_PER_INSERT) {
    await db.insertInto('search_document').values(documents.slice(start, start + ROWS_PER_INSERT).map((d) => d.row)).execute()
  }
}

export async function deleteAllDocuments(db: Db) {
  await db.deleteFrom('search_document').execute()
}

export async function countDocuments(db: Db) {
  const row = await db.selectFrom('search_document').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

// ---- Reading the index ----

export interface SearchCriteria {
  /** The documents matching the query's words and the filters' facet terms (withFulltextMatches). */
  matches: Matches
  now: string
}

const isVisible = (criteria: SearchCriteria) =>
  sql<boolean>`(d.visible_from is null or d.visible_from <= ${criteria.now})`

/** Matches by type (id % 8) less the scheduled posts whose time has not come. */
export async function countMatchesByType(db: Db, criteria: SearchCriteria) {
  const code = sql<number>`m.id % 8`
  const [all, waiting] = await Promise.all([
    db.selectFrom(criteria.matches.as('m'))
      .select([code.as('code'), (eb) => eb.fn.countAll<number>().as('n')]).groupBy(code).execute(),
    db.selectFrom('search_document as d')
      .select([sql<number>`d.id % 8`.as('code'), (eb) => eb.fn.countAll<number>().as('n')])
      .where('d.visible_from', '>', criteria.now).where(isMatched(db, 'd', criteria.matches, 'filter'))
      .groupBy(sql`d.id % 8`).execute(),
  ])
  const counts = new Map<SearchType, number>()
  for (const row of all) counts.set(TYPE_OF_CODE.get(Number(row.code))!, Number(row.n))
  for (const row of waiting) {
    const type = TYPE_OF_CODE.get(Number(row.code))!
    counts.set(type, counts.get(type)! - Number(row.n))
  }
  return new Map([...counts].filter(([, n]) => n > 0))
}

const LISTED = ['d.id', 'd.entity_type', 'd.entity_id', 'd.slug', 'd.title', 'd.body', 'd.names', 'd.sort_date'] as const

const MANY_MATCHES = 500

/** How to find one type's page of matches, by how many there are; a planner cannot know it. */
function strategyFor(matches: number, end: number, datesSpread: boolean): { strategy: MatchStrategy; inOrder: boolean } {
  // Many, spread over the years: walk the type in result order, checking each document against the
  // set of matches, until the page is full. (Matches of one year may lie far down that walk.)
  if (datesSpread && matches >= MANY_MATCHES && matches >= 5 * end) return { strategy: 'filter', inOrder: true }
  // Few: read the matches and sort them.
  return { strategy: 'lookup', inOrder: false }
}

/**
 * One type's matches: newest first, then by name, then by id, the same on both engines. `matches`
 * (their number) and whether they may bunch in a few years (`datesSpread` false) decide how to find
 * them; the two conditions on the type say the same and only lead the planner to the index in
 * result order, or away from it.
 */
export function findMatchesOfType(db: Db, criteria: SearchCriteria, type: SearchType, limit: number, offset: number,
  matches: number, datesSpread = true) {
  const { strategy, inOrder } = strategyFor(matches, offset + limit, datesSpread)
  const query = db.selectFrom('search_document as d').select([...LISTED])
    .where(isMatched(db, 'd', criteria.matches, strategy)).where(isVisible(criteria))
  return (inOrder ? query.where('d.entity_type', '=', type) : query.where(sql`d.id % 8`, '=', TYPE_CODES[type]))
    .orderBy('d.sort_date', 'desc').orderBy('d.sort_name').orderBy('d.id', 'desc')
    .limit(limit).offset(offset).execute()
}

/** The facet values of the matches with the highest ids (the latest records) up to `limit`, one text per document. */
export async function findFacetsOfMatches(db: Db, criteria: SearchCriteria, limit: number) {
  const latest = db.selectFrom(criteria.matches.as('m')).select('m.id').orderBy('m.id', 'desc').limit(limit)
  const rows = await db.selectFrom('search_document as d').select('d.facets')
    .where('d.id', 'in', latest).where(isVisible(criteria)).execute()
  return rows.map((r) => r.facets)
}

/** People and organizations whose names match, by name. */
export function findNamesMatching(db: Db, match: FulltextQuery, limit: number) {
  return db.selectFrom('search_document as d')
    .select(['d.entity_type', 'd.entity_id', 'd.slug', 'd.title', 'd.names'])
    .where('d.entity_type', 'in', ['person', 'organization'])
    .where(fulltextMatch(db, 'd', 'name_terms', match))
    .orderBy('d.sort_name').orderBy('d.entity_type').orderBy('d.entity_id').limit(limit).execute()
}

// ---- Facet labels ----

export { findPeopleByIds } from '../people/person.repository.ts'
export { findOrganizationsByIds } from '../organizations/organization.repository.ts'

export function findPersonIdBySlug(db: Db, slug: string) {
  return db.selectFrom('person').select('id').where('slug', '=', slug).executeTakeFirst()
}

export function findOrganizationIdBySlug(db: Db, slug: string) {
  return db.selectFrom('organization').select('id').where('slug', '=', slug).executeTakeFirst()
}
