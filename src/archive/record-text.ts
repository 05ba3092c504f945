import type { ActivityRecord } from './archive.schema.ts'
import type { Lang } from '../i18n/languages.ts'
import { CATALOGS } from '../i18n/messages/index.ts'

const MAX_TITLE = 110
const MAX_SUMMARY = 300
const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?'
// Russian and Kazakh months in any case: "12 ноября 2020 г.", "2024 жылғы 20 қыркүйекте".
const RU_MONTH = '(?:январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-я]*\\.?'
const KK_MONTH = '(?:қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан)[а-яәғқңөұүһі]*'
const DATE = `(?:${MONTH}\\s+\\d{1,2},?\\s+\\d{4}|\\d{1,2}\\s+${MONTH}\\s+\\d{4}|\\d{1,2}[./]\\d{1,2}[./]\\d{4}` +
  `|\\d{1,2}\\s+${RU_MONTH}\\s+\\d{4}(?:\\s*(?:года|г\\.))?|\\d{4}\\s+жылғы\\s+\\d{1,2}\\s+${KK_MONTH})`
// "April 9, 2024." or "12 March 2023." standing alone as a dateline.
const DATELINE = new RegExp(`^${DATE}\\.?$`, 'iu')
// "On April 19, 2024, " or "3 Sept 2024 — " at the start of a sentence says when, which the facts box shows anyway.
const LEADING_DATE = new RegExp(`^(?:on\\s+)?${DATE}(?:,|\\s*[—–-])?\\s+`, 'iu')
// Full stops that end an abbreviation, not a sentence: "Dr. Aliya Bekova", "Sept. 3, 2024".
const ABBREVIATIONS = ['dr', 'prof', 'mr', 'mrs', 'ms', 'st', 'jr', 'sr', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug',
  'sep', 'sept', 'oct', 'nov', 'dec',
  // Russian: "им. М.В. Ломоносова", "ул. Абая", "проф. Иванов", "2019–2020 гг. прошли".
  'им', 'ул', 'пр', 'проф', 'акад', 'доц', 'гг', 'тыс', 'млн', 'млрд', 'пл', 'пер', 'наб']
const SENTENCE_END = new RegExp(`(?<=[\\p{L}\\p{N}”")]{2}[.!?][”"’)]?)(?<!(?:^|[^\\p{L}])(?:${ABBREVIATIONS.join('|')})\\.)\\s+`, 'iu')

/**
 * Sentences of a text, split after a full stop (or one inside a closing quotation mark) that ends a word
 * of two or more letters and is no abbreviation, and at line ends: a dateline or headline on a line of
 * its own is a sentence.
 */
export function sentences(text: string): string[] {
  return text.split(/\n/).flatMap((line) => line.replace(/\s+/g, ' ').trim().split(SENTENCE_END))
    .map((s) => s.trim()).filter(Boolean)
}

/** The first sentence that says something: a bare dateline does not. */
export function firstSentence(text: string) {
  const all = sentences(text)
  return all.find((s) => !DATELINE.test(s)) ?? all[0] ?? ''
}

function clip(text: string, max: number) {
  if (text.length <= max) return text
  const cut = text.slice(0, max - 1)
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).replace(/[\s,;:–-]+$/, '')}…`
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

/** A headline for an imported item: the activity's own name with its kind (in the item's language), else the first sentence. */
export function titleFromRecord(record: ActivityRecord, lang: Lang = 'en') {
  if (record.name) {
    const kind = record.kind ? CATALOGS[lang][`kind.${record.kind}`] as string : null
    return clip(kind ? `${kind}: ${record.name}` : record.name, MAX_TITLE)
  }
  const sentence = firstSentence(record.text).replace(LEADING_DATE, '').replace(/[.]$/, '')
  return clip(capitalize(sentence) || 'Untitled news item', MAX_TITLE)
}

export const summaryFromText = (text: string) => clip(firstSentence(text), MAX_SUMMARY)

/** Paragraphs of the source become Markdown paragraphs; the words stay as written. */
export const bodyFromText = (text: string) =>
  text.split(/\n+/).map((line) => line.trim()).filter(Boolean).join('\n\n')
