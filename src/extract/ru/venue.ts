// Where a Russian or Kazakh item's activity took place: a dateline ("Москва. 1 февраля",
// "(Тбилиси, 8 июня, Civil.ge)"), a city after "в" ("в Новосибирске"), or a country after "в" next
// to the verb of the event ("прошел в Казахстане"). Places in brackets after a name ("(Россия,
// Москва)") and inside organization names are not the venue.
import { MONTH_WORD } from './lexicon.ts'
import { lookupCyrillicPlace } from './places.ts'
import type { Span } from './text.ts'

export interface RuVenue { city: string | null; country: string | null; /** Found only in a dateline, which does not place the activity in person. */ dateline?: boolean }

const CAP = '[А-ЯЁӘҒҚҢӨҰҮҺІ][\\p{L}-]+'
const DATELINE = new RegExp(`^\\s*\\(?\\s*(${CAP}(?:\\s${CAP})?)\\s*[.,]\\s*(?:\\d{1,2}\\s+${MONTH_WORD}|\\d{1,2}\\.\\d{1,2}|—|–|-)`, 'iu')
const CAPS_DATELINE = /^\s*([А-ЯЁ]{3,}(?:-[А-ЯЁ]+)?)\s*[.,—–-]\s/u
const IN_PLACE = new RegExp(`(?<![\\p{L}])(?:[вВ]|[вВ]о|г\\.|[гГ]ород[ае]?)\\s+(${CAP}(?:[\\s-]${CAP})?)`, 'gu')
// A visit names its city in the accusative: "делегация посетила Анкару".
const VISITED = new RegExp(`(?<![\\p{L}])посетил[аи]?\\s+(${CAP})`, 'gu')
const KAZAKH_LOCATIVE = /(?<![\p{L}])[А-ЯЁӘҒҚҢӨҰҮҺІ][\p{L}-]+(?:да|де|та|те|нда|нде)(?![\p{L}])/gu
const EVENT_VERB = /(?:прош(?:ел|ёл|ла|ло|ли)|пройд[её]т|состоял(?:ся|ась|ось|ись)|состоится|состоятся|проход(?:ит|ят|ил[аио]?)|провел[аи]?|провед[её]т|организовал[аи]?|открыл(?:ся|ась|ось)|стартовал[аи]?|өтті|өтеді|өткізілді)/iu

export function findRuVenue(text: string, excluded: readonly Span[]): RuVenue {
  const inside = (s: number, e: number) => excluded.some((x) => x.start <= s && e <= x.end)
  const lines = text.split('\n').slice(0, 3)
  for (const line of lines) {
    const m = DATELINE.exec(line) ?? CAPS_DATELINE.exec(line)
    if (!m) continue
    const place = lookupCyrillicPlace(m[1]!)
    if (place?.city) return { ...place, dateline: true }
  }
  let country: RuVenue | null = null
  for (const m of text.matchAll(IN_PLACE)) {
    const start = m.index + m[0].length - m[1]!.length
    if (inside(start, start + m[1]!.length) || inBrackets(text, m.index)) continue
    const place = lookupCyrillicPlace(m[1]!) ?? (m[1]!.includes(' ') ? lookupCyrillicPlace(m[1]!.split(' ')[0]!) : null)
    if (!place) continue
    if (place.city) return place
    if (!country && place.country && EVENT_VERB.test(clauseAround(text, m.index))) country = place
  }
  for (const m of text.matchAll(VISITED)) {
    const place = lookupCyrillicPlace(m[1]!)
    if (place?.city) return place
  }
  // Kazakh: a city in the locative ("Астанада", "Шымкентте") next to the verb of the event.
  if (/[әғқңөұүһі]/iu.test(text)) for (const m of text.matchAll(KAZAKH_LOCATIVE)) {
    if (inside(m.index, m.index + m[0].length) || inBrackets(text, m.index)) continue
    const place = lookupCyrillicPlace(m[0])
    if (place?.city) return place
  }
  return country ?? { city: null, country: null }
}

function inBrackets(text: string, at: number): boolean {
  const open = text.lastIndexOf('(', at), close = text.lastIndexOf(')', at)
  return open > close && at - open < 60
}

function clauseAround(text: string, at: number): string {
  const before = text.slice(Math.max(0, at - 60), at)
  const after = text.slice(at, at + 60)
  const s = Math.max(before.lastIndexOf(','), before.lastIndexOf('.'), before.lastIndexOf(';'))
  const e = after.search(/[,.;]/u)
  return before.slice(s + 1) + (e < 0 ? after : after.slice(0, e))
}
