import SqliteDatabase from 'better-sqlite3'
import type Sqlite from 'better-sqlite3'
import type { Kysely } from 'kysely'
import type { Database } from './database.ts'

/** Reads the public-content counter that triggers move on with every write (migration 0011). */
export type ContentVersionReader = () => Promise<number>

/**
 * SQLite: a prepared statement costs microseconds, so every request reads it. It reads through a
 * read-only handle of its own: the writing handle may be inside a transaction, whose counter would
 * be seen before it commits, or rolls back and leaves a page tagged with a number the next write reuses.
 */
export function sqliteContentVersion(file: string): { read: ContentVersionReader; close(): void } {
  let reader: Sqlite.Database | undefined
  let statement: Sqlite.Statement<[], number> | undefined
  return {
    read: async () => {
      // Opened on first use: the table exists only once the migrations have run.
      reader ??= new SqliteDatabase(file, { readonly: true, fileMustExist: true })
      statement ??= reader.prepare<[], number>('select version from content_version where id = 1').pluck()
      return Number(statement.get())
    },
    close: () => reader?.close(),
  }
}

/**
 * Any engine through Kysely, for a round trip that costs something (PostgreSQL): requests that
 * arrive while a read is under way wait for the next read, not that one, because a write may have
 * committed after the read began and before they arrived. All of them share that next read, so
 * under load there is about one query in flight, not one per request.
 */
export function sharedContentVersion(db: Kysely<Database>): ContentVersionReader {
  let inFlight: Promise<number> | null = null
  let next: Promise<number> | null = null
  const read = async () => {
    const row = await db.selectFrom('content_version').select('version').where('id', '=', 1).executeTakeFirstOrThrow()
    return Number(row.version)
  }
  const start = (): Promise<number> => {
    const current = read().finally(() => {
      if (inFlight === current) inFlight = null
    })
    inFlight = current
    return current
  }
  return () => {
    if (!inFlight) return start()
    // One read is already running; this request needs one that begins after it, and shares it with the others waiting.
    next ??= inFlight.then(() => undefined, () => undefined).then(() => {
      next = null
      return start()
    })
    return next
  }
}
