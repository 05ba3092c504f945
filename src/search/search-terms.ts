import { t } from '../i18n/locale.ts'
import snowball from 'snowball-stemmers'
import { transliterate } from 'transliteration'

// Search terms are computed here, for documents and queries alike, so that both engines index
// and match the very same ASCII words: [a-z0-9]+, lower case, stems and transliterations included.

const english = snowball.newStemmer('english')
const russian = snowball.newStemmer('russian')

// Letters that Unicode decomposition leaves alone (as in src/lib/names.ts).
const FOLD: Record<string, string> = { ı: 'i', ł: 'l', ø: 'o', đ: 'd', ß: 'ss', æ: 'ae', œ: 'oe', þ: 'th', ð: 'd' }

/**
 * Cyrillic (Russian and Kazakh) to Latin as names are usually spelt in English: Ракишева →
 * rakisheva, Жақсыбеков → zhaksybekov. The second spelling covers the common alternatives
 * (Юсупова → iusupova, Хасенов → hasenov, Ерлан → yerlan) so either finds the other.
 */
const CYRILLIC: Record<string, [string, string?]> = {
  а: ['a'], б: ['b'], в: ['v'], г: ['g'], д: ['d'], е: ['e'], ж: ['zh', 'j'], з: ['z'], и: ['i'], й: ['y', 'i'],
  к: ['k'], л: ['l'], м: ['m'], н: ['n'], о: ['o'], п: ['p'], р: ['r'], с: ['s'], т: ['t'], у: ['u'], ф: ['f'],
  х: ['kh', 'h'], ц: ['ts', 'c'], ч: ['ch'], ш: ['sh'], щ: ['shch', 'sch'], ъ: [''], ы: ['y', 'i'], ь: [''],
  э: ['e'], ю: ['yu', 'iu'], я: ['ya', 'ia'],
  // Kazakh letters
  ә: ['a', 'ae'], ғ: ['g', 'gh'], қ: ['k', 'q'], ң: ['n', 'ng'], ө: ['o', 'oe'], ұ: ['u'], ү: ['u', 'ue'], һ: ['h'],
  і: ['i'],
  // Ukrainian and Belarusian letters, rare in our records
  є: ['ye', 'ie'], ї: ['yi', 'i'], ґ: ['g'], ў: ['u'],
}

const STOPWORDS = new Set([
  'a', 'an', 'the', 'of', 'in', 'on', 'at', 'to', 'for', 'and', 'or', 'with', 'by', 'from', 'as', 'is', 'are', 'was',
  'и', 'в', 'во', 'на', 'с', 'со', 'по', 'о', 'об', 'к', 'у', 'из', 'за', 'для', 'не', 'а', 'но', 'что', 'как',
  'және', 'мен', 'пен', 'бен',
])

/** Longer "words" are base64, hashes or junk; they are neither indexed nor searched. */
const MAX_WORD_LENGTH = 60
export const MAX_QUERY_CHARACTERS = 200
export const MAX_QUERY_WORDS = 8
/**
 * A last query word of this many letters may be unfinished, and also matches the words it begins;
 * a longer one is taken as typed (its other forms match through the stem): a long common prefix
 * would merge the index's lists of many words for little gain.
 */
export const MIN_PREFIX_LENGTH = 3
const MAX_PREFIX_LENGTH = 8

const hasCyrillic = (word: string) => /[\u0400-\u04ff]/.test(word)
const isAscii = (word: string) => /^[a-z0-9]+$/.test(word)

/** Lower case and no diacritics, in the word's own script: "Somuncuoğlu" → "somuncuoglu", "Ёлка" → "елка". */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    // й is и with a breve in decomposed form, but a letter of its own in Russian and Kazakh.
    .replace(/[иИ]\u0306/g, (c) => (c[0] === 'и' ? 'й' : 'Й'))
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ıłøđßæœþð]/g, (c) => FOLD[c] ?? c)
}

/** The words of a text, folded, in order; apostrophes join ("institute's" → "institutes"). */
export function wordsOf(text: string): string[] {
  return foldText(text).replace(/['’ʼ`´]/g, '').split(/[^\p{L}\p{N}]+/u).filter((w) => w && w.length <= MAX_WORD_LENGTH)
}

function transliterateCyrillic(word: string, variant: 0 | 1): string {
  let out = ''
  for (const [index, char] of [...word].entries()) {
    // A word-initial е is "ye" as often as "e": Ерлан is Yerlan, Елена is Elena.
    if (char === 'е' && index === 0) { out += variant ? 'ye' : 'e'; continue }
    const spellings = CYRILLIC[char]
    out += spellings ? (variant ? spellings[1] ?? spellings[0] : spellings[0]) : char
  }
  return out
}

/** Other scripts (Greek, Arabic, Chinese…) through a general transliteration into ASCII words. */
function asciiWordsOf(word: string): string[] {
  return wordsOf(transliterate(word)).filter(isAscii)
}

const stemOf = (word: string) => (/^[0-9]+$/.test(word) ? word : english.stem(word))

/**
 * The ASCII terms one folded word is indexed under and matched by: the word and its English
 * stem; for Cyrillic, its two Latin spellings and the Latin spelling of its Russian stem.
 */
export function termsOfWord(word: string): string[] {
  let terms = knownTerms.get(word)
  if (!terms) {
    // Stemming is the slow part of indexing, and texts repeat their words: remember the answers, up to a bound.
    if (knownTerms.size >= MAX_KNOWN_WORDS) knownTerms.clear()
    terms = computeTermsOfWord(word)
    knownTerms.set(word, terms)
  }
  return terms
}

const MAX_KNOWN_WORDS = 100_000
const knownTerms = new Map<string, string[]>()

function computeTermsOfWord(word: string): string[] {
  if (isAscii(word)) return unique([word, stemOf(word)])
  if (hasCyrillic(word)) {
    const spellings = [transliterateCyrillic(word, 0), transliterateCyrillic(word, 1),
      transliterateCyrillic(russian.stem(word), 0)]
    return unique(spellings.flatMap((s) => (isAscii(s) ? [s] : asciiWordsOf(s))))
  }
  return unique(asciiWordsOf(word).flatMap((w) => [w, stemOf(w)]))
}

/** The Latin spellings of a word, without stems: what a last, unfinished query word may begin. */
function spellingsOfWord(word: string): string[] {
  if (isAscii(word)) return [word]
  if (hasCyrillic(word)) {
    return unique([0, 1].flatMap((v) => {
      const s = transliterateCyrillic(word, v as 0 | 1)
      return isAscii(s) ? [s] : asciiWordsOf(s)
    }))
  }
  return asciiWordsOf(word)
}

// Transliteration lengthens words (щ → shch); what grows past the limit is left out everywhere alike.
function unique(terms: string[]) {
  return [...new Set(terms.filter((t) => t && t.length <= MAX_WORD_LENGTH))]
}

/** Every term of the texts, each once, space-separated: what the engines index. */
export function termsOf(...texts: (string | null | undefined)[]): string {
  const terms = new Set<string>()
  for (const text of texts) {
    if (!text) continue
    for (const word of wordsOf(text)) for (const term of termsOfWord(word)) terms.add(term)
  }
  return [...terms].join(' ')
}

const FACET_CODES: Record<string, string> = { year: 'y', kind: 'k', country: 'c', person: 'p', organization: 'o', role: 'r' }
/** Facet terms begin so; no word of a text does, and no query word is taken as the start of one. */
const FACET_PREFIX = 'zzf'

export const isFacetTerm = (term: string) => term.startsWith(FACET_PREFIX)

/** The term a facet value is indexed under, for filtering in the engines: person 12 → "zzfp12". */
export function facetTerm(facet: string, value: string): string {
  return `${FACET_PREFIX}${FACET_CODES[facet] ?? 'x'}${value.toLowerCase().replace(/[^a-z0-9]/g, '')}`
}

/** One word of a query: it matches a document word sharing one of `terms` or beginning with one of `prefixes`. */
export interface QueryWord {
  word: string
  terms: string[]
  prefixes: string[]
}

export interface ParsedQuery {
  /** The query as searched: trimmed and cut to the allowed length. */
  text: string
  words: QueryWord[]
  /** What was left out of the query and why, to tell the reader. */
  notices: string[]
}

/**
 * A query as words to match, all of them; nothing of the user's text reaches the engines but
 * these ASCII terms. Common words are dropped unless nothing else is left; the last word also
 * matches as a prefix, so "Rak" finds Rakisheva.
 */
export function parseSearchQuery(raw: string, options: { minPrefixLength?: number; maxPrefixLength?: number } = {}): ParsedQuery {
  const notices: string[] = []
  let text = raw.replace(/\s+/g, ' ').trim()
  if ([...text].length > MAX_QUERY_CHARACTERS) {
    text = [...text].slice(0, MAX_QUERY_CHARACTERS + 1).join('')
    // Cut between words where there is a space to cut at, so no half word is searched.
    const space = text.lastIndexOf(' ')
    text = (space > 0 ? text.slice(0, space) : [...text].slice(0, MAX_QUERY_CHARACTERS).join('')).trim()
    notices.push(t('searchNotice.cut', { count: MAX_QUERY_CHARACTERS }))
  }
  let words = wordsOf(text)
  const meaningful = words.filter((w) => !STOPWORDS.has(w))
  if (meaningful.length) words = meaningful
  words = [...new Set(words)]
  if (words.length > MAX_QUERY_WORDS) {
    words = words.slice(0, MAX_QUERY_WORDS)
    notices.push(t('searchNotice.words', { count: MAX_QUERY_WORDS }))
  }
  const endsInWord = /[\p{L}\p{N}]$/u.test(text)
  const parsed = words.map((word, index) => {
    const terms = termsOfWord(word)
    const isLast = index === words.length - 1
    const length = [...word].length
    const prefixes = isLast && endsInWord && length >= (options.minPrefixLength ?? MIN_PREFIX_LENGTH) && length <= (options.maxPrefixLength ?? MAX_PREFIX_LENGTH)
      && !word.startsWith(FACET_PREFIX)
      ? spellingsOfWord(word) : []
    return { word, terms, prefixes }
  }).filter((w) => w.terms.length || w.prefixes.length)
  return { text, words: parsed, notices }
}

/** Whether a folded word of a document matches a query word: the same test the engines make. */
export function isMatchingWord(word: string, query: QueryWord): boolean {
  const terms = termsOfWord(word)
  return terms.some((t) => query.terms.includes(t) || query.prefixes.some((p) => t.startsWith(p)))
}
