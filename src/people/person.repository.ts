import { type Insertable, sql, type SqlBool } from 'kysely'
import type { AffiliationTable, Db, PersonTable } from '../db/database.ts'
import { nameKey } from '../lib/names.ts'
import type { Page } from '../lib/pagination.ts'

export function findPersonBySlug(db: Db, slug: string) {
  return db.selectFrom('person').selectAll().where('slug', '=', slug).executeTakeFirst()
}

export async function isPersonSlugTaken(db: Db, slug: string) {
  return !!(await db.selectFrom('person').select('id').where('slug', '=', slug).executeTakeFirst())
}

export function findPersonIdsByNameKey(db: Db, key: string) {
  return db.selectFrom('person_name').select('person_id as id').where('name_key', '=', key).distinct().execute()
}

export function findPersonNames(db: Db, personId: number) {
  return db.selectFrom('person_name').select('name').where('person_id', '=', personId).orderBy('id').execute()
}

export function findPersonNamesOf(db: Db, personIds: number[]) {
  if (!personIds.length) return Promise.resolve([])
  return db.selectFrom('person_name').select(['person_id', 'name'])
    .where('person_id', 'in', personIds).orderBy('id').execute()
}

export async function insertPerson(db: Db, row: Insertable<PersonTable>) {
  const { id } = await db.insertInto('person').values(row).returning('id').executeTakeFirstOrThrow()
  return id
}

export function insertPersonName(db: Db, personId: number, name: string, nameKey: string) {
  return db.insertInto('person_name').values({ person_id: personId, name, name_key: nameKey }).execute()
}

export function insertAffiliation(db: Db, row: Insertable<AffiliationTable>) {
  return db.insertInto('affiliation')
    .values((eb) => ({ ...row, person_name: eb.selectFrom('person').select('name').where('id', '=', row.person_id) })).execute()
}

export function updateAffiliationPosition(db: Db, id: number, position: string | null) {
  return db.updateTable('affiliation').set({ position }).where('id', '=', id).execute()
}

export function findAffiliationsOf(db: Db, personIds: number[]) {
  if (!personIds.length) return Promise.resolve([])
  return db.selectFrom('affiliation as af')
    .innerJoin('organization as o', 'o.id', 'af.organization_id')
    .select(['af.id', 'af.person_id', 'af.position', 'af.starts_on', 'af.ends_on',
      'o.id as organization_id', 'o.slug as organization_slug', 'o.name as organization_name'])
    .where('af.person_id', 'in', personIds)
    .orderBy('af.person_id').orderBy('af.id').execute()
}

export function listPeople(db: Db, page: Page) {
  return db.selectFrom('person').select(['id', 'slug', 'name', 'honorific', 'degree'])
    .orderBy('name').orderBy('id').limit(page.size + 1).offset(page.offset).execute()
}

export function listAllPeople(db: Db) {
  return db.selectFrom('person').selectAll().orderBy('slug').execute()
}

/** How many public activities the person took part in, in any role; kept current by src/listings. */
export async function countPublicActivitiesOfPerson(db: Db, personId: number) {
  const row = await db.selectFrom('person_activity_count').select('activities')
    .where('person_id', '=', personId).where('role', '=', '').executeTakeFirst()
  return row?.activities ?? 0
}

/**
 * The person's public activities with their role, newest first; a person may hold two roles in one.
 * One range of the participation_person_listed index, in its order: no more rows read than shown.
 */
export function findPublicActivitiesOfPerson(db: Db, personId: number, page: Page) {
  return db.selectFrom('participation as pa')
    .innerJoin('activity as a', 'a.id', 'pa.activity_id')
    .select(['a.id', 'a.slug', 'a.kind', 'a.name', 'a.starts_on', 'a.ends_on', 'a.city', 'a.country',
      'pa.role', 'pa.job_title'])
    .where('pa.person_id', '=', personId).where('pa.is_public', '=', 1)
    .orderBy('pa.activity_starts_on', 'desc').orderBy('pa.activity_id', 'desc').orderBy('pa.position')
    .limit(page.size + 1).offset(page.offset).execute()
}

/** People one of whose names contains the key, for pickers. */
export function searchPeopleByNameKey(db: Db, key: string, limit: number) {
  return db.selectFrom('person_name as n').innerJoin('person as p', 'p.id', 'n.person_id')
    .select(['p.id', 'p.slug', 'p.name']).distinct()
    .where('n.name_key', 'like', `%${key}%`)
    .orderBy('p.name').limit(limit).execute()
}

export function findPersonById(db: Db, id: number) {
  return db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst()
}

/** `%`, `_` and `\` stand for themselves in a search, not for LIKE's wildcards. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, '\\$&')

/**
 * The admin's list of people, by name, optionally only those one of whose names contains the
 * text. Text without `%` or `_` also matches by name key, so "somuncuoglu" finds "Somuncuoğlu".
 */
export function searchPeopleForAdmin(db: Db, text: string | undefined, page: Page) {
  let query = db.selectFrom('person as p').select(['p.id', 'p.slug', 'p.name', 'p.updated_at'])
  const q = text?.trim()
  if (q) {
    const key = /[%_\\]/.test(q) ? '' : nameKey(q)
    query = query.where(({ exists, selectFrom }) => exists(selectFrom('person_name as n').select('n.id')
      .whereRef('n.person_id', '=', 'p.id')
      .where((eb) => eb.or([
        // lower() folds only ASCII on SQLite, so the text as typed is tried too.
        sql<SqlBool>`n.name like ${`%${escapeLike(q)}%`} escape '\\'`,
        sql<SqlBool>`lower(n.name) like ${`%${escapeLike(q.toLowerCase())}%`} escape '\\'`,
        ...(key ? [sql<SqlBool>`n.name_key like ${`%${escapeLike(key)}%`} escape '\\'`] : []),
      ]))))
  }
  return query.orderBy('p.name').orderBy('p.id').limit(page.size + 1).offset(page.offset).execute()
}

/** Names and addresses of the given records, for labels. */
export function findPeopleByIds(db: Db, ids: number[]) {
  if (!ids.length) return Promise.resolve([])
  return db.selectFrom('person').select(['id', 'slug', 'name']).where('id', 'in', ids).execute()
}
