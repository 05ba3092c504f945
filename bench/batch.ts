import type { Insertable } from 'kysely'
import type { Database, Db } from '../src/db/database.ts'

// 500 rows of a dozen columns stay far below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters.
const ROWS_PER_INSERT = 500

export interface BatchWriter<T extends keyof Database> {
  add(row: Insertable<Database[T]>): Promise<void>
  flush(): Promise<void>
  readonly written: number
}

/**
 * Collects rows of one table and inserts them many at a time. The writers in `dependsOn` hold
 * the rows these refer to; they flush first, so foreign keys always find their row.
 */
export function batchWriter<T extends keyof Database>(db: Db, table: T, dependsOn: { flush(): Promise<void> }[] = []): BatchWriter<T> {
  let pending: Insertable<Database[T]>[] = []
  let written = 0
  const flush = async () => {
    if (!pending.length) return
    for (const parent of dependsOn) await parent.flush()
    const rows = pending
    pending = []
    written += rows.length
    // Kysely cannot relate a generic table name to its row type; the signature above does.
    await db.insertInto(table).values(rows as never).execute()
    // better-sqlite3 answers synchronously; without a turn of the event loop no signal handler would run.
    await new Promise((resolve) => setImmediate(resolve))
  }
  return {
    async add(row) {
      pending.push(row)
      if (pending.length >= ROWS_PER_INSERT) await flush()
    },
    flush,
    get written() { return written + pending.length },
  }
}
