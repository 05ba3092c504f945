import { Hono } from 'hono'
import type { AppEnv } from '../web/env.ts'
import { siteUrl } from '../web/urls.ts'
import { buildOpenApiDocument } from './openapi.document.ts'

export const openApiRoutes = new Hono<AppEnv>()

openApiRoutes.get('/openapi.json', (c) => {
  c.header('cache-control', 'public, max-age=3600')
  return c.json(buildOpenApiDocument(siteUrl(c, '/')))
})
