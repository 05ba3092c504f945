import { sql } from 'kysely'
import type { Db } from '../db/database.ts'

/** The records a restore must not overwrite, and the counts a manifest reports. */
export const COUNTED_TABLES = ['post', 'activity', 'person', 'organization', 'publication', 'stored_file'] as const
export type CountedTable = (typeof COUNTED_TABLES)[number]

export async function countRecords(db: Db, options: { missingTablesAreEmpty?: boolean } = {}): Promise<Record<CountedTable, number>> {
  const counts: Partial<Record<CountedTable, number>> = {}
  for (const table of COUNTED_TABLES) {
    const query = db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    // A database an older Chronicle made may lack a later table; only outside a transaction (PostgreSQL aborts one).
    const row = options.missingTablesAreEmpty ? await query.catch(() => ({ n: 0 })) : await query
    counts[table] = Number(row.n)
  }
  return counts as Record<CountedTable, number>
}

/** Names of the migrations the database has run; empty when it has none (a brand-new database). */
export async function findAppliedMigrations(db: Db): Promise<string[]> {
  const exists = await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(db).then(() => true, () => false)
  if (!exists) return []
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db)
  return rows.map((r) => r.name)
}

export function listStoredFileHashes(db: Db) {
  return db.selectFrom('stored_file').select('sha256').orderBy('sha256').execute().then((rows) => rows.map((r) => r.sha256))
}

/** The id of a snapshot other sessions (pg_dump --snapshot) can read; PostgreSQL only, inside a transaction. */
export async function exportSnapshot(db: Db): Promise<string> {
  const { rows } = await sql<{ snapshot: string }>`select pg_export_snapshot() as snapshot`.execute(db)
  return rows[0]!.snapshot
}

/**
 * Empties a PostgreSQL database's schema so pg_restore can recreate it as the backup had it; only called once
 * the database is known to hold no records. pg_restore --clean cannot do it: it trips over partitioned tables.
 */
export async function dropPublicSchema(db: Db) {
  await sql`drop schema public cascade`.execute(db)
  await sql`create schema public`.execute(db)
}

export interface FileReferences {
  files: { sha256: string; size: number; mime: string; createdAt: string }[]
  attachments: { publication: string; sha256: string; label: string | null; fileName: string; position: number }[]
  photos: { person: string; sha256: string }[]
}

/** Uploaded files and what uses them, by slug and hash: what archive.json leaves out and a cross-engine restore needs. */
export async function listFileReferences(db: Db): Promise<FileReferences> {
  const files = await db.selectFrom('stored_file').select(['sha256', 'size', 'mime', 'created_at']).orderBy('sha256').execute()
  const attachments = await db.selectFrom('publication_file as pf')
    .innerJoin('publication as p', 'p.id', 'pf.publication_id').innerJoin('stored_file as f', 'f.id', 'pf.file_id')
    .select(['p.slug', 'f.sha256', 'pf.label', 'pf.file_name', 'pf.position'])
    .orderBy('p.slug').orderBy('pf.position').execute()
  const photos = await db.selectFrom('person as p').innerJoin('stored_file as f', 'f.id', 'p.photo_file_id')
    .select(['p.slug', 'f.sha256']).orderBy('p.slug').execute()
  return {
    files: files.map((f) => ({ sha256: f.sha256, size: Number(f.size), mime: f.mime, createdAt: f.created_at })),
    attachments: attachments.map((a) => ({ publication: a.slug, sha256: a.sha256, label: a.label, fileName: a.file_name, position: a.position })),
    photos: photos.map((p) => ({ person: p.slug, sha256: p.sha256 })),
  }
}

/** Puts the file rows and their uses back after the records were imported; slugs and hashes find the new ids. */
export async function insertFileReferences(db: Db, references: FileReferences) {
  const idOf = new Map<string, number>()
  for (const file of references.files) {
    const row = await db.insertInto('stored_file')
      .values({ sha256: file.sha256, size: file.size, mime: file.mime, created_at: file.createdAt })
      .returning('id').executeTakeFirstOrThrow()
    idOf.set(file.sha256, row.id)
  }
  for (const a of references.attachments) {
    const publication = await db.selectFrom('publication').select('id').where('slug', '=', a.publication).executeTakeFirstOrThrow()
    await db.insertInto('publication_file').values({
      publication_id: publication.id, file_id: idOf.get(a.sha256)!, label: a.label, file_name: a.fileName, position: a.position,
    }).execute()
  }
  for (const p of references.photos) {
    await db.updateTable('person').set({ photo_file_id: idOf.get(p.sha256)! }).where('slug', '=', p.person).execute()
  }
}
