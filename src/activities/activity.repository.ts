import { type Insertable, sql } from 'kysely'
import type { ActivityTable, Db, ParticipationTable } from '../db/database.ts'
import type { Page } from '../lib/pagination.ts'

export interface ActivityFilter {
  year?: number
  kind?: string
  personId?: number
  organizationId?: number
}

export function findActivityBySlug(db: Db, slug: string) {
  return db.selectFrom('activity').selectAll().where('slug', '=', slug).executeTakeFirst()
}

export function findActivityById(db: Db, id: number) {
  return db.selectFrom('activity').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Activities whose name or slug contains the text (% and _ match literally), newest first, for pickers. */
export function searchActivitiesByText(db: Db, text: string, limit: number) {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`
  return db.selectFrom('activity').select(['id', 'slug', 'name', 'kind', 'starts_on'])
    .where((eb) => eb.or([sql<boolean>`lower(name) like ${pattern} escape '\\'`, sql<boolean>`slug like ${pattern} escape '\\'`]))
    .orderBy('starts_on', 'desc').orderBy('id', 'desc').limit(limit).execute()
}

export async function isActivitySlugTaken(db: Db, slug: string) {
  return !!(await db.selectFrom('activity').select('id').where('slug', '=', slug).executeTakeFirst())
}

export async function insertActivity(db: Db, row: Insertable<ActivityTable>) {
  const { id } = await db.insertInto('activity').values(row).returning('id').executeTakeFirstOrThrow()
  return id
}

export function insertParticipations(db: Db, rows: Insertable<ParticipationTable>[]) {
  if (!rows.length) return Promise.resolve()
  return db.insertInto('participation').values(rows).execute()
}

/**
 * Participants of the activities, with the names and slugs to show. Public readers pass
 * `publicOnly`, which leaves out participations marked internal. The people and organizations are
 * read by id apart: joined, PostgreSQL would rather hash all 20,000 people than look up a page's.
 */
export async function findParticipationsOf(db: Db, activityIds: number[], publicOnly: boolean) {
  if (!activityIds.length) return []
  let query = db.selectFrom('participation as pa')
    .select(['pa.id', 'pa.activity_id', 'pa.role', 'pa.position', 'pa.job_title', 'pa.is_internal', 'pa.person_id',
      'pa.organization_id', 'pa.affiliation_id'])
    .where('pa.activity_id', 'in', activityIds)
  if (publicOnly) query = query.where('pa.is_internal', '=', 0)
  const rows = await query.orderBy('pa.activity_id').orderBy('pa.position').orderBy('pa.id').execute()
  const ids = (pick: (row: typeof rows[number]) => number | null) => [...new Set(rows.map(pick).filter((id) => id !== null))]
  const [people, organizations] = await Promise.all([
    namesOf(db, 'person', ids((r) => r.person_id)),
    namesOf(db, 'organization', ids((r) => r.organization_id).concat(ids((r) => r.affiliation_id))),
  ])
  return rows.map((row) => {
    const person = row.person_id === null ? undefined : people.get(row.person_id)
    const organization = row.organization_id === null ? undefined : organizations.get(row.organization_id)
    const affiliation = row.affiliation_id === null ? undefined : organizations.get(row.affiliation_id)
    return {
      id: row.id, activity_id: row.activity_id, role: row.role, position: row.position, job_title: row.job_title,
      is_internal: row.is_internal,
      person_id: person?.id ?? null, person_slug: person?.slug ?? null, person_name: person?.name ?? null,
      organization_id: organization?.id ?? null, organization_slug: organization?.slug ?? null, organization_name: organization?.name ?? null,
      affiliation_slug: affiliation?.slug ?? null, affiliation_name: affiliation?.name ?? null,
    }
  })
}

async function namesOf(db: Db, table: 'person' | 'organization', ids: number[]) {
  if (!ids.length) return new Map<number, { id: number; slug: string; name: string }>()
  const rows = await db.selectFrom(table).select(['id', 'slug', 'name']).where('id', 'in', ids).execute()
  return new Map(rows.map((r) => [r.id, r]))
}

const LISTED_ACTIVITY_COLUMNS = ['a.id', 'a.slug', 'a.kind', 'a.name', 'a.starts_on', 'a.ends_on', 'a.city', 'a.country', 'a.format'] as const

/**
 * A page of public activities, newest first. Filtered by a person or an organization, the party's
 * participations lead, newest first by the copy of the start date they carry: one index range, in
 * its order, where a person with two roles in an activity is seen once (only their first public one).
 */
export function listPublicActivities(db: Db, filter: ActivityFilter, page: Page) {
  const { personId, organizationId } = filter
  if (!personId && !organizationId) {
    let query = db.selectFrom('activity as a').select([...LISTED_ACTIVITY_COLUMNS]).where('a.is_internal', '=', 0)
    if (filter.kind) query = query.where('a.kind', '=', filter.kind)
    if (filter.year) {
      query = query.where('a.starts_on', '>=', `${filter.year}-01-01`).where('a.starts_on', '<=', `${filter.year}-12-31`)
    }
    return query.orderBy('a.starts_on', 'desc').orderBy('a.id', 'desc').limit(page.size + 1).offset(page.offset).execute()
  }
  const party = personId ? 'person_id' as const : 'organization_id' as const
  const partyId = (personId ?? organizationId)!
  let query = db.selectFrom('participation as pa').innerJoin('activity as a', 'a.id', 'pa.activity_id')
    .select([...LISTED_ACTIVITY_COLUMNS])
    .where(`pa.${party}`, '=', partyId).where('pa.is_public', '=', 1)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('participation as earlier').select('earlier.id')
      .whereRef('earlier.activity_id', '=', 'pa.activity_id').where(`earlier.${party}`, '=', partyId)
      .where('earlier.is_public', '=', 1).whereRef('earlier.position', '<', 'pa.position'))))
  if (filter.kind) query = query.where('a.kind', '=', filter.kind)
  if (filter.year) {
    query = query.where('pa.activity_starts_on', '>=', `${filter.year}-01-01`).where('pa.activity_starts_on', '<=', `${filter.year}-12-31`)
  }
  if (personId && organizationId) {
    query = query.where(({ exists, selectFrom }) => exists(selectFrom('participation as o').select('o.id')
      .whereRef('o.activity_id', '=', 'pa.activity_id').where('o.organization_id', '=', organizationId).where('o.is_public', '=', 1)))
  }
  return query.orderBy('pa.activity_starts_on', 'desc').orderBy('pa.activity_id', 'desc')
    .limit(page.size + 1).offset(page.offset).execute()
}

/** Public activities on or after `today`, soonest first. */
export function findUpcomingActivities(db: Db, today: string, limit: number) {
  return db.selectFrom('activity')
    .select(['id', 'slug', 'kind', 'name', 'starts_on', 'ends_on', 'city', 'country', 'format'])
    .where('is_internal', '=', 0).where('starts_on', '>=', today)
    .orderBy('starts_on', 'asc').orderBy('id').limit(limit).execute()
}

/** Public activities before `today`, latest first. */
export function findRecentActivities(db: Db, today: string, limit: number) {
  return db.selectFrom('activity')
    .select(['id', 'slug', 'kind', 'name', 'starts_on', 'ends_on', 'city', 'country', 'format'])
    .where('is_internal', '=', 0).where('starts_on', '<', today)
    .orderBy('starts_on', 'desc').orderBy('id', 'desc').limit(limit).execute()
}

export function listAllActivities(db: Db) {
  return db.selectFrom('activity').selectAll().orderBy('slug').execute()
}

export function findAllParticipations(db: Db) {
  return db.selectFrom('participation as pa')
    .innerJoin('activity as a', 'a.id', 'pa.activity_id')
    .leftJoin('person as p', 'p.id', 'pa.person_id')
    .leftJoin('organization as o', 'o.id', 'pa.organization_id')
    .leftJoin('organization as af', 'af.id', 'pa.affiliation_id')
    .select(['a.slug as activity_slug', 'pa.role', 'pa.position', 'pa.job_title', 'pa.is_internal',
      'p.slug as person_slug', 'o.slug as organization_slug', 'af.slug as affiliation_slug'])
    .orderBy('a.slug').orderBy('pa.position').orderBy('pa.id').execute()
}
