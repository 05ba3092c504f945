import type { CreateTableBuilder } from 'kysely'
import type { Dialect } from './database.ts'

/** The one place where the two engines' DDL differs: how a table gets its integer key. */
export function addIdColumn<T extends string>(builder: CreateTableBuilder<T, never>, dialect: Dialect) {
  return dialect === 'postgres'
    ? builder.addColumn('id', 'serial', (c) => c.primaryKey())
    : builder.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
}
