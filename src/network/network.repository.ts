import { type ExpressionBuilder, sql } from 'kysely'
import type { Database, Db } from '../db/database.ts'
import type { InsightFilters, Period } from '../insights/insight.filters.ts'

/** One party taking part in one activity; exactly one of person_id and organization_id is set. */
export interface NetworkParticipationRow {
  activity_id: number
  person_id: number | null
  organization_id: number | null
}

/**
 * The period rule of `overlaps` (src/insights/insight.filters.ts) in SQL: an activity counts in every period it
 * overlaps, an undated one only when the period is open at both ends. Written as "starts in the period, or
 * started before it and ends in or after it", two ranges that an index on the start and one on the end each
 * find, rather than one condition that reads every activity before the period's end.
 */
function inPeriod(eb: ExpressionBuilder<Database, 'activity'>, { from, to }: Period) {
  const startsIn = [eb('activity.starts_on', 'is not', null)]
  if (from) startsIn.push(eb('activity.starts_on', '>=', from))
  if (to) startsIn.push(eb('activity.starts_on', '<=', to))
  if (!from) return eb.and(startsIn)
  return eb.or([eb.and(startsIn), eb.and([eb('activity.ends_on', '>=', from), eb('activity.starts_on', '<', from)])])
}

/**
 * Who took part in the activities the filters select — one row per participation, a party in two roles twice.
 * Mentions are not taking part; the public (filters.internal false) sees neither internal activities nor
 * internal participations.
 */
export function findNetworkParticipations(db: Db, filters: InsightFilters): Promise<NetworkParticipationRow[]> {
  let query = db.selectFrom('activity')
    .innerJoin('participation as pa', 'pa.activity_id', 'activity.id')
    .select(['pa.activity_id', 'pa.person_id', 'pa.organization_id'])
    .where('pa.role', '<>', 'mentioned')
  if (!filters.internal) query = query.where('activity.is_internal', '=', 0).where('pa.is_internal', '=', 0)
  if (filters.kind) query = query.where('activity.kind', '=', filters.kind)
  if (filters.country) query = query.where('activity.country', '=', filters.country)
  const { period } = filters
  if (period.from || period.to) query = query.where((eb) => inPeriod(eb, period))
  return query.execute()
}

export function findPeopleNamed(db: Db, ids: number[]) {
  if (!ids.length) return Promise.resolve([])
  return db.selectFrom('person').select(['id', 'slug', 'name']).where('id', 'in', ids).execute()
}

export function findOrganizationsNamed(db: Db, ids: number[]) {
  if (!ids.length) return Promise.resolve([])
  return db.selectFrom('organization').select(['id', 'slug', 'name', 'country']).where('id', 'in', ids).execute()
}

/** The years in which activities took place (a span's last year too), newest first, for the filter links. */
export async function findActivityYears(db: Db, internal: boolean): Promise<number[]> {
  const yearsOf = (column: 'starts_on' | 'ends_on') => db.selectFrom('activity')
    .select(sql<string>`substr(${sql.ref(column)}, 1, 4)`.as('year'))
    .where(column, 'is not', null)
    .$if(!internal, (q) => q.where('is_internal', '=', 0))
  const rows = await yearsOf('starts_on').union(yearsOf('ends_on')).execute()
  return rows.map((r) => Number(r.year)).filter((y) => Number.isInteger(y)).sort((a, b) => b - a)
}

/** The countries activities took place in, for the filter links. */
export async function findActivityCountries(db: Db, internal: boolean): Promise<string[]> {
  const rows = await db.selectFrom('activity').select('country').distinct()
    .where('country', 'is not', null)
    .$if(!internal, (q) => q.where('is_internal', '=', 0))
    .execute()
  return rows.map((r) => r.country!).sort()
}
