import type { Db, RevisionRow } from '../db/database.ts'
import type { Page } from '../lib/pagination.ts'

/** Every change to every record, newest first, one page and one row more (to know whether another page follows). */
export function listRecentRevisions(db: Db, page: Page): Promise<RevisionRow[]> {
  return db.selectFrom('revision').selectAll().orderBy('id', 'desc').limit(page.size + 1).offset(page.offset).execute()
}

/** One record's revisions, newest first. */
export function listRevisionsOf(db: Db, entityType: string, entityId: number, page: Page): Promise<RevisionRow[]> {
  return db.selectFrom('revision').selectAll().where('entity_type', '=', entityType).where('entity_id', '=', entityId)
    .orderBy('id', 'desc').limit(page.size + 1).offset(page.offset).execute()
}

export function countRevisionsOf(db: Db, entityType: string, entityId: number) {
  return db.selectFrom('revision').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('entity_type', '=', entityType).where('entity_id', '=', entityId).executeTakeFirstOrThrow()
}

/**
 * The trash: deletions after which nothing happened to the record, so it is still gone.
 * A record deleted, restored and deleted again appears once, with its last deletion.
 */
export function listTrash(db: Db, page: Page): Promise<RevisionRow[]> {
  return db.selectFrom('revision as r').selectAll('r')
    .where('r.action', '=', 'delete')
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('revision as later').select('later.id')
      .whereRef('later.entity_type', '=', 'r.entity_type').whereRef('later.entity_id', '=', 'r.entity_id')
      .whereRef('later.id', '>', 'r.id'))))
    .orderBy('r.id', 'desc').limit(page.size + 1).offset(page.offset).execute()
}

export function findPeopleNames(db: Db, ids: number[]) {
  if (!ids.length) return Promise.resolve([])
  return db.selectFrom('person').select(['id', 'name']).where('id', 'in', ids).execute()
}

export function findOrganizationNames(db: Db, ids: number[]) {
  if (!ids.length) return Promise.resolve([])
  return db.selectFrom('organization').select(['id', 'name']).where('id', 'in', ids).execute()
}

export function findActivityNames(db: Db, ids: number[]) {
  if (!ids.length) return Promise.resolve([])
  return db.selectFrom('activity').select(['id', 'name', 'kind', 'starts_on']).where('id', 'in', ids).execute()
}

export async function findExistingIds(db: Db, table: 'person' | 'organization' | 'activity' | 'stored_file', ids: number[]) {
  if (!ids.length) return new Set<number>()
  const rows = await db.selectFrom(table).select('id').where('id', 'in', ids).execute()
  return new Set(rows.map((r) => r.id))
}

export function findSlugOwner(db: Db, table: 'post' | 'activity' | 'person' | 'organization' | 'publication', slug: string) {
  return db.selectFrom(table).select('id').where('slug', '=', slug).executeTakeFirst()
}
