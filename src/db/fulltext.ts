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
 * A condition on `search_document` (under `alias`) that holds when the column's terms match
 * the query: FTS5 on SQLite, the generated tsvector columns on PostgreSQL.
 */
export function fulltextMatch(db: Db, alias: string, column: FulltextColumn, query: FulltextQuery): RawBuilder<SqlBool> {
  checked(query)
  if (dialectOf(db) === 'postgres') {
    const vector = column === 'terms' ? 'terms_vector' : 'name_vector'
    return sql<SqlBool>`${sql.ref(`${alias}.${vector}`)} @@ cast(${tsQuery(query)} as tsquery)`
  }
  return sql<SqlBool>`${sql.ref(`${alias}.id`)} in (select rowid from search_fts where search_fts match ${fts5Query(column, query)})`
}
