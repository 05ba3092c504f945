// npm run bench:search: the synthetic archive of bench/run.ts (100,000 posts), its search index
// built from scratch, then 200 varied queries through the search service and over HTTP.
// BENCH_DATABASE_URL (a PostgreSQL URL whose user may create databases) adds the same on PostgreSQL.
// --keep DIR keeps the generated databases (a SQLite file in DIR, a PostgreSQL database named
// chronicle_bench_search) and uses them again on the next run; --reindex then rebuilds their search index.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { CompiledQuery, Kysely, type LogEvent, PostgresDialect, sql, SqliteDialect } from 'kysely'
import pg from 'pg'
import { type Connection, openDatabase } from '../src/db/connection.ts'
import type { Database } from '../src/db/database.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { KINDS } from '../src/lib/vocabulary.ts'
import { rebuildSearchIndex } from '../src/search/search.indexer.ts'
import { countDocuments } from '../src/search/search.repository.ts'
import { SearchInputSchema } from '../src/search/search.schema.ts'
import { search } from '../src/search/search.service.ts'
import { buildArchive, FULL_ARCHIVE, type Landmarks } from './archive.ts'
import { type Cleanup, runBench } from './cleanup.ts'
import { createScratchDatabase } from './postgres.ts'
import { createRandom } from './random.ts'
import { formatCount, seconds } from './report.ts'
import * as samples from './samples.ts'
import { startServerProcess } from './server-process.ts'

const SEED = 20_240_419
const QUERIES = 200
const WARM_UP = 20

// Family names of the samples as a Russian text would spell them; the index finds their Latin spelling.
const CYRILLIC_NAMES = ['Ракишева', 'Нурпеисов', 'Абенова', 'Жаксыбеков', 'Токаева', 'Искакова', 'Оспанов', 'Смирнова',
  'Иванов', 'Кузнецов', 'Попова', 'Соколов', 'Лебедева', 'Каримов', 'Юсупова', 'Ахметов', 'Сатпаев', 'Ауэзов', 'Есимов']
const RUSSIAN_WORDS = ['конференция', 'миграции', 'молодежь', 'опрос', 'исследования']

type Query = Record<string, string | number>

/** 200 queries of every kind a reader makes: names in both scripts, prefixes, common words, topics, facets and their mixes, later pages. */
function queriesOf(landmarks: Landmarks): Query[] {
  const random = createRandom(SEED)
  const topicWords = samples.TOPICS.flatMap((t) => t.split(' ')).filter((w) => w.length > 4)
  const year = () => random.int(new Date().getUTCFullYear() - 14, new Date().getUTCFullYear())
  const makers: (() => Query)[] = [
    () => ({ q: random.pick(samples.FAMILY_NAMES) }),
    () => ({ q: `${random.pick(samples.GIVEN_NAMES)} ${random.pick(samples.FAMILY_NAMES)}` }),
    () => ({ q: random.pick(CYRILLIC_NAMES) }),
    () => ({ q: random.pick(samples.FAMILY_NAMES).slice(0, random.int(3, 5)) }),
    () => ({ q: random.pick(topicWords) }),
    () => ({ q: random.pick(samples.TOPICS) }),
    () => ({ q: `${random.pick(KINDS)} ${random.pick(topicWords)}` }),
    () => ({ q: `${random.pick(samples.PLACES)[0]} ${random.pick(topicWords)}` }),
    () => ({ q: random.pick(RUSSIAN_WORDS) }),
    () => ({ q: random.pick(['institute', 'survey', 'participants', 'research']) }),
    () => ({ person: landmarks.busyPersonSlug }),
    () => ({ organization: landmarks.busyOrganizationSlug, year: year() }),
    () => ({ q: random.pick(topicWords), year: year(), kind: random.pick(KINDS) }),
    () => ({ q: random.pick(samples.FAMILY_NAMES), country: random.pick(samples.PLACES)[1], role: 'speaker' }),
    () => ({ kind: random.pick(KINDS), country: random.pick(samples.PLACES)[1] }),
    () => ({ q: random.pick(topicWords), type: 'post', page: random.int(2, 5) }),
    () => ({ q: random.pick(samples.FAMILY_NAMES), type: 'person' }),
    () => ({ q: `"${random.pick(topicWords)}" NEAR( *` }),
    () => ({ q: random.pick(CYRILLIC_NAMES), year: year() }),
    () => ({ q: random.pick(['institute', 'survey', 'participants', 'research']), country: random.pick(samples.PLACES)[1] }),
  ]
  return Array.from({ length: QUERIES }, (_, i) => makers[i % makers.length]!())
}

const queryString = (query: Query) => new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString()
const shownQuery = (query: Query) => decodeURIComponent(queryString(query).replace(/\+/g, ' ')).slice(0, 90)

/** The targets of issue 10 for one search at 100,000 posts, p99 over the 200 queries. */
const TARGET_MS = { service: 30, http: 40 }

interface Timing {
  /** Wall-clock time of each query, as the reader waits for it. */
  ms: number[]
  /** Processor time of each query in the process that searched: on a shared machine, the work itself. */
  cpuMs: number[]
}

interface Figures {
  p50: number
  p99: number
  cpuP50: number
  cpuP99: number
  slowest: { ms: number; query: Query }[]
}

const percentile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!
}

function figuresOf(timing: Timing, queries: Query[]): Figures {
  // The same query may come more than once: its slowest run stands for it.
  const seen = new Set<string>()
  const slowest = timing.ms.map((ms, i) => ({ ms, query: queries[i]! })).sort((a, b) => b.ms - a.ms)
    .filter((s) => !seen.has(queryString(s.query)) && !!seen.add(queryString(s.query))).slice(0, 3)
  return { p50: percentile(timing.ms, 0.5), p99: percentile(timing.ms, 0.99), cpuP50: percentile(timing.cpuMs, 0.5),
    cpuP99: percentile(timing.cpuMs, 0.99), slowest }
}

/** Runs the queries one at a time after a warm-up; `cpu` reads the processor time used so far, in microseconds. */
async function timeEach(queries: Query[], run: (query: Query) => Promise<unknown>, cpu: () => Promise<number>): Promise<Timing> {
  for (const query of queries.slice(0, WARM_UP)) await run(query)
  const timing: Timing = { ms: [], cpuMs: [] }
  for (const query of queries) {
    const cpuBefore = await cpu()
    const started = performance.now()
    await run(query)
    timing.ms.push(performance.now() - started)
    timing.cpuMs.push((await cpu() - cpuBefore) / 1000)
  }
  return timing
}

const ownCpu = async () => { const { user, system } = process.cpuUsage(); return user + system }
const ms = (n: number) => `${n.toFixed(1)} ms`

function printFigures(name: string, f: Figures, target: number) {
  console.log(`  ${name.padEnd(26)} p50 ${ms(f.p50).padStart(9)}   p99 ${ms(f.p99).padStart(9)}` +
    `   (CPU p50 ${ms(f.cpuP50)}, p99 ${ms(f.cpuP99)})${f.p99 > target ? `   ← p99 over ${target} ms` : ''}`)
}

/**
 * The statements one search runs, the slowest first, with their plans: EXPLAIN QUERY PLAN on SQLite,
 * EXPLAIN ANALYZE on PostgreSQL. Through a connection of its own that logs what it runs.
 */
async function explainSearch(databaseUrl: string, query: Query) {
  const statements: { ms: number; sql: string; parameters: readonly unknown[] }[] = []
  const log = (event: LogEvent) => {
    if (event.level === 'query') statements.push({ ms: event.queryDurationMillis, sql: event.query.sql, parameters: event.query.parameters })
  }
  const postgres = /^postgres(ql)?:/.test(databaseUrl)
  const db = new Kysely<Database>({
    dialect: postgres ? new PostgresDialect({ pool: new pg.Pool({ connectionString: databaseUrl, max: 10 }) })
      : new SqliteDialect({ database: new SQLite(databaseUrl.replace(/^sqlite:/, ''), { readonly: true }) }),
    log,
  })
  try {
    const started = performance.now()
    await search(db, SearchInputSchema.parse(query))
    const total = performance.now() - started
    const slowest = [...statements].sort((a, b) => b.ms - a.ms).slice(0, 3)
    console.log(`      ${shownQuery(query)}: ${ms(total)} again, ${statements.length} statements taking ` +
      `${ms(statements.reduce((sum, s) => sum + s.ms, 0))}; the slowest:`)
    for (const statement of slowest) {
      console.log(`        ${ms(statement.ms).padStart(9)}  ${statement.sql.replace(/\s+/g, ' ').slice(0, 160)}`)
      const explain = postgres ? `explain (analyze, costs off, timing off) ${statement.sql}` : `explain query plan ${statement.sql}`
      try {
        const { rows } = await db.executeQuery(CompiledQuery.raw(explain, [...statement.parameters]))
        const lines = (rows as Record<string, unknown>[]).map((r) => String(r['QUERY PLAN'] ?? r.detail))
        for (const line of lines.slice(0, 12)) console.log(`                   ${line}`)
      } catch (error) {
        // A statement on a table the search made for itself, gone since.
        console.log(`                   (no plan: ${error instanceof Error ? error.message : String(error)})`)
      }
    }
  } finally {
    await db.destroy()
  }
}

async function explainSlowest(databaseUrl: string, name: string, f: Figures, target: number) {
  if (f.p99 <= target) return
  console.log(`    ${name}: the slowest queries, over ${target} ms`)
  for (const slow of f.slowest.filter((s) => s.ms > target)) {
    console.log(`    ${ms(slow.ms).padStart(9)}  ${shownQuery(slow.query)}`)
    await explainSearch(databaseUrl, slow.query)
  }
}

const KEPT_POSTGRES = 'chronicle_bench_search'
const keepDir = process.argv.includes('--keep') ? process.argv[process.argv.indexOf('--keep') + 1] : undefined
const reindex = process.argv.includes('--reindex')

/** The archive and its index in a migrated database: generated, or as a run with --keep left them. */
async function prepare(connection: Connection, landmarksFile: string | undefined) {
  await migrateToLatest(connection.db, connection.dialect)
  if (connection.dialect === 'sqlite') await sql`pragma cache_size = -65536`.execute(connection.db)
  let landmarks: Landmarks
  const kept = !!landmarksFile && existsSync(landmarksFile)
  if (kept) {
    landmarks = JSON.parse(readFileSync(landmarksFile, 'utf8')) as Landmarks
    console.log('  the archive of an earlier run (--keep)')
  } else {
    const started = performance.now()
    landmarks = await buildArchive(connection.db, FULL_ARCHIVE, SEED)
    console.log(`  generated ${formatCount(landmarks.rows)} rows in ${seconds(performance.now() - started)}`)
    if (landmarksFile) writeFileSync(landmarksFile, JSON.stringify(landmarks))
  }
  let buildMs = 0
  if (!kept || reindex || await countDocuments(connection.db) === 0) {
    const started = performance.now()
    const { documents } = await rebuildSearchIndex(connection.db)
    buildMs = performance.now() - started
    console.log(`  search index: ${formatCount(documents)} documents built in ${seconds(buildMs)}`)
  }
  // Fresh statistics, as autovacuum would soon gather on PostgreSQL; SQLite's planner uses them too.
  await sql`analyze`.execute(connection.db)
  return { landmarks, buildMs }
}

interface Measured {
  name: string
  service: Figures
  http: Figures
}

async function benchDatabase(name: string, databaseUrl: string, dir: string, cleanup: Cleanup, landmarksFile?: string): Promise<Measured> {
  console.log(`\n${name}`)
  const connection = openDatabase(databaseUrl)
  let closed = false
  const close = async () => { if (!closed) { closed = true; await connection.close() } }
  cleanup.defer(`close the ${name} connection`, close)
  const { landmarks } = await prepare(connection, landmarksFile)
  // Search with SQLite's default page cache, as the server does.
  if (connection.dialect === 'sqlite') await sql`pragma cache_size = -2000`.execute(connection.db)

  const queries = queriesOf(landmarks)
  let matched = 0
  let estimated = 0
  const serviceTiming = await timeEach(queries, async (query) => {
    const results = await search(connection.db, SearchInputSchema.parse(query))
    matched += results.total
    if (results.totalIsEstimate) estimated++
  }, ownCpu)
  console.log(`  ${QUERIES} queries, ${formatCount(Math.round(matched / (QUERIES + WARM_UP)))} matches on average, ` +
    `${Math.round((100 * estimated) / (QUERIES + WARM_UP))}% with an estimated total`)
  const service = figuresOf(serviceTiming, queries)
  printFigures('search service call', service, TARGET_MS.service)
  await close()

  const server = await startServerProcess(databaseUrl, dir)
  cleanup.defer('stop the Chronicle server', server.stop)
  const httpTiming = await timeEach(queries, async (query) => {
    const response = await fetch(`${server.url}/api/v1/search?${queryString(query)}`)
    await response.arrayBuffer()
    if (response.status !== 200) throw new Error(`/api/v1/search?${queryString(query)} answered ${response.status}`)
  }, () => server.cpuMicros())
  const http = figuresOf(httpTiming, queries)
  printFigures('HTTP GET /api/v1/search', http, TARGET_MS.http)
  await server.stop()

  await explainSlowest(databaseUrl, 'search service call', service, TARGET_MS.service)
  await explainSlowest(databaseUrl, 'HTTP GET /api/v1/search', http, TARGET_MS.http)
  return { name, service, http }
}

function printSummary(measured: Measured[]) {
  console.log(`\nSummary: ${QUERIES} queries one at a time, wall-clock ms (the server's or the service's CPU ms)`)
  const cell = (value: number, cpu: number) => `${value.toFixed(1)} (${cpu.toFixed(1)})`.padStart(16)
  console.log(`  ${'engine'.padEnd(28)}${['service p50', 'service p99', 'HTTP p50', 'HTTP p99'].map((h) => h.padStart(16)).join('')}`)
  for (const m of measured) {
    console.log(`  ${m.name.padEnd(28)}${cell(m.service.p50, m.service.cpuP50)}${cell(m.service.p99, m.service.cpuP99)}` +
      `${cell(m.http.p50, m.http.cpuP50)}${cell(m.http.p99, m.http.cpuP99)}`)
  }
  console.log(`  ${'targets (SQLite)'.padEnd(28)}${''.padStart(16)}${`≤ ${TARGET_MS.service}`.padStart(16)}${''.padStart(16)}${`≤ ${TARGET_MS.http}`.padStart(16)}`)
}

/** The PostgreSQL database to bench: a scratch one, dropped at the end, or the one --keep keeps. */
async function postgresDatabase(adminUrl: string, cleanup: Cleanup) {
  if (!keepDir) {
    const scratch = await createScratchDatabase(adminUrl)
    cleanup.defer('drop the scratch PostgreSQL database', scratch.drop)
    return scratch.url
  }
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [KEPT_POSTGRES])
    if (!found.rowCount) await client.query(`create database ${KEPT_POSTGRES}`)
  } finally {
    await client.end()
  }
  const url = new URL(adminUrl)
  url.pathname = `/${KEPT_POSTGRES}`
  return url.href
}

async function main(cleanup: Cleanup) {
  const dir = mkdtempSync(join(tmpdir(), 'chronicle-bench-search-'))
  cleanup.defer('remove the temporary directory', () => rmSync(dir, { recursive: true, force: true }))
  console.log(`Chronicle search benchmark: ${formatCount(FULL_ARCHIVE.posts)} posts, ${formatCount(FULL_ARCHIVE.people)} people, ` +
    `${formatCount(FULL_ARCHIVE.organizations)} organizations, ${formatCount(FULL_ARCHIVE.publications)} publications`)
  console.log(`Node ${process.version}, ${availableParallelism()} cores; ${QUERIES} queries one at a time after ${WARM_UP} to warm up`)

  if (keepDir) mkdirSync(keepDir, { recursive: true })
  const file = join(keepDir ?? dir, 'search.db')
  const measured = [await benchDatabase('SQLite (FTS5)', `sqlite:${file}`, dir, cleanup, keepDir && join(keepDir, 'sqlite-landmarks.json'))]
  console.log(`  database file with its index: ${formatCount(Math.round(statSync(file).size / 1024 / 1024))} MB`)

  const adminUrl = process.env.BENCH_DATABASE_URL
  if (adminUrl) {
    measured.push(await benchDatabase('PostgreSQL (tsvector, GIN)', await postgresDatabase(adminUrl, cleanup), dir, cleanup,
      keepDir && join(keepDir, 'postgres-landmarks.json')))
  } else {
    console.log('\nPostgreSQL: BENCH_DATABASE_URL is not set; skipped.')
  }
  printSummary(measured)
}

await runBench(main)
