import { sql } from 'kysely'
import type { Db } from './database.ts'
import { dialectOf } from './fulltext.ts'

/**
 * Claims a job for this transaction, so that of several servers on one PostgreSQL only one runs
 * it at a time; the others get false and skip. The lock ends with the transaction. On SQLite the
 * claim takes the write lock before the job reads anything, so a second process waits for the
 * first to commit and then reads what it wrote.
 */
export async function claimJob(trx: Db, job: string): Promise<boolean> {
  if (!trx.isTransaction) throw new Error('claimJob needs a transaction: the lock lasts as long as one')
  if (dialectOf(trx) !== 'postgres') {
    await sql`update content_version set id = id where id = 1`.execute(trx)
    return true
  }
  const { rows } = await sql<{ claimed: boolean }>`select pg_try_advisory_xact_lock(hashtext(${job})) as claimed`.execute(trx)
  return rows[0]?.claimed === true
}
