import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteAdapter, SqliteDialect } from 'kysely'
import pg from 'pg'
import { type ContentVersionReader, sharedContentVersion, sqliteContentVersion } from './content-version.ts'
import type { Database, Dialect } from './database.ts'
import { withStatementCache } from './statement-cache.ts'

export interface Connection {
  db: Kysely<Database>
  dialect: Dialect
  /** Where the data lives, with any password left out. */
  describe: string
  /** The public-content counter as committed now, for the page cache. */
  contentVersion: ContentVersionReader
  /** Connections of PostgreSQL's pool by state; null for SQLite's single handle. */
  poolStats(): { total: number; idle: number; waiting: number } | null
  close(): Promise<void>
}

// PostgreSQL hands back bigint (count(*)) as text; our counts fit in a double.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10))

/**
 * SQLite runs DDL inside transactions, but Kysely's adapter says it does not, so its migrator would apply
 * migrations one statement at a time and a failure halfway would leave half a schema. Said here, the
 * migrator runs all pending migrations in one transaction, as on PostgreSQL; nothing else reads this flag.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl() { return true }
}

class TransactionalDdlSqliteDialect extends SqliteDialect {
  override createAdapter() { return new TransactionalDdlSqliteAdapter() }
}

/** `postgres://…` or `postgresql://…` opens PostgreSQL; `sqlite:FILE` or a bare path opens SQLite. */
export function openDatabase(url: string): Connection {
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url)
  return openSqlite(url.replace(/^sqlite:/, ''))
}

function openSqlite(file: string): Connection {
  const path = file === ':memory:' ? file : resolve(file)
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  const database = new SQLite(path)
  database.pragma('journal_mode = WAL')
  database.pragma('foreign_keys = ON')
  database.pragma('busy_timeout = 5000')
  database.pragma('synchronous = NORMAL')
  const db = new Kysely<Database>({ dialect: new TransactionalDdlSqliteDialect({ database: withStatementCache(database) }) })
  // An in-memory database has no second handle; Kysely's one connection is shared by turns, outside transactions.
  const version = path === ':memory:' ? { read: sharedContentVersion(db), close: () => {} } : sqliteContentVersion(path)
  return {
    db, dialect: 'sqlite', describe: `SQLite file ${path}`, contentVersion: version.read, poolStats: () => null,
    close: async () => {
      version.close()
      await db.destroy()
    },
  }
}

function openPostgres(url: string): Connection {
  const pool = new pg.Pool({ connectionString: url, max: 10 })
  // An idle connection the server ends (a restart, DROP DATABASE … FORCE) leaves the pool, and the next
  // query opens another; without a listener its error would end the process.
  pool.on('error', () => {})
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  const shown = new URL(url)
  shown.password = ''
  return {
    db, dialect: 'postgres', describe: `PostgreSQL ${shown.host}${shown.pathname}`, contentVersion: sharedContentVersion(db),
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => db.destroy(),
  }
}
