import countries from 'i18n-iso-countries'
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' }
import kk from 'i18n-iso-countries/langs/kk.json' with { type: 'json' }
import ru from 'i18n-iso-countries/langs/ru.json' with { type: 'json' }
import type { Lang } from '../i18n/languages.ts'
import { currentLang, localeTag, t } from '../i18n/locale.ts'
import type { MessageKey } from '../i18n/messages/index.ts'
import { FORMATS, KINDS } from '../lib/vocabulary.ts'

for (const locale of [en, ru, kk]) countries.registerLocale(locale)

// Formatters are costly to build and the same for every request of a language.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>()
function formatter<T extends Intl.DateTimeFormat | Intl.NumberFormat>(name: string, make: (tag: string) => T): T {
  const lang = currentLang()
  const key = `${lang}:${name}`
  let f = formatters.get(key)
  if (!f) formatters.set(key, f = make(localeTag(lang)))
  return f as T
}
const longDate = () => formatter('long', (tag) => new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }))
const dayMonth = () => formatter('dayMonth', (tag) => new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'long', timeZone: 'UTC' }))

const asDate = (iso: string) => new Date(`${iso.slice(0, 10)}T00:00:00Z`)

// A list page formats forty dates, and Intl takes microseconds for each; the days an archive has are few.
const MAX_FORMATTED_DATES = 20_000
const formattedDates = new Map<string, string>()
function remembered(key: string, format: () => string) {
  let text = formattedDates.get(key)
  if (text === undefined) {
    if (formattedDates.size >= MAX_FORMATTED_DATES) formattedDates.clear()
    formattedDates.set(key, text = format())
  }
  return text
}

/** "20 September 2024"; "21–22 May 2024" and "30 May – 2 June 2024" for ranges; in Russian and Kazakh as those write them. */
export function formatDateRange(start: string | null, end?: string | null): string {
  if (!start) return t('date.none')
  const lang = currentLang()
  if (!end || end === start) return remembered(`${lang} ${start.slice(0, 10)}`, () => longDate().format(asDate(start)))
  return remembered(`${lang} ${start.slice(0, 10)} ${end.slice(0, 10)}`, () => formatRange(start, end))
}

function formatRange(start: string, end: string) {
  const [s, e] = [asDate(start), asDate(end)]
  if (currentLang() !== 'en') return longDate().formatRange(s, e)
  if (s.getUTCFullYear() !== e.getUTCFullYear()) return `${longDate().format(s)} – ${longDate().format(e)}`
  if (s.getUTCMonth() === e.getUTCMonth()) return `${s.getUTCDate()}–${longDate().format(e)}`
  return `${dayMonth().format(s)} – ${longDate().format(e)}`
}

export const formatDate = (iso: string | null) => (iso ? remembered(`${currentLang()} ${iso.slice(0, 10)}`, () => longDate().format(asDate(iso))) : '')

/** "September 2024", "сентябрь 2024 г." */
export const formatMonth = (month: string) =>
  formatter('month', (tag) => new Intl.DateTimeFormat(tag, { month: 'long', year: 'numeric', timeZone: 'UTC' })).format(asDate(`${month}-01`))

/** Short weekday names, Monday first. */
export function weekdayNames() {
  const f = formatter('weekday', (tag) => new Intl.DateTimeFormat(tag, { weekday: 'short', timeZone: 'UTC' }))
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, i) => f.format(new Date(Date.UTC(2024, 0, 1 + i))))
}

export const countryName = (code: string | null) => (code ? countries.getName(code, currentLang()) ?? countries.getName(code, 'en') ?? code : null)

export function formatPlace(city: string | null, country: string | null) {
  return [city, countryName(country)].filter(Boolean).join(', ') || null
}

/** A label from the vocabulary, or null for a value outside it. */
function vocabulary(prefix: string, values: readonly string[], value: string | null) {
  return value && values.includes(value) ? t(`${prefix}.${value}` as MessageKey) : null
}

export const kindLabel = (kind: string | null) => vocabulary('kind', KINDS, kind)
export const formatLabel = (format: string | null) => vocabulary('format', FORMATS, format)
export const formatNumber = (n: number) => formatter('number', (tag) => new Intl.NumberFormat(tag)).format(n)
export const languageName = (lang: Lang) => new Intl.DisplayNames([localeTag()], { type: 'language' }).of(lang) ?? lang

/** "2.3 MB", "2,3 МБ": a file's size in the reader's language. */
export function formatBytes(bytes: number) {
  const [unit, value] = bytes < 1024 ? ['byte', bytes] as const
    : bytes < 1024 * 1024 ? ['kilobyte', bytes / 1024] as const : ['megabyte', bytes / (1024 * 1024)] as const
  // Bytes are spelled out ("587 bytes"); the short form would say "587 byte".
  return formatter(`bytes-${unit}-${value < 10 ? 1 : 0}`, (tag) => new Intl.NumberFormat(tag, {
    style: 'unit', unit, unitDisplay: unit === 'byte' ? 'long' : 'short', maximumFractionDigits: value < 10 ? 1 : 0,
  })).format(value)
}
