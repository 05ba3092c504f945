import * as activities from '../activities/activity.repository.ts'
import type { Db } from '../db/database.ts'
import { NotFoundError } from '../lib/errors.ts'
import { findPostLinksOfActivities } from '../news/post.service.ts'
import { slugify, uniqueSlug } from '../lib/slug.ts'
import { nowIso } from '../lib/time.ts'
import { recordRevision } from '../revisions/index.ts'
import { publicationStore, type PublicationSnapshot } from './publication.store.ts'
import * as repo from './publication.repository.ts'

export type ContributorInput = PublicationSnapshot['contributors'][number]

export interface PublicationInput {
  slug?: string
  kind: string
  title: string
  summary: string | null
  publishedOn: string | null
  activityId: number | null
  sampleSize: number | null
  regions: string | null
  methods: string[]
  contributors: ContributorInput[]
}

export async function createPublication(db: Db, input: PublicationInput, actor: string, now = new Date()) {
  const slug = input.slug ?? await uniqueSlug(slugify(input.title), (s) => repo.isPublicationSlugTaken(db, s))
  const at = nowIso(now)
  const id = await repo.insertPublication(db, {
    slug, kind: input.kind, title: input.title, summary: input.summary, published_on: input.publishedOn,
    activity_id: input.activityId, sample_size: input.sampleSize, regions: input.regions,
    methods: input.methods.length ? JSON.stringify(input.methods) : null, created_at: at, updated_at: at,
  })
  await repo.insertPublicationContributors(db, input.contributors.map((c, position) => ({
    publication_id: id, person_id: c.personId, organization_id: c.organizationId, role: c.role, position,
  })))
  await recordRevision(db, { entityType: 'publication', entityId: id, actor, before: null, after: await publicationStore.load(db, id), now })
  return { id, slug }
}

export function parseMethods(methods: string | null): string[] {
  if (!methods) return []
  const parsed: unknown = JSON.parse(methods)
  return Array.isArray(parsed) ? parsed.map(String) : []
}

// ---------------------------------------------------------------- reading

export async function getPublication(db: Db, slug: string, now = new Date()) {
  const publication = await repo.findPublicationBySlug(db, slug)
  if (!publication) throw new NotFoundError('publication', slug)
  const [contributors, activity, files] = await Promise.all([
    repo.findContributorsOf(db, [publication.id]),
    publication.activity_id ? activities.findActivityById(db, publication.activity_id) : undefined,
    repo.findFilesOfPublication(db, publication.id),
  ])
  const publicActivity = activity && activity.is_internal === 0 ? activity : null
  const post = publicActivity ? (await findPostLinksOfActivities(db, [publicActivity.id], now)).get(publicActivity.id) ?? null : null
  return { publication, methods: parseMethods(publication.methods), contributors, activity: publicActivity, post, files }
}

export type PublicationView = Awaited<ReturnType<typeof getPublication>>

export function listPublicationsPage(db: Db) {
  return repo.listPublications(db, 200)
}
