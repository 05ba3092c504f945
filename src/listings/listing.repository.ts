import { sql } from 'kysely'
import type { Db } from '../db/database.ts'
import { dialectOf } from '../db/fulltext.ts'

// The copies and counts migration 0012 made, brought up to date for some records, or for all of
// them after a bulk load. Every statement computes from the records, so running one twice is harmless.

/** Some records by id, or every record. */
export type Scope = number[] | 'all'

const within = (scope: Scope) => scope === 'all' || scope.length > 0
const LISTED_STATUSES = ['published', 'scheduled'] as const

/** The activity's start and whether the public sees the participation, on each of its participations. */
export async function refreshParticipationCopies(db: Db, activityIds: Scope) {
  if (!within(activityIds)) return
  let query = db.updateTable('participation').set({
    activity_starts_on: sql`(select a.starts_on from activity a where a.id = participation.activity_id)`,
    is_public: sql`case when participation.is_internal = 0
      and (select a.is_internal from activity a where a.id = participation.activity_id) = 0 then 1 else 0 end`,
  })
  if (activityIds !== 'all') query = query.where('activity_id', 'in', activityIds)
  await query.execute()
}

export async function findPartiesOfActivity(db: Db, activityId: number) {
  return db.selectFrom('participation').select(['person_id', 'organization_id']).where('activity_id', '=', activityId).execute()
}

/**
 * Waits for other transactions counting the same people and organizations, so that neither writes a
 * count made without the other's rows. SQLite lets one writer in at a time and needs no such lock.
 */
export async function lockParties(db: Db, personIds: number[], organizationIds: number[]) {
  if (dialectOf(db) !== 'postgres') return
  // Always in the same order, so two transactions never wait for each other.
  if (personIds.length) await db.selectFrom('person').select('id').where('id', 'in', personIds).orderBy('id').forUpdate().execute()
  if (organizationIds.length) {
    await db.selectFrom('organization').select('id').where('id', 'in', organizationIds).orderBy('id').forUpdate().execute()
  }
}

type Party = 'person' | 'organization'

/** Counts each party's public activities again, per role and in any role (''). */
export async function recountActivities(db: Db, party: Party, ids: Scope) {
  if (!within(ids)) return
  const table = sql.table(`${party}_activity_count`)
  const column = sql.ref(`${party}_id`)
  const chosen = ids === 'all' ? sql`${column} is not null` : sql`${column} in (${sql.join(ids)})`
  await sql`delete from ${table}${ids === 'all' ? sql`` : sql` where ${column} in (${sql.join(ids)})`}`.execute(db)
  await sql`insert into ${table} (${column}, role, activities)
    select ${column}, role, count(distinct activity_id) from participation where ${chosen} and is_public = 1 group by ${column}, role
    union all
    select ${column}, '', count(distinct activity_id) from participation where ${chosen} and is_public = 1 group by ${column}`.execute(db)
}

export async function findPostIdsOfActivity(db: Db, activityId: number) {
  return (await db.selectFrom('post').select('id').where('activity_id', '=', activityId).execute()).map((r) => r.id)
}

/** The activity's kind on each post. */
export async function refreshPostKinds(db: Db, postIds: Scope) {
  if (!within(postIds)) return
  let query = db.updateTable('post').set({ activity_kind: sql`(select a.kind from activity a where a.id = post.activity_id)` })
  if (postIds !== 'all') query = query.where('id', 'in', postIds)
  await query.execute()
}

/**
 * The people and organizations each post is about: the public participants of its activity, when
 * the post is published or scheduled (the lists keep only those whose time has come).
 */
export async function refreshPostParties(db: Db, postIds: Scope) {
  if (!within(postIds)) return
  for (const party of ['person', 'organization'] as const) {
    const table = sql.table(`post_${party}`)
    const column = sql.ref(`${party}_id`)
    await sql`delete from ${table}${postIds === 'all' ? sql`` : sql` where post_id in (${sql.join(postIds)})`}`.execute(db)
    await sql`insert into ${table} (${column}, post_id, published_at)
      select distinct pa.${column}, p.id, p.published_at from post p
      join participation pa on pa.activity_id = p.activity_id
      where ${postIds === 'all' ? sql`1 = 1` : sql`p.id in (${sql.join(postIds)})`}
        and pa.${column} is not null and pa.is_public = 1
        and p.status in (${sql.join(LISTED_STATUSES)}) and p.published_at is not null`.execute(db)
  }
}

/** The publication's date on each of its contributions. */
export async function refreshContributorDates(db: Db, publicationIds: Scope) {
  if (!within(publicationIds)) return
  let query = db.updateTable('publication_contributor')
    .set({ published_on: sql`(select pu.published_on from publication pu where pu.id = publication_contributor.publication_id)` })
  if (publicationIds !== 'all') query = query.where('publication_id', 'in', publicationIds)
  await query.execute()
}

/** The person's name on each of their affiliations. */
export async function refreshAffiliationNames(db: Db, personIds: Scope) {
  if (!within(personIds)) return
  let query = db.updateTable('affiliation').set({ person_name: sql`(select p.name from person p where p.id = affiliation.person_id)` })
  if (personIds !== 'all') query = query.where('person_id', 'in', personIds)
  await query.execute()
}

export const yearOf = (at: string | null | undefined) => (at && /^\d{4}/.test(at) ? at.slice(0, 4) : null)

export async function findPostYears(db: Db, postIds: number[]) {
  if (!postIds.length) return []
  const rows = await db.selectFrom('post').select('published_at').where('id', 'in', postIds).execute()
  return rows.map((r) => yearOf(r.published_at)).filter((y): y is string => y !== null)
}

/** When each year's first listed post went (or goes) public; a year without one goes. */
export async function refreshNewsYears(db: Db, years: string[] | 'all') {
  if (years === 'all') {
    await db.deleteFrom('news_year').execute()
    await sql`insert into news_year (year, first_public_at)
      select substr(p.published_at, 1, 4), min(p.published_at) from post p left join activity a on a.id = p.activity_id
      where p.status in (${sql.join(LISTED_STATUSES)}) and p.published_at is not null and (a.id is null or a.is_internal = 0)
      group by substr(p.published_at, 1, 4)`.execute(db)
    return
  }
  for (const year of new Set(years)) {
    await db.deleteFrom('news_year').where('year', '=', year).execute()
    // The year's earliest listed post, found by walking the date index up from the year's start.
    await sql`insert into news_year (year, first_public_at)
      select ${year}, p.published_at from post p left join activity a on a.id = p.activity_id
      where p.published_at >= ${`${year}-01-01`} and p.published_at < ${`${Number(year) + 1}-01-01`}
        and p.status in (${sql.join(LISTED_STATUSES)}) and (a.id is null or a.is_internal = 0)
      order by p.published_at limit 1`.execute(db)
  }
}
