// Cyrillic place names (Russian, and Kazakh locatives) to the gazetteer's English cities and
// ISO country codes: the lemma is transliterated and looked up in the shared gazetteer, with a
// short list of names whose English spelling differs from the transliteration.
import { createRequire } from 'node:module'
import countries from 'i18n-iso-countries'
import gazetteer from '../data/gazetteer.json' with { type: 'json' }
import { lookupCity } from '../places.ts'
import { lemma, mayBePlace, placeLemmas } from './morph.ts'
import exceptions from './data/places-ru.json' with { type: 'json' }
import regionCities from './data/region-cities.json' with { type: 'json' }

const require = createRequire(import.meta.url)

export interface CyrillicPlace { city: string | null; country: string | null }

let cityExceptions: Map<string, [string, string]> | null = null
function exceptionIndex(): Map<string, [string, string]> {
  if (cityExceptions) return cityExceptions
  cityExceptions = new Map()
  for (const [english, country, ...spellings] of exceptions.cities as Array<[string, string, ...string[]]>) {
    for (const s of spellings) cityExceptions.set(key(s), [english, country])
  }
  return cityExceptions
}

function key(s: string) {
  return s.toLowerCase().replace(/ё/g, 'е').replace(/[\s‐-―-]+/g, ' ').trim()
}

let countryIndex: Map<string, string> | null = null

/** Country names in Russian and Kazakh (i18n-iso-countries plus the shipped extras), keyed by lemmas. */
function countries_(): Map<string, string> {
  if (countryIndex) return countryIndex
  const index = new Map<string, string>()
  countries.registerLocale(require('i18n-iso-countries/langs/ru.json'))
  countries.registerLocale(require('i18n-iso-countries/langs/kk.json'))
  for (const lang of ['ru', 'kk']) {
    for (const [code, names] of Object.entries(countries.getNames(lang, { select: 'all' }) as Record<string, string[]>)) {
      for (const name of names) { index.set(key(name), code); index.set(lemmaKey(name), code) }
    }
  }
  for (const [code, ...names] of exceptions.countries as Array<[string, ...string[]]>) {
    for (const name of names) { index.set(key(name), code); index.set(lemmaKey(name), code) }
  }
  countryIndex = index
  return index
}

function lemmaKey(phrase: string) {
  return key(phrase.split(/\s+/).map((w) => (/^[А-ЯЁ]{2,}$/.test(w) ? w : w.split('-').map((part) => placeLemmas(part)[0] ?? lemma(part)).join('-'))).join(' '))
}

/** Lemmas of a one-word place, place readings first ("Астане" → астана, not the name Астан). */
function placeKeys(phrase: string): string[] {
  const words = phrase.split(/\s+/)
  if (words.length > 3) return [lemmaKey(phrase)]
  // Every combination of each word's readings (Великом Новгороде → великий новгород).
  let keys = ['']
  for (const w of words) {
    const options = [...placeLemmas(w).slice(0, 4), ...endingGuesses(w.toLowerCase())]
    keys = keys.flatMap((k) => options.map((o) => (k ? `${k} ${o}` : o))).slice(0, 64)
  }
  return keys.map(key)
}

/** Nominatives a foreign name az does not know may have: Претории → претория, Сиане → сиань. */
function endingGuesses(w: string): string[] {
  const out: string[] = []
  if (w.length < 4) return out
  const stem = (n: number) => w.slice(0, w.length - n)
  if (w.endsWith('ии')) out.push(stem(1) + 'я')
  if (w.endsWith('е')) out.push(stem(1), stem(1) + 'ь', stem(1) + 'а', stem(1) + 'я')
  if (w.endsWith('и')) out.push(stem(1) + 'ь', stem(1) + 'я', stem(1) + 'а')
  if (w.endsWith('ы')) out.push(stem(1) + 'а', stem(1))
  if (w.endsWith('у') || w.endsWith('ю')) out.push(stem(1), stem(1) + 'а')
  if (/(?:ом|ем|ой|ей)$/.test(w)) out.push(stem(2), stem(2) + 'а')
  if (/(?:ах|ях)$/.test(w)) out.push(stem(2) + 'ы', stem(2) + 'и')
  return out
}

const placeCache = new Map<string, CyrillicPlace | null>()

/**
 * The city (English gazetteer name) or country a Cyrillic place phrase names, in any case:
 * "Новосибирске" → Novosibirsk RU, "Нур-Султане" → Astana KZ, "Республики Казахстан" → KZ.
 * Unknown phrases give null.
 */
export function lookupCyrillicPlace(phrase: string): CyrillicPlace | null {
  const cached = placeCache.get(phrase)
  if (cached !== undefined) return cached
  const result = computePlace(bare(phrase))
  if (placeCache.size > 50_000) placeCache.clear()
  placeCache.set(phrase, result)
  return result
}

const CYRILLIC_WORD = /(?<![\p{L}-])[А-ЯЁӘҒҚҢӨҰҮҺІ][\p{L}]+(?:-[А-ЯЁӘҒҚҢӨҰҮҺІ]?[\p{L}]+)*/gu

/** Where the text names the given city in Cyrillic, in any case ("в Алматы", "Астанада", "Нур-Султане"). */
export function findCyrillicCitySpans(text: string, city: string): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = []
  for (const m of text.matchAll(CYRILLIC_WORD)) {
    if (lookupCyrillicPlace(m[0])?.city === city) spans.push({ start: m.index, end: m.index + m[0].length })
  }
  return spans
}

/** The name without a preposition, "г."/"город" before it or Kazakh "қаласы…" after it. */
function bare(phrase: string): string {
  let out = phrase.trim()
  for (let before = ''; before !== out;) {
    before = out
    out = out.replace(/^(?:(?:в|во|на|из|город[аеуом]*)\s+|(?:г|гор|қ)\.\s*)(?=\S)/i, '').trim()
  }
  return out.replace(/\s+(?:қала\S*|облыс\S*)$/i, '')
}

function computePlace(phrase: string): CyrillicPlace | null {
  if (phrase.length < 2 || !/[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]/.test(phrase)) return null
  const forms = [phrase, ...kazakhStems(phrase)]
  for (const form of forms) {
    const country = countryOf(form)
    if (country) return { city: null, country }
    const city = cityOf(form)
    if (city) return city
  }
  return null
}

function countryOf(phrase: string): string | null {
  const index = countries_()
  const direct = index.get(key(phrase)) ?? index.get(lemmaKey(phrase))
  if (direct) return direct
  // "Республики Казахстан", "Кыргызской Республики": the word "республика" around a country name.
  const stripped = phrase.replace(/^(?:республик\S*|государств\S*)\s+/i, '').replace(/\s+республик\S*$/i, '')
  if (stripped !== phrase) return index.get(key(stripped)) ?? index.get(lemmaKey(stripped)) ?? adjectivalRepublic(stripped)
  return null
}

/** "Кыргызской Республики" → "кыргызский" → KG, via the shipped adjectives. */
function adjectivalRepublic(adjective: string): string | null {
  return countries_().get(lemmaKey(adjective)) ?? null
}

function cityOf(phrase: string): CyrillicPlace | null {
  const keys = [key(phrase), ...placeKeys(phrase)]
  for (const candidate of keys) {
    const exception = exceptionIndex().get(candidate)
    if (exception) return { city: exception[0], country: exception[1] }
  }
  // Loose matching only for words az reads as places or does not know at all: "Анна", "Заря",
  // "Центральной" are towns somewhere, but in a sentence they are a name, a word, an adjective.
  const last = phrase.split(/\s+/).pop()!
  if (!mayBePlace(last) || [key(phrase), ...placeLemmas(last).map(key)].some((k) => NOT_CITIES.has(k))) return null
  for (const candidate of keys) {
    const city = skeletonIndex().get(skeleton(latin(candidate)))
    if (!city) continue
    // A small town spelled like a surname (Скопин, "доклады А. Ю. Скопина") is the surname.
    if (city[2] < SMALL_TOWN && /(?:ов|ев|ин|ын)$/.test(candidate)) continue
    return { city: city[0], country: city[1] }
  }
  return null
}

const SMALL_TOWN = 100_000

/** Regions, seas, mountains and rivers whose names are also towns' (Каспий, Алтай, Арал). */
// Дархан: a Kazakh first name far more often than Darkhan, Mongolia.
const NOT_CITIES = new Set(['каспий', 'алтай', 'арал', 'урал', 'кавказ', 'сибирь', 'памир', 'байкал', 'волга', 'дон', 'азия', 'европа', 'евразия', 'балтика', 'крым', 'донбасс', 'фергана долина', 'тянь-шань', 'дархан'])

// ── Loose Latin matching ──────────────────────────────────────────────────────────────
// A Cyrillic name, romanised letter by letter, rarely equals the English spelling (Хабаровск →
// khabarovsk, Жалал-Абад → zhalal-abad, Гянджа → gyandzha): both sides are reduced to a skeleton
// (kh→h, zh/dzh/dj→j, ts→c, ya→a, y→i, no apostrophes, hyphens, spaces or double letters).

const CYRILLIC_TO_LATIN: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l',
  м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh',
  щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
  ә: 'a', ғ: 'g', қ: 'k', ң: 'n', ө: 'o', ұ: 'u', ү: 'u', һ: 'h', і: 'i', ў: 'u', ҳ: 'h', ҷ: 'j',
}

function latin(cyrillic: string): string {
  let out = ''
  for (const ch of cyrillic.toLowerCase()) out += CYRILLIC_TO_LATIN[ch] ?? ch
  return out
}

function skeleton(name: string): string {
  return name.toLowerCase().replace(/ə/g, 'a').replace(/ı/g, 'i').normalize('NFD').replace(/\p{M}/gu, '')
    .replace(/[^a-z]/g, '')
    .replace(/shch/g, 'sc').replace(/kh/g, 'h').replace(/dzh|zh|dj/g, 'j').replace(/ts|tz/g, 'c')
    .replace(/yu/g, 'u').replace(/ya/g, 'a').replace(/ye/g, 'e').replace(/yo/g, 'o')
    .replace(/y/g, 'i').replace(/q/g, 'k').replace(/w/g, 'v').replace(/(.)\1+/g, '$1')
}

/** Skeleton → [English name, country, population]: the gazetteer's cities and the region's towns, built on first use. */
let skeletons: Map<string, [string, string, number]> | null = null
function skeletonIndex(): Map<string, [string, string, number]> {
  if (skeletons) return skeletons
  const index = new Map<string, [string, string, number]>()
  const add = (spelling: string, city: [string, string, number]) => {
    const k = skeleton(spelling)
    if (!k) return
    const old = index.get(k)
    // The region's town wins over a larger one elsewhere (Джалал-Абад: Kyrgyzstan, not Afghanistan).
    const rank = (c: [string, string, number]) => (REGION.has(c[1]) ? 1e10 : 0) + c[2]
    if (!old || rank(old) < rank(city)) index.set(k, [englishName(city[0]), city[1], city[2]])
  }
  for (const [name, country, population, ...aliases] of gazetteer.cities as Array<[string, string, number, ...string[]]>) {
    for (const spelling of [name, ...aliases]) add(spelling, [name, country, population])
  }
  for (const [name, country, population] of regionCities.cities as Array<[string, string, number]>) {
    // A town the gazetteer knows under another name (Karagandy → Karaganda) keeps the gazetteer's.
    const known = lookupCity(name, country)
    if (known && known.country === country) continue
    add(name, [name, country, population])
  }
  skeletons = index
  return index
}

const REGION = new Set(['KZ', 'KG', 'UZ', 'TJ', 'TM', 'AZ', 'AM', 'GE', 'RU', 'BY', 'UA', 'MD', 'MN'])

/** GeoNames spellings without apostrophes and diacritics: Stavropol’ → Stavropol, İzmir → Izmir. */
function englishName(name: string): string {
  return name.replace(/[’'ʼ`]/g, '').replace(/İ/g, 'I').normalize('NFD').replace(/\p{M}/gu, '').replace(/yy$/, 'y')
}

const KAZAKH_ENDINGS = ['ында', 'інде', 'нда', 'нде', 'да', 'де', 'та', 'те', 'дан', 'ден', 'тан', 'тен', 'нан', 'нен', 'ға', 'ге', 'қа', 'ке', 'ның', 'нің', 'дың', 'дің', 'тың', 'тің']

/** Kazakh locative and other case endings (Астанада, Алматыда, Қазақстанда) stripped. */
function kazakhStems(phrase: string): string[] {
  const out: string[] = []
  const lower = phrase.toLowerCase()
  for (const ending of KAZAKH_ENDINGS) {
    if (lower.endsWith(ending) && phrase.length - ending.length >= 3) out.push(phrase.slice(0, phrase.length - ending.length))
  }
  return out
}
