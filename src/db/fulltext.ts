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

/**
 * FTS5: ("confer" OR "conference"*) AND …; every term quoted, so nothing is an operator. A document's
 * terms hold its name_terms too, so a match anywhere is a match in terms, found without the column
 * filter (which reads every match's positions); name_terms is asked for by name: {name_terms} : (…).
 */
function fts5Query(column: FulltextColumn, query: FulltextQuery) {
  const group = (terms: FulltextTerm[]) => `(${terms.map((t) => `"${t.term}"${t.prefix ? '*' : ''}`).join(' OR ')})`
  const all = query.map(group).join(' AND ')
  return column === 'terms' ? all : `{${column}} : (${all})`
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

/** A condition on `search_document` (under `alias`) that holds when the column's terms match the query. */
export function fulltextMatch(db: Db, alias: string, column: FulltextColumn, query: FulltextQuery): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.ref(`${alias}.id`)} in ${fulltextIds(db, column, query)}`
}

/**
 * A condition: the column holds one of the ids, given as a single parameter. A statement with
 * 2,000 parameters takes longer for SQLite to prepare than to run.
 */
export function isOneOf(db: Db, column: string, ids: number[]): RawBuilder<SqlBool> {
  if (dialectOf(db) === 'postgres') return sql<SqlBool>`${sql.ref(column)} = any(cast(${ids} as bigint[]))`
  return sql<SqlBool>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(ids)}))`
}

/** The prefix lengths of the FTS5 table (prefix='3' in 0004): such a prefix reads one list of its own. */
const FTS5_PREFIX_LENGTH = 3
/** Past this many words a prefix is left to FTS5: the query would outgrow what it saves. */
const MAX_PREFIX_WORDS = 100

/**
 * The query with each prefix longer than FTS5's prefix index replaced, on SQLite, by the indexed
 * words it begins (search_term): FTS5 reads those words' documents a page at a time, as far as a
 * LIMIT needs, where for a prefix it would first merge the documents of all of them. The matches
 * are the same. PostgreSQL's GIN index reads a prefix as it reads a word: the query is kept.
 */
export async function expandPrefixes(db: Db, query: FulltextQuery): Promise<FulltextQuery> {
  checked(query)
  if (dialectOf(db) === 'postgres') return query
  return Promise.all(query.map(async (group) => {
    const expanded = await Promise.all(group.map(async (t): Promise<FulltextTerm[]> => {
      if (!t.prefix || t.term.length <= FTS5_PREFIX_LENGTH) return [t]
      // Terms are [a-z0-9]: every word beginning with the prefix sorts below the prefix and "{".
      const { rows } = await sql<{ term: string }>`select term from search_term where term >= ${t.term} and term < ${`${t.term}{`}
        order by term limit ${MAX_PREFIX_WORDS + 1}`.execute(db)
      // No such word: the prefix matches nothing, and costs nothing to ask.
      if (!rows.length || rows.length > MAX_PREFIX_WORDS) return [t]
      return rows.map((r) => ({ term: r.term, prefix: false }))
    }))
    const seen = new Set<string>()
    return expanded.flat().filter((t) => {
      const key = `${t.term}${t.prefix ? '*' : ''}`
      return !seen.has(key) && seen.add(key)
    })
  }))
}

// 500 terms a statement stays below both engines' limits on bound parameters.
const TERMS_PER_INSERT = 500

/** Adds indexed words to the list expandPrefixes reads (SQLite); words no document has any more do no harm there. */
export async function rememberTerms(db: Db, terms: Iterable<string>) {
  if (dialectOf(db) === 'postgres') return
  const all = [...terms]
  for (let start = 0; start < all.length; start += TERMS_PER_INSERT) {
    const values = all.slice(start, start + TERMS_PER_INSERT).map((term) => sql`(${term})`)
    await sql`insert into search_term (term) values ${sql.join(values)} on conflict do nothing`.execute(db)
  }
}

/** Empties the list of indexed words, before the index is made again. */
export async function forgetTerms(db: Db) {
  if (dialectOf(db) === 'postgres') return
  await sql`delete from search_term`.execute(db)
}
