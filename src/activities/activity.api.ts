import { Hono } from 'hono'
import { z } from 'zod'
import { NotFoundError } from '../lib/errors.ts'
import { KINDS } from '../lib/vocabulary.ts'
import * as organizations from '../organizations/organization.repository.ts'
import * as people from '../people/person.repository.ts'
import { pagedJson } from '../web/api-helpers.ts'
import type { AppEnv } from '../web/env.ts'
import { pageParam, pageSizeParam, parseQuery, toPage, yearParam } from '../web/query.ts'
import { getPublicActivity, listPublicActivitiesWithParticipants, type ParticipantGroup } from './activity.service.ts'

export const activityApi = new Hono<AppEnv>()

const ActivitiesQuery = z.object({
  page: pageParam,
  pageSize: pageSizeParam(20),
  year: yearParam.optional(),
  kind: z.enum(KINDS, { message: `kind must be one of ${KINDS.join(', ')}` }).optional(),
  person: z.string().max(200).optional(),
  organization: z.string().max(200).optional(),
})

/** Participants as a flat list with each one's role, in facts-box order. */
export function presentParticipantGroups(groups: ParticipantGroup[]) {
  return groups.flatMap((g) => g.parties.map((p) => ({
    role: g.role,
    type: p.kind,
    slug: p.slug,
    name: p.name,
    affiliation: p.affiliation,
    jobTitle: p.jobTitle,
  })))
}

activityApi.get('/activities', async (c) => {
  const q = parseQuery(c, ActivitiesQuery)
  const db = c.var.db
  const personId = q.person ? (await people.findPersonBySlug(db, q.person))?.id : undefined
  if (q.person && !personId) throw new NotFoundError('person', q.person)
  const organizationId = q.organization ? (await organizations.findOrganizationBySlug(db, q.organization))?.id : undefined
  if (q.organization && !organizationId) throw new NotFoundError('organization', q.organization)
  const list = await listPublicActivitiesWithParticipants(db, { year: q.year, kind: q.kind, personId, organizationId },
    toPage(q.page, q.pageSize))
  return pagedJson(c, list, (a) => ({
    slug: a.slug, kind: a.kind, name: a.name, startsOn: a.starts_on, endsOn: a.ends_on, city: a.city,
    country: a.country, format: a.format, participants: presentParticipantGroups(a.participants),
    posts: a.posts.map((p) => ({ slug: p.slug, title: p.title })),
  }))
})

activityApi.get('/activities/:slug', async (c) => {
  const a = await getPublicActivity(c.var.db, c.req.param('slug'))
  return c.json({
    slug: a.slug, kind: a.kind, name: a.name, startsOn: a.starts_on, endsOn: a.ends_on, city: a.city,
    country: a.country, format: a.format, participants: presentParticipantGroups(a.participants),
    posts: a.posts.map((p) => ({ slug: p.slug, title: p.title })),
  })
})
