import { Hono } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import { activityApi } from './activities/activity.api.ts'
import { activityPages } from './activities/activity.pages.tsx'
import { DEFAULT_SECURITY, type SecurityConfig } from './config.ts'
import { type ContentVersionReader, sharedContentVersion } from './db/content-version.ts'
import type { Database } from './db/database.ts'
import { filePages } from './files/file.pages.tsx'
import { localeMiddleware, routingPath } from './i18n/middleware.ts'
import { NotFoundError } from './lib/errors.ts'
import { calendarPages } from './feeds/calendar.pages.tsx'
import { feedPages } from './feeds/feed.pages.tsx'
import { seoPages } from './seo/seo.pages.ts'
import { postApi } from './news/post.api.ts'
import { openApiRoutes } from './openapi/openapi.api.ts'
import { newsPages } from './news/news.pages.tsx'
import { organizationApi } from './organizations/organization.api.ts'
import { organizationPages } from './organizations/organization.pages.tsx'
import { personApi } from './people/person.api.ts'
import { peoplePages } from './people/person.pages.tsx'
import { publicationApi } from './publications/publication.api.ts'
import { publicationPages } from './publications/publication.pages.tsx'
import { activityListPages } from './reports/activity-list.pages.ts'
import { searchApi } from './search/search.api.ts'
import { searchPages } from './search/search.pages.tsx'
// Insights (issue 11): /insights and /api/v1/insights.
import { insightApi } from './insights/insight.api.ts'
import { insightPages } from './insights/insight.pages.tsx'
// Issue 11, the collaboration network.
import { networkPages } from './network/network.pages.tsx'
import { adminScript, networkScript, searchScript, stylesheet } from './web/assets.ts'
import { adminRoutes } from './admin/admin.routes.tsx'
import { writeApi } from './api/write.api.ts'
import { loadApiCaller } from './web/auth.ts'
import type { AppEnv } from './web/env.ts'
import { cacheFront, httpCaching } from './web/http-cache.ts'
import { createMetrics, type PoolStats } from './web/metrics.ts'
import { PageCache } from './web/page-cache.ts'
import { errorPage, problemFromError, statusOf } from './web/errors.tsx'
import { readiness } from './web/readiness.ts'

export interface AppDependencies {
  db: Kysely<Database>
  logger?: Logger
  security?: SecurityConfig
  filesDir?: string
  /** The site's public address for links in feeds and canonical URLs; else the request's own origin. */
  publicUrl?: string | null
  /** Rendered public pages kept in memory; null renders every request (CACHE=off). Default: 64 MB. */
  cache?: PageCache | null
  /** The public-content counter; default: read through `db` (a cheaper reader comes with the connection). */
  contentVersion?: ContentVersionReader
  /** Serves /metrics to holders of this bearer token; without one /metrics is not served. */
  metricsToken?: string | null
  poolStats?: PoolStats
  /** The INSTITUTE setting (an organization's slug) for insights and reports; null: the one most people belong to. */
  institute?: string | null
}

export const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024

export const pageCacheOf = (bytes: number) => (bytes > 0 ? new PageCache(bytes) : null)

const isApi = (path: string) => path.startsWith('/api/')

export function createApp(dependencies: AppDependencies) {
  return createSite(dependencies).app
}

/** The application, and the page cache's front that answers from memory before the application is asked. */
export function createSite({
  db, logger, security = DEFAULT_SECURITY, filesDir = 'data/files', publicUrl = null,
  cache = pageCacheOf(DEFAULT_CACHE_BYTES), contentVersion = sharedContentVersion(db), metricsToken = null, poolStats = () => null,
  institute = null,
}: AppDependencies) {
  const app = new Hono<AppEnv>({ getPath: routingPath })
  const metrics = createMetrics({ token: metricsToken, cache, pool: poolStats })
  app.use(metrics.middleware)
  // Before the headers below are added, so that a kept response has them all.
  app.use(httpCaching({ cache, contentVersion, db, publicUrl }))

  app.use(secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"], imgSrc: ["'self'", 'data:'], styleSrc: ["'self'"], scriptSrc: ["'self'"],
      frameAncestors: ["'none'"], baseUri: ["'self'"], formAction: ["'self'"],
    },
    referrerPolicy: 'strict-origin-when-cross-origin',
    // Both: frame-ancestors for current browsers, X-Frame-Options for those that ignore CSP.
    xFrameOptions: 'DENY',
  }))
  app.use(async (c, next) => {
    c.set('db', db)
    c.set('security', security)
    c.set('filesDir', filesDir)
    c.set('publicUrl', publicUrl)
    c.set('institute', institute)
    c.set('session', null)
    c.set('apiCaller', null)
    await next()
  })
  app.use(localeMiddleware)

  app.get(stylesheet.path, (c) => c.body(stylesheet.body, 200, {
    'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=31536000, immutable',
  }))
  for (const script of [adminScript, searchScript, networkScript]) {
    app.get(script.path, (c) => c.body(script.body, 200, {
      'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=31536000, immutable',
    }))
  }
  // For load balancers and orchestrators: /healthz says the process answers, /readyz that it can serve.
  app.get('/healthz', (c) => c.json({ status: 'ok' }, 200, { 'cache-control': 'no-store' }))
  app.get('/readyz', async (c) => {
    const { ready, ...checks } = await readiness(db)
    return c.json({ status: ready ? 'ready' : 'not ready', ...checks }, ready ? 200 : 503, { 'cache-control': 'no-store' })
  })
  app.get('/metrics', metrics.handler)
  app.route('/admin', adminRoutes)

  app.route('/', feedPages)
  app.route('/', seoPages)
  app.route('/', calendarPages)
  // Issue 11: /insights/network.
  app.route('/', networkPages)
  for (const pages of [newsPages, activityPages, peoplePages, organizationPages, publicationPages, filePages, searchPages, insightPages]) app.route('/', pages)
  // People's activity lists to download (issue 11, reports).
  app.route('/', activityListPages)
  // A bearer token is optional for reads and required for writes; a bad one is refused either way.
  app.use('/api/v1/*', loadApiCaller)
  app.route('/api/v1', writeApi)
  for (const api of [postApi, activityApi, personApi, organizationApi, publicationApi, searchApi, insightApi, openApiRoutes]) app.route('/api/v1', api)

  app.notFound((c) => {
    const path = new URL(c.req.url).pathname
    return isApi(c.req.path) ? problemFromError(c, new NotFoundError('endpoint', path)) : errorPage(c, new NotFoundError('page', path))
  })
  app.onError((error, c) => {
    if (statusOf(error) === 500) logger?.error({ err: error, path: c.req.path, reqId: c.req.header('x-request-id') }, 'request failed')
    return isApi(c.req.path) ? problemFromError(c, error) : errorPage(c, error)
  })
  return { app, front: cacheFront({ cache, contentVersion, publicUrl }, metrics.observe) }
}
