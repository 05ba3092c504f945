import type { Db, NewRevision, RevisionRow } from '../db/database.ts'

export function insertRevision(db: Db, revision: NewRevision) {
  return db.insertInto('revision').values(revision).execute()
}

export function findRevisionsOf(db: Db, entityType: string, entityId: number): Promise<RevisionRow[]> {
  return db.selectFrom('revision').selectAll()
    .where('entity_type', '=', entityType).where('entity_id', '=', entityId)
    .orderBy('id', 'asc').execute()
}

export function countRevisions(db: Db) {
  return db.selectFrom('revision').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
}

export async function findLatestRevisionId(db: Db, entityType: string, entityId: number) {
  const row = await db.selectFrom('revision').select('id')
    .where('entity_type', '=', entityType).where('entity_id', '=', entityId)
    .orderBy('id', 'desc').limit(1).executeTakeFirst()
  return row?.id ?? null
}

export function findRevisionById(db: Db, id: number) {
  return db.selectFrom('revision').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Deletions, newest first: the trash. Whether each record is still gone the caller checks. */
export function findDeleteRevisions(db: Db, limit: number) {
  return db.selectFrom('revision').selectAll().where('action', '=', 'delete').orderBy('id', 'desc').limit(limit).execute()
}

export async function addSlugRedirect(db: Db, entityType: string, slug: string, targetId: number) {
  await db.deleteFrom('slug_redirect').where('entity_type', '=', entityType).where('slug', '=', slug).execute()
  await db.insertInto('slug_redirect').values({ entity_type: entityType, slug, target_id: targetId }).execute()
}

export async function findRedirectTarget(db: Db, entityType: string, slug: string) {
  const row = await db.selectFrom('slug_redirect').select('target_id')
    .where('entity_type', '=', entityType).where('slug', '=', slug).orderBy('id', 'desc').limit(1).executeTakeFirst()
  return row?.target_id ?? null
}

export function findRecentRevisions(db: Db, limit: number) {
  return db.selectFrom('revision').select(['id', 'entity_type', 'entity_id', 'action', 'actor', 'at'])
    .orderBy('id', 'desc').limit(limit).execute()
}
