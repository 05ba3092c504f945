// Dates: the first day (and the last, for a multi-day activity) of what an item reports, from the
// usual English forms, relative to a reference date for texts that leave out the year.
import * as chrono from 'chrono-node'

export interface ActivityDates { date: string | null; endDate: string | null }

// Day first for numeric dates (12.03.2023, 12/03/2023), as written in Kazakhstan, Europe and most of Asia.
const parser = new chrono.Chrono(chrono.en.configuration.createConfiguration(true, true))

const MONTH = '(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?'
const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
}
const DASH = '\\s*(?:-|–|—|to|until|till|through|and)\\s*'
// Forms chrono-node reads only in part: "May 21–22, 2024" and "21.05.2024" / "21.05.2024–23.05.2024".
const MONTH_DAY_RANGE = new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?${DASH}(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'i')
const NUMERIC = /\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b(?:\s*(?:-|–|—)\s*(\d{1,2})[./](\d{1,2})[./](\d{4})\b)?/
const ISO_RANGE = /\b(\d{4})-(\d{2})-(\d{2})\b/

// The activity's date is nearly always in an item's first lines; this bounds the work on long inputs.
const SEARCH_LIMIT = 3000
const FIRST_LOOK = 600

/**
 * The activity's dates in `text`, or nulls. A date without a year takes it from a dated mention in the
 * text, else from `reference` (a post's publication date), else it is no date: null.
 */
export function findDates(text: string, reference: Date | null = null): ActivityDates {
  // The first lines nearly always hold the date; read further only when they do not.
  const boundary = /[.!?]\s|\n/g
  boundary.lastIndex = FIRST_LOOK
  const cut = text.length <= FIRST_LOOK ? text.length : (boundary.exec(text.slice(0, SEARCH_LIMIT))?.index ?? SEARCH_LIMIT)
  const first = chooseDate(text.slice(0, cut), reference)
  if (first.date || text.length <= cut) return first
  return chooseDate(text.slice(0, SEARCH_LIMIT), reference)
}

interface Candidate extends ActivityDates { index: number; yearless: boolean; month: number; day: number; endMonth: number | null; endDay: number | null }

// A date line above the text or a dateline before it: "16 July 2013", "30.01.2018, 15:38",
// "Tbilisi 17:01 - 12.02.15", "DUSHANBE, 9 August 2017 –", "18.05.2018 | Title".
const SHORT_YEAR_LINE = /^(?:\p{Lu}[\p{L}-]+\s+)?(?:\d{1,2}:\d{2}\s*[-–—|]?\s*)?(\d{1,2})\.(\d{1,2})\.(\d{2})(?!\d|\.\d)/u

function chooseDate(head: string, reference: Date | null): ActivityDates {
  const candidates = collect(head)
  // A leading short-year date line ("Tbilisi 17:01 - 12.02.15").
  const lines = head.split('\n').slice(0, 3)
  let offset = 0
  for (const line of lines) {
    const short = SHORT_YEAR_LINE.exec(line)
    if (short && line.length <= 60) {
      const date = isoDate(2000 + Number(short[3]), Number(short[2]), Number(short[1]))
      if (date && !candidates.some((c) => c.index >= offset && c.index < offset + line.length && !c.yearless)) {
        candidates.push({ index: offset + short.index + short[0].length - 8, date, endDate: null, yearless: false, month: Number(short[2]), day: Number(short[1]), endMonth: null, endDay: null })
      }
    }
    offset += line.length + 1
  }
  if (!candidates.length) return { date: null, endDate: null }
  candidates.sort((a, b) => a.index - b.index || Number(!!b.endDate) - Number(!!a.endDate))

  const leading = (c: Candidate) => isLeading(head, c.index)
  const dated = candidates.filter((c) => !c.yearless)
  // A date line and a different date in the body: the body's date is the activity's.
  const body = dated.filter((c) => !leading(c))
  let best: Candidate | undefined = body[0] ?? dated[0]
  // "4 Sep 2008" above "… in Ashgabat on 1-4 September": the body's days, in the date line's year.
  const bodyYearless = !body[0] && best ? candidates.find((c) => c.yearless && !leading(c) && happensThere(head, c.index)) : undefined
  if (best && bodyYearless) {
    const year = Number(best.date!.slice(0, 4))
    const dated = withYear(bodyYearless, year)
    // An item posted early in a year about the December before.
    if (dated.date && best.date && daysBetween(best.date, dated.date) > 180) best = withYear(bodyYearless, year - 1)
    else if (dated.date) best = dated
  }
  if (!best) {
    // Only dates without a year: the reference's year, when there is one.
    if (!reference) return { date: null, endDate: null }
    best = withYear(candidates[0]!, reference.getFullYear())
  }
  const sameStart = candidates.find((c) => c.endDate && !c.yearless && Math.abs(c.index - best!.index) < 12 && c.date === best!.date)
  return { date: best.date, endDate: best.endDate ?? sameStart?.endDate ?? null }
}

// The sentence of a date that says an activity took place then, not "February 8 marks the founding".
const EVENT_VERB = /\b(?:held|took place|takes place|will take place|organi[sz]ed|hosted|convened|conducted)\b/i

function happensThere(head: string, index: number) {
  const start = Math.max(head.lastIndexOf('. ', index), head.lastIndexOf('\n', index)) + 1
  let end = head.indexOf('. ', index)
  if (end < 0) end = head.length
  return EVENT_VERB.test(head.slice(start, end))
}

function daysBetween(from: string, to: string) {
  return (Date.parse(to) - Date.parse(from)) / 86_400_000
}

function withYear(c: Candidate, year: number): Candidate {
  const date = isoDate(year, c.month, c.day)
  let endDate = c.endMonth && c.endDay ? isoDate(year, c.endMonth, c.endDay) : null
  if (date && endDate && endDate < date) endDate = isoDate(year + 1, c.endMonth!, c.endDay!)
  return { ...c, date, endDate: date && endDate && endDate > date ? endDate : null, yearless: false }
}

/** Whether the date at `index` is a date line or dateline at the top of the text, not the body's. */
function isLeading(head: string, index: number): boolean {
  const lineStart = head.lastIndexOf('\n', index - 1) + 1
  const before = head.slice(0, lineStart)
  if (before.split('\n').length > 3) return false
  let lineEnd = head.indexOf('\n', index)
  if (lineEnd < 0) lineEnd = head.length
  const line = head.slice(lineStart, lineEnd)
  const lead = head.slice(lineStart, index)
  // A line that is only a date, a time, a place or an outlet.
  const rest = line.replace(/\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?/gi, '')
    .replace(/\b(?:am|pm|gmt|utc|past|event|posted|published|updated|date)\b/gi, '')
  if (lineEnd < head.length && rest.replace(/[^\p{L}]/gu, '').length <= 14) return true
  // "DUSHANBE, 9 August 2017 – …", "18.05.2018 | Title": a date before a dash or bar at the start of a line.
  if (/^(?:\p{Lu}[\p{L}-]*(?:\s\p{Lu}[\p{L}-]*)?,?\s+)?$/u.test(lead)) {
    const after = line.slice(index - lineStart).replace(/^[^|–—-]*?\d{4}/, '')
    if (/^\s*(?:,\s*\d{1,2}:\d{2}\s*)?[|–—-]\s/.test(after)) return true
  }
  return false
}

const parts = (iso: string) => ({ month: Number(iso.slice(5, 7)), day: Number(iso.slice(8, 10)) })

function collect(head: string): Candidate[] {
  const candidates: Candidate[] = []
  const add = (index: number, date: string | null, endDate: string | null, yearless = false) => {
    if (!date) return
    const p = parts(date), e = endDate ? parts(endDate) : null
    candidates.push({ index, date: yearless ? null : date, endDate: yearless ? null : endDate, yearless, month: p.month, day: p.day, endMonth: e?.month ?? null, endDay: e?.day ?? null })
  }

  for (const range of head.matchAll(new RegExp(MONTH_DAY_RANGE.source, 'gi'))) {
    const month = MONTHS[range[1]!.toLowerCase().slice(0, 4).replace(/\.$/, '')] ?? MONTHS[range[1]!.toLowerCase().slice(0, 3)]!
    const year = Number(range[4])
    const start = isoDate(year, month, Number(range[2]))
    const end = isoDate(year, month, Number(range[3]))
    if (start && end && end > start) add(range.index, start, end)
  }
  for (const numeric of head.matchAll(new RegExp(NUMERIC.source, 'g'))) {
    const start = dayFirst(numeric[1]!, numeric[2]!, numeric[3]!)
    const end = numeric[4] ? dayFirst(numeric[4], numeric[5]!, numeric[6]!) : null
    if (start) add(numeric.index, start, end && end > start ? end : null)
  }

  for (const result of parser.parse(head, YEARLESS_REFERENCE)) {
    if (!result.start.isCertain('day') || !result.start.isCertain('month')) continue
    // "for 3 days", "tomorrow": relative to the reference, not a date the text gives.
    if (!/\d{1,2}\s*[./-]\s*\d{1,2}|\d{4}-\d{2}|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i.test(result.text)) continue
    // A bare time or a weekday alone is not the activity's date.
    if (/^\s*(?:at\s+)?\d{1,2}[:.]\d{2}/.test(result.text) && !result.start.isCertain('year')) continue
    let start = result.start.date()
    const end = result.end?.date() ?? null
    const certain = result.start.isCertain('year') || !!result.end?.isCertain('year')
    // "from 30 May to 2 June 2024": the year written once, at the end, holds for both.
    if (end && !result.start.isCertain('year') && result.end?.isCertain('year')) {
      const month = start.getMonth(), day = start.getDate()
      start = new Date(end.getFullYear(), month, day, 12)
      if (start > end) start = new Date(end.getFullYear() - 1, month, day, 12)
    }
    const date = localIso(start)
    const endDate = end ? localIso(end) : null
    add(result.index, date, endDate && endDate > date ? endDate : null, !certain)
  }
  // ISO dates chrono reads already; this catches them when a time or other text confuses it.
  for (const iso of head.matchAll(new RegExp(ISO_RANGE.source, 'g'))) add(iso.index, isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3])), null)
  return candidates
}

// Any leap year, so that "29 February" without a year is still a day.
const YEARLESS_REFERENCE = new Date(2024, 5, 15, 12)

function dayFirst(day: string, month: string, year: string) {
  const d = Number(day), m = Number(month)
  // 03/25/2024 cannot be day first: read it the American way.
  return m > 12 && d <= 12 ? isoDate(Number(year), d, m) : isoDate(Number(year), m, d)
}

function isoDate(year: number, month: number, day: number): string | null {
  if (!(year >= 1000 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= 31)) return null
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCMonth() !== month - 1) return null
  return date.toISOString().slice(0, 10)
}

function localIso(date: Date) {
  return isoDate(date.getFullYear(), date.getMonth() + 1, date.getDate()) ?? date.toISOString().slice(0, 10)
}
