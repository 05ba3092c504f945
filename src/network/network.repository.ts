import { type ExpressionBuilder, sql } from 'kysely'
import { integerList } from '../db/aggregate.ts'
import type { Database, Db } from '../db/database.ts'
import type { InsightFilters, Period } from '../insights/insight.filters.ts'

/**
 * The parties taking part in one activity, as a comma-separated list of codes: person n is 2n, organization n is
 * 2n + 1 ("4,9,4": a party in two roles comes twice).
 */
export interface NetworkActivityRow {
  activity_id: number
  parties: string
}

/**
 * The period rule of `overlaps` (src/insights/insight.filters.ts) in SQL: an activity counts in every period it
 * overlaps, an undated one only when the period is open at both ends. Written as "starts in the period, or
 * started before it and ends in or after it": two ranges PostgreSQL finds by the start and end indexes (SQLite,
 * without statistics, reads the activities and looks up the parties of the chosen ones only).
 */
function inPeriod(eb: ExpressionBuilder<Database, 'activity'>, { from, to }: Period) {
  const startsIn = [eb('activity.starts_on', 'is not', null)]
  if (from) startsIn.push(eb('activity.starts_on', '>=', from))
  if (to) startsIn.push(eb('activity.starts_on', '<=', to))
  if (!from) return eb.and(startsIn)
  return eb.or([eb.and(startsIn), eb.and([eb('activity.ends_on', '>=', from), eb('activity.starts_on', '<', from)])])
}

/**
 * Who took part in each activity the filters select. Mentions are not taking part; the public (filters.internal
 * false) sees neither internal activities nor internal participations.
 */
export function findNetworkActivities(db: Db, filters: InsightFilters): Promise<NetworkActivityRow[]> {
  const party = sql<number | null>`coalesce(${sql.ref('pa.person_id')} * 2, ${sql.ref('pa.organization_id')} * 2 + 1)`
  // A cross join is SQLite's way to say "activities first": left to choose, it walked every participation to
  // spare itself grouping a year's. PostgreSQL plans it as the inner join it is.
  let query = db.selectFrom('activity')
    .crossJoin('participation as pa')
    .whereRef('pa.activity_id', '=', 'activity.id')
    .select(['activity.id as activity_id', integerList(db, party).as('parties')])
    // A literal, so that both engines see the condition of the partial index participation_network (0015).
    .where('pa.role', '<>', sql.lit('mentioned'))
    .groupBy('activity.id')
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

/**
 * The years in which activities took place (a span's last year too), newest first, for the filter links: the first
 * and last dates from the indexes, then one probe of the indexes per year, not a pass over every activity.
 */
export async function findActivityYears(db: Db, internal: boolean): Promise<number[]> {
  const [first, lastStart, lastEnd] = await Promise.all([
    db.selectFrom('activity').select((eb) => eb.fn.min('starts_on').as('date')).executeTakeFirst(),
    db.selectFrom('activity').select((eb) => eb.fn.max('starts_on').as('date')).executeTakeFirst(),
    db.selectFrom('activity').select((eb) => eb.fn.max('ends_on').as('date')).executeTakeFirst(),
  ])
  if (!first?.date) return []
  const last = Math.max(Number(lastStart?.date?.slice(0, 4)), Number(lastEnd?.date?.slice(0, 4) ?? 0))
  const candidates: number[] = []
  for (let year = Number(first.date.slice(0, 4)); year <= last; year++) candidates.push(year)
  const found = await Promise.all(candidates.map(async (year) => {
    const row = await db.selectFrom('activity').select('id')
      .where((eb) => inPeriod(eb, { from: `${year}-01-01`, to: `${year}-12-31` }))
      .$if(!internal, (q) => q.where('is_internal', '=', 0))
      .limit(1).executeTakeFirst()
    return row ? year : null
  }))
  return found.filter((y): y is number => y !== null).reverse()
}

/** The countries activities took place in, for the filter links: each distinct one, kept if the reader may see an activity there. */
export async function findActivityCountries(db: Db, internal: boolean): Promise<string[]> {
  const rows = await db.selectFrom('activity').select('country').distinct().where('country', 'is not', null).execute()
  const countries = rows.map((r) => r.country!).sort()
  if (internal) return countries
  const seen = await Promise.all(countries.map((country) => db.selectFrom('activity').select('id')
    .where('country', '=', country).where('is_internal', '=', 0).limit(1).executeTakeFirst()))
  return countries.filter((_, i) => seen[i])
}
