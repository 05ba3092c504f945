import type SQLite from 'better-sqlite3'
import type { SqliteDatabase } from 'kysely'

const STATEMENT_CACHE_SIZE = 500

/**
 * The database as Kysely's SQLite dialect sees it, keeping prepared statements by their text:
 * Kysely prepares every query anew, and preparing a join costs SQLite more than running a page's
 * index lookups. Queries run one at a time on the connection, so a kept statement is never busy
 * when it is asked for again; SQLite prepares it afresh by itself after a schema change.
 */
export function withStatementCache(database: SQLite.Database, size = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>()
  return {
    close() {
      statements.clear()
      database.close()
    },
    prepare(sql: string) {
      let statement = statements.get(sql)
      // The map keeps insertion order: the least recently used statement comes first and goes first.
      if (statement) statements.delete(sql)
      else {
        statement = database.prepare(sql)
        if (statements.size >= size) statements.delete(statements.keys().next().value!)
      }
      statements.set(sql, statement)
      return statement
    },
  }
}
