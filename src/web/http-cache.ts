import type { Context, MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import type { ContentVersionReader } from '../db/content-version.ts'
import { currentLocale } from '../i18n/locale.ts'
import { nextPublicClockChange } from '../news/post.service.ts'
import { SESSION_COOKIE } from './auth.ts'
import type { AppEnv } from './env.ts'
import { type CachedResponse, compress, type Encoding, encodedEtag, etagOf, isCompressible, negotiateEncoding,
  type PageCache } from './page-cache.ts'

/** Browsers check back every time (a 304 costs little); a CDN may keep a page half a minute and serve it stale while it refetches. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=0, s-maxage=30, stale-while-revalidate=60'
const PERSONAL_CACHE_CONTROL = 'private, no-cache'

// Admin pages are never kept anywhere; uploaded files and health checks answer for themselves.
const NEVER_STORED = /^\/admin(\/|$)/
const OWN_CACHING = /^\/(files|health|metrics)(\/|$)/
// Headers that belong to one exchange, not to the representation.
const EXCHANGE_HEADERS = new Set(['set-cookie', 'date', 'content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive'])

export interface HttpCachingOptions {
  /** null: nothing kept in memory (CACHE=off), but validators, compression and headers as usual. */
  cache: PageCache | null
  contentVersion: ContentVersionReader
}

/**
 * Public GET responses: served from memory while the content version and the clock say they are
 * current, with a strong ETag, 304 on a match, and brotli or gzip made once per body. Requests of a
 * signed-in editor or an API token holder neither read nor fill the cache.
 */
export function httpCaching({ cache, contentVersion }: HttpCachingOptions): MiddlewareHandler<AppEnv> {
  const clockChange = clockChangeByVersion()
  return async (c, next) => {
    const path = c.req.path
    // HEAD runs the GET handler; Hono drops the body afterwards.
    if ((c.req.method !== 'GET' && c.req.method !== 'HEAD') || OWN_CACHING.test(path)) return next()
    if (NEVER_STORED.test(path)) {
      await next()
      c.header('cache-control', 'no-store')
      return
    }
    const personal = !!(getCookie(c, SESSION_COOKIE) || c.req.header('authorization'))
    const key = personal || !cache ? null : keyOf(c)
    // Read before rendering: the page then shows at least what this version committed.
    const version = key ? await contentVersion() : 0
    const now = Date.now()
    const hit = key ? cache!.lookup(key, version, now) : undefined
    if (hit) return respond(c, hit, cache, key, 'hit')
    await next()
    const response = c.res
    if (response.status !== 200 || response.headers.has('set-cookie')) return
    const handlerControl = response.headers.get('cache-control') ?? ''
    if (/no-store|private/.test(handlerControl)) return
    const immutable = handlerControl.includes('immutable')
    const body = Buffer.from(await response.arrayBuffer())
    const headers: [string, string][] = []
    response.headers.forEach((value, name) => {
      if (!EXCHANGE_HEADERS.has(name)) headers.push([name, value])
    })
    const entry: CachedResponse = {
      version: immutable ? null : version,
      validUntil: immutable || !key ? Number.POSITIVE_INFINITY : await clockChange(c, version, now),
      status: 200,
      headers: setHeader(headers, 'cache-control', immutable ? handlerControl : personal ? PERSONAL_CACHE_CONTROL : PUBLIC_CACHE_CONTROL),
      body,
      etag: response.headers.get('etag') ?? etagOf(body),
      compressible: isCompressible(response.headers.get('content-type') ?? undefined, body.length),
      encoded: {},
    }
    if (key) cache!.store(key, entry)
    return respond(c, entry, key ? cache : null, key, key ? 'miss' : null)
  }
}

/** The URL as asked, with the language chosen for it and the origin its links are written for. */
function keyOf(c: Context<AppEnv>) {
  const url = new URL(c.req.url)
  const { lang, origin } = currentLocale()
  return `${lang} ${origin} ${url.pathname}${url.search}`
}

function setHeader(headers: [string, string][], name: string, value: string): [string, string][] {
  return [...headers.filter(([n]) => n !== name), [name, value]]
}

/** `outcome` goes out as X-Cache, for operators and tests: whether memory answered. */
async function respond(c: Context<AppEnv>, entry: CachedResponse, cache: PageCache | null, key: string | null,
  outcome: 'hit' | 'miss' | null) {
  const encoding = entry.compressible ? negotiateEncoding(c.req.header('accept-encoding')) : null
  const etag = encodedEtag(entry.etag, encoding)
  const headers = new Headers(entry.headers)
  // Alongside what the page already varies on (Accept-Language for unprefixed pages).
  if (entry.compressible) headers.append('vary', 'Accept-Encoding')
  headers.set('etag', etag)
  if (outcome) headers.set('x-cache', outcome)
  if (matches(c.req.header('if-none-match'), entry.etag)) {
    headers.delete('content-type')
    replaceResponse(c, new Response(null, { status: 304, headers }))
    return
  }
  let body = entry.body
  if (encoding) {
    body = entry.encoded[encoding] ?? await encodedBody(entry, encoding, cache, key)
    headers.set('content-encoding', encoding)
  }
  replaceResponse(c, new Response(new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength), { status: entry.status, headers }))
}

/** Hono merges a new response's headers with the old one's; the cached headers are the whole truth. */
function replaceResponse(c: Context<AppEnv>, response: Response) {
  c.res = undefined as unknown as Response
  c.res = response
}

async function encodedBody(entry: CachedResponse, encoding: Encoding, cache: PageCache | null, key: string | null) {
  const bytes = await compress(entry.body, encoding)
  if (cache && key) cache.addEncoded(key, entry, encoding, bytes)
  return bytes
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
function clockChangeByVersion() {
  let known: { version: number; until: number } | null = null
  return async (c: Context<AppEnv>, version: number, now: number) => {
    if (known && known.version === version && now < known.until) return known.until
    const until = await nextPublicClockChange(c.var.db, new Date(now))
    known = { version, until }
    return until
  }
}
