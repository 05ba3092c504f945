// Tokens of a Russian or Kazakh text with their offsets, and the word classes the stages share:
// acronyms, adjectives by their endings, oblique cases by morphology.
import { wordInfo } from './morph.ts'

export interface Span { start: number; end: number }

export interface RuToken extends Span {
  text: string
  lower: string
  word: boolean
  cap: boolean
}

const TOKEN = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*|\S/gu

export function tokenizeRu(text: string): RuToken[] {
  const tokens: RuToken[] = []
  for (const m of text.matchAll(TOKEN)) {
    const value = m[0]
    tokens.push({ text: value, lower: value.toLowerCase(), start: m.index, end: m.index + value.length, word: /^[\p{L}\p{N}]/u.test(value), cap: /^\p{Lu}/u.test(value) })
  }
  return tokens
}

const ROMAN = /^[IVXLC]+$/

/** РАН, МГИМО, МосГУ, ПсковГУ, IDEA: two or more capitals, few lower-case letters; not a Roman numeral. */
export function isAcronym(word: string): boolean {
  if (word.length < 2 || word.length > 12 || ROMAN.test(word)) return false
  if (!/^[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]*$/u.test(word)) return false
  const upper = word.replace(/[^A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]/gu, '').length
  if (upper < 2) return false
  return !/[a-zа-яё]{5,}/u.test(word) && (upper === word.length || /[A-ZА-ЯЁ]$/u.test(word) || upper >= 3)
}

const ADJECTIVE_END = /(?:ый|ий|ой|ая|яя|ое|ее|ого|его|ому|ему|ым|им|ых|их|ую|юю|ыми|ими|ей|(?:ск|цк|нн|ьн|ичн|чн|альн|онн|енн|ов|ев|ин|н)ом|(?:[нкш]|ьн)ем)$/u

/** An adjective by its ending ("Российская", "государственного", "научно-практической"), unless morphology reads a name. */
export function looksAdjective(word: string): boolean {
  const lower = word.toLowerCase()
  if (!ADJECTIVE_END.test(lower) || lower.length < 4) return false
  if (/^\p{Lu}/u.test(word)) {
    const info = wordInfo(word)
    if (info.firstName || info.surname || info.patronymic) return /(?:ск|цк|н)(?:ий|ая|ое|ого|ой|ому|ых|их|ым|ом|ем)$/u.test(lower) && !info.firstName
  }
  return true
}

const OBLIQUE = new Set(['gent', 'datv', 'ablt', 'loct', 'gen2', 'loc2'])

/** A word in an oblique case (the tail of a name: "мировой экономики", "по международным делам"). */
export function oblique(word: string): boolean {
  const info = wordInfo(word)
  if (info.caseName) return OBLIQUE.has(info.caseName)
  return false
}

/** Past-tense and present verbs, infinitives: the end of a noun phrase. */
export function looksVerb(word: string): boolean {
  return /(?:л|ла|ло|ли|лся|лась|лось|лись|ть|ться|ет|ют|ут|ит|ат|ят|ется|ются|ится|атся|ятся)$/u.test(word.toLowerCase()) && wordInfo(word).caseName === null
}

/** Index of the first token starting at or after `offset` (binary search). */
export function tokenIndexAt(tokens: readonly RuToken[], offset: number): number {
  let lo = 0, hi = tokens.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (tokens[mid]!.start < offset) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Index of the closing token `close` within `limit` tokens after `from`, or -1. */
export function closingIndex(tokens: readonly RuToken[], from: number, close: string, limit: number): number {
  for (let k = from + 1; k < Math.min(tokens.length, from + 1 + limit); k++) if (tokens[k]!.text === close) return k
  return -1
}
