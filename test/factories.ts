import type { Db } from '../src/db/database.ts'
import { createActivity } from '../src/activities/activity.service.ts'
import { createPost } from '../src/news/post.service.ts'
import { createOrganization } from '../src/organizations/organization.service.ts'
import { createPerson } from '../src/people/person.service.ts'
import type { ParticipationRole } from '../src/lib/vocabulary.ts'

let counter = 0
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`

export interface Made { id: number; slug: string; kind: 'person' | 'organization' }

export async function makePerson(db: Db, fields: { name?: string; variants?: string[] } = {}): Promise<Made> {
  const made = await createPerson(db, {
    name: fields.name ?? `Person ${unique()}`, variants: fields.variants ?? [], honorific: null, degree: null,
    biography: null, affiliations: [],
  }, 'test')
  return { ...made, kind: 'person' }
}

export async function makeOrganization(db: Db, fields: { name?: string; country?: string | null; variants?: string[] } = {}): Promise<Made> {
  const made = await createOrganization(db, {
    name: fields.name ?? `Organization ${unique()}`, variants: fields.variants ?? [], kind: null, country: fields.country ?? null,
    parentId: null, website: null,
  }, 'test')
  return { ...made, kind: 'organization' }
}

type ParticipantSpec = [Made, ParticipationRole] | [Made, ParticipationRole, { internal?: boolean }]

export async function makeActivity(db: Db, fields: {
  name?: string | null; kind?: string; startsOn?: string; internal?: boolean; participants?: ParticipantSpec[]
} = {}) {
  return createActivity(db, {
    kind: fields.kind ?? 'meeting', name: fields.name === undefined ? `Activity ${unique()}` : fields.name,
    startsOn: fields.startsOn ?? '2024-01-01', endsOn: null, city: null, country: null, format: null,
    internal: fields.internal ?? false,
    participations: (fields.participants ?? []).map(([party, role, options]) => ({
      personId: party.kind === 'person' ? party.id : null,
      organizationId: party.kind === 'organization' ? party.id : null,
      role, affiliationId: null, jobTitle: null, internal: options?.internal ?? false,
    })),
  }, 'test')
}

export async function makePost(db: Db, fields: {
  title?: string; activityId?: number | null; status?: 'draft' | 'published' | 'scheduled'; publishedAt?: string | null
} = {}) {
  const status = fields.status ?? 'published'
  return createPost(db, {
    lang: 'en', title: fields.title ?? `News ${unique()}`, summary: 'A summary.', body: 'The body.',
    status, publishedAt: fields.publishedAt !== undefined ? fields.publishedAt : status === 'draft' ? null : '2024-01-02T09:00:00.000Z',
    activityId: fields.activityId ?? null, links: [],
  }, 'test')
}
