// Import: time and peak memory of `chronicle import` on 10,000 generated news items (a plain-text
// file, each item extracted, resolved against the demo archive's people and organizations, and
// written as a draft with its proposal), into a fresh database; then the same file again, which
// must skip every item. The median of several runs.
//
//   npm run bench:import [-- --items 10000 --runs 3]
//   BENCH_DATABASE_URL=postgres://user@host/db adds PostgreSQL (the user must be able to create databases)
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { generateNewsItems } from '../test/generated-news.ts'
import { numberArgument } from './args.ts'
import { createScratchDatabase } from './postgres.ts'

const ITEMS = numberArgument('items', 10_000)
const RUNS = numberArgument('runs', 3)
const CHILD = fileURLToPath(new URL('./import-child.ts', import.meta.url))
const DEMO = fileURLToPath(new URL('../src/demo/demo-archive.json', import.meta.url))

interface Run { seconds: number; maxRssMb: number; output: string }

function chronicle(databaseUrl: string, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { env: { ...process.env, DATABASE_URL: databaseUrl } })
    let stdout = '', stderr = ''
    child.stdout.on('data', (chunk) => { stdout += chunk })
    child.stderr.on('data', (chunk) => { stderr += chunk })
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000
      const rss = /max-rss-kb (\d+)/.exec(stderr)
      if (code !== 0 || !rss) return reject(new Error(`chronicle ${args.join(' ')} exited ${code}:\n${stderr}${stdout}`))
      resolve({ seconds, maxRssMb: Number(rss[1]) / 1024, output: stdout.trim() })
    })
  })
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

const dir = mkdtempSync(join(tmpdir(), 'chronicle-bench-import-'))
// Numbered, so that no two items are the same text.
const file = join(dir, 'news.txt')
const text = generateNewsItems(ITEMS, 11).map((item, i) => `${item} Release ${i + 1}.`).join('\n\n')
writeFileSync(file, text)
console.log(`import: ${ITEMS} generated items, ${(text.length / 1e6).toFixed(1)} MB of text, ${RUNS} runs per engine`)

async function bench(engine: string, fresh: () => Promise<{ url: string; drop(): Promise<void> }>) {
  const first: Run[] = [], again: Run[] = []
  for (let run = 0; run < RUNS; run++) {
    const database = await fresh()
    try {
      await chronicle(database.url, ['import-json', DEMO])
      const imported = await chronicle(database.url, ['import', file, '--no-progress', '--reference', '2024-01-01'])
      const repeated = await chronicle(database.url, ['import', file, '--no-progress'])
      if (!repeated.output.includes(`0 imported as drafts for review, ${ITEMS} already imported`)) {
        throw new Error(`the second import was not a no-op:\n${repeated.output}`)
      }
      first.push(imported)
      again.push(repeated)
      console.log(`  ${engine} run ${run + 1}: ${imported.seconds.toFixed(1)} s, ${Math.round(ITEMS / imported.seconds)} items/s, ` +
        `peak ${Math.round(imported.maxRssMb)} MB; again (all skipped) ${repeated.seconds.toFixed(1)} s, peak ${Math.round(repeated.maxRssMb)} MB`)
    } finally {
      await database.drop()
    }
  }
  const seconds = median(first.map((r) => r.seconds))
  console.log(`${engine}: median ${seconds.toFixed(1)} s for ${ITEMS} items (${Math.round(ITEMS / seconds)} items/s, ` +
    `${(seconds * 1000 / ITEMS).toFixed(1)} ms per item), peak memory ${Math.round(median(first.map((r) => r.maxRssMb)))} MB; ` +
    `importing the same file again ${median(again.map((r) => r.seconds)).toFixed(1)} s`)
  console.log(`  ${first[0]!.output.split('\n').slice(0, 3).join('\n  ')}`)
}

try {
  let n = 0
  await bench('sqlite', async () => {
    const path = join(dir, `bench-${n++}.db`)
    return { url: `sqlite:${path}`, drop: async () => rmSync(path, { force: true }) }
  })
  const adminUrl = process.env.BENCH_DATABASE_URL
  if (adminUrl) await bench('postgres', () => createScratchDatabase(adminUrl))
  else console.log('postgres: BENCH_DATABASE_URL is not set; skipped')
} finally {
  rmSync(dir, { recursive: true, force: true })
}
