import { z } from 'zod'
import { KINDS, type Kind } from '../lib/vocabulary.ts'
import { yearParam } from '../web/query.ts'

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2024-03-15')
    // Date.parse takes 2024-02-30 for 1 March; only a date that reads back the same is real.
  .refine((v) => !Number.isNaN(Date.parse(v)) && new Date(v).toISOString().slice(0, 10) === v, 'must be a real calendar date')

/**
 * The filters every view of the archive at a glance shares (/insights, the network, /api/v1/insights,
 * the annual report): a year or a date range, a kind and a country, all optional.
 */
export const InsightQuerySchema = z.object({
  year: yearParam.optional(),
  from: isoDate.optional().describe('first day of the period, YYYY-MM-DD'),
  to: isoDate.optional().describe('last day of the period, YYYY-MM-DD'),
  kind: z.enum(KINDS, { message: `kind must be one of ${KINDS.join(', ')}` }).optional(),
  country: z.string().regex(/^[A-Za-z]{2}$/, 'country must be a two-letter code such as KZ')
    .transform((v) => v.toUpperCase()).optional(),
}).superRefine((q, ctx) => {
  if (q.year !== undefined && (q.from || q.to)) ctx.addIssue({ code: 'custom', message: 'give either year or from/to, not both' })
  if (q.from && q.to && q.from > q.to) ctx.addIssue({ code: 'custom', message: 'from must not be after to' })
})
export type InsightQuery = z.infer<typeof InsightQuerySchema>

/** A closed range of ISO dates; either end may be open. */
export interface Period {
  from: string | null
  to: string | null
}

export interface InsightFilters {
  period: Period
  /** The year asked for, when the period is one calendar year (for "change from the previous year"). */
  year: number | null
  kind: Kind | null
  country: string | null
  /** true in the admin and in `--internal` reports: internal activities and participations count too. */
  internal: boolean
}

export function filtersOf(query: InsightQuery, internal = false): InsightFilters {
  const period = query.year !== undefined
    ? { from: `${query.year}-01-01`, to: `${query.year}-12-31` }
    : { from: query.from ?? null, to: query.to ?? null }
  return { period, year: query.year ?? null, kind: query.kind ?? null, country: query.country ?? null, internal }
}

/** The same filters for the year before, or null when the period is not one calendar year. */
export function previousYearOf(filters: InsightFilters): InsightFilters | null {
  if (filters.year === null) return null
  const year = filters.year - 1
  return { ...filters, year, period: { from: `${year}-01-01`, to: `${year}-12-31` } }
}

/**
 * Whether an activity falls in a period. An activity counts in every period it overlaps, so one that runs
 * from 30 December to 2 January counts in both years; an activity without a date counts only when the
 * period is open at both ends. Charts by month place an activity in the month it starts, or in the period's
 * first month when it started before the period.
 */
export function overlaps(period: Period, startsOn: string | null, endsOn: string | null) {
  if (!period.from && !period.to) return true
  if (!startsOn) return false
  const end = endsOn && endsOn > startsOn ? endsOn : startsOn
  return (!period.to || startsOn <= period.to) && (!period.from || end >= period.from)
}
