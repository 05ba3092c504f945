import type { Institute } from './institute.ts'
import type { InsightFilters } from './insight.filters.ts'

// What every view of the archive at a glance is made from: /insights, /admin/insights, /api/v1/insights
// and the annual report read one Insights value, so a figure cannot differ between them.

export interface RecordRef {
  slug: string
  name: string
}

/** A headline figure and the same figure for the year before (null when the period is not one year). */
export interface Figure {
  value: number
  previous: number | null
}

export interface Insights {
  filters: InsightFilters
  institute: Institute | null
  headline: {
    /** Activities in the period. */
    activities: Figure
    /** Published posts about those activities. */
    posts: Figure
    /** Distinct people taking part in them. */
    people: Figure
    /**
     * Distinct organizations other than the institute (and its sub-units) taking part: in a role of their own
     * (not merely mentioned), or through a participant who represented them (the participation's affiliation).
     */
    partners: Figure
    /** Distinct countries of those partner organizations. */
    countries: Figure
    /** Publications dated in the period. */
    publications: Figure
  }
  /** How many of the activities are internal (always 0 on public views, where they are left out). */
  internalActivities: number
  /** Activities without a date (they count only when the period is open at both ends); not in byMonth. */
  undatedActivities: number
  /** Activities per month ("2024-03") by kind ("other" for none); a month of none is left out. */
  byMonth: { month: string; kind: string; activities: number }[]
  /** The institute's staff (people affiliated with it) by role: how many activities each took part in so. */
  staffRoles: { person: RecordRef; role: string; activities: number }[]
  /** Partner organizations per country (ISO 3166-1 alpha-2), and their activities. */
  partnersByCountry: { country: string; organizations: number; activities: number }[]
  /** Partner organizations by how many activities they shared, most first (at most 20). */
  topPartners: { organization: RecordRef & { country: string | null }; activities: number }[]
  /** Publications by commissioning organization (null: none named) and year. */
  publications: { commissioner: RecordRef | null; year: string; publications: number }[]
}

/** One chart as every view shows it: an SVG drawn on the server, with the words and numbers behind it. */
export interface Chart {
  id: string
  /** The caption, in the page's language. */
  title: string
  /** One or two sentences saying what the chart shows, for readers who do not see it. */
  summary: string
  svg: string
  width: number
  height: number
  table: { columns: string[]; rows: (string | number)[][] }
}
