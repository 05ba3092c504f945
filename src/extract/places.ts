// Places: cities from the gazetteer shipped in data/gazetteer.json (scripts/build-gazetteer.ts),
// country names and adjectives to ISO 3166-1 alpha-2 codes, and where an activity took place.
import gazetteer from './data/gazetteer.json' with { type: 'json' }
import { COUNTRY_ADJECTIVES } from './lexicon.ts'
import { findQuotes, insideAny, type Span, splitSentences, tokenize, type Token } from './text.ts'

export interface City { name: string; country: string; population: number }
export interface PlaceMention extends Span { text: string; city: City | null; country: string | null }

const CITY_INDEX = new Map<string, City[]>()
const COUNTRY_INDEX = new Map<string, string>()
let longestPlace = 1

const FIRST_WORDS = new Set<string>()
const keyCache = new Map<string, string>()

function placeKey(name: string) {
  const cached = keyCache.get(name)
  if (cached !== undefined) return cached
  const key = computePlaceKey(name)
  if (keyCache.size > 50_000) keyCache.clear()
  keyCache.set(name, key)
  return key
}

function computePlaceKey(name: string) {
  if (/^[A-Za-z .-]*$/.test(name)) return name.toLowerCase().replace(/[\s-]+/g, ' ').trim()
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[‘’'`ʻʼ]/g, "'").replace(/[\s-]+/g, ' ').trim()
}

function remember(name: string) {
  const words = placeKey(name).split(' ')
  longestPlace = Math.max(longestPlace, words.length)
  FIRST_WORDS.add(words[0]!)
}

for (const [name, country, population, ...aliases] of gazetteer.cities as Array<[string, string, number, ...string[]]>) {
  const city = { name, country, population }
  for (const spelling of [name, ...aliases]) {
    const key = placeKey(spelling)
    const list = CITY_INDEX.get(key) ?? []
    list.push(city)
    CITY_INDEX.set(key, list)
    remember(spelling)
  }
}
for (const list of CITY_INDEX.values()) list.sort((a, b) => b.population - a.population)

const EXTRA_COUNTRY_NAMES: Record<string, string[]> = {
  KZ: ['Republic of Kazakhstan'], KG: ['Kyrgyz Republic', 'Republic of Kyrgyzstan', 'Kirghizia'],
  UZ: ['Republic of Uzbekistan'], TJ: ['Republic of Tajikistan'], TM: ['Turkmenia'], KR: ['Korea'],
  RU: ['Russia'], TR: ['Republic of Türkiye', 'Turkiye', 'Republic of Turkey'], AZ: ['Republic of Azerbaijan'],
  US: ['United States', 'America', 'U.S.'], GB: ['Britain', 'England', 'Scotland', 'Wales'],
  CZ: ['Czech Republic'], MD: ['Moldova'], IR: ['Iran'], SY: ['Syria'], VN: ['Viet Nam'], LA: ['Laos'],
  NL: ['Holland'], CN: ['PRC', "People's Republic of China", 'People’s Republic of China'],
}
for (const [code, names] of Object.entries(gazetteer.countries as Record<string, string[]>)) {
  for (const name of [...names, ...(EXTRA_COUNTRY_NAMES[code] ?? [])]) {
    // Names such as "Korea, Republic of" are catalogue forms nobody writes in a sentence.
    if (name.includes(',')) continue
    COUNTRY_INDEX.set(placeKey(name), code)
    remember(name)
  }
}
// Short codes collide with words and initials: only the written-out names count in running text.
for (const code of ['US', 'U.S.', 'UK', 'USA', 'U.S.A.']) COUNTRY_INDEX.delete(placeKey(code))
COUNTRY_INDEX.set('usa', 'US')
COUNTRY_INDEX.set('uk', 'GB')

/** ISO code of a country name or adjective ("Kazakhstan", "Russian Federation", "Kazakh"), or null. */
export function countryCode(name: string): string | null {
  const key = placeKey(name.replace(/^the\s+/i, ''))
  return COUNTRY_INDEX.get(key) ?? COUNTRY_ADJECTIVES[key] ?? null
}

/** The best-known city of that name, preferring one in the given country. */
export function lookupCity(name: string, country?: string | null): City | null {
  const list = CITY_INDEX.get(placeKey(name))
  if (!list) return null
  return (country && list.find((c) => c.country === country)) || list[0]!
}

/**
 * Every capitalised mention of a city or country in the text, longest match first,
 * e.g. "Astana (Kazakhstan)" gives two mentions.
 */
export function findPlaces(text: string, tokens: Token[] = tokenize(text)): PlaceMention[] {
  const mentions: PlaceMention[] = []
  for (let i = 0; i < tokens.length; i++) {
    const first = tokens[i]!
    if (!first.word || !first.cap) continue
    // Most capitalised words begin no place name: one set lookup rules them out.
    if (!FIRST_WORDS.has(placeKey(first.text).split(' ')[0]!) && !(first.lower === 'the')) continue
    let found: PlaceMention | null = null
    let take = 0
    // "the Republic of Kazakhstan", "Russian Federation", "Ust-Kamenogorsk": up to `longestPlace` words.
    let words = 0
    for (let j = i; j < tokens.length && words < longestPlace + 1; j++) {
      const t = tokens[j]!
      if (!t.word) break
      if (j > i && tokens[j - 1]!.end !== t.start - 1) break
      words += t.text.split('-').length
      const phrase = text.slice(first.start, t.end)
      const country = COUNTRY_INDEX.get(placeKey(phrase))
      const cities = CITY_INDEX.get(placeKey(phrase))
      if (cities && t.cap) { found = { start: first.start, end: t.end, text: phrase, city: cities[0]!, country: cities[0]!.country }; take = j - i + 1 }
      if (country) { found = { start: first.start, end: t.end, text: phrase, city: null, country }; take = j - i + 1 }
    }
    if (found) {
      mentions.push(found)
      i += take - 1
    }
  }
  return mentions
}

export interface Venue { city: string | null; country: string | null }

const HELD = /\b(?:held|hold|holds|organi[sz]ed|conducted|hosted|host|hosts|took place|takes place|will take place|will be held|is held|are held|was|were|convened|opened|gathered|met|meeting|visit(?:ed)?|arrived|give|gave|will give|deliver(?:ed)?|conferences?|seminars?|lectures?|workshops?|forums?|round tables?|sessions?|events?|presentations?)\b/i

/**
 * Where the activity took place: a city introduced by "in"/"at" in a sentence about the event, or a
 * dateline ("TASHKENT, 21 May —"); the country comes with the city or from "held in <country>".
 * Cities inside organization names, affiliations in parentheses and quoted titles do not count.
 */
export function findVenue(text: string, excluded: readonly Span[] = []): Venue {
  const quotes = findQuotes(text)
  const places = findPlaces(text).filter((p) => !insideAny(excluded, p.start) && !insideAny(quotes, p.start))
  if (!places.length) return { city: null, country: null }
  const sentences = splitSentences(text)
  const sentenceOf = (p: Span) => sentences.find((s) => p.start >= s.start && p.start < s.end)
  const before = (p: Span) => text.slice(Math.max(0, p.start - 12), p.start)
  const parenthesised = (p: Span) => /\(\s*$/.test(before(p)) || /[,(]\s*$/.test(before(p)) && insideParentheses(text, p.start)

  // The country right after a city, "(Kazakhstan)" or ", Kazakhstan", settles which city of that name.
  const countryAfter = (p: PlaceMention) => {
    const next = places.find((q) => q.start > p.end && q.start - p.end <= 3 && q.country && !q.city)
    return next && /^\s*[(,]\s*$/.test(text.slice(p.end, next.start)) ? next.country : null
  }

  // An event card's "Venue: …" or "Date: 18 June 2024, Almaty." line says where.
  const card = /^\s*(?:venue|place|location|where|date|dates)\s*:[^\n]*$/gim
  for (const line of text.matchAll(card)) {
    const inLine = places.find((p) => p.city && p.start >= line.index && p.end <= line.index + line[0].length)
    if (inLine) return cityVenue(inLine, countryAfter(inLine))
  }

  // "Dushanbe hosted the forum": the city as the subject.
  for (const place of places) {
    const sentence = sentenceOf(place)
    if (place.city && sentence && !text.slice(sentence.start, place.start).trim() &&
        /^\s+(?:hosted|welcomed|became\s+the\s+venue|was\s+the\s+venue|will\s+host)\b/i.test(text.slice(place.end, place.end + 30))) {
      return cityVenue(place, null)
    }
  }

  const dateline = places[0]!
  // "Bishkek, 18 October", "ALMATY. On 3 July": a city opening the item, then punctuation.
  if (dateline.city && dateline.start <= 2 && /^\s*(?:,|\(|–|—|-|\.\s)/.test(text.slice(dateline.end, dateline.end + 3))) {
    return cityVenue(dateline, countryAfter(dateline))
  }
  // "Tbilisi 17:01 - 12.02.15", "Ulaanbaatar /MONTSAME/": a dateline opening one of the first lines.
  for (const place of places) {
    if (!place.city) continue
    const lineStart = text.lastIndexOf('\n', place.start - 1) + 1
    if (text.slice(0, lineStart).split('\n').length > 3) break
    if (text.slice(lineStart, place.start).trim()) continue
    if (/^\s*(?:\/|\d{1,2}[:.]\d{2}\b|\d{1,2}[./]\d{1,2}[./]\d{2,4}\b)/.test(text.slice(place.end, place.end + 12)) ||
        lineStart > 0 && /^\s*(?:,|–|—|-)\s/.test(text.slice(place.end, place.end + 4))) return cityVenue(place, countryAfter(place))
  }
  let countryOnly: Venue | null = null
  for (const place of places) {
    if (parenthesised(place)) continue
    const sentence = sentenceOf(place)
    if (!sentence) continue
    const lead = text.slice(sentence.start, place.start)
    // A survey "conducted in all 17 regions of Kazakhstan": the country, no one city.
    if (!countryOnly && !place.city && /\b(?:conducted|carried out|held)\s+in\s+(?:all\s+)?(?:\d+\s+)?(?:regions|oblasts|provinces|cities)\s+of\s+$/i.test(lead)) {
      countryOnly = { city: null, country: place.country }
      continue
    }
    if (!/\b(?:in|at|to)\s+(?:the\s+)?(?:city of\s+)?$/i.test(lead)) continue
    if (!HELD.test(text.slice(sentence.start, sentence.end))) continue
    if (place.city) return cityVenue(place, countryAfter(place))
    if (!countryOnly && /\b(?:held|took place|will be held|takes place|organi[sz]ed|hosted)\s+in\s+(?:the\s+)?$/i.test(lead)) {
      countryOnly = { city: null, country: place.country }
    }
  }
  // A headline over the text: "Round table of experts held in Minsk".
  const headline = /^[^\n]{8,200}(?=\n)/.exec(text)?.[0]
  if (!countryOnly && headline && !/[.!?]$/.test(headline) && HEADLINE_EVENT.test(headline)) {
    const place = places.find((p) => p.city && p.end <= headline.length && /\b(?:in|at)\s+$/i.test(text.slice(Math.max(0, p.start - 5), p.start)))
    if (place) return cityVenue(place, countryAfter(place))
  }
  return countryOnly ?? { city: null, country: null }
}

const HEADLINE_EVENT = /\b(?:round[- ]?tables?|roundtables?|conferences?|seminars?|forums?|workshops?|lectures?|meetings?|meet|sessions?|symposium|summit|congress|held|hosted|visits?|school)\b/i

function cityVenue(place: PlaceMention, country: string | null): Venue {
  const city = lookupCity(place.text, country) ?? place.city!
  // "New York" for New York City, as the text and most writers say; "Mexico City" stays whole.
  const name = city.name.endsWith(' City') && city.name.slice(0, -5) === place.text ? place.text : city.name
  return { city: name, country: city.country }
}

function insideParentheses(text: string, position: number) {
  const open = text.lastIndexOf('(', position)
  if (open < 0) return false
  const close = text.lastIndexOf(')', position)
  return close < open && position - open < 200
}
