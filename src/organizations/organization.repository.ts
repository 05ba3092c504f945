import { type Insertable, sql, type SqlBool } from 'kysely'
import type { Db, OrganizationTable } from '../db/database.ts'
import { nameKey } from '../lib/names.ts'
import type { Page } from '../lib/pagination.ts'

export function findOrganizationBySlug(db: Db, slug: string) {
  return db.selectFrom('organization').selectAll().where('slug', '=', slug).executeTakeFirst()
}

export function findOrganizationById(db: Db, id: number) {
  return db.selectFrom('organization').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function isOrganizationSlugTaken(db: Db, slug: string) {
  return !!(await db.selectFrom('organization').select('id').where('slug', '=', slug).executeTakeFirst())
}

/** Organizations whose name, variant or acronym has this key. */
export function findOrganizationIdsByNameKey(db: Db, key: string) {
  return db.selectFrom('organization_name').select('organization_id as id')
    .where('name_key', '=', key).distinct().execute()
}

export function findOrganizationNames(db: Db, organizationId: number) {
  return db.selectFrom('organization_name').select(['name', 'is_acronym'])
    .where('organization_id', '=', organizationId).orderBy('id').execute()
}

export function findOrganizationNamesOf(db: Db, organizationIds: number[]) {
  if (!organizationIds.length) return Promise.resolve([])
  return db.selectFrom('organization_name').select(['organization_id', 'name', 'is_acronym'])
    .where('organization_id', 'in', organizationIds).orderBy('id').execute()
}

export async function insertOrganization(db: Db, row: Insertable<OrganizationTable>) {
  const { id } = await db.insertInto('organization').values(row).returning('id').executeTakeFirstOrThrow()
  return id
}

export function updateOrganizationParent(db: Db, id: number, parentId: number | null) {
  return db.updateTable('organization').set({ parent_id: parentId }).where('id', '=', id).execute()
}

export function insertOrganizationName(db: Db, organizationId: number, name: string, nameKey: string, isAcronym: boolean) {
  return db.insertInto('organization_name')
    .values({ organization_id: organizationId, name, name_key: nameKey, is_acronym: isAcronym ? 1 : 0 }).execute()
}

export function listOrganizations(db: Db, page: Page) {
  return db.selectFrom('organization').select(['id', 'slug', 'name', 'kind', 'country'])
    .orderBy('name').orderBy('id').limit(page.size + 1).offset(page.offset).execute()
}

export function listAllOrganizations(db: Db) {
  return db.selectFrom('organization').selectAll().orderBy('slug').execute()
}

export function findChildOrganizations(db: Db, parentId: number) {
  return db.selectFrom('organization').select(['id', 'slug', 'name'])
    .where('parent_id', '=', parentId).orderBy('name').limit(200).execute()
}

/**
 * A page of the people with a recorded affiliation to the organization, by name: each person once,
 * at their first affiliation there, read in the order of the affiliation_organization_by_name index.
 */
export function findAffiliatedPeople(db: Db, organizationId: number, page: Page) {
  return db.selectFrom('affiliation as af')
    .innerJoin('person as p', 'p.id', 'af.person_id')
    .select(['p.id', 'p.slug', 'p.name'])
    .where('af.organization_id', '=', organizationId)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('affiliation as earlier').select('earlier.id')
      .whereRef('earlier.person_id', '=', 'af.person_id').where('earlier.organization_id', '=', organizationId)
      .whereRef('earlier.id', '<', 'af.id'))))
    .orderBy('af.person_name').orderBy('af.person_id').limit(page.size + 1).offset(page.offset).execute()
}

/** Every affiliation of these people, in the order recorded: a few each, read by person. */
export function findAffiliationsOfPeople(db: Db, personIds: number[]) {
  if (!personIds.length) return Promise.resolve([])
  return db.selectFrom('affiliation').select(['person_id', 'organization_id', 'position'])
    .where('person_id', 'in', personIds).orderBy('person_id').orderBy('id').execute()
}

/** How many public activities the organization took each role in; kept current by src/listings. */
export function countPublicRolesOfOrganization(db: Db, organizationId: number) {
  return db.selectFrom('organization_activity_count').select(['role', 'activities as n'])
    .where('organization_id', '=', organizationId).where('role', '<>', '').execute()
}

/** Public activities in which the organization had this role, newest first: one index range, in its order. */
export function findPublicActivitiesOfOrganization(db: Db, organizationId: number, role: string, page: Page) {
  return db.selectFrom('participation as pa')
    .innerJoin('activity as a', 'a.id', 'pa.activity_id')
    .select(['a.id', 'a.slug', 'a.kind', 'a.name', 'a.starts_on', 'a.ends_on', 'a.city', 'a.country', 'pa.role'])
    .where('pa.organization_id', '=', organizationId).where('pa.role', '=', role).where('pa.is_public', '=', 1)
    .orderBy('pa.activity_starts_on', 'desc').orderBy('pa.activity_id', 'desc')
    .limit(page.size + 1).offset(page.offset).execute()
}

/** Organizations one of whose names or acronyms contains the key, for pickers. */
export function searchOrganizationsByNameKey(db: Db, key: string, limit: number) {
  return db.selectFrom('organization_name as n').innerJoin('organization as o', 'o.id', 'n.organization_id')
    .select(['o.id', 'o.slug', 'o.name', 'o.country']).distinct()
    .where('n.name_key', 'like', `%${key}%`)
    .orderBy('o.name').limit(limit).execute()
}

/** `%`, `_` and `\` stand for themselves in a search, not for LIKE's wildcards. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, '\\$&')

/**
 * The admin's list of organizations, by name, optionally only those one of whose names or
 * acronyms contains the text. Text without `%` or `_` also matches by name key.
 */
export function searchOrganizationsForAdmin(db: Db, text: string | undefined, page: Page) {
  let query = db.selectFrom('organization as o').select(['o.id', 'o.slug', 'o.name', 'o.kind', 'o.country', 'o.updated_at'])
  const q = text?.trim()
  if (q) {
    const key = /[%_\\]/.test(q) ? '' : nameKey(q)
    query = query.where(({ exists, selectFrom }) => exists(selectFrom('organization_name as n').select('n.id')
      .whereRef('n.organization_id', '=', 'o.id')
      .where((eb) => eb.or([
        // lower() folds only ASCII on SQLite, so the text as typed is tried too.
        sql<SqlBool>`n.name like ${`%${escapeLike(q)}%`} escape '\\'`,
        sql<SqlBool>`lower(n.name) like ${`%${escapeLike(q.toLowerCase())}%`} escape '\\'`,
        ...(key ? [sql<SqlBool>`n.name_key like ${`%${escapeLike(key)}%`} escape '\\'`] : []),
      ]))))
  }
  return query.orderBy('o.name').orderBy('o.id').limit(page.size + 1).offset(page.offset).execute()
}

/** Names and addresses of the given records, for labels. */
export function findOrganizationsByIds(db: Db, ids: number[]) {
  if (!ids.length) return Promise.resolve([])
  return db.selectFrom('organization').select(['id', 'slug', 'name']).where('id', 'in', ids).execute()
}
