import type { Insertable } from 'kysely'
import type { AuditLogTable, Db } from '../db/database.ts'

export function insertAuditEntry(db: Db, row: Insertable<AuditLogTable>) {
  return db.insertInto('audit_log').values(row).execute()
}

/** Whether any entry is older than `before`, and removing them: pruning checks first so that an idle run writes nothing. */
export async function hasAuditEntriesBefore(db: Db, before: string) {
  return !!await db.selectFrom('audit_log').select('id').where('at', '<', before).limit(1).executeTakeFirst()
}

export async function deleteAuditEntriesBefore(db: Db, before: string) {
  const result = await db.deleteFrom('audit_log').where('at', '<', before).executeTakeFirst()
  return Number(result.numDeletedRows)
}

export function listAuditEntries(db: Db, limit: number, offset: number) {
  return db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit).offset(offset).execute()
}
