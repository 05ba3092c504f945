import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { type Kysely, sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { exportArchive, importFile, readImportFile } from '../src/archive/index.ts'
import { DEFAULT_SECURITY } from '../src/config.ts'
import { openDatabase } from '../src/db/connection.ts'
import type { Database, Dialect } from '../src/db/database.ts'
import { pendingMigrations } from '../src/db/migrate.ts'
import { startServer, type RunningServer } from '../src/server.ts'
import { createTestDatabase, describeEachDialect } from './db.ts'

/*
 * The fixtures are databases made by the first commit's code (4d0ed63: migration 0001 only), on
 * SQLite and PostgreSQL: its own `npm start` loaded the demo archive, then its `import-json` added two
 * published posts from activity records and one draft. How they were made: test/fixtures/upgrade/README.md.
 * A site upgraded from them must keep every fact and behave like one created by the latest code.
 */
const FIXTURES = new URL('./fixtures/upgrade/', import.meta.url)
const oldExport = JSON.parse(readFileSync(new URL('first-schema.export.json', FIXTURES), 'utf8')) as Record<string, unknown>

interface Upgraded { url: string; drop(): Promise<void> }

async function restoreFirstSchema(dialect: Dialect): Promise<Upgraded> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'chronicle-upgrade-'))
    const file = join(dir, 'chronicle.db')
    writeFileSync(file, gunzipSync(readFileSync(new URL('first-schema.sqlite.gz', FIXTURES))))
    return { url: `sqlite:${file}`, drop: async () => rmSync(dir, { recursive: true, force: true }) }
  }
  const admin = process.env.TEST_DATABASE_URL!
  const name = `chronicle_upgrade_${randomBytes(6).toString('hex')}`
  const client = new pg.Client({ connectionString: admin })
  await client.connect()
  await client.query(`CREATE DATABASE ${name}`)
  await client.end()
  const url = new URL(admin)
  url.pathname = `/${name}`
  // pg_dump's script empties search_path for its session, so it runs on a connection of its own.
  const loader = new pg.Client({ connectionString: url.href })
  await loader.connect()
  await loader.query(gunzipSync(readFileSync(new URL('first-schema.postgres.sql.gz', FIXTURES))).toString('utf8'))
  await loader.end()
  return {
    url: url.href,
    drop: async () => {
      const cleanup = new pg.Client({ connectionString: admin })
      await cleanup.connect()
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await cleanup.end()
    },
  }
}

/** Tables, columns and indexes as sets of lines, so column order (added columns come last) does not count. */
async function schemaOf(db: Kysely<Database>, dialect: Dialect): Promise<string[]> {
  if (dialect === 'sqlite') {
    const objects = await sql<{ type: string; name: string; tbl_name: string }>`
      SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE 'kysely_%'`.execute(db)
    const lines = objects.rows.map((o) => `${o.type} ${o.tbl_name}.${o.name}`)
    for (const table of objects.rows.filter((o) => o.type === 'table')) {
      const columns = await sql<{ name: string; type: string; notnull: number; pk: number }>`
        SELECT name, type, "notnull", pk FROM pragma_table_info(${table.name})`.execute(db)
      lines.push(...columns.rows.map((c) => `column ${table.name}.${c.name} ${c.type} notnull=${c.notnull} pk=${c.pk}`))
      const indexColumns = await sql<{ index_name: string; cols: string }>`
        SELECT il.name AS index_name, group_concat(ii.name, ',') AS cols
        FROM pragma_index_list(${table.name}) il, pragma_index_info(il.name) ii GROUP BY il.name`.execute(db)
      lines.push(...indexColumns.rows.map((i) => `index ${table.name}.${i.index_name} (${i.cols})`))
    }
    return lines.sort()
  }
  const columns = await sql<{ line: string }>`
    SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' nullable=' || is_nullable AS line
    FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE 'kysely_%'`.execute(db)
  const indexes = await sql<{ line: string }>`
    SELECT 'index ' || indexname || ' ' || indexdef AS line FROM pg_indexes
    WHERE schemaname = 'public' AND tablename NOT LIKE 'kysely_%'`.execute(db)
  const others = await sql<{ line: string }>`
    SELECT 'trigger ' || event_object_table || '.' || trigger_name || ' ' || event_manipulation AS line
    FROM information_schema.triggers WHERE trigger_schema = 'public'
    UNION ALL SELECT 'function ' || p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'`
    .execute(db)
  return [...columns.rows, ...indexes.rows, ...others.rows].map((r) => r.line).sort()
}

/** The part of `value` that has the shape of `expected`: fields added by later versions are left out. */
function shapedLike(expected: unknown, value: unknown): unknown {
  if (Array.isArray(expected)) return Array.isArray(value) ? value.map((v, i) => shapedLike(expected[i], v)) : value
  if (expected && typeof expected === 'object' && value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(expected).map((key) => [key, shapedLike((expected as Record<string, unknown>)[key], (value as Record<string, unknown>)[key])]))
  }
  return value
}

describeEachDialect('upgrade from the first released schema', (dialect) => {
  let upgraded: Upgraded
  let server: RunningServer
  let connection: ReturnType<typeof openDatabase>
  let dataDir: string
  const get = (path: string) => fetch(new URL(path, server.url), { redirect: 'manual' })

  beforeAll(async () => {
    upgraded = await restoreFirstSchema(dialect)
    dataDir = mkdtempSync(join(tmpdir(), 'chronicle-upgrade-files-'))
    // What `npm start` does on an old database: migrate, and load the demo archive only into an empty one.
    server = await startServer({
      port: 0, host: '127.0.0.1', dataDir, databaseUrl: upgraded.url, loadDemo: true, logLevel: process.env.TEST_LOG_LEVEL ?? 'silent',
      security: DEFAULT_SECURITY,
    })
    connection = openDatabase(upgraded.url)
  })
  afterAll(async () => {
    await server?.close()
    await connection?.close()
    await upgraded?.drop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('runs every later migration and reports ready', async () => {
    expect(await pendingMigrations(connection.db, dialect)).toEqual([])
    const ready = await get('/readyz')
    expect(ready.status).toBe(200)
  })

  it('keeps every fact of the old archive: the export holds all it held, record for record', async () => {
    const now = await exportArchive(connection.db) as unknown as Record<string, unknown>
    for (const kind of ['posts', 'activities', 'people', 'organizations', 'publications']) {
      expect((now[kind] as unknown[]).length, kind).toBe((oldExport[kind] as unknown[]).length)
      expect(shapedLike(oldExport[kind], now[kind]), kind).toEqual(oldExport[kind])
    }
  })

  it('has the same tables, columns, indexes and triggers as a database made by the latest code', async () => {
    const fresh = await createTestDatabase(dialect)
    try {
      const [upgradedSchema, freshSchema] = [await schemaOf(connection.db, dialect), await schemaOf(fresh.db, dialect)]
      expect({
        missing: freshSchema.filter((line) => !upgradedSchema.includes(line)),
        extra: upgradedSchema.filter((line) => !freshSchema.includes(line)),
      }).toEqual({ missing: [], extra: [] })
    } finally {
      await fresh.drop()
    }
  })

  it('serves the old records on the public pages, in lists, profiles and search', async () => {
    const posts = oldExport.posts as { slug: string; title: string; status: string }[]
    const published = posts.find((p) => p.status === 'published')!
    const draft = posts.find((p) => p.status === 'draft')!
    const home = await (await get('/')).text()
    expect(home).toContain(published.title.replace(/&/g, '&amp;').slice(0, 40))
    const page = await get(`/news/${published.slug}`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Rakisheva')
    // A draft made before the upgrade stays unpublished after it.
    expect((await get(`/news/${draft.slug}`)).status).toBe(404)
    const person = await (await get('/people/botagoz-rakisheva')).text()
    expect(person).toContain('Botagoz Rakisheva')
    // Her activities come from the lists migration 0009 derives; an upgrade must fill them for old rows.
    expect(person).toContain(`/news/${published.slug}`)
    const search = await get('/api/v1/search?q=Rakisheva')
    expect(search.status).toBe(200)
    expect((await search.json() as { total: number }).total).toBeGreaterThan(0)
  })

  it('takes new records after the upgrade without clashing with the old ones', async () => {
    const records = readFileSync(new URL('new-record.json', FIXTURES), 'utf8')
    const summary = await importFile(connection.db, readImportFile(records, 'new-record.json'), 'test', { publish: true })
    expect(summary.created.posts).toBe(1)
    const after = await exportArchive(connection.db)
    expect(after.posts.length).toBe((oldExport.posts as unknown[]).length + 1)
  })
})

describeEachDialect('a migration failing halfway through an upgrade', (dialect) => {
  let upgraded: Upgraded
  let dataDir: string
  beforeAll(async () => {
    upgraded = await restoreFirstSchema(dialect)
    dataDir = mkdtempSync(join(tmpdir(), 'chronicle-upgrade-files-'))
  })
  afterAll(async () => {
    await upgraded?.drop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('leaves the database as it was, and the next start completes once the cause is gone', async () => {
    const connection = openDatabase(upgraded.url)
    try {
      // A table in the way of migration 0011 makes it fail after seven others (0002 to 0008) have run.
      await sql`create table content_version (blocking text)`.execute(connection.db)
      const before = await schemaOf(connection.db, dialect)
      const counts = async () => Promise.all(['post', 'activity', 'participation', 'person', 'organization'].map(async (table) =>
        (await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(connection.db)).rows[0]!.n))
      const countsBefore = await counts()
      const start = () => startServer({
        port: 0, host: '127.0.0.1', dataDir, databaseUrl: upgraded.url, loadDemo: true, logLevel: 'silent', security: DEFAULT_SECURITY,
      })
      await expect(start()).rejects.toThrow(/content_version/)
      expect(await schemaOf(connection.db, dialect)).toEqual(before)
      expect(await pendingMigrations(connection.db, dialect)).toContain('0002_accounts')
      expect(await counts()).toEqual(countsBefore)

      await sql`drop table content_version`.execute(connection.db)
      const server = await start()
      try {
        expect(await pendingMigrations(connection.db, dialect)).toEqual([])
      } finally {
        await server.close()
      }
    } finally {
      await connection.close()
    }
  })
})
