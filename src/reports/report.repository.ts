import { sql, type SqlBool } from 'kysely'
import type { Db } from '../db/database.ts'

/** A closed range of ISO dates, both ends given: the year a report is about. */
export interface ClosedPeriod {
  from: string
  to: string
}

/**
 * Activities overlapping the period (insight.filters.ts `overlaps`: one spanning New Year counts in both years;
 * an end before the start counts as none), by start date. `internal` keeps internal activities.
 */
export function findActivitiesOfPeriod(db: Db, period: ClosedPeriod, internal: boolean) {
  let query = db.selectFrom('activity as a')
    .select(['a.id', 'a.slug', 'a.kind', 'a.name', 'a.starts_on', 'a.ends_on', 'a.city', 'a.country', 'a.is_internal'])
    .where(overlapsPeriod(period))
  if (!internal) query = query.where('a.is_internal', '=', 0)
  return query.orderBy('a.starts_on').orderBy('a.id').execute()
}

/** `overlaps()` in SQL, for the activity aliased `a`. */
function overlapsPeriod(period: ClosedPeriod) {
  return sql<SqlBool>`((a.starts_on >= ${period.from} and a.starts_on <= ${period.to}) or (a.starts_on < ${period.from} and a.ends_on >= ${period.from}))`
}

/**
 * Every participation in the period's activities with the party's name, for organizations their country, and the
 * organization a participant represented (participation.affiliation_id), which takes part through them. Without
 * `internal`, internal activities and internal participations are left out. One query over the period rather
 * than an id list: a busy year has thousands.
 */
export function findParticipationsOfPeriod(db: Db, period: ClosedPeriod, internal: boolean) {
  let query = db.selectFrom('participation as pa')
    .innerJoin('activity as a', 'a.id', 'pa.activity_id')
    .leftJoin('person as p', 'p.id', 'pa.person_id')
    .leftJoin('organization as o', 'o.id', 'pa.organization_id')
    .leftJoin('organization as ao', 'ao.id', 'pa.affiliation_id')
    .select(['pa.activity_id', 'pa.role', 'pa.position', 'pa.is_internal', 'pa.job_title',
      'pa.person_id', 'p.slug as person_slug', 'p.name as person_name',
      'pa.organization_id', 'o.name as organization_name', 'o.country as organization_country',
      'pa.affiliation_id', 'ao.name as affiliation_name', 'ao.country as affiliation_country'])
    .where(overlapsPeriod(period))
  if (!internal) query = query.where('a.is_internal', '=', 0).where('pa.is_internal', '=', 0)
  return query.orderBy('pa.activity_id').orderBy('pa.position').orderBy('pa.id').execute()
}

/** The institute's staff: everyone affiliated with it or one of its units (as the insights count them), with their positions there. */
export function findStaffOf(db: Db, instituteId: number) {
  return db.selectFrom('affiliation as af').innerJoin('person as p', 'p.id', 'af.person_id')
    .innerJoin('organization as so', 'so.id', 'af.organization_id')
    .select(['p.id', 'p.slug', 'p.name', 'af.position', 'af.starts_on', 'af.ends_on'])
    .where((eb) => eb.or([eb('so.id', '=', instituteId), eb('so.parent_id', '=', instituteId)]))
    .orderBy('p.name').orderBy('p.id').orderBy('af.id').execute()
}

/** The institute's own units (organizations whose parent it is): they are not its partners. */
export async function findUnitIdsOf(db: Db, instituteId: number) {
  const rows = await db.selectFrom('organization').select('id').where('parent_id', '=', instituteId).execute()
  return rows.map((r) => r.id)
}

/** Publications dated in the period, by date, with their survey method. */
export function findPublicationsOfPeriod(db: Db, period: ClosedPeriod) {
  return db.selectFrom('publication')
    .select(['id', 'slug', 'kind', 'title', 'published_on', 'sample_size', 'regions', 'methods', 'fieldwork_from', 'fieldwork_to'])
    .where('published_on', '>=', period.from).where('published_on', '<=', period.to)
    .orderBy('published_on').orderBy('id').execute()
}

/** The contributors of the publications, people and organizations, in their order. */
export function findContributorsOfPublications(db: Db, publicationIds: number[]) {
  if (!publicationIds.length) return Promise.resolve([])
  return db.selectFrom('publication_contributor as c')
    .leftJoin('person as p', 'p.id', 'c.person_id')
    .leftJoin('organization as o', 'o.id', 'c.organization_id')
    .select(['c.publication_id', 'c.role', 'c.person_id', 'p.name as person_name', 'c.organization_id', 'o.name as organization_name'])
    .where('c.publication_id', 'in', publicationIds)
    .orderBy('c.publication_id').orderBy('c.position').orderBy('c.id').execute()
}

/** Years in which some activity takes place (a spanning one counts in each), newest first, for the admin's choice. */
export async function findActivityYears(db: Db) {
  const rows = await db.selectFrom('activity')
    .select([sql<string>`substr(starts_on, 1, 4)`.as('first'), sql<string | null>`substr(ends_on, 1, 4)`.as('last')])
    .where('starts_on', 'is not', null).distinct().execute()
  const years = new Set<number>()
  for (const row of rows) {
    const first = Number(row.first)
    const last = row.last && Number(row.last) > first ? Number(row.last) : first
    for (let year = first; year <= last; year++) years.add(year)
  }
  return [...years].sort((a, b) => b - a)
}

// ---------------------------------------------------------------- one person's activity list

/**
 * A person's participations with their activities, newest first (undated last). Without `internal`, only public
 * ones (the copy `is_public` says neither the participation nor its activity is internal).
 */
export function findParticipationsOfPerson(db: Db, personId: number, internal: boolean) {
  let query = db.selectFrom('participation as pa').innerJoin('activity as a', 'a.id', 'pa.activity_id')
    .select(['a.id', 'a.slug', 'a.kind', 'a.name', 'a.starts_on', 'a.ends_on', 'a.city', 'a.country',
      'a.is_internal as activity_internal', 'pa.role', 'pa.job_title', 'pa.affiliation_id', 'pa.is_internal'])
    .where('pa.person_id', '=', personId)
  if (!internal) query = query.where('pa.is_public', '=', 1)
  return query.orderBy(sql`case when a.starts_on is null then 1 else 0 end`).orderBy('a.starts_on', 'desc')
    .orderBy('a.id', 'desc').orderBy('pa.position').execute()
}

/**
 * The institute's people (affiliated with it or a unit) taking part in the activities: in a role, not merely
 * mentioned; their participations public unless `internal`.
 */
export function findStaffInActivities(db: Db, activityIds: number[], instituteId: number, internal: boolean) {
  if (!activityIds.length) return Promise.resolve([])
  let query = db.selectFrom('participation as pa').innerJoin('person as p', 'p.id', 'pa.person_id')
    .select(['pa.activity_id', 'p.id as person_id', 'p.name as person_name']).distinct()
    .where('pa.activity_id', 'in', activityIds).where('pa.role', '<>', 'mentioned')
    .where(({ exists, selectFrom }) => exists(selectFrom('affiliation as af').innerJoin('organization as so', 'so.id', 'af.organization_id')
      .select('af.id').whereRef('af.person_id', '=', 'pa.person_id')
      .where((eb) => eb.or([eb('so.id', '=', instituteId), eb('so.parent_id', '=', instituteId)]))))
  if (!internal) query = query.where('pa.is_internal', '=', 0)
  return query.orderBy('pa.activity_id').orderBy('p.name').execute()
}

/** The posts about the activities, any status, first published first; the service decides which a reader may see. */
export function findPostsOfActivities(db: Db, activityIds: number[]) {
  if (!activityIds.length) return Promise.resolve([])
  return db.selectFrom('post').select(['id', 'activity_id', 'slug', 'title', 'status', 'published_at'])
    .where('activity_id', 'in', activityIds)
    .orderBy('activity_id').orderBy('published_at').orderBy('id').execute()
}

/** The person's affiliations with the organizations' names, for the position held at the time. */
export function findAffiliationsOfPerson(db: Db, personId: number) {
  return db.selectFrom('affiliation as af').innerJoin('organization as o', 'o.id', 'af.organization_id')
    .select(['af.organization_id', 'o.name as organization_name', 'af.position', 'af.starts_on', 'af.ends_on'])
    .where('af.person_id', '=', personId).orderBy('af.id').execute()
}

/** Publications the person contributed to, newest first, with the role. */
export function findPublicationsOfPerson(db: Db, personId: number) {
  return db.selectFrom('publication_contributor as c').innerJoin('publication as pu', 'pu.id', 'c.publication_id')
    .select(['pu.id', 'pu.slug', 'pu.kind', 'pu.title', 'pu.published_on', 'c.role'])
    .where('c.person_id', '=', personId)
    .orderBy('c.published_on', 'desc').orderBy('c.publication_id', 'desc').execute()
}
