import type { Db } from '../db/database.ts'
import { nowIso } from '../lib/time.ts'
import { insertAuditEntry, listAuditEntries } from './audit.repository.ts'

export interface AuditEntry {
  action: string
  userId?: number | null
  email?: string | null
  targetType?: string | null
  targetId?: number | null
  ip?: string | null
  detail?: Record<string, unknown> | string | null
}

/** Sign-ins and admin actions, for admins to read later. */
export function audit(db: Db, entry: AuditEntry, now = new Date()) {
  return insertAuditEntry(db, {
    at: nowIso(now), action: entry.action, user_id: entry.userId ?? null, email: entry.email ?? null,
    target_type: entry.targetType ?? null, target_id: entry.targetId ?? null, ip: entry.ip ?? null,
    detail: entry.detail == null ? null : typeof entry.detail === 'string' ? entry.detail : JSON.stringify(entry.detail),
  })
}

export { listAuditEntries }
