import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe } from 'vitest'
import { type Connection, openDatabase } from '../src/db/connection.ts'
import type { Database, Dialect } from '../src/db/database.ts'
import { migrateToLatest } from '../src/db/migrate.ts'

/** Set by .ci/run (and by hand for a local server): a PostgreSQL URL whose user may create databases. */
const postgresAdminUrl = process.env.TEST_DATABASE_URL

export const postgresAvailable = !!postgresAdminUrl

/**
 * Runs the same cases on SQLite and on PostgreSQL. Without TEST_DATABASE_URL the PostgreSQL
 * half is reported as skipped, never silently left out.
 */
export function describeEachDialect(name: string, cases: (dialect: Dialect) => void) {
  describe(`sqlite: ${name}`, () => cases('sqlite'))
  describe.skipIf(!postgresAvailable)(`postgres: ${name}`, () => cases('postgres'))
}

export interface TestDatabase {
  db: Kysely<Database>
  url: string
  dialect: Dialect
}

/** A new, migrated, empty database of the dialect, made before the block's tests and dropped after. */
export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase & { drop(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'chronicle-test-'))
    const url = `sqlite:${join(dir, 'test.db')}`
    const connection = openDatabase(url)
    await migrateToLatest(connection.db, 'sqlite')
    return { db: connection.db, url, dialect, drop: async () => { await connection.close(); rmSync(dir, { recursive: true, force: true }) } }
  }
  if (!postgresAdminUrl) throw new Error('TEST_DATABASE_URL is not set')
  const name = `chronicle_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: postgresAdminUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(postgresAdminUrl)
  url.pathname = `/${name}`
  const connection: Connection = openDatabase(url.href)
  await migrateToLatest(connection.db, 'postgres')
  return {
    db: connection.db, url: url.href, dialect,
    drop: async () => {
      await connection.close()
      const cleanup = new pg.Client({ connectionString: postgresAdminUrl })
      await cleanup.connect()
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await cleanup.end()
    },
  }
}

/** A fresh database for the enclosing describe block; call the returned function inside tests. */
export function useTestDb(dialect: Dialect): () => TestDatabase {
  let current: Awaited<ReturnType<typeof createTestDatabase>> | undefined
  beforeAll(async () => { current = await createTestDatabase(dialect) })
  afterAll(async () => { await current?.drop() })
  return () => {
    if (!current) throw new Error('the test database is not ready')
    return current
  }
}
