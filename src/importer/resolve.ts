import { isAcronym, nameKey } from '../lib/names.ts'
import { organizationEquivalents } from '../lib/organization-equivalents.ts'
import type { Candidate, MatchReason, Resolution } from './import.types.ts'

/** A person or organization already in the archive, as the importer compares names with it. */
export interface KnownRecord {
  id: number
  slug: string
  name: string
  variants: string[]
  acronyms?: string[]
}

// How sure each kind of match is. A name can match a record in several ways; the surest counts.
// | match                                                         | reason            | confidence |
// |---------------------------------------------------------------|-------------------|------------|
// | the record's name, character for character                    | exact             | 1.00       |
// | one of its variants, character for character                 | variant           | 0.97       |
// | same but for case, diacritics, punctuation, honorifics,       | diacritics        | 0.95       |
// |   a leading "the" and legal forms (variant if a variant's)    |   (or variant)    |            |
// | one of its acronyms (UNDP)                                    | acronym           | 0.90       |
// | the same words in another order (persons)                     | word-order        | 0.90       |
// | the same words in the other script (Ракишева / Rakisheva)     | transliteration   | 0.85       |
// | the same name with or without a patronymic                    | patronymic        | 0.85       |
// |   (Маржан Бахытовна Сыздыкова / Marzhan Syzdykova)            |                   |            |
// | the same body's name or acronym in another language (ПРООН / UNDP) | translation  | 0.85       |
// | the same words spelt another way (Yerlan / Erlan, Zhanna / Janna) | transliteration | 0.80     |
// | initials and surname (M.B. Syzdykova), one record fits        | initials          | 0.75       |
// | an acronym spelt by a name's initials (ENU / Eurasian National University) | acronym | 0.60   |
// | initials and surname, several records fit                     | initials          | 0.50       |
const CONFIDENCE = {
  exact: 1,
  variant: 0.97,
  key: 0.95,
  acronym: 0.9,
  wordOrder: 0.9,
  otherScript: 0.85,
  patronymic: 0.85,
  translation: 0.85,
  otherSpelling: 0.8,
  initials: 0.75,
  initialism: 0.6,
  initialsAmbiguous: 0.5,
} as const

/** A candidate this sure, and clearly ahead of any other record, becomes the match. */
export const LINK_THRESHOLD = 0.7
/** The best candidate is the match only when more than this far (in hundredths) ahead of the next record. */
const CLEAR_LEAD = 10
const MAX_CANDIDATES = 5
/** Longer "names" are pasted text, not names: nothing is looked up for them. */
const MAX_NAME_LENGTH = 500

const LEGAL_FORMS = new Set([
  'jsc', 'njsc', 'ncjsc', 'ojsc', 'cjsc', 'pjsc', 'llp', 'llc', 'ltd', 'inc', 'plc', 'gmbh', 'ooo',
  'ао', 'тоо', 'нао', 'оао', 'зао', 'пао', 'ооо', 'ргп',
])
/** Words an acronym leaves out: "Ministry of Culture and Sport" is MCS. */
const ACRONYM_SKIPS = new Set(['of', 'the', 'and', 'for', 'in', 'on', 'at', 'и', 'по', 'және'])

// Cyrillic (Russian and Kazakh) spelt in Latin letters; й and ё are и and е here, as nameKey folds them.
const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n',
  о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '',
  ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', ә: 'a', ғ: 'g', қ: 'k', ң: 'n', ө: 'o', ұ: 'u', ү: 'u', һ: 'h', і: 'i',
  є: 'ye', ї: 'yi', ґ: 'g', ў: 'u',
}

const hasCyrillic = (text: string) => /[\u0400-\u04ff]/.test(text)

// Patronymics as names are keyed (lower case, ё as е): Бахытовна, Серикович, Ильинична; Kazakh Ахметұлы,
// Сәкенқызы; and their Latin spellings (Bakhytovna, Akhmetuly, Sakenkyzy).
const PATRONYMIC = /^(?:[\p{L}-]{3,}(?:ович|евич|ьич|овна|евна|ична|ұлы|улы|қызы|кызы|ovich|evich|ovna|evna|ichna|yevna|uly|ugly|kyzy|qyzy|kizi))$/u

/** A name's words without its patronymic, when it has one beside a given name and a surname. */
function withoutPatronymic(words: string[]): string[] | null {
  if (words.length !== 3) return null
  const index = words.findIndex((word, i) => i > 0 && PATRONYMIC.test(word))
  return index > 0 ? words.filter((_, i) => i !== index) : null
}

function romanize(word: string): string {
  let out = ''
  for (const char of word) out += CYRILLIC[char] ?? char
  return out
}

/**
 * One spelling for the ways a word is written in Latin letters, from either script, so that
 * Ракишева, Rakisheva; Ерлан, Yerlan, Erlan; Жанна, Zhanna, Janna; Назарбаев, Nazarbayev each meet.
 */
function phoneticWord(word: string): string {
  return romanize(word)
    .replace(/shch|sch/g, 'sh')
    .replace(/kh/g, 'h')
    .replace(/zh/g, 'j')
    .replace(/ts/g, 'c')
    .replace(/gh/g, 'g')
    .replace(/q/g, 'k')
    .replace(/y/g, 'i')
    .replace(/(.)\1+/g, '$1')
    // Е at the start of a word is Ye as often as E: Yerlan, Erlan.
    .replace(/^ie/, 'e')
    // A glide between vowels comes and goes: Nazarbayev, Nazarbaev; Yuliya, Iulia.
    .replace(/([aeiou])i(?=[aeiou])/g, '$1')
    .replace(/(.)\1+/g, '$1')
}

/** The letters a word's initial may be written as: Ж is Z. or J., Ерлан is E. or Y. */
function initialLetters(word: string): string[] {
  if (!hasCyrillic(word) && [...word].length === 1) return [word]
  const letters = [romanize(word)[0] ?? '', phoneticWord(word)[0] ?? '']
  if (word.startsWith('е')) letters.push('y')
  return letters
}

const isInitial = (word: string) => [...word].length === 1

function sharesInitial(a: string, b: string): boolean {
  const letters = initialLetters(b)
  return initialLetters(a).some((letter) => letters.includes(letter))
}

/** Words of a name as compared: nameKey's, without legal forms for organizations ("«Kazakhtelecom» JSC"). */
function wordsOf(name: string, kind: Kind): string[] {
  const words = nameKey(name).split(' ').filter(Boolean)
  if (kind === 'person') return words
  const kept = words.filter((word) => !LEGAL_FORMS.has(word))
  return kept.length ? kept : words
}

const acronymKey = (name: string) => nameKey(name).replaceAll(' ', '')

/** The acronym a name's initials spell, when it has two words or more to spell one. */
function initialismOf(words: string[]): string | null {
  const significant = words.filter((word) => !ACRONYM_SKIPS.has(word))
  return significant.length >= 2 ? significant.map((word) => [...word][0]).join('') : null
}

type Kind = 'person' | 'organization'

/**
 * One spelling of a name whatever its script or transliteration, as the index compares them: Ракишева Ботагоз
 * and Botagoz Rakisheva share it. A person's words in any order; an organization's in its own.
 */
export function spellingKeyOf(name: string, kind: Kind): string {
  const spelt = wordsOf(name, kind).map(phoneticWord)
  return (kind === 'person' ? spelt.sort() : spelt).join(' ')
}

export const isCyrillic = hasCyrillic

interface Entry { id: number; confidence: number; reason: MatchReason }
/** A spelling of a record, keyed by its words in another script or spelling; `cyrillic` tells which script. */
interface Spelling { id: number; cyrillic: boolean }
/** A person keyed by one word of a name taken as the surname; `given` are the other words, in order. */
interface Surname { id: number; given: string[] }

function addTo<T>(map: Map<string, T[]>, key: string, value: T) {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

/**
 * The names of the people or organizations of the archive, indexed by every normalization the
 * importer compares with, so that a name is resolved by a few hash look-ups.
 * Adding a record again (the same id) adds its new names; its former ones still find it.
 */
export class NameIndex {
  readonly #kind: Kind
  readonly #records = new Map<number, KnownRecord>()
  readonly #exact = new Map<string, Entry[]>()
  readonly #keys = new Map<string, Entry[]>()
  readonly #sortedKeys = new Map<string, number[]>()
  readonly #spellings = new Map<string, Spelling[]>()
  readonly #surnames = new Map<string, Surname[]>()
  /** Persons whose name holds initials ("Marzhan B. Syzdykova"), by their other words' spelling key. */
  readonly #withoutInitials = new Map<string, number[]>()
  /** Persons whose name holds a patronymic, by the spelling key of their other words. */
  readonly #withoutPatronymic = new Map<string, number[]>()
  readonly #acronyms = new Map<string, number[]>()
  readonly #initialisms = new Map<string, number[]>()

  constructor(kind: Kind, records: Iterable<KnownRecord> = []) {
    this.#kind = kind
    for (const record of records) this.add(record)
  }

  get size(): number {
    return this.#records.size
  }

  add(record: KnownRecord): void {
    const { id } = record
    this.#records.set(id, record)
    const forms = [record.name, ...record.variants].map((form) => form.trim()).filter(Boolean)
    for (const [index, form] of forms.entries()) {
      const fromVariant = index > 0
      addTo(this.#exact, form, fromVariant
        ? { id, confidence: CONFIDENCE.variant, reason: 'variant' }
        : { id, confidence: CONFIDENCE.exact, reason: 'exact' })
      const words = wordsOf(form, this.#kind)
      if (!words.length) continue
      addTo(this.#keys, words.join(' '), { id, confidence: CONFIDENCE.key, reason: fromVariant ? 'variant' : 'diacritics' })
      addTo(this.#spellings, this.#spellingKey(words), { id, cyrillic: hasCyrillic(form) })
      if (this.#kind === 'person') this.#addPersonForm(id, words)
      else this.#addOrganizationForm(id, form, words)
    }
    for (const acronym of record.acronyms ?? []) {
      const key = acronymKey(acronym)
      if (key) addTo(this.#acronyms, key, id)
    }
  }

  /** The record a name stands for, if one is sure enough, and every plausible record. */
  resolve(name: string, aliases: string[] = []): Resolution {
    const best = new Map<number, Entry>()
    const keep = (entry: Entry) => {
      const known = best.get(entry.id)
      if (!known || entry.confidence > known.confidence) best.set(entry.id, entry)
    }
    const forms = formsOf(name, aliases)
    for (const form of forms) for (const entry of this.#entriesOf(form)) keep(entry)
    if (this.#kind === 'organization') {
      // The same body under its name in another language, as sure as a transliteration.
      for (const form of forms) {
        for (const other of organizationEquivalents(form)) {
          for (const entry of this.#entriesOf(other)) {
            // Only the other language's name itself or its acronym: a guess on a guess is no match.
            if (entry.confidence < CONFIDENCE.acronym) continue
            keep({ id: entry.id, confidence: Math.min(entry.confidence, CONFIDENCE.translation), reason: 'translation' })
          }
        }
      }
    }
    const candidates = [...best.values()]
      .map((entry): Candidate => {
        const record = this.#records.get(entry.id)!
        return { id: entry.id, slug: record.slug, name: record.name, confidence: entry.confidence, reason: entry.reason }
      })
      .sort((a, b) => b.confidence - a.confidence || a.id - b.id)
      .slice(0, MAX_CANDIDATES)
    const [first, second] = candidates
    const clear = first !== undefined && first.confidence >= LINK_THRESHOLD
      && (second === undefined || Math.round((first.confidence - second.confidence) * 100) > CLEAR_LEAD)
    return { match: clear ? first : null, candidates }
  }

  #spellingKey(words: string[]): string {
    const spelt = words.map(phoneticWord)
    // A person's words are compared in any order; an organization's order is part of its name.
    return (this.#kind === 'person' ? spelt.sort() : spelt).join(' ')
  }

  #addPersonForm(id: number, words: string[]) {
    if (words.length < 2) return
    addTo(this.#sortedKeys, [...words].sort().join(' '), id)
    // The surname may come last (Botagoz Rakisheva) or first (Ракишева Ботагоз, Syzdykova Marzhan Bakhytovna).
    const last = words.at(-1)!
    if (!isInitial(last)) addTo(this.#surnames, phoneticWord(last), { id, given: words.slice(0, -1) })
    if (!isInitial(words[0]!)) addTo(this.#surnames, phoneticWord(words[0]!), { id, given: words.slice(1) })
    const fullWords = words.filter((word) => !isInitial(word))
    if (fullWords.length >= 2 && fullWords.length < words.length) addTo(this.#withoutInitials, this.#spellingKey(fullWords), id)
    const reduced = withoutPatronymic(words)
    if (reduced) addTo(this.#withoutPatronymic, this.#spellingKey(reduced), id)
  }

  #addOrganizationForm(id: number, form: string, words: string[]) {
    if (isAcronym(form)) addTo(this.#acronyms, acronymKey(form), id)
    const initialism = initialismOf(words)
    if (initialism) addTo(this.#initialisms, initialism, id)
  }

  #entriesOf(form: string): Entry[] {
    const entries = [...this.#exact.get(form) ?? []]
    const words = wordsOf(form, this.#kind)
    if (!words.length) return entries
    entries.push(...this.#keys.get(words.join(' ')) ?? [])
    const cyrillic = hasCyrillic(form)
    for (const spelling of this.#spellings.get(this.#spellingKey(words)) ?? []) {
      const confidence = spelling.cyrillic === cyrillic ? CONFIDENCE.otherSpelling : CONFIDENCE.otherScript
      entries.push({ id: spelling.id, confidence, reason: 'transliteration' })
    }
    if (this.#kind === 'person') {
      for (const id of this.#sortedKeys.get([...words].sort().join(' ')) ?? []) {
        entries.push({ id, confidence: CONFIDENCE.wordOrder, reason: 'word-order' })
      }
      entries.push(...this.#initialsEntries(words))
      entries.push(...this.#patronymicEntries(words))
    } else {
      entries.push(...this.#acronymEntries(form, words))
    }
    return entries
  }

  /** "Маржан Бахытовна Сыздыкова" for Marzhan Syzdykova, and "Marzhan Syzdykova" for Сыздыкова Маржан Бахытовна. */
  #patronymicEntries(words: string[]): Entry[] {
    const reduced = withoutPatronymic(words)
    const ids = [
      ...(reduced ? this.#spellings.get(this.#spellingKey(reduced)) ?? [] : []).map((s) => s.id),
      ...this.#withoutPatronymic.get(this.#spellingKey(words)) ?? [],
    ]
    return ids.map((id) => ({ id, confidence: CONFIDENCE.patronymic, reason: 'patronymic' }))
  }

  /**
   * "M.B. Syzdykova", "Syzdykova M.", "Marzhan B. Syzdykova": a surname at one end, initials beside it;
   * or the full words of a name written with initials ("Marzhan Syzdykova" for Marzhan B. Syzdykova).
   */
  #initialsEntries(words: string[]): Entry[] {
    if (words.length < 2 || words.length > 3) return []
    const ids = new Set(this.#withoutInitials.get(this.#spellingKey(words)) ?? [])
    const readings: [surname: string, given: string[]][] = [[words.at(-1)!, words.slice(0, -1)], [words[0]!, words.slice(1)]]
    for (const [surname, given] of readings) {
      if (isInitial(surname) || !areInitialsAfterNames(given)) continue
      for (const person of this.#surnames.get(phoneticWord(surname)) ?? []) {
        if (fitsGivenNames(given, person.given)) ids.add(person.id)
      }
    }
    const confidence = ids.size === 1 ? CONFIDENCE.initials : CONFIDENCE.initialsAmbiguous
    return [...ids].map((id) => ({ id, confidence, reason: 'initials' }))
  }

  #acronymEntries(form: string, words: string[]): Entry[] {
    const entries: Entry[] = []
    if (isAcronym(form)) {
      const key = acronymKey(form)
      for (const id of this.#acronyms.get(key) ?? []) entries.push({ id, confidence: CONFIDENCE.acronym, reason: 'acronym' })
      for (const id of this.#initialisms.get(key) ?? []) entries.push({ id, confidence: CONFIDENCE.initialism, reason: 'acronym' })
    } else {
      const initialism = initialismOf(words)
      for (const id of initialism ? this.#acronyms.get(initialism) ?? [] : []) {
        entries.push({ id, confidence: CONFIDENCE.initialism, reason: 'acronym' })
      }
    }
    return entries
  }
}

/** Given names as written before a surname: full words, then at least one initial ("Marzhan B.", "M.B."). */
function areInitialsAfterNames(given: string[]): boolean {
  const firstInitial = given.findIndex(isInitial)
  return firstInitial >= 0 && given.slice(firstInitial).every(isInitial)
}

/** The given name (and middle name or patronymic, when both sides have one) agree, as initials or in full. */
function fitsGivenNames(query: string[], record: string[]): boolean {
  const compared = Math.min(query.length, record.length)
  if (compared === 0) return false
  for (let index = 0; index < compared; index++) {
    const [a, b] = [query[index]!, record[index]!]
    const fits = isInitial(a) || isInitial(b) ? sharesInitial(a, b) : phoneticWord(a) === phoneticWord(b)
    if (!fits) return false
  }
  return true
}

/** The name, its aliases, and the two halves of "United Nations Development Programme (UNDP)". */
function formsOf(name: string, aliases: string[]): string[] {
  const forms = new Set<string>()
  for (const raw of [name, ...aliases]) {
    if (raw.length > MAX_NAME_LENGTH) continue
    const form = raw.trim()
    if (!form) continue
    forms.add(form)
    const parts = /^(.+?)\s*\(([^()]+)\)$/u.exec(form)
    if (parts) for (const part of [parts[1]!, parts[2]!]) if (part.trim()) forms.add(part.trim())
  }
  return [...forms]
}
