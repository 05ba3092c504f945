// Extraction throughput: items per second on 10,000 generated news items (varied templates, random
// names, dates, places and organizations), the median of several runs.
//
//   npm run bench:extract [-- --items 10000 --runs 5]
import { extractRecords } from '../src/extract/index.ts'

const argument = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`)
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback
}
const ITEMS = argument('items', 10_000)
const RUNS = argument('runs', 5)

// A small deterministic generator, so every run reads the same text.
let seed = 20_240_521
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648)
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!

const GIVEN = ['Aigerim', 'Nurlan', 'Elena', 'John', 'Dilnoza', 'Timur', 'Asel', 'Bakyt', 'Maria', 'Farrukh', 'Zarina', 'Ahmet', 'Sophie', 'Daniyar']
const FAMILY = ['Bekova', 'Sadykov', 'Petrova', 'Miller', 'Karimova', 'Dadabaev', 'Toktogulova', 'Osmonov', 'Rossi', 'Yusupov', 'Aliyeva', 'Demir', 'Laurent', 'Kenzhebayev']
const ORGANIZATIONS = ['Tashkent State University of Economics', 'Central Asia Policy Institute', 'Ministry of Education of the Kyrgyz Republic',
  'Eurasian Research Institute', 'Institute for Economic Research', 'Kazakh National University', 'Asian Development Bank',
  'Regional Environmental Centre for Central Asia', 'Agency for Strategic Planning and Reforms', 'Samarkand State University',
  'Institute of History and Ethnology', 'Council of Young Scientists', 'OSCE Programme Office in Bishkek']
const CITIES = ['Astana', 'Almaty', 'Tashkent', 'Bishkek', 'Dushanbe', 'Ashgabat', 'Samarkand', 'Osh', 'Shymkent', 'Moscow', 'Istanbul', 'Berlin']
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
const TOPICS = ['Water Security in Central Asia', 'Youth and Digital Society', 'Migration and Labour Markets', 'Public Trust in Institutions',
  'Green Economy and Growth', 'Regional Cooperation after 2030']

const person = () => `${pick(GIVEN)} ${pick(FAMILY)}`
const day = () => 1 + Math.floor(random() * 27)
const year = () => 2019 + Math.floor(random() * 6)

const TEMPLATES: Array<() => string> = [
  () => `On ${pick(MONTHS)} ${day()}, ${year()}, the ${pick(ORGANIZATIONS)} held a round table on the topic “${pick(TOPICS)}” in ${pick(CITIES)}. ` +
    `The event was moderated by ${person()}, Director of the ${pick(ORGANIZATIONS)}. Among the guests were Dr. ${person()} (${pick(ORGANIZATIONS)}, ${pick(CITIES)}) and ${person()} (${pick(ORGANIZATIONS)}).`,
  () => `${day()}.0${1 + Math.floor(random() * 9)}.${year()}. Prof. ${person()}, Vice-Rector of the ${pick(ORGANIZATIONS)}, gave a guest lecture for students of the ${pick(ORGANIZATIONS)}. ` +
    `Read more: https://example.org/news/${Math.floor(random() * 100_000)}`,
  () => `${pick(CITIES)}, ${day()}-${day() + 1} ${pick(MONTHS)} ${year()} – The international conference "${pick(TOPICS)}" was organized by the ${pick(ORGANIZATIONS)} ` +
    `with the support of the ${pick(ORGANIZATIONS)} in a hybrid format. Keynote speeches were delivered by ${person()} and ${person()}.`,
  () => `From ${day()} to ${day()} ${pick(MONTHS)} ${year()}, ${person()} took part in the meeting of the ${pick(ORGANIZATIONS)}. The report “${pick(TOPICS)}”, ` +
    `commissioned by the United Nations Development Programme (UNDP), was presented by ${person()}.\nPhoto: the participants`,
  () => `${pick(MONTHS)} ${day()}, ${year()}. An online seminar was held by the ${pick(ORGANIZATIONS)} in partnership with UNESCO. ` +
    `Speakers included ${person()}, Senior Research Fellow of the ${pick(ORGANIZATIONS)}, and Mr. ${person()} (${pick(ORGANIZATIONS)}).`,
]

const text = Array.from({ length: ITEMS }, () => pick(TEMPLATES)()).join('\n\n')
const reference = new Date(2024, 0, 1)

const rates: number[] = []
let records = 0
for (let run = 0; run < RUNS; run++) {
  const started = performance.now()
  records = extractRecords(text, { reference }).length
  const seconds = (performance.now() - started) / 1000
  rates.push(records / seconds)
  console.log(`run ${run + 1}: ${records} items in ${seconds.toFixed(2)} s, ${Math.round(records / seconds)} items/s`)
}
rates.sort((a, b) => a - b)
const median = rates[Math.floor(rates.length / 2)]!
console.log(`extract: ${ITEMS} generated items (${(text.length / 1e6).toFixed(1)} MB), ${records} records; ` +
  `median of ${RUNS} runs: ${Math.round(median)} items/s (${(1000 / median).toFixed(2)} ms per item)`)
