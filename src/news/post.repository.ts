import type { Insertable } from 'kysely'
import type { Db, PostLinkTable, PostTable } from '../db/database.ts'
import type { Page } from '../lib/pagination.ts'

export interface PostFilter {
  year?: number
  kind?: string
  personId?: number
  organizationId?: number
}

const LISTED_COLUMNS = ['p.id', 'p.slug', 'p.lang', 'p.title', 'p.summary', 'p.published_at', 'p.activity_id',
  'a.slug as activity_slug', 'a.kind as activity_kind', 'a.name as activity_name', 'a.starts_on as activity_starts_on',
  'a.ends_on as activity_ends_on', 'a.city as activity_city', 'a.country as activity_country'] as const

/**
 * The public sees a post once it is published or scheduled and its time has come, so a
 * scheduled post appears on the minute without waiting for a job; unless it reports an
 * internal activity: the text of a closed meeting's post would tell what the record hides.
 */
function publicPosts(db: Db, now: string) {
  return db.selectFrom('post as p')
    .leftJoin('activity as a', 'a.id', 'p.activity_id')
    .where('p.status', 'in', ['published', 'scheduled']).where('p.published_at', '<=', now)
    .where((eb) => eb.or([eb('a.id', 'is', null), eb('a.is_internal', '=', 0)]))
}

export function listPublicPosts(db: Db, filter: PostFilter, page: Page, now: string) {
  let query = publicPosts(db, now).select([...LISTED_COLUMNS])
  if (filter.year) {
    query = query.where('p.published_at', '>=', `${filter.year}-01-01`).where('p.published_at', '<', `${filter.year + 1}-01-01`)
  }
  if (filter.kind) query = query.where('a.kind', '=', filter.kind)
  if (filter.personId) {
    const personId = filter.personId
    query = query.where(({ exists, selectFrom }) => exists(selectFrom('participation as pa').select('pa.id')
      .whereRef('pa.activity_id', '=', 'p.activity_id').where('pa.person_id', '=', personId)
      .where('pa.is_internal', '=', 0)))
  }
  if (filter.organizationId) {
    const organizationId = filter.organizationId
    query = query.where(({ exists, selectFrom }) => exists(selectFrom('participation as pa').select('pa.id')
      .whereRef('pa.activity_id', '=', 'p.activity_id').where('pa.organization_id', '=', organizationId)
      .where('pa.is_internal', '=', 0)))
  }
  return query.orderBy('p.published_at', 'desc').orderBy('p.id', 'desc')
    .limit(page.size + 1).offset(page.offset).execute()
}

export function findPublicPostBySlug(db: Db, slug: string, now: string) {
  return publicPosts(db, now).selectAll('p').where('p.slug', '=', slug).executeTakeFirst()
}

/** Slugs of the public posts about each activity, to link an activity to its news. */
export function findPublicPostSlugsOfActivities(db: Db, activityIds: number[], now: string) {
  if (!activityIds.length) return Promise.resolve([])
  return publicPosts(db, now).select(['p.activity_id', 'p.slug', 'p.title'])
    .where('p.activity_id', 'in', activityIds).orderBy('p.published_at').execute()
}

/** Years that have public posts, newest first, for the year filter. */
export function findPublicPostYears(db: Db, now: string) {
  return publicPosts(db, now)
    .select((eb) => eb.fn('substr', [eb.ref('p.published_at'), eb.val(1), eb.val(4)]).as('year'))
    .distinct().orderBy('year', 'desc').execute() as Promise<{ year: string }[]>
}

export function findPostLinks(db: Db, postId: number) {
  return db.selectFrom('post_link').select(['url', 'label']).where('post_id', '=', postId).orderBy('position').execute()
}

export function findPostBySlug(db: Db, slug: string) {
  return db.selectFrom('post').selectAll().where('slug', '=', slug).executeTakeFirst()
}

export async function findPostIdBySourceHash(db: Db, hash: string) {
  return (await db.selectFrom('post').select('id').where('source_hash', '=', hash).executeTakeFirst())?.id ?? null
}

export async function isPostSlugTaken(db: Db, slug: string) {
  return !!(await db.selectFrom('post').select('id').where('slug', '=', slug).executeTakeFirst())
}

export async function insertPost(db: Db, row: Insertable<PostTable>) {
  const { id } = await db.insertInto('post').values(row).returning('id').executeTakeFirstOrThrow()
  return id
}

export function insertPostLinks(db: Db, rows: Insertable<PostLinkTable>[]) {
  if (!rows.length) return Promise.resolve()
  return db.insertInto('post_link').values(rows).execute()
}

export function listAllPosts(db: Db) {
  return db.selectFrom('post as p').leftJoin('activity as a', 'a.id', 'p.activity_id')
    .selectAll('p').select('a.slug as activity_slug').orderBy('p.slug').execute()
}

export function findAllPostLinks(db: Db) {
  return db.selectFrom('post_link as l').innerJoin('post as p', 'p.id', 'l.post_id')
    .select(['p.slug as post_slug', 'l.url', 'l.label']).orderBy('p.slug').orderBy('l.position').execute()
}

export function countPosts(db: Db) {
  return db.selectFrom('post').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
}
