import type { Db } from '../db/database.ts'
import type { Institute } from './institute.ts'
import { type InsightFilters, previousYearOf } from './insight.filters.ts'
import * as repo from './insight.repository.ts'
import type { Figure, Insights } from './insight.types.ts'

/** How many partner organizations the top list names. */
export const TOP_PARTNERS = 20

async function scopeOf(db: Db, filters: InsightFilters): Promise<repo.ActivityScope> {
  const { period } = filters
  return {
    period, kind: filters.kind, country: filters.country, internal: filters.internal,
    earliestStart: period.from ? await repo.findEarliestOverlappingStart(db, period.from) : null,
  }
}

/** The headline figures of one scope, with the per-country partner rows they are counted from. */
async function headlineOf(db: Db, scope: repo.ActivityScope, instituteId: number | null, now: string) {
  const [activities, posts, people, byCountry, publications] = await Promise.all([
    repo.countActivities(db, scope),
    repo.countPosts(db, scope, now),
    repo.countPeople(db, scope),
    repo.findPartnersByCountry(db, scope, instituteId),
    repo.countPublications(db, scope),
  ])
  return {
    activities, posts, people, publications, byCountry,
    partners: byCountry.reduce((sum, row) => sum + row.organizations, 0),
    countries: byCountry.filter((row) => row.country !== null).length,
  }
}

/**
 * The archive at a glance for the filters: headline figures (with the year before's when a year is asked
 * for), activities by month and kind, the institute's staff by role, partners by country and the busiest
 * partners, publications by commissioner and year. Public views pass filters without `internal`, and
 * internal activities and participations are left out of every figure; unpublished posts never count.
 */
export async function getInsights(db: Db, filters: InsightFilters, institute: Institute | null,
  now: string = new Date().toISOString()): Promise<Insights> {
  const previousFilters = previousYearOf(filters)
  const [scope, previousScope] = await Promise.all([scopeOf(db, filters), previousFilters ? scopeOf(db, previousFilters) : null])
  const instituteId = institute?.id ?? null
  const [current, previous, byMonth, staffRoles, topPartners, publications] = await Promise.all([
    headlineOf(db, scope, instituteId, now),
    previousScope ? headlineOf(db, previousScope, instituteId, now) : null,
    repo.findActivitiesByMonth(db, scope),
    instituteId === null ? [] : repo.findStaffRoles(db, scope, instituteId),
    repo.findTopPartners(db, scope, instituteId, TOP_PARTNERS),
    repo.findPublicationsByCommissioner(db, scope),
  ])
  const figure = (pick: (h: typeof current) => number): Figure => ({ value: pick(current), previous: previous ? pick(previous) : null })
  return {
    filters,
    institute,
    headline: {
      activities: figure((h) => h.activities.activities),
      posts: figure((h) => h.posts),
      people: figure((h) => h.people),
      partners: figure((h) => h.partners),
      countries: figure((h) => h.countries),
      publications: figure((h) => h.publications),
    },
    internalActivities: current.activities.internal,
    undatedActivities: current.activities.undated,
    byMonth,
    staffRoles: staffRoles.map((r) => ({ person: { slug: r.slug, name: r.name }, role: r.role, activities: r.activities })),
    partnersByCountry: current.byCountry
      .filter((row): row is typeof row & { country: string } => row.country !== null)
      .sort((a, b) => b.organizations - a.organizations || b.activities - a.activities || a.country.localeCompare(b.country)),
    topPartners: topPartners.map((r) => ({ organization: { slug: r.slug, name: r.name, country: r.country }, activities: r.activities })),
    publications,
  }
}

export interface FilterOptions {
  /** Years with activities, newest first. */
  years: number[]
  kinds: string[]
  countries: string[]
}

/** What the filter links offer: the years, kinds and countries the (public, or whole) archive has. */
export function getFilterOptions(db: Db, internal: boolean): Promise<FilterOptions> {
  return repo.findFilterOptions(db, internal)
}

/** What the admin's figures count that the public's do not: the internal activities (the first few) and internal participations. */
export async function getInternalRecords(db: Db, filters: InsightFilters, limit = 10) {
  const { activities, internalParticipations } = await repo.findInternalRecords(db, await scopeOf(db, filters), limit)
  return {
    activities: activities.map((a) => ({ ...a, post_id: a.post_id === null ? null : Number(a.post_id) })),
    internalParticipations,
  }
}
