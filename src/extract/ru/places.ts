// Cyrillic place names (Russian, and Kazakh locatives) to the gazetteer's English cities and
// ISO country codes: the lemma is transliterated and looked up in the shared gazetteer, with a
// short list of names whose English spelling differs from the transliteration.
import { createRequire } from 'node:module'
import countries from 'i18n-iso-countries'
import { transliterate } from 'transliteration'
import { lookupCity } from '../places.ts'
import { lemma, placeLemmas } from './morph.ts'
import exceptions from './data/places-ru.json' with { type: 'json' }

const require = createRequire(import.meta.url)

export interface CyrillicPlace { city: string | null; country: string | null }

const CITY_EXCEPTIONS = new Map<string, [string, string]>()
for (const [english, country, ...spellings] of exceptions.cities as Array<[string, string, ...string[]]>) {
  for (const s of spellings) CITY_EXCEPTIONS.set(key(s), [english, country])
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
  return key(phrase.split(/\s+/).map((w) => (/^[А-ЯЁ]{2,}$/.test(w) ? w : w.split('-').map(lemma).join('-'))).join(' '))
}

/** Lemmas of a one-word place, place readings first ("Астане" → астана, not the name Астан). */
function placeKeys(phrase: string): string[] {
  if (/\s/.test(phrase)) return [lemmaKey(phrase)]
  return placeLemmas(phrase).map(key)
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
  const result = computePlace(phrase.trim().replace(/^(?:в|во|на|из|г\.|город[ае]?)\s+/i, ''))
  if (placeCache.size > 50_000) placeCache.clear()
  placeCache.set(phrase, result)
  return result
}

function computePlace(phrase: string): CyrillicPlace | null {
  if (!phrase || !/[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]/.test(phrase)) return null
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
    const exception = CITY_EXCEPTIONS.get(candidate)
    if (exception) return { city: exception[0], country: exception[1] }
  }
  for (const candidate of keys) {
    const latin = transliterate(candidate.replace(/ё/gi, 'е'))
    const city = lookupCity(latin)
    if (city) return { city: city.name, country: city.country }
  }
  return null
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
