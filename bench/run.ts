// npm run bench: builds a synthetic archive, loads the real server's busiest pages, compares with nginx.
import { mkdtempSync, rmSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { openDatabase } from '../src/db/connection.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { buildArchive, FULL_ARCHIVE, type Landmarks, MAX_PARTICIPANTS } from './archive.ts'
import { type Cleanup, runBench } from './cleanup.ts'
import { expectOk, type LoadResult, measure, STANDARD_LOAD } from './load.ts'
import { isNginxInstalled, NGINX_PATH, startNginx } from './nginx.ts'
import { createScratchDatabase } from './postgres.ts'
import { formatCount, type Measured, printTable, seconds } from './report.ts'
import { BENCH_METRICS_TOKEN, startServerProcess } from './server-process.ts'
import { BIG_TABLES, planProblems, plansOf } from '../test/query-plans.ts'

const SEED = 20_240_419
const NEWS = '/news'

interface Page {
  name: string
  path: string
}

const LAST_YEAR = new Date().getUTCFullYear() - 1
const BUSY_PERSON = `/people/{slug}, ${formatCount(FULL_ARCHIVE.busyPersonActivities)} activities`
const BUSY_ORGANIZATION = `/organizations/{slug}, ${formatCount(FULL_ARCHIVE.busyOrganizationActivities)} activities`

function pagesOf(landmarks: Landmarks): Page[] {
  return [
    { name: '/', path: '/' },
    { name: NEWS, path: NEWS },
    { name: `/news/{slug}, ${MAX_PARTICIPANTS} participants`, path: `/news/${landmarks.crowdedPostSlug}` },
    { name: BUSY_PERSON, path: `/people/${landmarks.busyPersonSlug}` },
    { name: BUSY_ORGANIZATION, path: `/organizations/${landmarks.busyOrganizationSlug}` },
    { name: '/people', path: '/people' },
    { name: '/api/v1/posts', path: '/api/v1/posts' },
    // Filters, where a plan that walks the whole archive to fill one page shows.
    { name: '/news?kind=forum', path: '/news?kind=forum' },
    { name: `/news?year=${LAST_YEAR}`, path: `/news?year=${LAST_YEAR}` },
    { name: '/api/v1/posts?person={a quiet person}', path: `/api/v1/posts?person=${landmarks.quietPersonSlug}` },
    { name: '/api/v1/posts?organization={the busy one}', path: `/api/v1/posts?organization=${landmarks.busyOrganizationSlug}` },
    { name: '/api/v1/activities?person={the busy one}', path: `/api/v1/activities?person=${landmarks.busyPersonSlug}` },
    { name: '/api/v1/organizations', path: '/api/v1/organizations' },
    // Insights (issue 11): aggregates over the whole archive (or a year of it), kept by the page cache.
    { name: '/insights', path: '/insights' },
    { name: `/insights?year=${LAST_YEAR}`, path: `/insights?year=${LAST_YEAR}` },
  ]
}

/** Prints how the engine runs every query behind the pages, and marks a plan that reads more than a page of a big table. */
async function printPlans(databaseUrl: string, pages: Page[]) {
  const connection = openDatabase(databaseUrl)
  try {
    const planned = await plansOf(connection.db, connection.dialect, pages.map((p) => p.path))
    let problems = 0
    console.log(`
  Query plans (${connection.dialect}); ✗ marks a full scan or a sort of ${BIG_TABLES.join(', ')}`)
    for (const [i, page] of planned.entries()) {
      console.log(`
  ${pages[i]!.name}`)
      for (const query of page.queries) {
        const found = planProblems(connection.dialect, query)
        problems += found.length
        console.log(`    ${found.length ? '✗' : '✓'} ${query.sql.replace(/\s+/g, ' ').slice(0, 150)}${query.sql.length > 150 ? '…' : ''}`)
        for (const line of query.plan) console.log(`        ${line}`)
      }
    }
    console.log(`
  ${problems ? `${problems} plan step(s) read more than a page of a big table` : 'Every plan reads pages of the big tables by index.'}`)
  } finally {
    await connection.close()
  }
}

async function generate(databaseUrl: string): Promise<Landmarks> {
  const connection = openDatabase(databaseUrl)
  try {
    await migrateToLatest(connection.db, connection.dialect)
    // A million rows' index pages outgrow SQLite's default 2 MB cache; this connection only writes them.
    if (connection.dialect === 'sqlite') await sql`pragma cache_size = -65536`.execute(connection.db)
    const started = performance.now()
    const landmarks = await buildArchive(connection.db, FULL_ARCHIVE, SEED)
    // Autovacuum would soon vacuum and analyze after such a load (index-only scans need the first); nothing analyzes SQLite.
    if (connection.dialect === 'postgres') await sql`vacuum analyze`.execute(connection.db)
    console.log(`  generated ${formatCount(landmarks.rows)} rows in ${seconds(performance.now() - started)}`)
    return landmarks
  } finally {
    await connection.close()
  }
}

/** Distinct public pages asked for once each, so that the cache holds as much as a real site's would. */
const FILL_PAGES = 4_000

/**
 * Checks every page answers 200, then loads each in turn, with the page cache on or off; with it
 * on, then fills the cache with many other pages and reads the server's resident memory.
 */
async function measurePages(databaseUrl: string, dataDir: string, pages: Page[], cleanup: Cleanup, cache: boolean) {
  const server = await startServerProcess(databaseUrl, dataDir, { cache })
  cleanup.defer('stop the Chronicle server', server.stop)
  const bodies = new Map<string, string>()
  for (const page of pages) bodies.set(page.path, await expectOk(server.url + page.path))
  const rows: Measured[] = []
  for (const page of pages) rows.push({ page: page.name, result: await measure(server.url + page.path, server.cpuMicros) })
  let memory: { rss: number; cacheBytes: number | null } | null = null
  if (cache) {
    await fillCache(server.url)
    memory = { rss: await server.rss(), cacheBytes: await cacheBytes(server.url) }
  }
  await server.stop()
  return { rows, bodies, memory }
}

async function fillCache(url: string) {
  const paths = Array.from({ length: FILL_PAGES }, (_, i) =>
    i % 4 === 0 ? `/news?page=${i / 4 + 1}` : i % 4 === 1 ? `/ru/news?page=${i}` : i % 4 === 2 ? `/api/v1/posts?page=${i}` : `/kk/news?page=${i}`)
  let next = 0
  const worker = async () => {
    while (next < paths.length) await (await fetch(url + paths[next++]!)).arrayBuffer()
  }
  await Promise.all(Array.from({ length: 8 }, worker))
}

async function cacheBytes(url: string): Promise<number | null> {
  const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${BENCH_METRICS_TOKEN}` } })
  const figure = /^chronicle_page_cache_bytes (\d+)/m.exec(await response.text())
  return figure ? Number(figure[1]) : null
}

/** Cached and uncached figures side by side, and how far they are from the issue's targets. */
function printCacheComparison(title: string, on: Measured[], off: Measured[]) {
  const rows: Measured[] = []
  for (const row of on) {
    rows.push({ page: `${row.page} (cached)`, result: row.result })
    const uncached = off.find((r) => r.page === row.page)
    if (uncached) rows.push({ page: `${row.page} (CACHE=off)`, result: uncached.result })
  }
  printTable(title, rows)
  const news = off.find((r) => r.page === NEWS)?.result
  const slowCached = on.filter((r) => r.result.p99 > CACHED_P99_TARGET_MS).map((r) => r.page)
  console.log(`  cached pages with p99 over ${CACHED_P99_TARGET_MS} ms: ${slowCached.length ? slowCached.join(', ') : 'none'}`)
  if (news) {
    console.log(`  uncached ${NEWS}: ${formatCount(news.requestsPerSecond)} req/s (target ≥ ${formatCount(UNCACHED_NEWS_TARGET)}), ` +
      `${news.cpuMsPerRequest.toFixed(2)} ms CPU per request (target ≤ 0.5)`)
    for (const row of off.filter((r) => /^\/(people|organizations)\/\{slug\}/.test(r.page))) {
      const ratio = news.requestsPerSecond / row.result.requestsPerSecond
      console.log(`  uncached ${row.page}: ${ratio.toFixed(2)}× slower than ${NEWS} (target ≤ 2×)`)
    }
  }
}

const CACHED_P99_TARGET_MS = 20
const UNCACHED_NEWS_TARGET = 2_000
const MEMORY_TARGET_MB = 300

function printMemory(memory: { rss: number; cacheBytes: number | null } | null) {
  if (!memory) return
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0)
  console.log(`  resident memory after the load and ${formatCount(FILL_PAGES)} more pages: ${mb(memory.rss)} MB ` +
    `(target ≤ ${MEMORY_TARGET_MB} MB); page cache ${memory.cacheBytes === null ? '?' : mb(memory.cacheBytes)} MB`)
}

async function compareWithNginx(dir: string, newsHtml: string, ours: LoadResult, cleanup: Cleanup) {
  if (!isNginxInstalled()) {
    console.log(`\nnginx: ${NGINX_PATH} is not installed; skipping the comparison with a static server.`)
    return
  }
  const nginx = await startNginx(join(dir, 'nginx'), NEWS, newsHtml)
  cleanup.defer('stop nginx', nginx.stop)
  await expectOk(nginx.url)
  const result = await measure(nginx.url)
  await nginx.stop()
  printTable('nginx, 1 worker, the same /news HTML from a file', [{ page: `${NEWS} (static)`, result }])
  const ratio = ours.requestsPerSecond / result.requestsPerSecond
  console.log(`  Chronicle's cached ${NEWS} serves ${ratio.toFixed(3)} of nginx's requests/s (${(100 * ratio).toFixed(1)}%; target ≥ 50%).`)
}

async function benchPostgres(adminUrl: string, dir: string, cleanup: Cleanup) {
  const scratch = await createScratchDatabase(adminUrl)
  cleanup.defer('drop the scratch PostgreSQL database', scratch.drop)
  console.log(`\nPostgreSQL (scratch database ${new URL(scratch.url).pathname.slice(1)})`)
  const landmarks = await generate(scratch.url)
  await printPlans(scratch.url, pagesOf(landmarks))
  const on = await measurePages(scratch.url, dir, pagesOf(landmarks), cleanup, true)
  const off = await measurePages(scratch.url, dir, pagesOf(landmarks), cleanup, false)
  printCacheComparison(`PostgreSQL, ${STANDARD_LOAD.connections} connections`, on.rows, off.rows)
  printMemory(on.memory)
  await scratch.drop()
  return [...on.rows, ...off.rows]
}

function failedPages(rows: Measured[]) {
  return rows.filter((r) => r.result.errors + r.result.non2xx > 0 || r.result.responses === 0).map((r) => r.page)
}

async function main(cleanup: Cleanup) {
  const started = performance.now()
  const dir = mkdtempSync(join(tmpdir(), 'chronicle-bench-'))
  cleanup.defer('remove the temporary directory', () => rmSync(dir, { recursive: true, force: true }))
  const { posts, people, organizations } = FULL_ARCHIVE
  const { connections, warmupSeconds, seconds: loadSeconds } = STANDARD_LOAD
  console.log(`Chronicle benchmark: ${formatCount(posts)} posts, ${formatCount(people)} people, ${formatCount(organizations)} organizations`)
  console.log(`Node ${process.version}, ${availableParallelism()} cores; each page: ${connections} connections, ` +
    `${warmupSeconds} s warm-up, ${loadSeconds} s measured`)
  console.log('req/s is the median one-second sample; CPU ms/req is the server process\'s processor time per response')

  console.log('\nSQLite')
  const sqliteUrl = `sqlite:${join(dir, 'bench.db')}`
  const pages = pagesOf(await generate(sqliteUrl))
  await printPlans(sqliteUrl, pages)
  const sqlite = await measurePages(sqliteUrl, dir, pages, cleanup, true)
  const sqliteOff = await measurePages(sqliteUrl, dir, pages, cleanup, false)
  printCacheComparison(`SQLite, ${connections} connections`, sqlite.rows, sqliteOff.rows)
  printMemory(sqlite.memory)
  const news = sqlite.rows.find((r) => r.page === NEWS)!
  await compareWithNginx(dir, sqlite.bodies.get(NEWS)!, news.result, cleanup)

  const adminUrl = process.env.BENCH_DATABASE_URL
  const postgres = adminUrl ? await benchPostgres(adminUrl, dir, cleanup) : []
  if (!adminUrl) console.log('\nPostgreSQL: BENCH_DATABASE_URL is not set; skipped.')

  const failed = failedPages([...sqlite.rows, ...sqliteOff.rows, ...postgres])
  if (failed.length) throw new Error(`requests failed or went unanswered under load on ${failed.join(', ')}`)
  console.log(`\nDone in ${seconds(performance.now() - started)}.`)
}

await runBench(main)
