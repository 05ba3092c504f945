import { timingSafeEqual } from 'node:crypto'
import type { Context, MiddlewareHandler } from 'hono'
import { routePath } from 'hono/route'
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'
import type { AppEnv } from './env.ts'
import type { PageCache } from './page-cache.ts'

/** How busy the database connections are; PostgreSQL's pool, or nothing for SQLite's one handle. */
export type PoolStats = () => { total: number; idle: number; waiting: number } | null

// Memory, processor, event loop and garbage collection belong to the process, not to one app: made once.
let processRegistry: Registry | undefined
function processMetrics() {
  if (!processRegistry) {
    processRegistry = new Registry()
    collectDefaultMetrics({ register: processRegistry })
  }
  return processRegistry
}

export interface Metrics {
  middleware: MiddlewareHandler<AppEnv>
  /** Counts a request answered outside the application (the page cache's front). */
  observe(route: string, method: string, status: number, started: number): void
  /** The /metrics handler: 404 without METRICS_TOKEN, 401 without the right bearer token. */
  handler(c: Context<AppEnv>): Promise<Response>
}

export interface MetricsOptions {
  /** Without a token /metrics is not served: figures about the site's traffic are not for everyone. */
  token: string | null
  cache: PageCache | null
  pool: PoolStats
}

export function createMetrics({ token, cache, pool }: MetricsOptions): Metrics {
  const registry = new Registry()
  const requests = new Counter({
    name: 'chronicle_http_requests_total', help: 'HTTP requests answered, by route pattern, method and status',
    labelNames: ['route', 'method', 'status'], registers: [registry],
  })
  const latency = new Histogram({
    name: 'chronicle_http_request_duration_seconds', help: 'Time from request to response headers, by route pattern',
    labelNames: ['route'], buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  })
  const cacheFigure = (name: string, help: string, read: (s: NonNullable<ReturnType<PageCache['stats']>>) => number, type: 'counter' | 'gauge') =>
    type === 'counter'
      ? new Counter({ name, help, registers: [registry], collect() { this.reset(); if (cache) this.inc(read(cache.stats())) } })
      : new Gauge({ name, help, registers: [registry], collect() { this.set(cache ? read(cache.stats()) : 0) } })
  cacheFigure('chronicle_page_cache_hits_total', 'Public responses answered from memory', (s) => s.hits, 'counter')
  cacheFigure('chronicle_page_cache_misses_total', 'Public responses rendered because memory had no current copy', (s) => s.misses, 'counter')
  cacheFigure('chronicle_page_cache_entries', 'Responses kept in memory', (s) => s.entries, 'gauge')
  cacheFigure('chronicle_page_cache_bytes', 'Bytes kept in memory, coded forms included', (s) => s.bytes, 'gauge')
  cacheFigure('chronicle_page_cache_max_bytes', 'The memory bound of the page cache (CACHE_MAX_MB)', (s) => s.maxBytes, 'gauge')
  new Gauge({
    name: 'chronicle_db_pool_connections', help: 'Database pool connections by state (PostgreSQL)', labelNames: ['state'],
    registers: [registry],
    collect() {
      const stats = pool()
      if (!stats) return
      this.set({ state: 'total' }, stats.total)
      this.set({ state: 'idle' }, stats.idle)
      this.set({ state: 'waiting' }, stats.waiting)
    },
  })

  const observe = (route: string, method: string, status: number, started: number) => {
    requests.inc({ route, method, status: String(status) })
    latency.observe({ route }, (performance.now() - started) / 1000)
  }
  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    const started = performance.now()
    await next()
    // The pattern, not the address: one series per route however many slugs there are.
    const route = c.res.status === 404 && routePath(c, -1) === '/*' ? 'not found' : routePath(c, -1)
    observe(route, c.req.method, c.res.status, started)
  }

  return {
    middleware,
    observe,
    async handler(c) {
      if (!token) return c.notFound()
      const sent = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? ''
      const a = Buffer.from(sent), b = Buffer.from(token)
      if (a.length !== b.length || !timingSafeEqual(a, b)) {
        return c.text('Send the metrics token: Authorization: Bearer <METRICS_TOKEN>.', 401, { 'www-authenticate': 'Bearer realm="metrics"' })
      }
      const text = `${await processMetrics().metrics()}\n${await registry.metrics()}`
      return c.body(text, 200, { 'content-type': Registry.PROMETHEUS_CONTENT_TYPE, 'cache-control': 'no-store' })
    },
  }
}
