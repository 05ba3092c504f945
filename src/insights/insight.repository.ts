import { type Expression, type RawBuilder, sql, type SqlBool } from 'kysely'
import type { Db } from '../db/database.ts'
import type { Period } from './insight.filters.ts'

// All SQL of the archive at a glance. Every figure is an aggregate the database computes (GROUP BY,
// COUNT DISTINCT), so a page costs the same few queries at ten activities or at a hundred thousand.

/** Which activities count: the period they overlap, their kind and country, and whether internal ones do. */
export interface ActivityScope {
  period: Period
  kind: string | null
  country: string | null
  internal: boolean
  /**
   * No activity overlapping the period starts before this day (findEarliestOverlappingStart): a bound the start
   * index can seek to, where "starts before the end and ends after the beginning" alone would read every
   * activity before the period. Null without a period start.
   */
  earliestStart?: string | null
}

/**
 * The earliest start of an activity that began before `from` and ends on or after it, or `from` itself when
 * none did: every activity overlapping a period from `from` starts on or after this day. One scan of the
 * activities, once per view, instead of one per query.
 */
export async function findEarliestOverlappingStart(db: Db, from: string) {
  const row = await db.selectFrom('activity as x')
    .select((eb) => eb.fn.min('x.starts_on').as('earliest'))
    .where('x.starts_on', '<', from).where('x.ends_on', '>=', from).where(sql<SqlBool>`x.ends_on > x.starts_on`)
    .executeTakeFirst()
  const earliest = row?.earliest
  return earliest && earliest < from ? earliest : from
}

const TRUE = sql<SqlBool>`1 = 1`
const and = (parts: RawBuilder<unknown>[]) => (parts.length ? sql<SqlBool>`(${sql.join(parts, sql` and `)})` : TRUE)

/**
 * The activities of a scope, on `activity as a`. The overlap rule of insight.filters.ts in SQL: an activity
 * overlaps when it starts by the period's end and ends (or, without an end, starts) from its beginning; an
 * undated one only when the period is open at both ends. Without a kind an activity counts as "other".
 */
export function activityCondition(scope: ActivityScope): Expression<SqlBool> {
  const parts: RawBuilder<unknown>[] = []
  if (!scope.internal) parts.push(sql`a.is_internal = 0`)
  const { from, to } = scope.period
  if (from || to) parts.push(sql`a.starts_on is not null`)
  if (to) parts.push(sql`a.starts_on <= ${to}`)
  if (from) {
    // An end before the start is a slip of the pen: the start stands for both, and a later end widens it.
    parts.push(sql`(a.starts_on >= ${from} or a.ends_on >= ${from})`)
    // The same rows, said so that the start index can seek to them.
    if (scope.earliestStart) parts.push(sql`a.starts_on >= ${scope.earliestStart}`)
  }
  if (scope.kind === 'other') parts.push(sql`(a.kind = 'other' or a.kind is null)`)
  else if (scope.kind) parts.push(sql`a.kind = ${scope.kind}`)
  if (scope.country) parts.push(sql`a.country = ${scope.country}`)
  return and(parts)
}

const isOpen = (scope: ActivityScope) => !scope.period.from && !scope.period.to && !scope.kind && !scope.country

/**
 * The participations of a scope's activities that the view may see, on `participation as pa`, without a join:
 * with no filter, the public flag src/listings keeps on each participation (neither it nor its activity
 * internal) answers from the participation indexes alone; with filters, the activities are found first by
 * their own indexes (a year is a few thousand of a hundred thousand) and their participations by activity.
 */
function participationCondition(scope: ActivityScope): Expression<SqlBool> {
  if (isOpen(scope)) return scope.internal ? TRUE : sql<SqlBool>`pa.is_public = 1`
  return and([
    ...(scope.internal ? [] : [sql`pa.is_internal = 0`]),
    sql`pa.activity_id in (select a.id from activity a where ${activityCondition(scope)})`,
  ])
}

/** Taking part means a role: an organization or person merely mentioned in the news did not. */
const takingPart = sql<SqlBool>`pa.role <> 'mentioned'`

/** Not the institute nor one of its units, on `organization as o`. */
function notInstitute(instituteId: number | null) {
  return instituteId === null ? TRUE : sql<SqlBool>`(o.id <> ${instituteId} and (o.parent_id is null or o.parent_id <> ${instituteId}))`
}

export async function countActivities(db: Db, scope: ActivityScope) {
  const row = await db.selectFrom('activity as a')
    .select([
      (eb) => eb.fn.countAll<number>().as('activities'),
      sql<number>`coalesce(sum(a.is_internal), 0)`.as('internal'),
      sql<number>`coalesce(sum(case when a.starts_on is null then 1 else 0 end), 0)`.as('undated'),
    ])
    .where(activityCondition(scope))
    .executeTakeFirstOrThrow()
  return { activities: Number(row.activities), internal: Number(row.internal), undated: Number(row.undated) }
}

/** Published posts (a scheduled one once its time has come) about the scope's activities. */
export async function countPosts(db: Db, scope: ActivityScope, now: string) {
  const row = await db.selectFrom('post as p')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('p.status', 'in', ['published', 'scheduled'])
    .where('p.published_at', '<=', now)
    .where(sql<SqlBool>`p.activity_id in (select a.id from activity a where ${activityCondition(scope)})`)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Distinct people taking part in the scope's activities. */
export async function countPeople(db: Db, scope: ActivityScope) {
  const row = await db.selectFrom('participation as pa')
    .select(sql<number>`count(distinct pa.person_id)`.as('n'))
    .where('pa.person_id', 'is not', null)
    .where(takingPart).where(participationCondition(scope))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/**
 * (organization, activity) for every organization taking part in a scope's activity: in a role of its own,
 * or through a participant who represented it (the affiliation the news gave, participation.affiliation_id).
 */
function partnerPairs(db: Db, scope: ActivityScope) {
  // One pass over the participations: an organization's own participation names it, a person's the
  // organization they represented (a participation is one or the other).
  return db.selectFrom('participation as pa')
    .select([sql<number>`coalesce(pa.organization_id, pa.affiliation_id)`.as('organization_id'), 'pa.activity_id'])
    .where(sql<SqlBool>`coalesce(pa.organization_id, pa.affiliation_id) is not null`)
    .where(takingPart).where(participationCondition(scope))
}

/**
 * Partner organizations and the activities they took part in, per country (null: organizations without
 * one). Each organization has one country, so the rows' organizations add up to the distinct partners.
 */
export async function findPartnersByCountry(db: Db, scope: ActivityScope, instituteId: number | null) {
  const rows = await db.selectFrom(partnerPairs(db, scope).as('pp'))
    .innerJoin('organization as o', 'o.id', 'pp.organization_id')
    .select([
      'o.country',
      sql<number>`count(distinct pp.organization_id)`.as('organizations'),
      sql<number>`count(distinct pp.activity_id)`.as('activities'),
    ])
    .where(notInstitute(instituteId))
    .groupBy('o.country')
    .execute()
  return rows.map((r) => ({ country: r.country, organizations: Number(r.organizations), activities: Number(r.activities) }))
}

/** The partner organizations that took part in most of the scope's activities. */
export async function findTopPartners(db: Db, scope: ActivityScope, instituteId: number | null, limit: number) {
  // Counted per organization id first, so only the few thousand partners are looked up, not every pair.
  const counted = db.selectFrom(partnerPairs(db, scope).as('pp'))
    .select(['pp.organization_id', sql<number>`count(distinct pp.activity_id)`.as('activities')])
    .groupBy('pp.organization_id')
  const rows = await db.selectFrom(counted.as('t'))
    .innerJoin('organization as o', 'o.id', 't.organization_id')
    .select(['o.slug', 'o.name', 'o.country', 't.activities'])
    .where(notInstitute(instituteId))
    .orderBy('t.activities', 'desc').orderBy('o.name').orderBy('o.id')
    .limit(limit)
    .execute()
  return rows.map((r) => ({ slug: r.slug, name: r.name, country: r.country, activities: Number(r.activities) }))
}

/** The institute's staff (people affiliated with it or one of its units), with how many activities each took part in per role. */
export async function findStaffRoles(db: Db, scope: ActivityScope, instituteId: number) {
  const staff = db.selectFrom('affiliation as af')
    .innerJoin('organization as so', 'so.id', 'af.organization_id')
    .select('af.person_id')
    .where((eb) => eb.or([eb('so.id', '=', instituteId), eb('so.parent_id', '=', instituteId)]))
  const rows = await db.selectFrom('participation as pa')
    .innerJoin('person as pe', 'pe.id', 'pa.person_id')
    .select(['pe.slug', 'pe.name', 'pa.role', sql<number>`count(distinct pa.activity_id)`.as('activities')])
    .where('pa.person_id', 'in', staff)
    .where(takingPart).where(participationCondition(scope))
    .groupBy(['pe.id', 'pe.slug', 'pe.name', 'pa.role'])
    .orderBy('pe.name').orderBy('pe.id').orderBy('pa.role')
    .execute()
  return rows.map((r) => ({ slug: r.slug, name: r.name, role: r.role, activities: Number(r.activities) }))
}

// Which month a dated activity is charted in: the month it starts, or the period's first when it started before.
const chartMonth = (from: string | null) => (from
  ? sql<string>`case when a.starts_on < ${from} then ${from.slice(0, 7)} else substr(a.starts_on, 1, 7) end`
  : sql<string>`substr(a.starts_on, 1, 7)`)

/** Dated activities per chart month and kind ("other" for none). */
export async function findActivitiesByMonth(db: Db, scope: ActivityScope) {
  // Grouped over a derived table: PostgreSQL would not match a GROUP BY expression carrying its own parameters.
  const months = db.selectFrom('activity as a')
    .select([chartMonth(scope.period.from).as('month'), sql<string>`coalesce(a.kind, 'other')`.as('kind')])
    .where('a.starts_on', 'is not', null)
    .where(activityCondition(scope))
  const rows = await db.selectFrom(months.as('m'))
    .select(['m.month', 'm.kind', (eb) => eb.fn.countAll<number>().as('activities')])
    .groupBy(['m.month', 'm.kind'])
    .orderBy('m.month').orderBy('m.kind')
    .execute()
  return rows.map((r) => ({ month: r.month, kind: r.kind, activities: Number(r.activities) }))
}

/**
 * Publications of a scope, on `publication as pu`: dated in the period (an undated one only when the period
 * is open); with a kind or a country, only those presented at an activity of that kind or country.
 */
function publicationCondition(scope: ActivityScope): Expression<SqlBool> {
  const parts: RawBuilder<unknown>[] = []
  const { from, to } = scope.period
  if (from || to) parts.push(sql`pu.published_on is not null`)
  if (from) parts.push(sql`pu.published_on >= ${from}`)
  // Dates may carry a time; the whole last day counts.
  if (to) parts.push(sql`substr(pu.published_on, 1, 10) <= ${to}`)
  if (scope.kind || scope.country) {
    const activityScope = { ...scope, period: { from: null, to: null } }
    parts.push(sql`pu.activity_id in (select a.id from activity a where ${activityCondition(activityScope)})`)
  }
  return and(parts)
}

export async function countPublications(db: Db, scope: ActivityScope) {
  const row = await db.selectFrom('publication as pu')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(publicationCondition(scope))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Publications per commissioning organization (none: null) and year ('' when undated). */
export async function findPublicationsByCommissioner(db: Db, scope: ActivityScope) {
  const credited = db.selectFrom('publication as pu')
    .leftJoin('publication_contributor as pc', (join) => join.onRef('pc.publication_id', '=', 'pu.id')
      .on('pc.role', '=', 'commissioner').on('pc.organization_id', 'is not', null))
    .leftJoin('organization as o', 'o.id', 'pc.organization_id')
    .select(['pu.id as publication_id', 'o.id as organization_id', 'o.slug', 'o.name',
      sql<string>`coalesce(substr(pu.published_on, 1, 4), '')`.as('year')])
    .where(publicationCondition(scope))
  const rows = await db.selectFrom(credited.as('c'))
    .select(['c.slug', 'c.name', 'c.year', sql<number>`count(distinct c.publication_id)`.as('publications')])
    .groupBy(['c.organization_id', 'c.slug', 'c.name', 'c.year'])
    .orderBy('c.name').orderBy('c.year')
    .execute()
  return rows.map((r) => ({
    commissioner: r.slug !== null && r.name !== null ? { slug: r.slug, name: r.name } : null,
    year: r.year, publications: Number(r.publications),
  }))
}

/** What the filters can be set to: years with activities (a span across New Year gives both), kinds and countries present. */
export async function findFilterOptions(db: Db, internal: boolean) {
  const visible = internal ? TRUE : sql<SqlBool>`a.is_internal = 0`
  const [starts, ends, kinds, countries] = await Promise.all([
    db.selectFrom('activity as a').select(sql<string>`substr(a.starts_on, 1, 4)`.as('year')).distinct()
      .where('a.starts_on', 'is not', null).where(visible).execute(),
    db.selectFrom('activity as a').select(sql<string>`substr(a.ends_on, 1, 4)`.as('year')).distinct()
      .where('a.ends_on', 'is not', null).where(sql<SqlBool>`a.ends_on > a.starts_on`).where(visible).execute(),
    db.selectFrom('activity as a').select(sql<string>`coalesce(a.kind, 'other')`.as('kind')).distinct().where(visible).execute(),
    db.selectFrom('activity as a').select('a.country').distinct().where('a.country', 'is not', null).where(visible).execute(),
  ])
  return {
    years: [...new Set([...starts, ...ends].map((r) => Number(r.year)))].filter(Number.isInteger).sort((a, b) => b - a),
    kinds: kinds.map((r) => r.kind),
    countries: countries.map((r) => r.country!).sort(),
  }
}

/** The internal activities of a scope (the admin names them), newest first, and internal participations in public ones. */
export async function findInternalRecords(db: Db, scope: ActivityScope, limit: number) {
  const internalScope = { ...scope, internal: true }
  const [activities, participations] = await Promise.all([
    db.selectFrom('activity as a')
      .select(['a.id', 'a.slug', 'a.name', 'a.kind', 'a.starts_on',
        (eb) => eb.selectFrom('post as p').select((e) => e.fn.min('p.id').as('id')).whereRef('p.activity_id', '=', 'a.id').as('post_id')])
      .where('a.is_internal', '=', 1).where(activityCondition(internalScope))
      .orderBy(sql`a.starts_on is null`).orderBy('a.starts_on', 'desc').orderBy('a.id', 'desc')
      .limit(limit).execute(),
    db.selectFrom('participation as pa')
      .innerJoin('activity as a', 'a.id', 'pa.activity_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('pa.is_internal', '=', 1).where('a.is_internal', '=', 0).where(activityCondition(internalScope))
      .executeTakeFirstOrThrow(),
  ])
  return { activities, internalParticipations: Number(participations.n) }
}
