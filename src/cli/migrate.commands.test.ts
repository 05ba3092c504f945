import { describe, expect, it } from 'vitest'
import { openDatabase } from '../db/connection.ts'
import { describeEachDialect, useTestDb } from '../../test/db.ts'
import { chronicle, useTempDir } from '../../test/cli.ts'

const migrationNames = async (url: string) => {
  const connection = openDatabase(url)
  try {
    const rows = await connection.db.selectFrom('kysely_migration' as never).select('name' as never).orderBy('name' as never).execute()
    return (rows as { name: string }[]).map((r) => r.name)
  } finally {
    await connection.close()
  }
}

describeEachDialect('chronicle migrate --dry-run', (dialect) => {
  const t = useTestDb(dialect)

  it('says a current database is up to date, and lists a pending migration without running it', async () => {
    expect((await chronicle(t().url, ['migrate', '--dry-run'])).stdout).toMatch(/is up to date; nothing would run\./)
    const applied = await migrationNames(t().url)
    const last = applied.at(-1)!
    await t().db.deleteFrom('kysely_migration' as never).where('name' as never, '=', last as never).execute()
    const dry = await chronicle(t().url, ['migrate', '--dry-run'])
    expect(dry.stdout).toContain(`1 migration would run:\n  ${last}`)
    expect(await migrationNames(t().url)).toEqual(applied.slice(0, -1))
    await t().db.insertInto('kysely_migration' as never).values({ name: last, timestamp: new Date().toISOString() } as never).execute()
  })
})

// A fresh SQLite file is the one empty database a test can make without a server; the PostgreSQL
// path through migrateToLatest runs in every test database's setup.
describe('chronicle migrate', () => {
  const file = useTempDir()
  it('on an empty SQLite file: the dry run lists every migration and creates nothing, then migrate runs them', async () => {
    const url = `sqlite:${file('fresh.db')}`
    const dry = await chronicle(url, ['migrate', '--dry-run'])
    const listed = [...dry.stdout.matchAll(/^ {2}(\d{4}_\w+)$/gm)].map((m) => m[1])
    expect(listed[0]).toBe('0001_archive')
    expect(listed.length).toBeGreaterThanOrEqual(12)
    const connection = openDatabase(url)
    const tables = await connection.db.introspection.getTables()
    await connection.close()
    expect(tables.map((table) => table.name)).toEqual([])
    const applied = await chronicle(url, ['migrate'])
    expect(applied.stdout).toBe(`Applied ${listed.join(', ')}\n`)
    expect(await migrationNames(url)).toEqual([...listed].sort())
    expect((await chronicle(url, ['migrate'])).stdout).toMatch(/is up to date\.\n$/)
  })
})
