import { resolve } from 'node:path'
import { createServer } from 'node:http'
import { getRequestListener } from '@hono/node-server'
import pino from 'pino'
import { createSite, DEFAULT_CACHE_BYTES, pageCacheOf } from './app.ts'
import { type Config, DEFAULT_SECURITY } from './config.ts'
import { openDatabase } from './db/connection.ts'
import { migrateToLatest } from './db/migrate.ts'
import { loadDemoArchiveIfEmpty } from './demo/demo.service.ts'
import { buildSearchIndexIfMissing } from './search/index.ts'
import { startScheduledPublishing } from './news/publish-scheduled.ts'
import { accessLog } from './web/access-log.ts'
import { pruneAccountRecords } from './accounts/prune.service.ts'
import { startRepeatingJob } from './lib/repeating-job.ts'

const DEFAULT_SHUTDOWN_GRACE_MS = 10_000

export interface RunningServer {
  url: string
  port: number
  close(): Promise<void>
}

/** What the server needs; files and security settings default as in a plain `npm start`. */
type Defaulted = 'filesDir' | 'security' | 'publicUrl' | 'cacheBytes' | 'metricsToken' | 'institute' | 'shutdownGraceMs' | 'production'
export type ServerConfig = Omit<Config, Defaulted> & Partial<Pick<Config, Defaulted>>

/** Opens the database, migrates it, loads the demo archive into an empty one, and listens. */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  if (config.production && !config.publicUrl) {
    // Links in cacheable pages, feeds and sitemaps would otherwise carry whatever Host header a request sent.
    throw new Error('PUBLIC_URL is required when NODE_ENV=production: set it to the address readers use, e.g. PUBLIC_URL=https://news.example.org')
  }
  const logger = pino({ level: config.logLevel })
  const connection = openDatabase(config.databaseUrl)
  const applied = await migrateToLatest(connection.db, connection.dialect)
  if (applied.length) logger.info({ migrations: applied }, 'database migrated')
  if (config.loadDemo && await loadDemoArchiveIfEmpty(connection.db)) logger.info('demo archive loaded')
  if (await buildSearchIndexIfMissing(connection.db)) logger.info('search index built for records older than it')
  const { app, front } = createSite({
    db: connection.db, logger, security: config.security ?? DEFAULT_SECURITY,
    filesDir: config.filesDir ?? resolve(config.dataDir, 'files'), publicUrl: config.publicUrl ?? null,
    cache: pageCacheOf(config.cacheBytes ?? DEFAULT_CACHE_BYTES), contentVersion: connection.contentVersion,
    metricsToken: config.metricsToken ?? null, poolStats: connection.poolStats, institute: config.institute ?? null,
  })
  const application = getRequestListener(app.fetch)
  const logRequest = accessLog(logger)
  const server = createServer((req, res) => {
    logRequest(req, res)
    // Answers kept in memory go out before the application is asked; anything else, or a failure, is its to answer.
    front(req, res).then((answered) => {
      if (!answered) void application(req, res)
    }, () => void application(req, res))
  })
  await new Promise<void>((resolve, reject) => {
    server.listen(config.port, config.host, () => resolve())
    server.once('error', (error: NodeJS.ErrnoException) => {
      void connection.close()
      reject(error.code === 'EADDRINUSE'
        ? new Error(`Port ${config.port} is already in use. Stop the other server or choose another port: PORT=3001 npm start`)
        : error)
    })
  })
  // Readers see a due scheduled post at once; this job makes its status say "published" within 30 s.
  const scheduler = startScheduledPublishing(connection.db, {
    everyMs: 30_000, onError: (error) => logger.error({ err: error }, 'scheduled publishing failed'),
  })
  // Several servers may prune the same rows; deleting what another already deleted is harmless.
  const pruning = startRepeatingJob(() => pruneAccountRecords(connection.db, config.security ?? DEFAULT_SECURITY), {
    everyMs: 3_600_000, onError: (error) => logger.error({ err: error }, 'pruning old sign-in records failed'),
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`
  logger.info({ url, database: connection.describe }, 'Chronicle is listening')
  return {
    url,
    port,
    close: async () => {
      logger.info('stopping: no new connections; finishing the requests in flight')
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      // Idle keep-alive connections would hold close() open for as long as clients keep them.
      server.closeIdleConnections()
      const graceMs = config.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS
      const cut = setTimeout(() => {
        logger.warn({ graceMs }, 'requests still running after the grace period; closing their connections')
        server.closeAllConnections()
      }, graceMs)
      await closed
      clearTimeout(cut)
      await scheduler.stop()
      await pruning.stop()
      await connection.close()
    },
  }
}
