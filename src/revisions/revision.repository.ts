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
