import { PostgresAdapter, type RawBuilder, type SqlBool, sql } from 'kysely'
import type { Db, Dialect } from './database.ts'

/** Which engine is behind a connection or transaction. */
export function dialectOf(db: Db): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite'
}

/** A word of a full-text query; a prefix matches every indexed word that begins with it. */
export interface FulltextTerm {
  term: string
  prefix: boolean
}

/** Every group must match; a group matches when any of its terms does. */
export type FulltextQuery = FulltextTerm[][]

export type FulltextColumn = 'terms' | 'name_terms'

// Terms are computed by src/search; anything else here would be a bug, never user input.
const TERM = /^[a-z0-9]{1,60}$/

function checked(query: FulltextQuery) {
  if (!query.length || query.some((group) => !group.length || group.some((t) => !TERM.test(t.term)))) {
    throw new Error('a full-text query is groups of lower-case ASCII terms')
  }
  return query
}

/** FTS5: ({terms} : ("confer" OR "conference"*)) AND …; every term quoted, so nothing is an operator. */
function fts5Query(column: FulltextColumn, query: FulltextQuery) {
  const group = (terms: FulltextTerm[]) => `(${terms.map((t) => `"${t.term}"${t.prefix ? '*' : ''}`).join(' OR ')})`
  return `{${column}} : (${query.map(group).join(' AND ')})`
}

/** PostgreSQL tsquery text: ('confer' | 'conference':*) & …, read by the tsquery type without a parser. */
function tsQuery(query: FulltextQuery) {
  const group = (terms: FulltextTerm[]) => `(${terms.map((t) => `'${t.term}'${t.prefix ? ':*' : ''}`).join(' | ')})`
  return query.map(group).join(' & ')
}

/**
 * The ids of the search documents whose column matches the query, as a subquery with one
 * column `id`: from FTS5 alone on SQLite, from the GIN index on PostgreSQL.
 */
export function fulltextIds(db: Db, column: FulltextColumn, query: FulltextQuery): RawBuilder<{ id: number }> {
  checked(query)
  if (dialectOf(db) === 'postgres') {
    const vector = column === 'terms' ? 'terms_vector' : 'name_vector'
    return sql<{ id: number }>`(select id from search_document where ${sql.ref(vector)} @@ cast(${tsQuery(query)} as tsquery))`
  }
  return sql<{ id: number }>`(select rowid as id from search_fts where search_fts match ${fts5Query(column, query)})`
}

/**
 * A condition on `search_document` (under `alias`) that holds when the column's terms match the query.
 * `lead: false` tells SQLite to find the rows another way (an index in result order, a small
 * partial index) and only check each against the matches; PostgreSQL's planner weighs it itself.
 */
export function fulltextMatch(db: Db, alias: string, column: FulltextColumn, query: FulltextQuery,
  options: { lead?: boolean } = {}): RawBuilder<SqlBool> {
  if (dialectOf(db) === 'postgres') {
    const vector = column === 'terms' ? 'terms_vector' : 'name_vector'
    return sql<SqlBool>`${sql.ref(`${alias}.${vector}`)} @@ cast(${tsQuery(checked(query))} as tsquery)`
  }
  // A unary + keeps SQLite from looking rows up by the matches' ids.
  const id = options.lead === false ? sql`+${sql.ref(`${alias}.id`)}` : sql.ref(`${alias}.id`)
  return sql<SqlBool>`${id} in ${fulltextIds(db, column, query)}`
}
