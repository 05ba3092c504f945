// npx tsx bench/insights.ts [sqlite-file]: times /insights on the 100,000-post archive, the figures (SQL), the
// charts (Vega) and the whole page with the page cache off and on. A given file is reused, else one is built.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { createApp, pageCacheOf } from '../src/app.ts'
import { openDatabase } from '../src/db/connection.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { chartsOf } from '../src/insights/insight.charts.ts'
import { filtersOf } from '../src/insights/insight.filters.ts'
import { getFilterOptions, getInsights } from '../src/insights/insight.service.ts'
import { findInstitute } from '../src/insights/institute.ts'
import { getDataQuality } from '../src/insights/quality.service.ts'
import { buildArchive, FULL_ARCHIVE } from './archive.ts'

const given = process.argv[2]
const dir = given ? null : mkdtempSync(join(tmpdir(), 'chronicle-insights-'))
const file = given ?? join(dir!, 'bench.db')
// Asked before the connection opens, which makes the file.
const fresh = !existsSync(file)
const connection = openDatabase(`sqlite:${file}`)
const lastYear = new Date().getUTCFullYear() - 1

async function timed<T>(label: string, work: () => Promise<T>, runs = 3): Promise<T> {
  let result: T | undefined
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    result = await work()
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  console.log(`  ${label.padEnd(44)} median ${times[Math.floor(runs / 2)]!.toFixed(0).padStart(6)} ms   (${times.map((t) => t.toFixed(0)).join(', ')})`)
  return result!
}

try {
  await migrateToLatest(connection.db, 'sqlite')
  if (fresh) {
    await sql`pragma cache_size = -65536`.execute(connection.db)
    const started = performance.now()
    await buildArchive(connection.db, FULL_ARCHIVE, 20_240_419)
    console.log(`  built the ${FULL_ARCHIVE.posts.toLocaleString('en')}-post archive in ${((performance.now() - started) / 1000).toFixed(0)} s`)
  }
  const db = connection.db
  const institute = await timed('findInstitute', () => findInstitute(db))
  for (const [label, query] of [['all years', {}], [`year ${lastYear}`, { year: lastYear }]] as const) {
    const insights = await timed(`getInsights, ${label}`, () => getInsights(db, filtersOf(query), institute))
    await timed(`chartsOf, ${label}`, () => chartsOf(insights, 'en'))
  }
  await timed('getFilterOptions', () => getFilterOptions(db, false))
  await timed('getDataQuality (admin)', () => getDataQuality(db))
  for (const cache of [false, true]) {
    const app = createApp({ db, cache: cache ? pageCacheOf(64 * 1024 * 1024) : null })
    for (const path of ['/insights', `/insights?year=${lastYear}`]) {
      await timed(`GET ${path}, cache ${cache ? 'on' : 'off'}`, async () => {
        const response = await app.request(path)
        if (response.status !== 200) throw new Error(`${path}: ${response.status}`)
        return response.text()
      }, cache ? 5 : 3)
    }
  }
} finally {
  await connection.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
}
