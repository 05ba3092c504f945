import { Hono } from 'hono'
import { z } from 'zod'
import { KINDS } from '../lib/vocabulary.ts'
import { documentPaths } from '../openapi/openapi.document.ts'
import { absolute } from '../web/api-helpers.ts'
import type { AppEnv } from '../web/env.ts'
import { parseQuery } from '../web/query.ts'
import { filtersOf, InsightQuerySchema } from './insight.filters.ts'
import { getFilterOptions, getInsights } from './insight.service.ts'
import type { Insights } from './insight.types.ts'
import { findInstitute } from './institute.ts'

/** /api/v1/insights: the figures behind every chart of /insights, with the same filters and the same public scope. */
export const insightApi = new Hono<AppEnv>()

const figure = z.object({
  value: z.number().int(),
  previous: z.number().int().nullable().describe('The same figure for the year before; null unless a year is asked for'),
})
const record = z.object({ slug: z.string(), name: z.string(), url: z.string() })

export const InsightsSchema = z.object({
  filters: z.object({
    year: z.number().int().nullable(), from: z.string().nullable(), to: z.string().nullable(),
    kind: z.enum(KINDS).nullable(), country: z.string().nullable(),
  }),
  institute: record.nullable().describe('The organization whose staff the figures are about (the INSTITUTE setting)'),
  headline: z.object({
    activities: figure, posts: figure, people: figure, partners: figure, countries: figure, publications: figure,
  }),
  undatedActivities: z.number().int().describe('Activities without a date, counted only when no period is given; not in byMonth'),
  byMonth: z.array(z.object({ month: z.string().describe('YYYY-MM'), kind: z.string(), activities: z.number().int() })),
  staffRoles: z.array(z.object({ person: record, role: z.string(), activities: z.number().int() })),
  partnersByCountry: z.array(z.object({ country: z.string().describe('ISO 3166-1 alpha-2'), organizations: z.number().int(), activities: z.number().int() })),
  topPartners: z.array(z.object({ organization: record.extend({ country: z.string().nullable() }), activities: z.number().int() })),
  publications: z.array(z.object({ commissioner: record.nullable(), year: z.string().describe('YYYY, or empty when undated'), publications: z.number().int() })),
  options: z.object({ years: z.array(z.number().int()), kinds: z.array(z.string()), countries: z.array(z.string()) })
    .describe('Values the filters can take: years with activities, kinds and countries present'),
})

export function presentInsights(insights: Insights, url: (path: string) => string) {
  const { filters } = insights
  const person = (r: { slug: string; name: string }) => ({ slug: r.slug, name: r.name, url: url(`/people/${r.slug}`) })
  const organization = (r: { slug: string; name: string }) => ({ slug: r.slug, name: r.name, url: url(`/organizations/${r.slug}`) })
  return {
    filters: {
      year: filters.year,
      from: filters.year === null ? filters.period.from : null,
      to: filters.year === null ? filters.period.to : null,
      kind: filters.kind, country: filters.country,
    },
    institute: insights.institute ? organization(insights.institute) : null,
    headline: insights.headline,
    undatedActivities: insights.undatedActivities,
    byMonth: insights.byMonth,
    staffRoles: insights.staffRoles.map((r) => ({ person: person(r.person), role: r.role, activities: r.activities })),
    partnersByCountry: insights.partnersByCountry,
    topPartners: insights.topPartners.map((r) => ({ organization: { ...organization(r.organization), country: r.organization.country }, activities: r.activities })),
    publications: insights.publications.map((r) => ({ commissioner: r.commissioner ? organization(r.commissioner) : null, year: r.year, publications: r.publications })),
  }
}

insightApi.get('/insights', async (c) => {
  const query = parseQuery(c, InsightQuerySchema)
  const institute = await findInstitute(c.var.db, c.var.institute)
  const [insights, options] = await Promise.all([getInsights(c.var.db, filtersOf(query), institute), getFilterOptions(c.var.db, false)])
  return c.json({ ...presentInsights(insights, (path) => absolute(c, path)), options })
})

const parameter = (name: string, description: string, schema: object) => ({ name, in: 'query', required: false, description, schema })

documentPaths({
  '/api/v1/insights': {
    get: {
      tags: ['Read'],
      summary: 'The archive at a glance: headline figures (with the year before), activities by month and kind, the institute’s staff by role, partners by country, top partners, publications by commissioner and year',
      parameters: [
        parameter('year', 'One calendar year; an activity counts in every year it overlaps', { type: 'integer', minimum: 1900, maximum: 2100 }),
        parameter('from', 'First day of a period (instead of year)', { type: 'string', format: 'date' }),
        parameter('to', 'Last day of a period (instead of year)', { type: 'string', format: 'date' }),
        parameter('kind', 'Only activities of this kind (none counts as other)', { type: 'string', enum: [...KINDS] }),
        parameter('country', 'Only activities held in this country (ISO 3166-1 alpha-2)', { type: 'string', pattern: '^[A-Za-z]{2}$' }),
      ],
      responses: {
        200: { description: 'OK', content: { 'application/json': { schema: { $ref: '#/components/schemas/Insights' } } } },
        400: { description: 'A filter is invalid; `errors` lists each.', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
      },
    },
  },
}, { Insights: InsightsSchema })
