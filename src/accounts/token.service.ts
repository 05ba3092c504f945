import type { Db } from '../db/database.ts'
import { InvalidInputError, NotFoundError } from '../lib/errors.ts'
import { nowIso } from '../lib/time.ts'
import { newToken, tokenHash } from './session.service.ts'
import * as repo from './token.repository.ts'

export const TOKEN_PREFIX = 'chr_'

/** A personal access token; the plain text is shown once, only its hash is kept. */
export async function createApiToken(db: Db, userId: number, name: string, scope: 'read' | 'write', now = new Date()) {
  const label = name.trim()
  if (!label || label.length > 100) throw new InvalidInputError('Give the token a name of 1 to 100 characters, e.g. “website sync”.')
  const token = `${TOKEN_PREFIX}${newToken()}`
  const id = await repo.insertApiToken(db, { user_id: userId, name: label, token_hash: tokenHash(token), scope, created_at: nowIso(now) })
  return { id, token }
}

export async function revokeApiToken(db: Db, userId: number, id: number, now = new Date()) {
  const result = await repo.revokeApiToken(db, id, userId, nowIso(now))
  if (!Number(result.numUpdatedRows)) throw new NotFoundError('token', id)
}

/** The user and scope behind a bearer token, or null for an unknown, revoked or disabled one. */
export async function authenticateApiToken(db: Db, token: string, now = new Date()) {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null
  const row = await repo.findApiTokenWithUser(db, tokenHash(token))
  if (!row || row.revoked_at || row.disabled_at) return null
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > 60_000) await repo.touchApiToken(db, row.id, nowIso(now))
  return row
}

export const listApiTokens = repo.listApiTokensOf
