// npm run bench:search: the synthetic archive of bench/run.ts (100,000 posts), its search index
// built from scratch, then 200 varied queries through the search service and over HTTP.
// BENCH_DATABASE_URL (a PostgreSQL URL whose user may create databases) adds the same on PostgreSQL.
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { openDatabase } from '../src/db/connection.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { KINDS } from '../src/lib/vocabulary.ts'
import { rebuildSearchIndex } from '../src/search/search.indexer.ts'
import { SearchInputSchema } from '../src/search/search.schema.ts'
import { search } from '../src/search/search.service.ts'
import { buildArchive, FULL_ARCHIVE, type Landmarks } from './archive.ts'
import { type Cleanup, createCleanup } from './cleanup.ts'
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

/** 200 queries of every kind a reader makes: names in both scripts, prefixes, topics, facets and their mixes, later pages. */
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
  ]
  return Array.from({ length: QUERIES }, (_, i) => makers[i % makers.length]!())
}

const queryString = (query: Query) => new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString()

interface Figures {
  median: number
  p99: number
  slowest: { ms: number; query: string }[]
}

function figuresOf(times: number[], queries: Query[]): Figures {
  const sorted = [...times].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!
  const slowest = times.map((ms, i) => ({ ms, query: queryString(queries[i]!) })).sort((a, b) => b.ms - a.ms).slice(0, 3)
  return { median: at(0.5), p99: at(0.99), slowest }
}

async function timeEach(queries: Query[], run: (query: Query) => Promise<unknown>) {
  for (const query of queries.slice(0, WARM_UP)) await run(query)
  const times: number[] = []
  for (const query of queries) {
    const started = performance.now()
    await run(query)
    times.push(performance.now() - started)
  }
  return times
}

const ms = (n: number) => `${n.toFixed(1)} ms`

function printFigures(name: string, f: Figures) {
  console.log(`  ${name.padEnd(28)} median ${ms(f.median).padStart(9)}   p99 ${ms(f.p99).padStart(9)}`)
  for (const s of f.slowest) console.log(`      ${ms(s.ms).padStart(9)}  ${decodeURIComponent(s.query.replace(/\+/g, ' ')).slice(0, 90)}`)
}

async function benchDatabase(name: string, databaseUrl: string, dir: string, cleanup: Cleanup) {
  console.log(`\n${name}`)
  const connection = openDatabase(databaseUrl)
  let closed = false
  const close = async () => { if (!closed) { closed = true; await connection.close() } }
  cleanup.defer(`close the ${name} connection`, close)
  await migrateToLatest(connection.db, connection.dialect)
  if (connection.dialect === 'sqlite') await sql`pragma cache_size = -65536`.execute(connection.db)
  let started = performance.now()
  const landmarks = await buildArchive(connection.db, FULL_ARCHIVE, SEED)
  console.log(`  generated ${formatCount(landmarks.rows)} rows in ${seconds(performance.now() - started)}`)

  started = performance.now()
  const { documents } = await rebuildSearchIndex(connection.db)
  const buildMs = performance.now() - started
  // Fresh statistics, as autovacuum would soon gather on PostgreSQL; SQLite's planner uses them too.
  await sql`analyze`.execute(connection.db)
  console.log(`  search index: ${formatCount(documents)} documents built in ${seconds(buildMs)}`)

  const queries = queriesOf(landmarks)
  let matched = 0
  const serviceTimes = await timeEach(queries, async (query) => {
    const results = await search(connection.db, SearchInputSchema.parse(query))
    matched += results.total
  })
  console.log(`  ${QUERIES} queries, ${formatCount(Math.round(matched / (QUERIES + WARM_UP)))} matches on average`)
  const service = figuresOf(serviceTimes, queries)
  printFigures('search service call', service)
  await close()

  const server = await startServerProcess(databaseUrl, dir)
  cleanup.defer('stop the Chronicle server', server.stop)
  const httpTimes = await timeEach(queries, async (query) => {
    const response = await fetch(`${server.url}/api/v1/search?${queryString(query)}`)
    await response.arrayBuffer()
    if (response.status !== 200) throw new Error(`/api/v1/search?${queryString(query)} answered ${response.status}`)
  })
  const http = figuresOf(httpTimes, queries)
  printFigures('HTTP GET /api/v1/search', http)
  await server.stop()
  return { buildMs, documents, service, http }
}

async function main(cleanup: Cleanup) {
  const dir = mkdtempSync(join(tmpdir(), 'chronicle-bench-search-'))
  cleanup.defer('remove the temporary directory', () => rmSync(dir, { recursive: true, force: true }))
  console.log(`Chronicle search benchmark: ${formatCount(FULL_ARCHIVE.posts)} posts, ${formatCount(FULL_ARCHIVE.people)} people, ` +
    `${formatCount(FULL_ARCHIVE.organizations)} organizations, ${formatCount(FULL_ARCHIVE.publications)} publications`)
  console.log(`Node ${process.version}, ${availableParallelism()} cores; ${QUERIES} queries one at a time after ${WARM_UP} to warm up`)

  const file = join(dir, 'bench.db')
  await benchDatabase('SQLite (FTS5)', `sqlite:${file}`, dir, cleanup)
  console.log(`  database file with its index: ${formatCount(Math.round(statSync(file).size / 1024 / 1024))} MB`)

  const adminUrl = process.env.BENCH_DATABASE_URL
  if (!adminUrl) return console.log('\nPostgreSQL: BENCH_DATABASE_URL is not set; skipped.')
  const scratch = await createScratchDatabase(adminUrl)
  cleanup.defer('drop the scratch PostgreSQL database', scratch.drop)
  await benchDatabase('PostgreSQL (tsvector, GIN)', scratch.url, dir, cleanup)
}

const cleanup = createCleanup()
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: cleaning up`)
    void cleanup.run().finally(() => process.exit(130))
  })
}
let exitCode = 0
try {
  await main(cleanup)
} catch (error) {
  console.error(`\nbench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`)
  exitCode = 1
} finally {
  await cleanup.run()
}
process.exit(exitCode)
