import { Hono } from 'hono'
import { fileUrl } from '../files/file.service.ts'
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
    method: { sampleSize: p.sample_size, regions: p.regions, methods: v.methods, fieldworkFrom: p.fieldwork_from, fieldworkTo: p.fieldwork_to },
    contributors: v.contributors.map((x) => ({
      role: x.role,
      ...(x.person_slug ? { type: 'person', slug: x.person_slug, name: x.person_name }
        : { type: 'organization', slug: x.organization_slug, name: x.organization_name }),
    })),
    activity: v.activity ? { slug: v.activity.slug, kind: v.activity.kind, startsOn: v.activity.starts_on } : null,
    post: v.post,
    files: v.files.map((f) => ({
      label: f.label, fileName: f.file_name, mime: f.mime, size: f.size, sha256: f.sha256, url: absolute(c, fileUrl(f.sha256, f.file_name)),
    })),
  })
})
