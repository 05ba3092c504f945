import { timingSafeEqual } from 'node:crypto'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context, MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { authenticateApiToken } from '../accounts/token.service.ts'
import { findActiveSession, newToken } from '../accounts/session.service.ts'
import { hasRole } from '../accounts/user.service.ts'
import type { UserRole } from '../db/database.ts'
import type { SecurityConfig } from '../config.ts'
import { ForbiddenError, DomainError } from '../lib/errors.ts'
import type { AppEnv } from './env.ts'

export const SESSION_COOKIE = 'chronicle_session'
export const LOGIN_CSRF_COOKIE = 'chronicle_form'

export class AuthenticationRequiredError extends DomainError {
  constructor(message = 'Sign in first.') {
    super('authentication_required', message)
  }
}

export class CsrfError extends DomainError {
  constructor() {
    super('csrf_failed', 'This form has expired or was sent from another site, so nothing was changed. Reload the page and try again.')
  }
}

/**
 * The visitor's address, for sign-in locks and the audit log. Behind TRUST_PROXY proxies it is the entry of
 * X-Forwarded-For that the outermost trusted proxy added; entries further left were sent by the client and
 * could be anything. Without trusted proxies the header is ignored: anyone can send it.
 */
export function clientAddress(c: Context) {
  const trusted = (c.get('security') as SecurityConfig | undefined)?.trustProxy ?? 0
  if (trusted > 0) {
    const forwarded = (c.req.header('x-forwarded-for') ?? '').split(',').map((part) => part.trim()).filter(Boolean)
    const seen = forwarded[forwarded.length - trusted]
    if (seen && seen.length <= 100) return seen
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    return 'unknown'
  }
}

function isHttps(c: Context<AppEnv>) {
  const mode = c.var.security.secureCookies
  if (mode !== 'auto') return mode === 'always'
  if (new URL(c.req.url).protocol === 'https:') return true
  // A proxy that ends TLS says so; from anyone else the header means nothing.
  return c.var.security.trustProxy > 0 && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https'
}

export function setSessionCookie(c: Context<AppEnv>, token: string) {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true, sameSite: 'Lax', secure: isHttps(c), path: '/', maxAge: c.var.security.sessionMaxHours * 3600,
  })
}

export function clearSessionCookie(c: Context<AppEnv>) {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c) })
}

/** Loads the session behind the cookie, on admin routes only: public pages stay cookie-free. */
export const loadSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = getCookie(c, SESSION_COOKIE)
  const session = token ? await findActiveSession(c.var.db, token, c.var.security) : null
  if (token && !session) clearSessionCookie(c)
  c.set('session', session)
  await next()
}

/**
 * The token a form must send back. Signed-in forms use the session's token; the sign-in form,
 * before any session, uses a random value kept in a cookie (double submit).
 */
export function csrfToken(c: Context<AppEnv>) {
  if (c.var.session) return c.var.session.csrf_token
  let token = getCookie(c, LOGIN_CSRF_COOKIE)
  if (!token || token.length > 100) {
    token = newToken(24)
    setCookie(c, LOGIN_CSRF_COOKIE, token, { httpOnly: true, sameSite: 'Strict', secure: isHttps(c), path: '/admin' })
  }
  return token
}

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a), y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

// A malformed Origin is a refusal like a foreign one, not a server error.
const hostOf = (url: string) => URL.parse(url)?.host ?? null

/** Refuses a state-changing request without the right token, or sent from another site, before it changes anything. */
export const verifyCsrf: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (SAFE_METHODS.has(c.req.method)) return next()
  const origin = c.req.header('origin')
  if (origin && origin !== 'null' && hostOf(origin) !== new URL(c.req.url).host) throw new CsrfError()
  if (c.req.header('sec-fetch-site') === 'cross-site') throw new CsrfError()
  const expected = c.var.session?.csrf_token ?? getCookie(c, LOGIN_CSRF_COOKIE)
  let sent = c.req.header('x-csrf-token')
  if (!sent) {
    const type = c.req.header('content-type') ?? ''
    if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
      const body = await c.req.parseBody()
      sent = typeof body._csrf === 'string' ? body._csrf : undefined
    }
  }
  if (!expected || !sent || !sameText(expected, sent)) throw new CsrfError()
  await next()
}

/** Lets only signed-in users of at least this role through; the rest go to sign in or get a 403. */
export function requireRole(role: UserRole): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const session = c.var.session
    if (!session || session.second_factor_due) {
      if (c.req.method === 'GET') {
        const next = new URL(c.req.url)
        const target = session ? '/admin/login/code' : `/admin/login?next=${encodeURIComponent(next.pathname + next.search)}`
        return c.redirect(target, 303)
      }
      throw new AuthenticationRequiredError()
    }
    if (!hasRole(session.role, role)) throw new ForbiddenError(`This needs the ${role} role; your account is ${session.role}.`)
    await next()
  }
}

/** Reads `Authorization: Bearer chr_…` for the write API; a bad token is refused rather than ignored. */
export const loadApiCaller: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header('authorization')
  c.set('apiCaller', null)
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header)
    const row = match ? await authenticateApiToken(c.var.db, match[1]!) : null
    if (!row) throw new AuthenticationRequiredError('The access token is unknown, revoked, or its account is disabled.')
    c.set('apiCaller', { userId: row.user_id, email: row.email, role: row.role, scope: row.scope })
  }
  await next()
}

/** For write API routes: a token with write scope whose user has at least this role. */
export function requireApiWrite(role: UserRole): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const caller = c.var.apiCaller
    if (!caller) throw new AuthenticationRequiredError('Send a personal access token: Authorization: Bearer chr_…')
    if (caller.scope !== 'write') throw new ForbiddenError('This token may only read; create a token with write scope.')
    if (!hasRole(caller.role, role)) throw new ForbiddenError(`This needs the ${role} role; the token’s account is ${caller.role}.`)
    await next()
  }
}
