import countries from 'i18n-iso-countries'
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' }
import { FORMAT_LABELS, type Format, KIND_LABELS, type Kind } from '../lib/vocabulary.ts'

countries.registerLocale(en)

const longDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
const dayMonth = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' })

const asDate = (iso: string) => new Date(`${iso.slice(0, 10)}T00:00:00Z`)

/** "20 September 2024"; "21–22 May 2024" and "30 May – 2 June 2024" for ranges. */
export function formatDateRange(start: string | null, end?: string | null): string {
  if (!start) return 'Date not given'
  if (!end || end === start) return longDate.format(asDate(start))
  const [s, e] = [asDate(start), asDate(end)]
  if (s.getUTCFullYear() !== e.getUTCFullYear()) return `${longDate.format(s)} – ${longDate.format(e)}`
  if (s.getUTCMonth() === e.getUTCMonth()) return `${s.getUTCDate()}–${longDate.format(e)}`
  return `${dayMonth.format(s)} – ${longDate.format(e)}`
}

export const formatDate = (iso: string | null) => (iso ? longDate.format(asDate(iso)) : '')

export const countryName = (code: string | null) => (code ? countries.getName(code, 'en') ?? code : null)

export function formatPlace(city: string | null, country: string | null) {
  return [city, countryName(country)].filter(Boolean).join(', ') || null
}

export const kindLabel = (kind: string | null) => (kind && kind in KIND_LABELS ? KIND_LABELS[kind as Kind] : null)
export const formatLabel = (format: string | null) =>
  (format && format in FORMAT_LABELS ? FORMAT_LABELS[format as Format] : null)
export const formatNumber = (n: number) => new Intl.NumberFormat('en-GB').format(n)
