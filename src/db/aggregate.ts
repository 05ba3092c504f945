import { type Expression, type RawBuilder, sql } from 'kysely'
import type { Db } from './database.ts'
import { dialectOf } from './fulltext.ts'

/**
 * A group's integers as one comma-separated text ("3,8,12"): a hundred thousand groups come back as many rows
 * instead of the million their members would be. Order within a group is not defined.
 */
export function integerList(db: Db, value: Expression<number | null>): RawBuilder<string> {
  return dialectOf(db) === 'postgres'
    ? sql<string>`string_agg(cast(${value} as text), ',')`
    : sql<string>`group_concat(${value}, ',')`
}
