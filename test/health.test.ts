import { expect, it } from 'vitest'
import { createApp } from '../src/app.ts'
import { openDatabase } from '../src/db/connection.ts'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describeEachDialect } from './db.ts'

/** A server address where nothing listens: port 1 on loopback refuses at once. */
const brokenPostgres = () => openDatabase('postgres://chronicle:chronicle@127.0.0.1:1/chronicle')

/** A SQLite file that opened well and was then overwritten, as a bad restore or a full disk might leave it. */
function brokenSqlite() {
  const file = join(mkdtempSync(join(tmpdir(), 'chronicle-broken-')), 'broken.db')
  const connection = openDatabase(`sqlite:${file}`)
  writeFileSync(file, Buffer.alloc(64 * 1024, 'not a database '))
  return connection
}
import { useTestServer } from './server.ts'

describeEachDialect('health and readiness checks', (dialect) => {
  const server = useTestServer(dialect)

  it('/healthz says the process answers and /readyz that the database answers with a current schema, never cached', async () => {
    const health = await server().get('/healthz')
    expect(health.status).toBe(200)
    expect(await health.json()).toEqual({ status: 'ok' })
    const ready = await server().get('/readyz')
    expect(ready.status).toBe(200)
    expect(await ready.json()).toEqual({ status: 'ready', database: 'ok', migrations: 'current' })
    for (const answer of [health, ready]) expect(answer.headers.get('cache-control')).toBe('no-store')
  })

  it('/readyz is 503 and names the migration while one is pending', async () => {
    const { db } = server()
    const last = await db.selectFrom('kysely_migration' as never).select('name' as never).orderBy('name' as never, 'desc').limit(1)
      .executeTakeFirstOrThrow() as { name: string }
    await db.deleteFrom('kysely_migration' as never).where('name' as never, '=', last.name as never).execute()
    try {
      const ready = await server().get('/readyz')
      expect(ready.status).toBe(503)
      expect(await ready.json()).toEqual({ status: 'not ready', database: 'ok', migrations: `pending: ${last.name}` })
      // The process itself is still alive: only readiness fails.
      expect((await server().get('/healthz')).status).toBe(200)
    } finally {
      await db.insertInto('kysely_migration' as never).values({ name: last.name, timestamp: new Date().toISOString() } as never).execute()
    }
    expect((await server().get('/readyz')).status).toBe(200)
  })

  it('/readyz is 503 when the database does not answer, or answers with something that is not our database', async () => {
    const broken = dialect === 'postgres' ? brokenPostgres() : brokenSqlite()
    try {
      const ready = await createApp({ db: broken.db }).request('/readyz')
      expect(ready.status).toBe(503)
      const body = await ready.json()
      expect(body.status).toBe('not ready')
      // PostgreSQL refuses the connection; SQLite opens the file and finds it is not a database.
      if (dialect === 'postgres') expect(body).toMatchObject({ database: expect.stringMatching(/^unreachable: .*ECONNREFUSED/), migrations: 'unknown' })
      else expect(body).toMatchObject({ database: 'ok', migrations: expect.stringMatching(/^unknown: file is not a database/) })
    } finally {
      await broken.close()
    }
  })

})
