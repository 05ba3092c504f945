import { findParticipantGroups } from '../activities/activity.service.ts'
import * as activities from '../activities/activity.repository.ts'
import type { Db, PostStatus } from '../db/database.ts'
import { NotFoundError } from '../lib/errors.ts'
import { type Page, pageOf, toPaged } from '../lib/pagination.ts'
import * as organizations from '../organizations/organization.repository.ts'
import * as people from '../people/person.repository.ts'
import * as publications from '../publications/publication.repository.ts'
import { slugify, uniqueSlug } from '../lib/slug.ts'
import { nowIso } from '../lib/time.ts'
import { recordRevision } from '../revisions/index.ts'
import { postStore } from './post.store.ts'
import * as repo from './post.repository.ts'

export interface PostInput {
  slug?: string
  lang: string
  title: string
  summary: string
  body: string
  status: PostStatus
  publishedAt: string | null
  activityId: number | null
  links: { url: string; label: string | null }[]
  sourceHash?: string | null
  translations?: { lang: string; title: string; summary: string; body: string }[]
}

export async function createPost(db: Db, input: PostInput, actor: string, now = new Date()) {
  const slug = input.slug ?? await uniqueSlug(slugify(input.title), (s) => repo.isPostSlugTaken(db, s))
  const at = nowIso(now)
  const id = await repo.insertPost(db, {
    slug, lang: input.lang, title: input.title, summary: input.summary, body: input.body, status: input.status,
    published_at: input.publishedAt, activity_id: input.activityId,
    source_hash: input.sourceHash ?? null, created_at: at, updated_at: at,
  })
  await repo.insertPostLinks(db, input.links.map((l, position) => ({ post_id: id, position, url: l.url, label: l.label })))
  await repo.replacePostTranslations(db, id, input.translations ?? [])
  await recordRevision(db, { entityType: 'post', entityId: id, actor, before: null, after: await postStore.load(db, id), now })
  return { id, slug }
}

// ---------------------------------------------------------------- reading

export type PostSummary = Awaited<ReturnType<typeof repo.listPublicPosts>>[number]

export interface NewsFilter {
  year?: number
  kind?: string
  person?: string
  organization?: string
}

/** A page of public news, newest first; an unknown person or organization in the filter is a 404. */
export async function listNews(db: Db, filter: NewsFilter, page: Page, now = new Date()) {
  const personId = filter.person ? (await people.findPersonBySlug(db, filter.person))?.id : undefined
  if (filter.person && !personId) throw new NotFoundError('person', filter.person)
  const organizationId = filter.organization
    ? (await organizations.findOrganizationBySlug(db, filter.organization))?.id : undefined
  if (filter.organization && !organizationId) throw new NotFoundError('organization', filter.organization)
  const rows = await repo.listPublicPosts(db, { year: filter.year, kind: filter.kind, personId, organizationId }, page, nowIso(now))
  return toPaged(rows, page)
}

export async function findNewsYears(db: Db, now = new Date()) {
  return (await repo.findPublicPostYears(db, nowIso(now))).map((r) => Number(r.year))
}

/** A published post with its activity's facts, participants by role, links and publications. */
export async function getPublishedPost(db: Db, slug: string, now = new Date()) {
  const post = await repo.findPublicPostBySlug(db, slug, nowIso(now))
  if (!post) throw new NotFoundError('post', slug)
  const [links, activity, translations] = await Promise.all([
    repo.findPostLinks(db, post.id),
    post.activity_id ? activities.findActivityById(db, post.activity_id) : undefined,
    repo.findPostTranslations(db, post.id),
  ])
  const ids = activity ? [activity.id] : []
  const [groups, reports] = await Promise.all([
    findParticipantGroups(db, ids, true),
    publications.findPublicationsOfActivities(db, ids),
  ])
  return {
    post,
    links,
    activity: activity ? { ...activity, participants: groups.get(activity.id) ?? [] } : null,
    publications: reports,
    translations,
  }
}

/** The post's text in the reader's language when it has one, else the original, saying which language it is in. */
export function versionFor(published: PublishedPost, lang: string) {
  const { post, translations } = published
  if (post.lang === lang) return { lang: post.lang, title: post.title, summary: post.summary, body: post.body, translated: true }
  const translation = translations.find((t) => t.lang === lang)
  if (translation) return { lang, title: translation.title, summary: translation.summary, body: translation.body, translated: true }
  return { lang: post.lang, title: post.title, summary: post.summary, body: post.body, translated: false }
}

export type PublishedPost = Awaited<ReturnType<typeof getPublishedPost>>

const DAY_MS = 86_400_000
// The pages' "today" is the UTC date (home page) or Astana's (calendar, UTC+5): both midnights change what they show.
const MIDNIGHT_OFFSETS_MS = [0, -5 * 3_600_000]

/**
 * The next moment the clock alone changes what the public sees: a scheduled post's time comes,
 * or a day ends, moving activities from upcoming to past. Pages rendered now are current until then.
 */
export async function nextPublicClockChange(db: Db, now = new Date()): Promise<number> {
  const t = now.getTime()
  const midnights = MIDNIGHT_OFFSETS_MS.map((offset) => Math.floor((t - offset) / DAY_MS) * DAY_MS + DAY_MS + offset)
  const scheduled = await repo.findNextScheduledTime(db, nowIso(now))
  return Math.min(...midnights, scheduled ? Date.parse(scheduled) : Number.POSITIVE_INFINITY)
}

/** Latest news with recent and upcoming activities, for the home page. */
export async function getFrontPage(db: Db, now = new Date()) {
  const today = nowIso(now).slice(0, 10)
  const latestPage = pageOf(1, 6)
  const [latest, upcoming, recent] = await Promise.all([
    repo.listPublicPosts(db, {}, latestPage, nowIso(now)),
    activities.findUpcomingActivities(db, today, 5),
    activities.findRecentActivities(db, today, 5),
  ])
  const postOf = await findPostLinksOfActivities(db, [...upcoming, ...recent].map((a) => a.id), now)
  const withPost = <T extends { id: number }>(a: T) => Object.assign(a, { post: postOf.get(a.id) ?? null })
  return { latest: toPaged(latest, latestPage).items, upcoming: upcoming.map(withPost), recent: recent.map(withPost) }
}

/** The first public post about each activity, for linking an activity to its news. */
export async function findPostLinksOfActivities(db: Db, activityIds: number[], now = new Date()) {
  const rows = await repo.findPublicPostSlugsOfActivities(db, activityIds, nowIso(now))
  const map = new Map<number, { slug: string; title: string }>()
  for (const r of rows) if (r.activity_id && !map.has(r.activity_id)) map.set(r.activity_id, { slug: r.slug, title: r.title })
  return map
}
