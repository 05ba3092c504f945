import { Hono } from 'hono'
import { z } from 'zod'
import { presentParticipantGroups } from '../activities/activity.api.ts'
import { KINDS } from '../lib/vocabulary.ts'
import { absolute, pagedJson } from '../web/api-helpers.ts'
import type { AppEnv } from '../web/env.ts'
import { pageParam, pageSizeParam, parseQuery, toPage, yearParam } from '../web/query.ts'
import { getPublishedPost, listNews, type PostSummary } from './post.service.ts'

export const postApi = new Hono<AppEnv>()

const slugParam = z.string().max(200)
const PostsQuery = z.object({
  page: pageParam,
  pageSize: pageSizeParam(20),
  year: yearParam.optional(),
  kind: z.enum(KINDS, { message: `kind must be one of ${KINDS.join(', ')}` }).optional(),
  person: slugParam.optional(),
  organization: slugParam.optional(),
})

export function presentPostSummary(c: { req: { url: string } }, p: PostSummary) {
  return {
    slug: p.slug,
    url: new URL(`/news/${p.slug}`, c.req.url).href,
    lang: p.lang,
    title: p.title,
    summary: p.summary,
    publishedAt: p.published_at,
    activity: p.activity_slug ? {
      slug: p.activity_slug, kind: p.activity_kind, name: p.activity_name, startsOn: p.activity_starts_on,
      endsOn: p.activity_ends_on, city: p.activity_city, country: p.activity_country,
    } : null,
  }
}

postApi.get('/posts', async (c) => {
  const q = parseQuery(c, PostsQuery)
  const news = await listNews(c.var.db, { year: q.year, kind: q.kind, person: q.person, organization: q.organization },
    toPage(q.page, q.pageSize))
  return pagedJson(c, news, (p) => presentPostSummary(c, p))
})

postApi.get('/posts/:slug', async (c) => {
  const { post, links, activity, publications } = await getPublishedPost(c.var.db, c.req.param('slug'))
  return c.json({
    slug: post.slug,
    url: absolute(c, `/news/${post.slug}`),
    lang: post.lang,
    title: post.title,
    summary: post.summary,
    body: post.body,
    bodyFormat: 'markdown',
    publishedAt: post.published_at,
    links,
    activity: activity ? {
      slug: activity.slug, kind: activity.kind, name: activity.name, startsOn: activity.starts_on,
      endsOn: activity.ends_on, city: activity.city, country: activity.country, format: activity.format,
      participants: presentParticipantGroups(activity.participants),
    } : null,
    publications: publications.map((p) => ({ slug: p.slug, title: p.title, kind: p.kind, publishedOn: p.published_on })),
  })
})
