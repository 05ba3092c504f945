// Annual report: how long the report of the busiest year of the 100,000-post archive (bench/archive.ts) takes to
// build and write in each format, public and with internal records; the issue asks for under 10 s each. Each time
// is the whole of what `chronicle report` and /admin/reports do: the queries, the insights, the document, the file.
//
//   npm run bench:report [-- --runs 3]
//   BENCH_DATABASE_URL=postgres://user@host/db adds the same archive on PostgreSQL
import { mkdtempSync, rmSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { openDatabase } from '../src/db/connection.ts'
import type { Db } from '../src/db/database.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { REPORT_FORMATS } from '../src/reports/report.document.ts'
import { renderReport } from '../src/reports/report.service.ts'
import { buildArchive, FULL_ARCHIVE } from './archive.ts'
import { numberArgument } from './args.ts'
import { type Cleanup, runBench } from './cleanup.ts'
import { createScratchDatabase } from './postgres.ts'
import { formatCount, seconds } from './report.ts'

const RUNS = numberArgument('runs', 3)
const SEED = 20_240_419
const TARGET_MS = 10_000

/** The year with the most activities (by start; the rare ones spanning New Year change nothing here). */
async function busiestYear(db: Db) {
  const row = await db.selectFrom('activity').select([sql<string>`substr(starts_on, 1, 4)`.as('year'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('starts_on', 'is not', null).groupBy(sql`substr(starts_on, 1, 4)`).orderBy('n', 'desc').limit(1).executeTakeFirstOrThrow()
  return { year: Number(row.year), activities: Number(row.n) }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

async function measure(label: string, databaseUrl: string) {
  const connection = openDatabase(databaseUrl)
  try {
    await migrateToLatest(connection.db, connection.dialect)
    const started = performance.now()
    const landmarks = await buildArchive(connection.db, FULL_ARCHIVE, SEED)
    if (connection.dialect === 'postgres') await sql`vacuum analyze`.execute(connection.db)
    console.log(`  ${label}: generated ${formatCount(landmarks.rows)} rows in ${seconds(performance.now() - started)}`)
    const { year, activities } = await busiestYear(connection.db)
    console.log(`  busiest year ${year}: ${formatCount(activities)} activities starting in it\n`)
    console.log(`  ${'format'.padEnd(18)} ${'median s'.padStart(9)} ${'min s'.padStart(7)} ${'max s'.padStart(7)} ${'size'.padStart(9)}  pages`)
    for (const internal of [false, true]) {
      for (const format of REPORT_FORMATS) {
        const times: number[] = []
        let size = 0
        let pages = ''
        for (let run = 0; run < RUNS; run++) {
          const began = performance.now()
          const report = await renderReport(connection.db, { year, lang: 'en', internal, institute: null }, format)
          times.push(performance.now() - began)
          size = report.body.length
          // pdfkit writes every page as its own /Type /Page object, uncompressed.
          if (format === 'pdf') pages = String(report.body.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0)
        }
        const name = `${format}${internal ? ', internal' : ''}`
        const flag = median(times) > TARGET_MS ? `  ← over ${TARGET_MS / 1000} s` : ''
        console.log(`  ${name.padEnd(18)} ${(median(times) / 1000).toFixed(2).padStart(9)} ${(Math.min(...times) / 1000).toFixed(2).padStart(7)} `
          + `${(Math.max(...times) / 1000).toFixed(2).padStart(7)} ${`${(size / 1024 / 1024).toFixed(1)} MB`.padStart(9)}  ${pages}${flag}`)
      }
    }
  } finally {
    await connection.close()
  }
}

async function main(cleanup: Cleanup) {
  console.log(`Annual report: Node ${process.version}, ${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(1)}, `
    + `median of ${RUNS} runs per format`)
  const dir = mkdtempSync(join(tmpdir(), 'chronicle-bench-report-'))
  cleanup.defer('remove the temporary directory', () => rmSync(dir, { recursive: true, force: true }))
  await measure('SQLite', `sqlite:${join(dir, 'bench.db')}`)
  const adminUrl = process.env.BENCH_DATABASE_URL
  if (adminUrl) {
    const scratch = await createScratchDatabase(adminUrl)
    cleanup.defer('drop the scratch PostgreSQL database', scratch.drop)
    console.log('')
    await measure('PostgreSQL', scratch.url)
  }
}

await runBench(main)
