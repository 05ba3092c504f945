// Extraction quality: runs `chronicle extract --json` on every evaluation set and scores it with the
// shared scorer, printing each set's score and breakdown and the total time.
//
//   npm run eval [-- --dir ../shared/eval/public --set dev-ru --verbose]
//
// A set is a `NAME-gold.json` with its text beside it (`NAME.txt`); the seed set's text is the
// institute's own feed in `shared/seed/`. The command is run as a user runs it, with no reference date:
// a date the item does not give a year for must not be guessed from the day the evaluation runs.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const option = (name: string) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : undefined }
const evalRoot = resolve(root, '../shared/eval')
const dir = resolve(option('dir') ?? join(evalRoot, 'public'))
const only = option('set')
const verbose = args.includes('--verbose')
const scorer = join(evalRoot, 'score.mjs')

interface Score {
  items: { gold: number; predicted: number; matched: number }
  segmentation: { f1: number }
  fields: Record<string, { accuracy: number }>
  people: { precision: number; recall: number; f1: number }
  organizations: { precision: number; recall: number; f1: number }
  roles: { people: number; organizations: number }
  affiliation: { accuracy: number }
  unmatched: { gold: string[] }
  score: number
}

function textOf(set: string): string | null {
  const beside = join(dir, `${set}.txt`)
  if (existsSync(beside)) return beside
  const seed = resolve(dir, '../../seed')
  if (set === 'seed' && existsSync(seed)) {
    const files = readdirSync(seed).filter((f) => f.endsWith('.txt')).sort()
    if (files.length === 1) return join(seed, files[0]!)
    const joined = join(work, 'seed.txt')
    writeFileSync(joined, files.map((f) => readFileSync(join(seed, f), 'utf8').trim()).join('\n\n'))
    return joined
  }
  return null
}

const work = mkdtempSync(join(tmpdir(), 'chronicle-eval-'))
const sets = readdirSync(dir).filter((f) => f.endsWith('-gold.json')).map((f) => f.slice(0, -'-gold.json'.length))
  .filter((s) => !only || s === only).sort()
if (!sets.length) { console.error(`no NAME-gold.json in ${dir}${only ? ` named ${only}` : ''}`); process.exit(2) }

const started = performance.now()
const rows: Array<[string, Score, number]> = []
try {
  for (const set of sets) {
    const text = textOf(set)
    if (!text) { console.log(`${set}: no text beside its gold file, skipped`); continue }
    const predicted = join(work, `${set}.json`)
    const t0 = performance.now()
    writeFileSync(predicted, execFileSync(process.execPath, [join(root, 'bin/chronicle.mjs'), 'extract', text, '--json'], { maxBuffer: 1 << 28 }))
    const seconds = (performance.now() - t0) / 1000
    const gold = join(dir, `${set}-gold.json`)
    if (verbose) console.log(execFileSync(process.execPath, [scorer, gold, predicted], { encoding: 'utf8' }))
    rows.push([set, JSON.parse(execFileSync(process.execPath, [scorer, gold, predicted, '--json'], { encoding: 'utf8' })) as Score, seconds])
  }
} finally {
  rmSync(work, { recursive: true, force: true })
}

const f = (n: number) => n.toFixed(3)
const table = [
  ['set', 'score', 'items', 'segm', 'date', 'kind', 'city', 'ctry', 'fmt', 'ppl P/R/F1', 'org P/R/F1', 'role p/o', 'affil', 'time'],
  ...rows.map(([set, s, seconds]) => [
    set, f(s.score), `${s.items.matched}/${s.items.gold}`, f(s.segmentation.f1),
    ...['date', 'kind', 'city', 'country', 'format'].map((k) => f(s.fields[k]?.accuracy ?? 0)),
    `${f(s.people.precision)}/${f(s.people.recall)}/${f(s.people.f1)}`,
    `${f(s.organizations.precision)}/${f(s.organizations.recall)}/${f(s.organizations.f1)}`,
    `${f(s.roles.people)}/${f(s.roles.organizations)}`, f(s.affiliation.accuracy), `${seconds.toFixed(1)} s`,
  ]),
]
const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)))
for (const r of table) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd())
for (const [set, s] of rows) if (s.unmatched.gold.length) console.log(`${set}: gold items not found as items: ${s.unmatched.gold.join(', ')}`)
console.log(`${rows.length} sets in ${((performance.now() - started) / 1000).toFixed(1)} s`)
