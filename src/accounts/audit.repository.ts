import type { Insertable } from 'kysely'
import type { AuditLogTable, Db } from '../db/database.ts'

export function insertAuditEntry(db: Db, row: Insertable<AuditLogTable>) {
  return db.insertInto('audit_log').values(row).execute()
}

export function listAuditEntries(db: Db, limit: number, offset: number) {
  return db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit).offset(offset).execute()
}
