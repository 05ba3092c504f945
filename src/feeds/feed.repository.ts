import type { Db } from '../db/database.ts'

/** Bodies of the listed posts, for full-text feed entries. */
export function findPostBodies(db: Db, ids: number[]) {
  if (!ids.length) return Promise.resolve([])
  return db.selectFrom('post').select(['id', 'body']).where('id', 'in', ids).execute()
}

/** Public activities starting on or after `from` (all when null), soonest last, for calendars. */
export function findPublicActivitiesForCalendar(db: Db, filter: {
  from: string | null; to: string | null; kind?: string; personId?: number; organizationId?: number
}, limit: number) {
  let query = db.selectFrom('activity as a')
    .select(['a.id', 'a.slug', 'a.kind', 'a.name', 'a.starts_on', 'a.ends_on', 'a.city', 'a.country', 'a.format', 'a.updated_at'])
    .where('a.is_internal', '=', 0).where('a.starts_on', 'is not', null)
  if (filter.from) query = query.where('a.starts_on', '>=', filter.from)
  if (filter.to) query = query.where('a.starts_on', '<=', filter.to)
  if (filter.kind) query = query.where('a.kind', '=', filter.kind)
  const { personId, organizationId } = filter
  if (personId) {
    query = query.where(({ exists, selectFrom }) => exists(selectFrom('participation as pa').select('pa.id')
      .whereRef('pa.activity_id', '=', 'a.id').where('pa.person_id', '=', personId).where('pa.is_internal', '=', 0)))
  }
  if (organizationId) {
    query = query.where(({ exists, selectFrom }) => exists(selectFrom('participation as pa').select('pa.id')
      .whereRef('pa.activity_id', '=', 'a.id').where('pa.organization_id', '=', organizationId).where('pa.is_internal', '=', 0)))
  }
  return query.orderBy('a.starts_on', 'desc').orderBy('a.id', 'desc').limit(limit).execute()
}

/** The organizers of each activity, public ones only, for the calendar's ORGANIZER. */
export function findPublicOrganizers(db: Db, activityIds: number[]) {
  if (!activityIds.length) return Promise.resolve([])
  return db.selectFrom('participation as pa')
    .leftJoin('organization as o', 'o.id', 'pa.organization_id')
    .leftJoin('person as p', 'p.id', 'pa.person_id')
    .select(['pa.activity_id', 'o.name as organization_name', 'p.name as person_name'])
    .where('pa.activity_id', 'in', activityIds).where('pa.role', '=', 'organizer').where('pa.is_internal', '=', 0)
    .orderBy('pa.activity_id').orderBy('pa.position').execute()
}
