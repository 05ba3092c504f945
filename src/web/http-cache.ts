import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'
import type { Context, MiddlewareHandler } from 'hono'
import { routePath } from 'hono/route'
import type { ContentVersionReader } from '../db/content-version.ts'
import type { Db } from '../db/database.ts'
import { languageOfRequest } from '../i18n/middleware.ts'
import { nextPublicClockChange } from '../news/post.service.ts'
import { SESSION_COOKIE } from './auth.ts'
import type { AppEnv } from './env.ts'
import { type CachedResponse, compress, type Encoding, encodedEtag, etagOf, isCompressible, negotiateEncoding,
  type PageCache } from './page-cache.ts'

/** Browsers check back every time (a 304 costs little); a CDN may keep a page half a minute and serve it stale while it refetches. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=0, s-maxage=30, stale-while-revalidate=60'
const PERSONAL_CACHE_CONTROL = 'private, no-cache'

// Admin pages are never kept anywhere; uploaded files, health and metrics answer for themselves.
const NEVER_STORED = /^\/admin(\/|$)/
const OWN_CACHING = /^\/(files|healthz|readyz|metrics)(\/|$)/
// Headers that belong to one exchange, not to the representation.
const EXCHANGE_HEADERS = new Set(['set-cookie', 'date', 'content-length', 'content-encoding', 'transfer-encoding', 'connection',
  'keep-alive', 'etag', 'x-cache'])
const SESSION_COOKIE_PATTERN = new RegExp(`(^|;\\s*)${SESSION_COOKIE}=`)

export interface HttpCachingOptions {
  /** null: nothing kept in memory (CACHE=off), but validators, compression and headers as usual. */
  cache: PageCache | null
  contentVersion: ContentVersionReader
  db: Db
  /** The site's public address, when links are written for it rather than for the request's origin. */
  publicUrl: string | null
}

/** What a request asks of the cache: its key, or null when it must neither read nor fill it. */
interface CacheRequest {
  method: string
  url: URL
  header(name: string): string | undefined
}

function keyOf(request: CacheRequest, publicUrl: string | null): string | null {
  const { pathname } = request.url
  if ((request.method !== 'GET' && request.method !== 'HEAD') || OWN_CACHING.test(pathname) || NEVER_STORED.test(pathname)) return null
  // Signed-in editors and token holders are answered afresh, and their answers are not kept.
  if (request.header('authorization') || SESSION_COOKIE_PATTERN.test(request.header('cookie') ?? '')) return null
  const lang = languageOfRequest(pathname, request.header('accept-language'))
  // Links are absolute in feeds and canonical tags: they follow the origin asked for unless PUBLIC_URL fixes it.
  return `${lang} ${publicUrl ?? request.url.origin} ${pathname}${request.url.search}`
}

/** The answer for an entry: 304 when the client has it, else the body in the best coding it accepts. */
function representation(entry: CachedResponse, acceptEncoding: string | undefined, ifNoneMatch: string | undefined, outcome: string | null) {
  const encoding = entry.compressible ? negotiateEncoding(acceptEncoding) : null
  const headers: OutgoingHttpHeaders = { ...entry.headers, etag: encodedEtag(entry.etag, encoding) }
  if (outcome) headers['x-cache'] = outcome
  if (matches(ifNoneMatch, entry.etag)) {
    delete headers['content-type']
    return { status: 304, headers, body: null, encoding: null }
  }
  if (encoding) headers['content-encoding'] = encoding
  return { status: entry.status, headers, body: encoding ? entry.encoded[encoding] ?? null : entry.body, encoding }
}

/**
 * Public GET responses: served from memory while the content version and the clock say they are
 * current, with a strong ETag, 304 on a match, and brotli or gzip made once per body. Requests of a
 * signed-in editor or an API token holder neither read nor fill the cache. Placed before the
 * middleware that adds security and language headers, so a kept response has them all.
 */
export function httpCaching({ cache, contentVersion, db, publicUrl }: HttpCachingOptions): MiddlewareHandler<AppEnv> {
  const clockChange = clockChangeByVersion(db)
  return async (c, next) => {
    const request: CacheRequest = { method: c.req.method, url: new URL(c.req.url), header: (name) => c.req.header(name) }
    const path = request.url.pathname
    if ((request.method !== 'GET' && request.method !== 'HEAD') || OWN_CACHING.test(path)) return next()
    if (NEVER_STORED.test(path)) {
      await next()
      const headers = new Headers(c.res.headers)
      headers.set('cache-control', 'no-store')
      replaceResponse(c, new Response(c.res.body, { status: c.res.status, headers }))
      return
    }
    const personal = !keyOf(request, publicUrl)
    let key = cache ? keyOf(request, publicUrl) : null
    // Read before rendering: the page then shows at least what this version committed.
    const version = key ? await contentVersion().catch(() => null) : 0
    // Without the version nothing can be kept; the page itself says what is wrong with the database.
    if (version === null) key = null
    const now = Date.now()
    const hit = key ? cache!.lookup(key, version!, now) : undefined
    if (hit) return respond(c, hit, cache, key, 'hit')
    await next()
    const response = c.res
    if (response.status !== 200 || response.headers.has('set-cookie')) return
    const handlerControl = response.headers.get('cache-control') ?? ''
    if (/no-store|private/.test(handlerControl)) return
    const immutable = handlerControl.includes('immutable')
    // Headers first: @hono/node-server's light Response forgets headers set after it was made once its body is read.
    const headers: Record<string, string> = {}
    response.headers.forEach((value, name) => {
      if (!EXCHANGE_HEADERS.has(name)) headers[name] = value
    })
    const handlerEtag = response.headers.get('etag')
    const body = Buffer.from(await response.arrayBuffer())
    headers['cache-control'] = immutable ? handlerControl : personal ? PERSONAL_CACHE_CONTROL : PUBLIC_CACHE_CONTROL
    const compressible = isCompressible(headers['content-type'], body.length)
    // Alongside what the page already varies on (Accept-Language for unprefixed pages).
    if (compressible) headers.vary = headers.vary ? `${headers.vary}, Accept-Encoding` : 'Accept-Encoding'
    const entry: CachedResponse = {
      version: immutable ? null : version!,
      validUntil: immutable || !key ? Number.POSITIVE_INFINITY : await clockChange(version!, now),
      status: 200, headers, body, compressible, encoded: {},
      etag: handlerEtag ?? etagOf(body),
      route: routePath(c, -1),
    }
    if (key) cache!.store(key, entry)
    return respond(c, entry, key ? cache : null, key, key ? 'miss' : null)
  }
}

/** `outcome` goes out as X-Cache, for operators and tests: whether memory answered. */
async function respond(c: Context<AppEnv>, entry: CachedResponse, cache: PageCache | null, key: string | null, outcome: 'hit' | 'miss' | null) {
  const answer = representation(entry, c.req.header('accept-encoding'), c.req.header('if-none-match'), outcome)
  let body = answer.body
  if (answer.encoding && !body) {
    body = await compress(entry.body, answer.encoding)
    if (cache && key) cache.addEncoded(key, entry, answer.encoding, body)
  }
  const headers = new Headers()
  for (const [name, value] of Object.entries(answer.headers)) headers.set(name, String(value))
  replaceResponse(c, new Response(body && new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength), { status: answer.status, headers }))
}

/**
 * Sets the response whole. Hono would merge it with the old one's headers, and c.header() after
 * the handler rebuilds the response from its first headers, losing those added since (the security headers).
 */
function replaceResponse(c: Context<AppEnv>, response: Response) {
  c.res = undefined as unknown as Response
  c.res = response
}

/**
 * In front of the application: answers a request whose current response is in memory straight
 * from Node's HTTP server, without building a Request, routing or running middleware; returns
 * false to let the application answer. The same entries, keys and rules as the middleware.
 */
export function cacheFront({ cache, contentVersion, publicUrl }: Omit<HttpCachingOptions, 'db'>,
  observe: (route: string, method: string, status: number, started: number) => void) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if (!cache) return false
    const started = performance.now()
    const request: CacheRequest = {
      method: req.method ?? 'GET',
      url: new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`),
      header: (name) => {
        const value = req.headers[name]
        return Array.isArray(value) ? value.join(', ') : value
      },
    }
    const key = keyOf(request, publicUrl)
    if (!key) return false
    // Nothing kept: no need to ask the database for the version; the application will.
    if (!cache.has(key)) return false
    // A stale entry is the application's miss to count, when it renders the page again.
    const hit = cache.lookup(key, await contentVersion(), Date.now(), { countMiss: false })
    if (!hit) return false
    const answer = representation(hit, request.header('accept-encoding'), request.header('if-none-match'), 'hit')
    // A coding not made yet is made by the application, once.
    if (answer.status === 200 && !answer.body) return false
    if (answer.body) answer.headers['content-length'] = answer.body.length
    res.writeHead(answer.status, answer.headers)
    res.end(request.method === 'HEAD' ? undefined : answer.body ?? undefined)
    observe(hit.route, request.method, answer.status, started)
    return true
  }
}

/** If-None-Match compares weakly: any coded form of the same body, with or without W/, is a match. */
function matches(header: string | undefined, etag: string) {
  if (!header) return false
  if (header.trim() === '*') return true
  const base = etag.slice(1, -1)
  return header.split(',').some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, '').replace(/^"|"$/g, '')
    return tag === base || tag === `${base}-br` || tag === `${base}-gzip`
  })
}

/** When cached pages of a content version stop being current by the clock; read once per version and day. */
function clockChangeByVersion(db: Db) {
  let known: { version: number; until: number } | null = null
  return async (version: number, now: number) => {
    if (known && known.version === version && now < known.until) return known.until
    const until = await nextPublicClockChange(db, new Date(now))
    known = { version, until }
    return until
  }
}

export type { Encoding }
