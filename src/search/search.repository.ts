import { type Insertable, sql } from 'kysely'
import type { Db, SearchDocumentTable } from '../db/database.ts'
import { fulltextIds, fulltextMatch, type FulltextQuery, isOneOf } from '../db/fulltext.ts'

export type SearchType = 'post' | 'activity' | 'person' | 'organization' | 'publication'
export type FacetName = 'year' | 'kind' | 'country' | 'person' | 'organization' | 'role'

const TYPE_CODES: Record<SearchType, number> = { post: 1, activity: 2, person: 3, organization: 4, publication: 5 }

// A document's id puts it in result order (migration 0013 rewrote the older ids by the same rule):
//   id = (kind × 2^25 + key) × 2^24 + record id
// where the key is 2^24 − 1 − the record's day for a dated record (newest first), and 2^24 + the first
// three bytes of its folded name for the others (by name, after the dated ones). Within a key the
// order is read from the documents. Every id stays below 2^53, exact in a JavaScript number.
const RECORD_SPACE = 2 ** 24
const KEY_SPACE = 2 ** 25
const KIND_SPACE = KEY_SPACE * RECORD_SPACE
/** search_bucket counts the documents of each run of this many ids (32 keys). */
const BUCKET_SIZE = 2 ** 29

/** Days from 1800 in months of 31 days: as ISO dates sort, and the same in SQL (0013). */
function dayOf(date: string) {
  const day = (Number(date.slice(0, 4)) - 1800) * 372 + (Number(date.slice(5, 7)) - 1) * 31 + Number(date.slice(8, 10)) - 1
  return Math.max(0, Math.min(RECORD_SPACE - 1, day))
}

function nameKeyOf(name: string) {
  const bytes = Buffer.from(name.slice(0, 4), 'utf8')
  return ((bytes[0] ?? 0) << 16) + ((bytes[1] ?? 0) << 8) + (bytes[2] ?? 0)
}

/** The id of a record's search document, from its kind, id and result order (sort date and folded name). */
export function documentId(type: SearchType, entityId: number, sortDate: string, sortName: string) {
  if (!Number.isInteger(entityId) || entityId < 1 || entityId >= RECORD_SPACE) {
    throw new Error(`a ${type} id must be below ${RECORD_SPACE} to be searched: ${entityId}`)
  }
  const key = /^\d{4}-\d{2}-\d{2}/.test(sortDate) ? RECORD_SPACE - 1 - dayOf(sortDate) : RECORD_SPACE + nameKeyOf(sortName)
  return (TYPE_CODES[type] * KEY_SPACE + key) * RECORD_SPACE + entityId
}

/** The first and last possible document id of a kind. */
export function idsOfType(type: SearchType): [number, number] {
  return [TYPE_CODES[type] * KIND_SPACE, (TYPE_CODES[type] + 1) * KIND_SPACE - 1]
}

/** Documents with the same order key: their order among themselves is read from their sort columns. */
export const orderKeyOf = (id: number) => Math.floor(id / RECORD_SPACE)

/** The ids of the documents with this order key. */
export const idsOfOrderKey = (key: number): [number, number] => [key * RECORD_SPACE, (key + 1) * RECORD_SPACE - 1]

export const bucketOf = (id: number) => Math.floor(id / BUCKET_SIZE)

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

export async function hasDocuments(db: Db) {
  return !!await db.selectFrom('search_document').select('id').limit(1).executeTakeFirst()
}

export async function countDocuments(db: Db) {
  const row = await db.selectFrom('search_document').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

// ---- Reading the index ----

/**
 * The ids of a kind's documents matching the query, in result order (up to the order within a
 * key), the first `limit` of them; scheduled posts whose time has not come are left out.
 */
export async function findMatchIds(db: Db, match: FulltextQuery, type: SearchType, now: string, limit: number | null,
  [from, to] = idsOfType(type)) {
  const waiting = db.selectFrom('search_document').select('id').where('visible_from', '>', now)
  let query = db.selectFrom(fulltextIds(db, 'terms', match).as('m')).select('m.id')
    .where('m.id', '>=', asInteger(from)).where('m.id', '<=', asInteger(to)).where('m.id', 'not in', waiting).orderBy('m.id')
  if (limit !== null) query = query.limit(limit)
  return (await query.execute()).map((r) => Number(r.id))
}

/** An id as an integer: better-sqlite3 binds numbers past 2^31 as reals, with which FTS5 walks its lists from the start. */
const asInteger = (id: number) => sql<number>`cast(${id} as bigint)`

/** How many documents each bucket of a kind holds (search_bucket), lowest ids first. */
export async function findBucketsOfType(db: Db, type: SearchType) {
  const [from, to] = idsOfType(type)
  const { rows } = await sql<{ bucket: number; documents: number }>`select bucket, documents from search_bucket
    where bucket >= ${bucketOf(from)} and bucket <= ${bucketOf(to)} order by bucket`.execute(db)
  return rows.map((r) => ({ bucket: Number(r.bucket), documents: Number(r.documents) }))
}

/** The documents' kinds and ids in result order within each kind: newest first, then by name, then the latest record first. */
export function sortDocuments(db: Db, ids: number[]) {
  if (!ids.length) return Promise.resolve([])
  return db.selectFrom('search_document').select(['id', 'entity_type']).where(isOneOf(db, 'id', ids))
    .orderBy('entity_type').orderBy('sort_date', 'desc').orderBy('sort_name').orderBy('entity_id', 'desc').execute()
}

const LISTED = ['id', 'entity_type', 'entity_id', 'slug', 'title', 'body', 'sort_date'] as const

/** What a result shows of each document: its title, text for the snippet, date. */
export function findDocuments(db: Db, ids: number[]) {
  if (!ids.length) return Promise.resolve([])
  return db.selectFrom('search_document').select([...LISTED]).where(isOneOf(db, 'id', ids)).execute()
}

/** The facet values of the documents, one text per document (search_facets: "year=2024\nperson=12…"). */
export async function findFacetTexts(db: Db, ids: number[]) {
  if (!ids.length) return []
  const { rows } = await sql<{ facets: string }>`select facets from search_facets where ${isOneOf(db, 'id', ids)}`.execute(db)
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
