import { Hono } from 'hono'
import { localPath } from '../i18n/locale.ts'
import { absoluteUrl, event, withContext } from '../web/jsonld.ts'
import { activityTitle, FactsBox } from '../web/components.tsx'
import type { AppEnv } from '../web/env.ts'
import { Layout } from '../web/layout.tsx'
import { getPublicActivity } from './activity.service.ts'

export const activityPages = new Hono<AppEnv>()

// An activity is read through its news; one without news still has a page of its facts.
activityPages.get('/activities/:slug', async (c) => {
  const activity = await getPublicActivity(c.var.db, c.req.param('slug'))
  const first = activity.posts[0]
  if (first) return c.redirect(localPath(`/news/${first.slug}`), 302)
  const title = activityTitle({ ...activity, post: null })
  return c.html(
    <Layout title={title} section="news" jsonLd={withContext(event(activity, title, absoluteUrl(`/activities/${activity.slug}`)))}>
      <h1>{title}</h1>
      <FactsBox activity={{ ...activity, post: null }} />
    </Layout>,
  )
})
