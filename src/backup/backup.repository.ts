import { sql } from 'kysely'
import type { Db } from '../db/database.ts'

/** The records a restore must not overwrite, and the counts a manifest reports. */
export const COUNTED_TABLES = ['post', 'activity', 'person', 'organization', 'publication', 'stored_file'] as const
export type CountedTable = (typeof COUNTED_TABLES)[number]

export async function countRecords(db: Db): Promise<Record<CountedTable, number>> {
  const counts: Partial<Record<CountedTable, number>> = {}
  for (const table of COUNTED_TABLES) {
    const { n } = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    counts[table] = Number(n)
  }
  return counts as Record<CountedTable, number>
}

/** Names of the migrations the database has run; empty when it has none (a brand-new database). */
export async function findAppliedMigrations(db: Db): Promise<string[]> {
  const exists = await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(db).then(() => true, () => false)
  if (!exists) return []
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db)
  return rows.map((r) => r.name)
}

export function listStoredFileHashes(db: Db) {
  return db.selectFrom('stored_file').select('sha256').orderBy('sha256').execute().then((rows) => rows.map((r) => r.sha256))
}

/** The id of a snapshot other sessions (pg_dump --snapshot) can read; PostgreSQL only, inside a transaction. */
export async function exportSnapshot(db: Db): Promise<string> {
  const { rows } = await sql<{ snapshot: string }>`select pg_export_snapshot() as snapshot`.execute(db)
  return rows[0]!.snapshot
}

/**
 * Empties a PostgreSQL database's schema so pg_restore can recreate it as the backup had it; only called once
 * the database is known to hold no records. pg_restore --clean cannot do it: it trips over partitioned tables.
 */
export async function dropPublicSchema(db: Db) {
  await sql`drop schema public cascade`.execute(db)
  await sql`create schema public`.execute(db)
}
