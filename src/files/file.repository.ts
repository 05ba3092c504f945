import type { Insertable } from 'kysely'
import type { Db, StoredFileTable } from '../db/database.ts'

export function findStoredFileBySha256(db: Db, sha256: string) {
  return db.selectFrom('stored_file').selectAll().where('sha256', '=', sha256).executeTakeFirst()
}

export function findStoredFilesByIds(db: Db, ids: number[]) {
  if (!ids.length) return Promise.resolve([])
  return db.selectFrom('stored_file').selectAll().where('id', 'in', ids).execute()
}

/** Inserts the row unless the same bytes are already stored (two uploads may race); either way returns the row. */
export async function insertStoredFile(db: Db, row: Insertable<StoredFileTable>) {
  await db.insertInto('stored_file').values(row).onConflict((oc) => oc.column('sha256').doNothing()).execute()
  return db.selectFrom('stored_file').selectAll().where('sha256', '=', row.sha256).executeTakeFirstOrThrow()
}

/** The names a file is attached under, on publications; a person's photo has none of its own. */
export function findAttachmentNamesOfFile(db: Db, fileId: number) {
  return db.selectFrom('publication_file').select('file_name').where('file_id', '=', fileId)
    .orderBy('publication_id').orderBy('position').execute()
}

export async function isFileUsedAsPhoto(db: Db, fileId: number) {
  return !!(await db.selectFrom('person').select('id').where('photo_file_id', '=', fileId).executeTakeFirst())
}
