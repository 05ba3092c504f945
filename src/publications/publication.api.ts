import { Hono } from 'hono'
import { absolute } from '../web/api-helpers.ts'
import type { AppEnv } from '../web/env.ts'
import { getPublication } from './publication.service.ts'

export const publicationApi = new Hono<AppEnv>()

publicationApi.get('/publications/:slug', async (c) => {
  const v = await getPublication(c.var.db, c.req.param('slug'))
  const p = v.publication
  return c.json({
    slug: p.slug,
    url: absolute(c, `/publications/${p.slug}`),
    kind: p.kind,
    title: p.title,
    summary: p.summary,
    publishedOn: p.published_on,
    method: { sampleSize: p.sample_size, regions: p.regions, methods: v.methods },
    contributors: v.contributors.map((x) => ({
      role: x.role,
      ...(x.person_slug ? { type: 'person', slug: x.person_slug, name: x.person_name }
        : { type: 'organization', slug: x.organization_slug, name: x.organization_name }),
    })),
    activity: v.activity ? { slug: v.activity.slug, kind: v.activity.kind, startsOn: v.activity.starts_on } : null,
    post: v.post,
  })
})
