import { PostgresAdapter, type RawBuilder, type SqlBool, sql } from 'kysely'
import type { Db, Dialect } from './database.ts'
import { inTransaction } from './transaction.ts'

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
 * column `id`: from FTS5 alone on SQLite, from the narrow search_vector table on PostgreSQL.
 */
export function fulltextIds(db: Db, column: FulltextColumn, query: FulltextQuery): RawBuilder<{ id: number }> {
  checked(query)
  if (dialectOf(db) === 'postgres') {
    const vector = column === 'terms' ? 'terms_vector' : 'name_vector'
    return sql<{ id: number }>`(select id from search_vector where ${sql.ref(vector)} @@ cast(${tsQuery(query)} as tsquery))`
  }
  return sql<{ id: number }>`(select rowid as id from search_fts where search_fts match ${fts5Query(column, query)})`
}

/**
 * How SQLite should use the matches when filtering documents (PostgreSQL's planner weighs it itself):
 * `lookup` reads the matching documents by id; `filter` finds rows another way (an index in result
 * order, a small partial index) and checks each against the set of matches.
 */
export type MatchStrategy = 'lookup' | 'filter'

/** A condition on `search_document` (under `alias`) that holds when the column's terms match the query. */
export function fulltextMatch(db: Db, alias: string, column: FulltextColumn, query: FulltextQuery): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.ref(`${alias}.id`)} in ${fulltextIds(db, column, query)}`
}

/** The document ids of a query's matches, as withFulltextMatches hands them over. */
export type Matches = RawBuilder<{ id: number }>

/** A condition on `search_document` (under `alias`): the document is among the matches. */
export function isMatched(db: Db, alias: string, matches: Matches, strategy: MatchStrategy = 'lookup'): RawBuilder<SqlBool> {
  const id = sql.ref(`${alias}.id`)
  // A unary + keeps SQLite from reading rows by the matches' ids. PostgreSQL, which knows how many
  // matches there are (the table is analyzed), chooses better without it.
  const filter = strategy === 'filter' && dialectOf(db) === 'sqlite'
  return sql<SqlBool>`${filter ? sql`+${id}` : id} in ${matches}`
}

let temporaryTables = 0

/**
 * Runs `work` with the ids of the documents matching the query, computed once into a temporary
 * table that all the work's queries read: on SQLite FTS5 would otherwise run the query again in
 * each, on PostgreSQL each would read every matching vector again.
 * PostgreSQL keeps a temporary table to one connection, so there the work runs in a transaction
 * and gets it as `db`.
 */
export async function withFulltextMatches<T>(db: Db, column: FulltextColumn, query: FulltextQuery,
  work: (db: Db, matches: Matches) => Promise<T>): Promise<T> {
  checked(query)
  const table = sql.id(`search_matches_${++temporaryTables}`)
  const matches = sql<{ id: number }>`(select id from ${table})`
  if (dialectOf(db) === 'postgres') {
    return inTransaction(db, async (trx) => {
      const vector = sql.ref(column === 'terms' ? 'terms_vector' : 'name_vector')
      await sql`create temporary table ${table} (id integer primary key) on commit drop`.execute(trx)
      await sql`insert into ${table} select id from search_vector where ${vector} @@ cast(${tsQuery(query)} as tsquery)`.execute(trx)
      // Without statistics the planner takes the table for a few thousand rows, whatever it holds.
      await sql`analyze ${table}`.execute(trx)
      return work(trx, matches)
    })
  }
  await sql`create temp table ${table} (id integer primary key)`.execute(db)
  try {
    await sql`insert into ${table} select rowid from search_fts where search_fts match ${fts5Query(column, query)}`.execute(db)
    return await work(db, matches)
  } finally {
    await sql`drop table temp.${table}`.execute(db)
  }
}
