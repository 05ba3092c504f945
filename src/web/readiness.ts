import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/database.ts'
import { pendingMigrations } from '../db/migrate.ts'

// A database that does not answer within this is as good as down for a load balancer's check.
const CHECK_TIMEOUT_MS = 2_000

export interface Readiness {
  ready: boolean
  database: 'ok' | string
  migrations: 'current' | string
}

function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms) })
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}

/** Whether this server can serve: the database answers and its schema is the one this code expects. */
export async function readiness(db: Kysely<Database>): Promise<Readiness> {
  try {
    await within(sql`select 1`.execute(db), CHECK_TIMEOUT_MS)
  } catch (error) {
    return { ready: false, database: `unreachable: ${(error as Error).message}`, migrations: 'unknown' }
  }
  try {
    const pending = await within(pendingMigrations(db), CHECK_TIMEOUT_MS)
    if (pending.length) return { ready: false, database: 'ok', migrations: `pending: ${pending.join(', ')}` }
  } catch (error) {
    return { ready: false, database: 'ok', migrations: `unknown: ${(error as Error).message}` }
  }
  return { ready: true, database: 'ok', migrations: 'current' }
}
