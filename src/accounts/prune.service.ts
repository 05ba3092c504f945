import type { SecurityConfig } from '../config.ts'
import type { Db } from '../db/database.ts'
import { deleteAuditEntriesBefore, hasAuditEntriesBefore } from './audit.repository.ts'
import { deleteLoginAttemptsBefore, hasLoginAttemptsBefore } from './login-attempt.repository.ts'
import { deleteEndedSessions, hasEndedSessions } from './session.repository.ts'

const DAY_MS = 86_400_000

export interface Pruned {
  loginAttempts: number
  sessions: number
  auditEntries: number
}

/**
 * Removes what the accounts no longer need: sign-in attempts older than a day (locks look back minutes),
 * sessions past their end or idle too long, and audit entries older than the retention. Each kind is asked
 * for first and deleted only when there is some, so that a run with nothing to remove writes nothing
 * (on SQLite any write can fail another process's transaction; see publishDueScheduledPosts).
 */
export async function pruneAccountRecords(db: Db, policy: Pick<SecurityConfig, 'loginLockMinutes' | 'sessionIdleMinutes' | 'auditRetentionDays'>,
  now = new Date()): Promise<Pruned> {
  const at = now.getTime()
  const attemptsBefore = new Date(at - Math.max(DAY_MS, policy.loginLockMinutes * 60_000)).toISOString()
  const idleBefore = new Date(at - policy.sessionIdleMinutes * 60_000).toISOString()
  const auditBefore = new Date(at - policy.auditRetentionDays * DAY_MS).toISOString()
  return {
    loginAttempts: await hasLoginAttemptsBefore(db, attemptsBefore) ? await deleteLoginAttemptsBefore(db, attemptsBefore) : 0,
    sessions: await hasEndedSessions(db, now.toISOString(), idleBefore) ? await deleteEndedSessions(db, now.toISOString(), idleBefore) : 0,
    auditEntries: await hasAuditEntriesBefore(db, auditBefore) ? await deleteAuditEntriesBefore(db, auditBefore) : 0,
  }
}
