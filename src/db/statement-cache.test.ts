import SQLite from 'better-sqlite3'
import { Kysely, sql, SqliteDialect } from 'kysely'
import { describe, expect, it } from 'vitest'
import { withStatementCache } from './statement-cache.ts'

describe('SQLite with kept statements', () => {
  const open = (size?: number) => {
    const database = new SQLite(':memory:')
    return { database, db: new Kysely<{ t: { n: number } }>({ dialect: new SqliteDialect({ database: withStatementCache(database, size) }) }) }
  }

  it('answers a query asked again with what was written in between', async () => {
    const { db } = open()
    await sql`create table t (n integer)`.execute(db)
    const all = () => db.selectFrom('t').select('n').orderBy('n').execute()
    expect(await all()).toEqual([])
    await db.insertInto('t').values([{ n: 2 }, { n: 1 }]).execute()
    await db.insertInto('t').values({ n: 3 }).execute()
    expect(await all()).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }])
    await db.destroy()
  })

  it('prepares anew after the table changes, and keeps only so many statements', async () => {
    const { database, db } = open(2)
    await sql`create table t (n integer)`.execute(db)
    await db.insertInto('t').values({ n: 1 }).execute()
    const row = () => db.selectFrom('t').selectAll().executeTakeFirst()
    expect(await row()).toEqual({ n: 1 })
    await sql`alter table t add column m integer default 7`.execute(db)
    expect(await row()).toEqual({ n: 1, m: 7 })
    const prepare = database.prepare.bind(database)
    let prepared = 0
    database.prepare = ((text: string) => { prepared++; return prepare(text) }) as typeof database.prepare
    for (const n of [1, 2, 3, 1]) await sql`select ${sql.lit(n)} as n`.execute(db)
    // 1, 2 and 3 are prepared; 3 pushes 1 out, so 1 is prepared again.
    expect(prepared).toBe(4)
    await db.destroy()
  })
})
