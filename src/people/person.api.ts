import { Hono } from 'hono'
import { z } from 'zod'
import { absolute, pagedJson } from '../web/api-helpers.ts'
import type { AppEnv } from '../web/env.ts'
import { pageParam, parseQuery, toPage } from '../web/query.ts'
import { NotFoundError } from '../lib/errors.ts'
import { findPersonRedirect, getPersonProfile, listPeoplePage, PROFILE_PAGE_SIZE } from './person.service.ts'

export const personApi = new Hono<AppEnv>()

const ListQuery = z.object({ page: pageParam, pageSize: z.coerce.number().int().min(1).max(100).default(50) })
const ProfileQuery = z.object({ page: pageParam })

personApi.get('/people', async (c) => {
  const q = parseQuery(c, ListQuery)
  const list = await listPeoplePage(c.var.db, toPage(q.page, q.pageSize))
  return pagedJson(c, list, (p) => ({
    slug: p.slug, name: p.name, honorific: p.honorific, degree: p.degree, url: absolute(c, `/people/${p.slug}`),
    affiliations: p.affiliations.map((a) => ({ organization: { slug: a.organization_slug, name: a.organization_name }, position: a.position })),
  }))
})

personApi.get('/people/:slug', async (c) => {
  const q = parseQuery(c, ProfileQuery)
  const slug = c.req.param('slug')
  // An address that moved (a new slug, a merge) leads to where the person is now.
  const profile = await getPersonProfile(c.var.db, slug, toPage(q.page, PROFILE_PAGE_SIZE)).catch(async (error: unknown) => {
    const target = error instanceof NotFoundError ? await findPersonRedirect(c.var.db, slug) : null
    if (target === null) throw error
    return target
  })
  if (typeof profile === 'string') return c.redirect(`/api/v1/people/${encodeURIComponent(profile)}${new URL(c.req.url).search}`, 301)
  const { person, activities } = profile
  return c.json({
    slug: person.slug,
    url: absolute(c, `/people/${person.slug}`),
    name: person.name,
    variants: profile.variants,
    honorific: person.honorific,
    degree: person.degree,
    biography: person.biography,
    affiliations: profile.affiliations.map((a) => ({
      organization: { slug: a.organization_slug, name: a.organization_name },
      position: a.position, from: a.starts_on, to: a.ends_on,
    })),
    activityCount: profile.activityCount,
    activities: activities.items.map((a) => ({
      slug: a.slug, kind: a.kind, name: a.name, startsOn: a.starts_on, endsOn: a.ends_on, city: a.city,
      country: a.country, role: a.role, jobTitle: a.job_title, post: a.post,
    })),
    activitiesPage: { page: activities.page, pageSize: activities.pageSize, hasMore: activities.hasMore },
    publications: profile.publications.map((p) => ({ slug: p.slug, title: p.title, role: p.role, publishedOn: p.published_on })),
  })
})
