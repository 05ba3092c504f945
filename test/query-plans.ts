import { CompiledQuery, type Kysely, type KyselyPlugin, sql } from 'kysely'
import { createApp } from '../src/app.ts'
import type { Database, Dialect } from '../src/db/database.ts'

// The queries behind a page, as the app runs them, and how each engine plans them: the bench prints
// the plans of the busiest pages on the 100,000-post archive, and a test holds them to these rules.

/** Tables that grow with the archive: a page may read a page of their rows, never all of them. */
export const BIG_TABLES = ['post', 'activity', 'participation', 'post_person', 'post_organization', 'person', 'organization'] as const

export interface PlannedQuery {
  sql: string
  parameters: readonly unknown[]
  /** The plan, one node a line, children indented under their parent. */
  plan: string[]
}

/** Every query the app runs to answer GET `path`, in order, with the answer's status. */
export async function queriesBehind(db: Kysely<Database>, path: string) {
  const queries: CompiledQuery[] = []
  const recording: KyselyPlugin = {
    transformQuery(args) {
      queries.push(db.getExecutor().compileQuery(args.node, args.queryId))
      return args.node
    },
    transformResult: async (args) => args.result,
  }
  const app = createApp({ db: db.withPlugin(recording) })
  const response = await app.fetch(new Request(`http://localhost${path}`))
  await response.text()
  return { status: response.status, queries }
}

/**
 * How the engine would run the query. `forceIndexes` (PostgreSQL) rules out sequential scans and
 * sorts wherever an index can serve, so a test database of a few rows shows the plan a big one gets.
 */
export async function explain(db: Kysely<Database>, dialect: Dialect, query: CompiledQuery, forceIndexes = false): Promise<string[]> {
  if (dialect === 'sqlite') {
    const { rows } = await db.executeQuery<{ id: number; parent: number; detail: string }>(
      CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]))
    const depth = new Map<number, number>([[0, -1]])
    return rows.map((row) => {
      const level = (depth.get(row.parent) ?? -1) + 1
      depth.set(row.id, level)
      return `${'  '.repeat(level)}${row.detail}`
    })
  }
  return db.transaction().execute(async (trx) => {
    if (forceIndexes) await sql`set local enable_seqscan = off; set local enable_sort = off`.execute(trx)
    const { rows } = await trx.executeQuery<{ 'QUERY PLAN': string }>(
      CompiledQuery.raw(`explain (costs off) ${query.sql}`, [...query.parameters]))
    return rows.map((row) => row['QUERY PLAN'])
  })
}

/** Tables the query names, by the name or alias plans call them. */
function tablesOf(text: string) {
  const tables = new Map<string, string>()
  for (const match of text.matchAll(/\b(?:from|join)\s+"?(\w+)"?(?:\s+(?:as\s+)?"?(\w+)"?)?/gi)) {
    const [, table, alias] = match
    const reserved = /^(where|on|join|left|inner|order|group|limit|using|natural|cross|union|select)$/i
    tables.set(alias && !reserved.test(alias) ? alias : table!, table!)
  }
  return tables
}

/**
 * What in the plan reads more than a page of a big table: a full scan, an index walked end to end
 * with no LIMIT, or a temporary B-tree to sort, group or de-duplicate rows of one. Empty when none.
 */
export function planProblems(dialect: Dialect, query: Pick<PlannedQuery, 'sql' | 'plan'>): string[] {
  const tables = tablesOf(query.sql)
  const big = (name: string) => (BIG_TABLES as readonly string[]).includes(tables.get(name) ?? name)
  const readsBig = [...tables.values()].some((t) => (BIG_TABLES as readonly string[]).includes(t))
  const limited = /\blimit\b/i.test(query.sql)
  const problems: string[] = []
  for (const line of query.plan) {
    const step = line.trim()
    if (dialect === 'sqlite') {
      const scan = /^SCAN (\w+)( USING (?:COVERING )?INDEX \w+)?/.exec(step)
      if (scan && big(scan[1]!) && (!scan[2] || !limited)) problems.push(step)
      if (/^USE TEMP B-TREE/.test(step) && readsBig) problems.push(step)
    } else {
      const scan = /Seq Scan on (\w+)/.exec(step)
      if (scan && big(scan[1]!)) problems.push(step)
      if (/^(->\s*)?(Incremental )?Sort\b|HashAggregate|Unique\b/.test(step) && readsBig) problems.push(step)
    }
  }
  return problems
}

/** The queries behind each page with their plans. */
export async function plansOf(db: Kysely<Database>, dialect: Dialect, paths: string[], forceIndexes = false) {
  const pages: { path: string; status: number; queries: PlannedQuery[] }[] = []
  for (const path of paths) {
    const { status, queries } = await queriesBehind(db, path)
    const planned: PlannedQuery[] = []
    for (const query of queries) {
      if (!/^\s*(select|with)\b/i.test(query.sql)) continue
      planned.push({ sql: query.sql, parameters: query.parameters, plan: await explain(db, dialect, query, forceIndexes) })
    }
    pages.push({ path, status, queries: planned })
  }
  return pages
}
