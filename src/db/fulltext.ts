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
 * How SQLite should use the matches when filtering documents (PostgreSQL's planner weighs it itself):
 * `lookup` reads the matching documents by id; `filter` finds rows another way (an index in result
 * order, a small partial index) and checks each against the set of matches.
 */
export type MatchStrategy = 'lookup' | 'filter'

/** A condition on `search_document` (under `alias`) that holds when the column's terms match the query. */
export function fulltextMatch(db: Db, alias: string, column: FulltextColumn, query: FulltextQuery): RawBuilder<SqlBool> {
  if (dialectOf(db) === 'postgres') {
    const vector = column === 'terms' ? 'terms_vector' : 'name_vector'
    return sql<SqlBool>`${sql.ref(`${alias}.${vector}`)} @@ cast(${tsQuery(checked(query))} as tsquery)`
  }
  return sql<SqlBool>`${sql.ref(`${alias}.id`)} in ${fulltextIds(db, column, query)}`
}

/** The document ids of a query's matches, as withFulltextMatches hands them over. */
export type Matches = RawBuilder<{ id: number }>

/** A condition on `search_document` (under `alias`): the document is among the matches. */
export function isMatched(alias: string, matches: Matches, strategy: MatchStrategy = 'lookup'): RawBuilder<SqlBool> {
  const id = sql.ref(`${alias}.id`)
  // A unary + keeps SQLite from reading rows by the matches' ids.
  return sql<SqlBool>`${strategy === 'filter' ? sql`+${id}` : id} in ${matches}`
}

let temporaryTables = 0

/**
 * Runs `work` with the ids of the documents matching the query. On SQLite the full-text query runs
 * once, into a temporary table with its own name, that all the work's queries read (FTS5 would
 * otherwise run it again in each); on PostgreSQL each query asks the GIN index.
 */
export async function withFulltextMatches<T>(db: Db, column: FulltextColumn, query: FulltextQuery,
  work: (matches: Matches) => Promise<T>): Promise<T> {
  if (dialectOf(db) === 'postgres') return work(fulltextIds(db, column, query))
  const table = sql.id('temp', `search_matches_${++temporaryTables}`)
  await sql`create table ${table} (id integer primary key)`.execute(db)
  try {
    await sql`insert into ${table} select rowid from search_fts where search_fts match ${fts5Query(column, checked(query))}`.execute(db)
    return await work(sql<{ id: number }>`(select id from ${table})`)
  } finally {
    await sql`drop table ${table}`.execute(db)
  }
}
