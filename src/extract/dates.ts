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

/** The activity's dates in `text`, or nulls. `reference` supplies the year when the text omits it. */
export function findDates(text: string, reference: Date = new Date()): ActivityDates {
  // The first lines nearly always hold the date; read further only when they do not.
  const boundary = /[.!?]\s|\n/g
  boundary.lastIndex = FIRST_LOOK
  const cut = text.length <= FIRST_LOOK ? text.length : (boundary.exec(text.slice(0, SEARCH_LIMIT))?.index ?? SEARCH_LIMIT)
  const first = findDatesIn(text.slice(0, cut), reference)
  if (first.date || text.length <= cut) return first
  return findDatesIn(text.slice(0, SEARCH_LIMIT), reference)
}

function findDatesIn(head: string, reference: Date): ActivityDates {
  const candidates: Array<ActivityDates & { index: number }> = []

  const range = MONTH_DAY_RANGE.exec(head)
  if (range) {
    const month = MONTHS[range[1]!.toLowerCase().slice(0, 4).replace(/\.$/, '')] ?? MONTHS[range[1]!.toLowerCase().slice(0, 3)]!
    const year = Number(range[4])
    const start = isoDate(year, month, Number(range[2]))
    const end = isoDate(year, month, Number(range[3]))
    if (start && end && end > start) candidates.push({ index: range.index, date: start, endDate: end })
  }
  const numeric = NUMERIC.exec(head)
  if (numeric) {
    const start = dayFirst(numeric[1]!, numeric[2]!, numeric[3]!)
    const end = numeric[4] ? dayFirst(numeric[4], numeric[5]!, numeric[6]!) : null
    if (start) candidates.push({ index: numeric.index, date: start, endDate: end && end > start ? end : null })
  }

  for (const result of parser.parse(head, reference)) {
    if (!result.start.isCertain('day') || !result.start.isCertain('month')) continue
    // A bare time or a weekday alone is not the activity's date.
    if (/^\s*(?:at\s+)?\d{1,2}[:.]\d{2}/.test(result.text) && !result.start.isCertain('year')) continue
    let start = result.start.date()
    let end = result.end?.date() ?? null
    // "from 30 May to 2 June 2024": the year written once, at the end, holds for both.
    if (end && !result.start.isCertain('year') && result.end?.isCertain('year')) {
      const month = start.getMonth(), day = start.getDate()
      start = new Date(end.getFullYear(), month, day, 12)
      if (start > end) start = new Date(end.getFullYear() - 1, month, day, 12)
    }
    const date = localIso(start)
    const endDate = end ? localIso(end) : null
    candidates.push({ index: result.index, date, endDate: endDate && endDate > date ? endDate : null })
    break
  }
  // ISO dates chrono reads already; this catches them when a time or other text confuses it.
  const iso = ISO_RANGE.exec(head)
  if (iso) {
    const date = isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]))
    if (date) candidates.push({ index: iso.index, date, endDate: null })
  }

  if (!candidates.length) return { date: null, endDate: null }
  // Earliest in the text wins; at the same place the one that knows the range.
  candidates.sort((a, b) => a.index - b.index || Number(!!b.endDate) - Number(!!a.endDate))
  const best = candidates[0]!
  const sameStart = candidates.find((c) => c.endDate && Math.abs(c.index - best.index) < 12 && c.date === best.date)
  return { date: best.date, endDate: best.endDate ?? sameStart?.endDate ?? null }
}

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
