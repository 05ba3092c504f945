import { resolve } from 'node:path'
import { z } from 'zod'

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('data'),
  DATABASE_URL: z.string().optional(),
  // Uploaded files; servers sharing one database must share this directory too (default: DATA_DIR/files).
  FILES_DIR: z.string().optional(),
  // The address readers use, e.g. https://news.opinions.kz, for absolute links in feeds, calendars and sitemaps.
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  // "production" makes PUBLIC_URL required: without it links are built from the request's Host header.
  NODE_ENV: z.string().optional(),
  // "0" keeps a new database empty instead of loading the demo archive.
  DEMO_ARCHIVE: z.enum(['0', '1']).default('1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(120),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).default(12),
  // Each failed sign-in after the fifth waits this long before the answer, to slow guessing.
  LOGIN_SLOWDOWN_MS: z.coerce.number().int().min(0).default(1000),
  LOGIN_LOCK_AFTER: z.coerce.number().int().min(1).default(20),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  // Audit entries older than this are removed by the hourly pruning (sign-in attempts after a day, ended sessions at once).
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).default(365),
  UPLOAD_MAX_MB: z.coerce.number().positive().default(25),
  // "auto": Secure cookies when the request came over HTTPS (directly or through a proxy that says so).
  SECURE_COOKIES: z.enum(['auto', 'always', 'never']).default('auto'),
  // How many reverse proxies stand in front (0: none). Only then are X-Forwarded-For and X-Forwarded-Proto believed.
  TRUST_PROXY: z.coerce.number().int('TRUST_PROXY is the number of proxies in front, such as 1').min(0).max(10).default(0),
  // "off" renders every public page afresh (for measuring); validators and compression stay.
  CACHE: z.enum(['on', 'off']).default('on'),
  CACHE_MAX_MB: z.coerce.number().positive().default(64),
  // Who may read /metrics (Authorization: Bearer …); unset, /metrics is not served.
  METRICS_TOKEN: z.string().min(16, 'use at least 16 characters').optional(),
  // On SIGTERM, requests in flight get this long to finish before their connections are cut.
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).max(600).default(10),
  // The slug of the organization whose staff insights and reports are about; unset, the one most people belong to.
  INSTITUTE: z.string().regex(/^[a-z0-9-]+$/, 'use the organization\'s slug, e.g. public-opinion-research-institute').optional(),
})

export interface Config {
  port: number
  host: string
  dataDir: string
  databaseUrl: string
  loadDemo: boolean
  logLevel: string
  publicUrl: string | null
  filesDir: string
  security: SecurityConfig
  /** Bytes of rendered public pages kept in memory; 0 keeps none. */
  cacheBytes: number
  metricsToken: string | null
  /** The INSTITUTE setting: an organization's slug, or null to take the one most people belong to. */
  institute: string | null
  /** How long a stopping server waits for requests in flight. */
  shutdownGraceMs: number
  /** NODE_ENV=production: the server refuses to start without PUBLIC_URL. */
  production: boolean
}

export interface SecurityConfig {
  sessionIdleMinutes: number
  sessionMaxHours: number
  loginSlowdownMs: number
  loginLockAfter: number
  loginLockMinutes: number
  uploadMaxBytes: number
  secureCookies: 'auto' | 'always' | 'never'
  auditRetentionDays: number
  /** Reverse proxies in front whose X-Forwarded-* headers are believed; 0 believes none. */
  trustProxy: number
}

export const DEFAULT_SECURITY: Readonly<SecurityConfig> = Object.freeze({
  sessionIdleMinutes: 120, sessionMaxHours: 12, loginSlowdownMs: 1000, loginLockAfter: 20, loginLockMinutes: 15,
  uploadMaxBytes: 25 * 1024 * 1024, secureCookies: 'auto', auditRetentionDays: 365, trustProxy: 0,
})

/** The environment, read once; nothing else reads process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const parsed = EnvSchema.safeParse(env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new Error(`Invalid configuration: ${problems}`)
  }
  const e = parsed.data
  const dataDir = resolve(e.DATA_DIR)
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL ?? `sqlite:${resolve(dataDir, 'chronicle.db')}`,
    loadDemo: e.DEMO_ARCHIVE === '1',
    logLevel: e.LOG_LEVEL,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, '') ?? null,
    filesDir: resolve(e.FILES_DIR ?? resolve(dataDir, 'files')),
    cacheBytes: e.CACHE === 'off' ? 0 : Math.round(e.CACHE_MAX_MB * 1024 * 1024),
    metricsToken: e.METRICS_TOKEN ?? null,
    institute: e.INSTITUTE ?? null,
    shutdownGraceMs: Math.round(e.SHUTDOWN_GRACE_SECONDS * 1000),
    production: e.NODE_ENV === 'production',
    security: Object.freeze({
      sessionIdleMinutes: e.SESSION_IDLE_MINUTES, sessionMaxHours: e.SESSION_MAX_HOURS, loginSlowdownMs: e.LOGIN_SLOWDOWN_MS,
      loginLockAfter: e.LOGIN_LOCK_AFTER, loginLockMinutes: e.LOGIN_LOCK_MINUTES,
      uploadMaxBytes: Math.round(e.UPLOAD_MAX_MB * 1024 * 1024), secureCookies: e.SECURE_COOKIES,
      auditRetentionDays: e.AUDIT_RETENTION_DAYS, trustProxy: e.TRUST_PROXY,
    }),
  })
}
