import { createHash, randomBytes } from 'node:crypto'
import type { SecurityConfig } from '../config.ts'
import type { Db } from '../db/database.ts'
import * as repo from './session.repository.ts'

export const newToken = (bytes = 32) => randomBytes(bytes).toString('base64url')
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex')

// Writing last_seen on every request would turn every read into a write.
const TOUCH_EVERY_MS = 60_000

export interface SessionContext {
  ip: string | null
  userAgent: string | null
}

/** Starts a session; the returned token goes in the cookie, only its hash in the database. */
export async function startSession(db: Db, userId: number, secondFactorDue: boolean, context: SessionContext,
  policy: SecurityConfig, now = new Date()) {
  const token = newToken()
  await repo.insertSession(db, {
    id: tokenHash(token), user_id: userId, csrf_token: newToken(24), second_factor_due: secondFactorDue ? 1 : 0,
    created_at: now.toISOString(), last_seen_at: now.toISOString(),
    expires_at: new Date(now.getTime() + policy.sessionMaxHours * 3_600_000).toISOString(),
    ip: context.ip, user_agent: context.userAgent?.slice(0, 300) ?? null,
  })
  return token
}

export type ActiveSession = NonNullable<Awaited<ReturnType<typeof repo.findSessionWithUser>>>

/** The session behind a cookie token, or null when it is unknown, idle too long, past its end, or its user disabled. */
export async function findActiveSession(db: Db, token: string, policy: SecurityConfig, now = new Date()): Promise<ActiveSession | null> {
  if (!token || token.length > 100) return null
  const session = await repo.findSessionWithUser(db, tokenHash(token))
  if (!session) return null
  const idleSince = now.getTime() - Date.parse(session.last_seen_at)
  if (session.disabled_at || Date.parse(session.expires_at) <= now.getTime() || idleSince > policy.sessionIdleMinutes * 60_000) {
    await repo.deleteSession(db, session.id)
    return null
  }
  if (idleSince > TOUCH_EVERY_MS) await repo.touchSession(db, session.id, now.toISOString())
  return session
}

export const endSession = (db: Db, sessionId: string) => repo.deleteSession(db, sessionId)
export const endAllSessions = (db: Db, userId: number) => repo.deleteSessionsOfUser(db, userId)
export const completeSecondFactor = (db: Db, sessionId: string) => repo.clearSecondFactor(db, sessionId)
