import type { Db } from '../db/database.ts'
import { NotFoundError } from '../lib/errors.ts'
import { type Page, toPaged } from '../lib/pagination.ts'
import * as news from '../news/post.repository.ts'
import { slugify, uniqueSlug } from '../lib/slug.ts'
import { nowIso } from '../lib/time.ts'
import type { ParticipationRole } from '../lib/vocabulary.ts'
import { recordRevision } from '../revisions/index.ts'
import { activityStore, type ActivitySnapshot } from './activity.store.ts'
import * as repo from './activity.repository.ts'

/** A participation as the store keeps it: ids, role and visibility. */
export type ParticipationInput = ActivitySnapshot['participations'][number]

export interface ActivityInput {
  slug?: string
  kind: string | null
  name: string | null
  startsOn: string | null
  endsOn: string | null
  city: string | null
  country: string | null
  format: string | null
  internal: boolean
  participations: ParticipationInput[]
}

/** Slug from date and name, "2024-04-19-sustainable-development-of-kazakhstan": unique and readable. */
export function activitySlugBase(input: Pick<ActivityInput, 'startsOn' | 'name' | 'kind'>, fallback: string) {
  return slugify([input.startsOn, input.name ?? fallback].filter(Boolean).join(' '))
}

export async function createActivity(db: Db, input: ActivityInput, actor: string, fallbackName = 'activity', now = new Date()) {
  const slug = input.slug ?? await uniqueSlug(activitySlugBase(input, fallbackName), (s) => repo.isActivitySlugTaken(db, s))
  const at = nowIso(now)
  const id = await repo.insertActivity(db, {
    slug, kind: input.kind, name: input.name, starts_on: input.startsOn, ends_on: input.endsOn, city: input.city,
    country: input.country, format: input.format, is_internal: input.internal ? 1 : 0, created_at: at, updated_at: at,
  })
  await repo.insertParticipations(db, input.participations.map((p, position) => ({
    activity_id: id, person_id: p.personId, organization_id: p.organizationId, role: p.role, position,
    affiliation_id: p.affiliationId, job_title: p.jobTitle, is_internal: p.internal ? 1 : 0,
  })))
  await recordRevision(db, { entityType: 'activity', entityId: id, actor, before: null, after: await activityStore.load(db, id), now })
  return { id, slug }
}

export interface Party {
  kind: 'person' | 'organization'
  slug: string
  name: string
  affiliation: { slug: string; name: string } | null
  jobTitle: string | null
  internal: boolean
}

export interface ParticipantGroup {
  role: ParticipationRole
  parties: Party[]
}

const ROLE_ORDER: ParticipationRole[] = ['organizer', 'moderator', 'speaker', 'discussant', 'participant',
  'commissioner', 'supporter', 'partner', 'mentioned']

type ParticipationView = Awaited<ReturnType<typeof repo.findParticipationsOf>>[number]

function toParty(p: ParticipationView): Party {
  const affiliation = p.affiliation_slug && p.affiliation_name ? { slug: p.affiliation_slug, name: p.affiliation_name } : null
  return p.person_slug
    ? { kind: 'person', slug: p.person_slug, name: p.person_name!, affiliation, jobTitle: p.job_title, internal: p.is_internal === 1 }
    : { kind: 'organization', slug: p.organization_slug!, name: p.organization_name!, affiliation: null, jobTitle: null,
      internal: p.is_internal === 1 }
}

/** Participants grouped by role in the facts-box order; people before organizations within a role. */
export function groupByRole(participations: ParticipationView[]): ParticipantGroup[] {
  return ROLE_ORDER.map((role) => ({
    role,
    parties: participations.filter((p) => p.role === role).map(toParty)
      .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'person' ? -1 : 1)),
  })).filter((g) => g.parties.length > 0)
}

/** Participant groups of each activity, keyed by activity id. */
export async function findParticipantGroups(db: Db, activityIds: number[], publicOnly: boolean) {
  const rows = await repo.findParticipationsOf(db, activityIds, publicOnly)
  const byActivity = new Map<number, ParticipationView[]>()
  for (const row of rows) byActivity.set(row.activity_id, [...(byActivity.get(row.activity_id) ?? []), row])
  return new Map(activityIds.map((id) => [id, groupByRole(byActivity.get(id) ?? [])]))
}

/** A public activity with its public participants and the news about it. */
export async function getPublicActivity(db: Db, slug: string, now = new Date()) {
  const activity = await repo.findActivityBySlug(db, slug)
  if (!activity || activity.is_internal) throw new NotFoundError('activity', slug)
  const [groups, posts] = await Promise.all([
    findParticipantGroups(db, [activity.id], true),
    news.findPublicPostSlugsOfActivities(db, [activity.id], nowIso(now)),
  ])
  return { ...activity, participants: groups.get(activity.id) ?? [], posts }
}

export type PublicActivity = Awaited<ReturnType<typeof getPublicActivity>>

export interface ActivityListFilter {
  year?: number
  kind?: string
  personId?: number
  organizationId?: number
}

/** A page of public activities with their public participants, newest first. */
export async function listPublicActivitiesWithParticipants(db: Db, filter: ActivityListFilter, page: Page, now = new Date()) {
  const paged = toPaged(await repo.listPublicActivities(db, filter, page), page)
  const ids = paged.items.map((a) => a.id)
  const [groups, posts] = await Promise.all([
    findParticipantGroups(db, ids, true),
    news.findPublicPostSlugsOfActivities(db, ids, nowIso(now)),
  ])
  return {
    ...paged,
    // Added to the rows rather than copied into new objects: spreading a database row costs microseconds a row.
    items: paged.items.map((a) => Object.assign(a, {
      participants: groups.get(a.id) ?? [], posts: posts.filter((p) => p.activity_id === a.id),
    })),
  }
}
