import { type RawBuilder, sql, type SqlBool } from 'kysely'
import type { Db } from '../db/database.ts'

// The SQL behind the admin's data quality figures: each is a count and the first few records to fix.

export interface Listed<T> {
  count: number
  first: T[]
}

async function listed<T>(count: Promise<{ n: number | string }>, first: Promise<T[]>): Promise<Listed<T>> {
  const [c, rows] = await Promise.all([count, first])
  return { count: Number(c.n), first: rows }
}

export function findPeopleWithoutAffiliation(db: Db, limit: number) {
  const without = sql<SqlBool>`not exists (select 1 from affiliation af where af.person_id = pe.id)`
  return listed(
    db.selectFrom('person as pe').select((eb) => eb.fn.countAll<number>().as('n')).where(without).executeTakeFirstOrThrow(),
    db.selectFrom('person as pe').select(['pe.id', 'pe.slug', 'pe.name']).where(without).orderBy('pe.name').orderBy('pe.id').limit(limit).execute(),
  )
}

export function findOrganizationsWithoutCountry(db: Db, limit: number) {
  return listed(
    db.selectFrom('organization as o').select((eb) => eb.fn.countAll<number>().as('n')).where('o.country', 'is', null).executeTakeFirstOrThrow(),
    db.selectFrom('organization as o').select(['o.id', 'o.slug', 'o.name']).where('o.country', 'is', null)
      .orderBy('o.name').orderBy('o.id').limit(limit).execute(),
  )
}

/** Activities lacking something, newest first, with a post about each (where its facts are edited) if there is one. */
function activitiesWhere(db: Db, condition: RawBuilder<SqlBool>, limit: number) {
  return listed(
    db.selectFrom('activity as a').select((eb) => eb.fn.countAll<number>().as('n')).where(condition).executeTakeFirstOrThrow(),
    db.selectFrom('activity as a')
      .select(['a.id', 'a.slug', 'a.name', 'a.kind', 'a.starts_on', 'a.is_internal',
        (eb) => eb.selectFrom('post as p').select((e) => e.fn.min('p.id').as('id')).whereRef('p.activity_id', '=', 'a.id').as('post_id'),
        (eb) => eb.selectFrom('post as p').select('p.title').whereRef('p.activity_id', '=', 'a.id').orderBy('p.id').limit(1).as('post_title')])
      .where(condition)
      .orderBy(sql`a.starts_on is null`).orderBy('a.starts_on', 'desc').orderBy('a.id', 'desc')
      .limit(limit).execute(),
  )
}

/** No city and no country: the activity cannot be placed on a map or in a country's list. */
export const findActivitiesWithoutPlace = (db: Db, limit: number) =>
  activitiesWhere(db, sql<SqlBool>`((a.city is null or a.city = '') and a.country is null)`, limit)

export const findActivitiesWithoutKind = (db: Db, limit: number) => activitiesWhere(db, sql<SqlBool>`a.kind is null`, limit)

export function findPendingImports(db: Db, limit: number) {
  return listed(
    db.selectFrom('import_item').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'pending').executeTakeFirstOrThrow(),
    db.selectFrom('import_item as i').leftJoin('post as p', 'p.id', 'i.post_id')
      .select(['i.id', 'i.source_name', 'i.position', 'i.created_at', 'p.title as post_title'])
      .where('i.status', '=', 'pending').orderBy('i.id').limit(limit).execute(),
  )
}

type NameTable = 'person_name' | 'organization_name'
const OWNER = { person_name: 'person_id', organization_name: 'organization_id' } as const
const RECORD = { person_name: 'person', organization_name: 'organization' } as const

/** Pairs of records (the older first) sharing a name key, with one such key; how many pairs there are in all. */
export async function findSameNameKeyPairs(db: Db, table: NameTable, limit: number) {
  const owner = sql.ref(OWNER[table])
  const pairs = db.selectFrom(sql.table(table).as('n1'))
    .innerJoin(sql.table(table).as('n2'), (join) => join.on(sql<SqlBool>`n2.name_key = n1.name_key and n2.${owner} > n1.${owner}`))
    .select([sql<number>`n1.${owner}`.as('first_id'), sql<number>`n2.${owner}`.as('second_id'), sql<string>`min(n1.name)`.as('name')])
    .where(sql<SqlBool>`n1.name_key <> ''`)
    .groupBy([sql`n1.${owner}`, sql`n2.${owner}`])
  const [count, first] = await Promise.all([
    db.selectFrom(pairs.as('d')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom(pairs.as('d'))
      .innerJoin(sql.table(RECORD[table]).as('r1'), (join) => join.on(sql<SqlBool>`r1.id = d.first_id`))
      .innerJoin(sql.table(RECORD[table]).as('r2'), (join) => join.on(sql<SqlBool>`r2.id = d.second_id`))
      .select(['d.first_id', 'd.second_id', 'd.name', sql<string>`r1.name`.as('first_name'), sql<string>`r2.name`.as('second_name'),
        sql<string>`r1.slug`.as('first_slug'), sql<string>`r2.slug`.as('second_slug')])
      .orderBy('d.first_id').orderBy('d.second_id').limit(limit).execute(),
  ])
  return { count: Number(count.n), first: first.map((r) => ({ ...r, first_id: Number(r.first_id), second_id: Number(r.second_id) })) }
}

/** Every name of every person (or organization), for comparing spellings across scripts in JavaScript. */
export function findAllNames(db: Db, table: NameTable) {
  return db.selectFrom(sql.table(table).as('n'))
    .select([sql<number>`n.${sql.ref(OWNER[table])}`.as('id'), sql<string>`n.name`.as('name'), sql<string>`n.name_key`.as('name_key')])
    .execute()
}

export function findNamesByIds(db: Db, kind: 'person' | 'organization', ids: number[]) {
  if (!ids.length) return Promise.resolve([])
  return db.selectFrom(kind).select(['id', 'slug', 'name']).where('id', 'in', ids).execute()
}
