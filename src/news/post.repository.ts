import { type Insertable, sql, type SqlBool } from 'kysely'
import type { Db, PostLinkTable, PostStatus, PostTable } from '../db/database.ts'
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
 * `before` keeps only the posts published before it.
 */
function publicPosts(db: Db, now: string, before?: string) {
  // SQLite seeks the date index with one upper bound and filters by the other, so pass only the tighter.
  const isBeforeTighter = before !== undefined && before <= now
  return db.selectFrom('post as p')
    .leftJoin('activity as a', 'a.id', 'p.activity_id')
    .where('p.status', 'in', ['published', 'scheduled'])
    .where('p.published_at', isBeforeTighter ? '<' : '<=', isBeforeTighter ? before : now)
    .where((eb) => eb.or([eb('a.id', 'is', null), eb('a.is_internal', '=', 0)]))
}

/**
 * A page of public posts, newest first, each filter answered by an index in that order: the date
 * (post_published), the kind with the date (post_kind_published), or the posts about a person or
 * an organization by date (post_person_newest, post_organization_newest): no more rows read than shown.
 */
export function listPublicPosts(db: Db, filter: PostFilter, page: Page, now: string) {
  const before = filter.year ? `${filter.year + 1}-01-01` : undefined
  const from = filter.year ? `${filter.year}-01-01` : undefined
  let query = publicPosts(db, now, before).select([...LISTED_COLUMNS])
  if (from) query = query.where('p.published_at', '>=', from)
  if (filter.kind) query = query.where('p.activity_kind', '=', filter.kind)
  const { personId, organizationId } = filter
  // The list of the party's posts leads, in its own date order; the bounds are repeated on it so it is read as a range.
  const bound = before !== undefined && before <= now ? { op: '<' as const, value: before } : { op: '<=' as const, value: now }
  if (personId) {
    query = query.innerJoin('post_person as pp', (join) => join.onRef('pp.post_id', '=', 'p.id').on('pp.person_id', '=', personId))
      .where(sql.ref('pp.published_at'), bound.op, bound.value)
    if (from) query = query.where(sql.ref('pp.published_at'), '>=', from)
  }
  if (organizationId) {
    query = query.innerJoin('post_organization as po', (join) => join.onRef('po.post_id', '=', 'p.id').on('po.organization_id', '=', organizationId))
    if (!personId) {
      query = query.where(sql.ref('po.published_at'), bound.op, bound.value)
      if (from) query = query.where(sql.ref('po.published_at'), '>=', from)
    }
  }
  // (Joined tables escape the builder's type once it is reassigned; their columns are named as references.)
  const lead = personId ? 'pp' : organizationId ? 'po' : null
  query = lead ? query.orderBy(sql.ref(`${lead}.published_at`), 'desc').orderBy(sql.ref(`${lead}.post_id`), 'desc')
    : query.orderBy('p.published_at', 'desc').orderBy('p.id', 'desc')
  return query.limit(page.size + 1).offset(page.offset).execute()
}

export function findPublicPostBySlug(db: Db, slug: string, now: string) {
  return publicPosts(db, now).selectAll('p').where('p.slug', '=', slug).executeTakeFirst()
}

/** Slugs of the public posts about each activity, to link an activity to its news: by activity, the first first. */
export function findPublicPostSlugsOfActivities(db: Db, activityIds: number[], now: string) {
  if (!activityIds.length) return Promise.resolve([])
  return publicPosts(db, now).select(['p.activity_id', 'p.slug', 'p.title'])
    .where('p.activity_id', 'in', activityIds).orderBy('p.activity_id').orderBy('p.published_at').execute()
}

/** Years that have public posts, newest first, for the year filter; kept by src/listings. */
export function findPublicPostYears(db: Db, now: string) {
  return db.selectFrom('news_year').select('year').where('first_public_at', '<=', now).orderBy('year', 'desc').execute()
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

// ---------------------------------------------------------------- admin

export interface AdminPostFilter {
  /** Words to find in the title, summary or body, taken literally. */
  text?: string
  status?: PostStatus
  year?: number
  kind?: string
  authorId?: number
}

/** `%`, `_` and `\` stand for themselves in a search, not for LIKE's wildcards. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, '\\$&')

/** A year of a post as the admin sees it: when it went or goes public, or else when it was written. */
const postYear = sql<string>`substr(coalesce(p.published_at, p.created_at), 1, 4)`

/** Every post, whatever its status, newest change first, for the admin's list. */
export function listAdminPosts(db: Db, filter: AdminPostFilter, page: Page) {
  let query = db.selectFrom('post as p')
    .leftJoin('activity as a', 'a.id', 'p.activity_id')
    .leftJoin('app_user as u', 'u.id', 'p.author_id')
    .select(['p.id', 'p.slug', 'p.title', 'p.status', 'p.published_at', 'p.updated_at', 'p.author_id',
      'a.kind as activity_kind', 'a.name as activity_name', 'u.name as author_name', 'u.email as author_email'])
  if (filter.text) {
    // lower() folds only ASCII on SQLite, so the text as typed is tried too: an exact match is always found.
    const exact = `%${escapeLike(filter.text)}%`
    const folded = `%${escapeLike(filter.text.toLowerCase())}%`
    query = query.where((eb) => eb.or((['p.title', 'p.summary', 'p.body'] as const).flatMap((column) => [
      sql<SqlBool>`${sql.ref(column)} like ${exact} escape '\\'`,
      sql<SqlBool>`lower(${sql.ref(column)}) like ${folded} escape '\\'`,
    ])))
  }
  if (filter.status) query = query.where('p.status', '=', filter.status)
  if (filter.year) query = query.where(postYear, '=', String(filter.year))
  if (filter.kind) query = query.where('a.kind', '=', filter.kind)
  if (filter.authorId) query = query.where('p.author_id', '=', filter.authorId)
  return query.orderBy('p.updated_at', 'desc').orderBy('p.id', 'desc').limit(page.size + 1).offset(page.offset).execute()
}

/** Years that have posts of any status (of one author's, when given), newest first. */
export async function findAdminPostYears(db: Db, authorId?: number) {
  let query = db.selectFrom('post as p').select(postYear.as('year')).distinct()
  if (authorId) query = query.where('p.author_id', '=', authorId)
  const rows = await query.orderBy('year', 'desc').execute()
  return rows.map((r) => Number(r.year))
}

/** Accounts that have written posts, for the author filter. */
export function findPostAuthors(db: Db) {
  return db.selectFrom('app_user as u').select(['u.id', 'u.name', 'u.email'])
    .where(({ exists, selectFrom }) => exists(selectFrom('post as p').select('p.id').whereRef('p.author_id', '=', 'u.id')))
    .orderBy('u.email').execute()
}

export function findPostTranslations(db: Db, postId: number) {
  return db.selectFrom('post_translation').select(['lang', 'title', 'summary', 'body'])
    .where('post_id', '=', postId).orderBy('lang').execute()
}

export async function replacePostTranslations(db: Db, postId: number, rows: { lang: string; title: string; summary: string; body: string }[]) {
  await db.deleteFrom('post_translation').where('post_id', '=', postId).execute()
  if (rows.length) await db.insertInto('post_translation').values(rows.map((t) => ({ post_id: postId, ...t }))).execute()
}

export function findAllPostTranslations(db: Db) {
  return db.selectFrom('post_translation as t').innerJoin('post as p', 'p.id', 't.post_id')
    .select(['p.slug as post_slug', 't.lang', 't.title', 't.summary', 't.body']).orderBy('t.post_id').orderBy('t.lang').execute()
}

/** Scheduled posts whose time has come, oldest first. */
export function findDueScheduledPosts(db: Db, now: string) {
  return db.selectFrom('post').select(['id', 'published_at']).where('status', '=', 'scheduled')
    .where('published_at', '<=', now).orderBy('published_at').orderBy('id').execute()
}

/** Whether a scheduled post is due: asked every 30 seconds, so it reads the small post_scheduled index. */
export function dueScheduledPostQuery(db: Db, now: string) {
  return db.selectFrom('post').select('id').where('status', '=', 'scheduled').where('published_at', '<=', now).limit(1)
}

export async function hasDueScheduledPosts(db: Db, now: string): Promise<boolean> {
  return (await dueScheduledPostQuery(db, now).executeTakeFirst()) !== undefined
}

/**
 * When the next post becomes public after `now`, or null when none waits: a scheduled one, or one
 * published with a time ahead, which the public queries also hide until then.
 */
export async function findNextScheduledTime(db: Db, now: string): Promise<string | null> {
  const row = await db.selectFrom('post').select('published_at').where('status', 'in', ['published', 'scheduled'])
    .where('published_at', '>', now).orderBy('published_at').limit(1).executeTakeFirst()
  return row?.published_at ?? null
}

/** Public posts in publication order, for the sitemap: slug, language and last change. */
export function listPublicPostsForSitemap(db: Db, now: string, offset: number, limit: number) {
  return publicPosts(db, now).select(['p.slug', 'p.lang', 'p.updated_at'])
    .orderBy('p.published_at').orderBy('p.id').limit(limit).offset(offset).execute()
}

export async function countPublicPosts(db: Db, now: string) {
  return (await publicPosts(db, now).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n
}
