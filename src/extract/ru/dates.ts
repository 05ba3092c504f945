// Dates of a Russian or Kazakh item: "25 января 2023 года", "25.01.2023", "4–5 мая 2018 г.",
// "с 4 по 5 мая", "21 октября т.г.", "2024 жылғы 20 қыркүйекте", and the date line that opens a post
// ("23 Мар 2023, 11:38", "13:15 - 01 / 11 / 2008", "вт, 11/10/2011 - 14:22"). Slash dates are DD/MM.
// The year comes from the item itself: the date, the date line, or another full date; else null.
import { MONTH_WORD, monthNumber } from './lexicon.ts'

export interface RuDates { date: string | null; endDate: string | null }

interface Found { start: number; end: number; day: number; month: number; year: number | null; endDay: number | null; endMonth: number | null; thisYear: boolean }

const YEAR_TAIL = String.raw`(?:\s*(?:г\.|гг\.|года|год|г(?=[\s,.;)]|$)))?`
const YEAR = String.raw`(?:\s*,?\s*(\d{4})${YEAR_TAIL}|\s+(т\.\s?г\.|текущего\s+года|этого\s+года|с\.\s?г\.))?`
const D = String.raw`(\d{1,2})`
const DASH = String.raw`\s*[-–—]\s*`
// "с 4 мая по 5 июня 2018", "с 4 по 5 мая", "4 мая – 5 июня 2018", "4–5 мая 2018 г.", "5 мая 2018 года".
const SPOKEN = new RegExp(String.raw`(?<![\p{L}\d])(?:с\s+)?${D}(?:\s+(${MONTH_WORD}))?(?:(?:${DASH}|\s+по\s+|\s+и\s+)${D})?\s+(${MONTH_WORD})${YEAR}(?![\p{L}])`, 'giu')
const NUMERIC = /(?<![\d./])(\d{1,2})\s?([./])\s?(\d{1,2})\s?\2\s?(\d{4})(?![\d])(?:\s*[-–—]\s*(\d{1,2})\s?\2\s?(\d{1,2})\s?\2\s?(\d{4}))?/g
const SPACED_SLASH = /(?<![\d])(\d{1,2})\s+\/\s+(\d{1,2})\s+\/\s+(\d{4})(?!\d)/g
const ISO = /(?<![\d])(\d{4})-(\d{2})-(\d{2})(?!\d)/g
// Kazakh: "2024 жылғы 20 қыркүйекте", "2024 жылы 20-21 қазанда".
const KAZAKH = new RegExp(String.raw`(\d{4})\s+ж(?:ылғы|ылы|\.)\s+${D}(?:${DASH}${D})?\s*(${MONTH_WORD})`, 'giu')
// A date of a document or a past event, not of the activity: "указ от 5 мая 2020 г.", "с 2018 года".
const NOT_ACTIVITY_BEFORE = /(?<![\p{L}])(?:от|до|после|с\s+момента)\s*$/iu
const WEEKDAY = /^(?:пн|вт|ср|чт|пт|сб|вс|понедельник|вторник|среда|четверг|пятница|суббота|воскресенье)$/iu
const EVENT_VERB = /(?:прош(?:ел|ёл|ла|ло|ли)|пройд[её]т|состоял(?:ся|ась|ось|ись)|состоится|состоятся|провел[аи]?|провед[её]т|организовал|открыл(?:ся|ась|ось)?|проход(?:ит|или|ил)|стартовал|обсудил|собрал|посетил|принял[аи]?\s+участие|өтті|өтеді|ұйымдастырды)/iu

function iso(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null
  const d = new Date(Date.UTC(year, month - 1, day))
  if (d.getUTCMonth() !== month - 1 || year < 1900 || year > 2100) return null
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

function allDates(text: string): Found[] {
  const found: Found[] = []
  for (const m of text.matchAll(SPOKEN)) {
    const month = monthNumber(m[4]!)
    if (!month) continue
    const firstMonth = m[2] ? monthNumber(m[2]) : null
    const range = m[3] !== undefined
    const start = m.index + (m[0].length - m[0].trimStart().length)
    found.push({
      start, end: m.index + m[0].length,
      day: Number(m[1]), month: range ? (firstMonth ?? month) : month, year: m[5] ? Number(m[5]) : null,
      endDay: range ? Number(m[3]) : null, endMonth: range ? month : null, thisYear: !!m[6],
    })
  }
  for (const m of text.matchAll(NUMERIC)) {
    found.push({ start: m.index, end: m.index + m[0].length, day: Number(m[1]), month: Number(m[3]), year: Number(m[4]),
      endDay: m[5] ? Number(m[5]) : null, endMonth: m[6] ? Number(m[6]) : null, thisYear: false })
  }
  for (const m of text.matchAll(SPACED_SLASH)) {
    found.push({ start: m.index, end: m.index + m[0].length, day: Number(m[1]), month: Number(m[2]), year: Number(m[3]), endDay: null, endMonth: null, thisYear: false })
  }
  for (const m of text.matchAll(ISO)) {
    found.push({ start: m.index, end: m.index + m[0].length, day: Number(m[3]), month: Number(m[2]), year: Number(m[1]), endDay: null, endMonth: null, thisYear: false })
  }
  for (const m of text.matchAll(KAZAKH)) {
    const month = monthNumber(m[4]!)
    if (!month) continue
    found.push({ start: m.index, end: m.index + m[0].length, day: Number(m[2]), month, year: Number(m[1]),
      endDay: m[3] ? Number(m[3]) : null, endMonth: m[3] ? month : null, thisYear: false })
  }
  // Overlapping matches (a Kazakh date also read as a spoken one): the longer wins.
  found.sort((a, b) => a.start - b.start || b.end - a.end)
  return found.filter((f, i) => !found.some((g, j) => j !== i && g.start <= f.start && g.end >= f.end && (g.end - g.start > f.end - f.start || j < i)))
}

/** The opening line that is only a date (and a time, a weekday, a label): the post's date. */
function dateLine(text: string, dates: Found[]): Found | null {
  let offset = 0
  const lines = text.split('\n')
  for (let i = 0; i < Math.min(3, lines.length); i++) {
    const line = lines[i]!
    if (line.length <= 60) {
      const inLine = dates.filter((d) => d.start >= offset && d.end <= offset + line.length && d.year !== null)
      if (inLine.length === 1) {
        const d = inLine[0]!
        const rest = (line.slice(0, d.start - offset) + ' ' + line.slice(d.end - offset))
          .replace(/\d{1,2}:\d{2}/g, ' ').split(/[^\p{L}]+/u).filter((w) => w && !WEEKDAY.test(w))
        if (rest.length <= 2) return d
      }
    }
    offset += line.length + 1
  }
  return null
}

/** Where the text writes a date, for highlighting it: every date the reader would see as one. */
export function findRuDateSpans(text: string): Array<{ start: number; end: number }> {
  return allDates(text).map(({ start, end }) => ({ start, end }))
}

/** The activity's first and last day. */
export function findRuDates(text: string): RuDates {
  const dates = allDates(text)
  const line = dateLine(text, dates)
  const quotes = [...text.matchAll(/«[^«»\n]*»|"[^"\n]*"|“[^“”\n]*”/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }))
  const fallbackYear = line?.year ?? dates.find((d) => d.year !== null && d !== line)?.year ?? null

  const candidates = dates.filter((d) => d !== line && !quotes.some((q) => q.start <= d.start && d.end <= q.end) &&
    !NOT_ACTIVITY_BEFORE.test(text.slice(Math.max(0, d.start - 12), d.start)) && !umbrella(text, d))
  const resolved = candidates.map((d) => {
    let year = d.year
    if (year === null && (d.thisYear || line)) {
      year = line?.year ?? null
      // "Вчера, 31 декабря" under a date line of 1 January: the year before.
      if (year !== null && line && !d.thisYear && d.month - line.month > 6) year -= 1
    }
    year ??= fallbackYear
    return { d, year, cue: EVENT_VERB.test(sentenceAround(text, d)) }
  }).filter((r) => r.year !== null && iso(r.year, r.d.month, r.d.day))
  const best = resolved.find((r) => r.cue) ?? resolved[0] ?? (line ? { d: line, year: line.year } : null)
  if (best) {
    const d = best.d, year = best.year!
    const date = iso(year, d.month, d.day)
    let endDate: string | null = null
    if (d.endDay !== null && d.endMonth !== null) {
      const endYear = d.endMonth < d.month ? year + 1 : year
      const end = iso(endYear, d.endMonth, d.endDay)
      if (end && date && end > date) endDate = end
    }
    return { date, endDate }
  }
  return { date: null, endDate: null }
}

function sentenceAround(text: string, d: Found): string {
  const before = text.slice(Math.max(0, d.start - 200), d.start)
  const after = text.slice(d.end, d.end + 200)
  const s = Math.max(before.lastIndexOf('. '), before.lastIndexOf('\n'))
  const e = after.search(/\.\s|\n|$/)
  return before.slice(s + 1) + after.slice(0, e)
}

/** "в рамках форума (1-3 октября 2019 г.)": the date of the umbrella event. */
function umbrella(text: string, d: Found): boolean {
  const before = text.slice(Math.max(0, d.start - 80), d.start)
  return /в\s+рамках\s+[^.()]{0,60}\(\s*$/iu.test(before)
}
