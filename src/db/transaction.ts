import type { Db } from './database.ts'

/** Runs the work in a transaction, joining the caller's when there is one already. */
export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work)
}
