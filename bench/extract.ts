// Extraction throughput: items per second on 10,000 generated news items (varied templates, random
// names, dates, places and organizations), the median of several runs, in English and in Russian.
//
//   npm run bench:extract [-- --items 10000 --runs 5 --language en|ru]
import { extractRecords } from '../src/extract/index.ts'
import { generateNewsText, type GeneratedLanguage } from '../test/generated-news.ts'
import { numberArgument } from './args.ts'

const ITEMS = numberArgument('items', 10_000)
const RUNS = numberArgument('runs', 5)
const only = process.argv.includes('--language') ? process.argv[process.argv.indexOf('--language') + 1] : null
const languages: GeneratedLanguage[] = only === 'en' || only === 'ru' ? [only] : ['en', 'ru']
const reference = new Date(2024, 0, 1)

const summary: string[] = []
for (const language of languages) {
  const text = generateNewsText(ITEMS, undefined, language)
  // The first Russian item loads the morphology dictionaries: once per process, not per run.
  extractRecords(text.slice(0, 2_000), { reference })
  const rates: number[] = []
  let records = 0
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now()
    records = extractRecords(text, { reference }).length
    const seconds = (performance.now() - started) / 1000
    rates.push(records / seconds)
    console.log(`${language} run ${run + 1}: ${records} items in ${seconds.toFixed(2)} s, ${Math.round(records / seconds)} items/s`)
  }
  rates.sort((a, b) => a - b)
  const median = rates[Math.floor(rates.length / 2)]!
  summary.push(`extract ${language}: ${ITEMS} generated items (${(text.length / 1e6).toFixed(1)} MB), ${records} records; ` +
    `median of ${RUNS} runs: ${Math.round(median)} items/s (${(1000 / median).toFixed(2)} ms per item)`)
}
for (const line of summary) console.log(line)
