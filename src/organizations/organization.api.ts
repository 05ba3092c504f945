import { Hono } from 'hono'
import { z } from 'zod'
import { PARTICIPATION_ROLES } from '../lib/vocabulary.ts'
import { absolute, pagedJson } from '../web/api-helpers.ts'
import type { AppEnv } from '../web/env.ts'
import { pageParam, parseQuery, toPage } from '../web/query.ts'
import { NotFoundError } from '../lib/errors.ts'
import { findOrganizationRedirect, getOrganizationProfile, listOrganizationsPage, PEOPLE_PAGE_SIZE, ROLE_PAGE_SIZE } from './organization.service.ts'

export const organizationApi = new Hono<AppEnv>()

const ListQuery = z.object({ page: pageParam, pageSize: z.coerce.number().int().min(1).max(100).default(50) })
const ProfileQuery = z.object({ page: pageParam, role: z.enum(PARTICIPATION_ROLES).optional(), peoplePage: pageParam })

organizationApi.get('/organizations', async (c) => {
  const q = parseQuery(c, ListQuery)
  const list = await listOrganizationsPage(c.var.db, toPage(q.page, q.pageSize))
  return pagedJson(c, list, (o) => ({
    slug: o.slug, name: o.name, kind: o.kind, country: o.country, url: absolute(c, `/organizations/${o.slug}`),
  }))
})

organizationApi.get('/organizations/:slug', async (c) => {
  const q = parseQuery(c, ProfileQuery)
  const slug = c.req.param('slug')
  // An address that moved (a new slug, a merge) leads to where the organization is now.
  const profile = await getOrganizationProfile(c.var.db, slug,
    { role: q.role, page: toPage(q.page, ROLE_PAGE_SIZE), peoplePage: toPage(q.peoplePage, PEOPLE_PAGE_SIZE) })
    .catch(async (error: unknown) => {
      const target = error instanceof NotFoundError ? await findOrganizationRedirect(c.var.db, slug) : null
      if (target === null) throw error
      return target
    })
  if (typeof profile === 'string') return c.redirect(`/api/v1/organizations/${encodeURIComponent(profile)}${new URL(c.req.url).search}`, 301)
  const { organization: o } = profile
  return c.json({
    slug: o.slug,
    url: absolute(c, `/organizations/${o.slug}`),
    name: o.name,
    variants: profile.variants,
    kind: o.kind,
    country: o.country,
    website: o.website,
    parent: profile.parent,
    units: profile.children.map((u) => ({ slug: u.slug, name: u.name })),
    people: profile.people.items.map((p) => ({ slug: p.slug, name: p.name, positions: p.positions })),
    peoplePage: { page: profile.people.page, pageSize: profile.people.pageSize, hasMore: profile.people.hasMore },
    activitiesByRole: profile.groups.map((g) => ({
      role: g.role, count: g.count, page: g.page, hasMore: g.hasMore,
      activities: g.items.map((a) => ({
        slug: a.slug, kind: a.kind, name: a.name, startsOn: a.starts_on, endsOn: a.ends_on, city: a.city,
        country: a.country, post: a.post,
      })),
    })),
    publications: profile.publications.map((p) => ({ slug: p.slug, title: p.title, role: p.role, publishedOn: p.published_on })),
  })
})
