import { z } from 'zod'

export const BACKUP_FORMAT = 'chronicle-backup'
export const BACKUP_FORMAT_VERSION = 1

/** The portable export every backup carries; it is what restores into the other engine. */
export const ARCHIVE_ENTRY = 'archive.json'
export const MANIFEST_ENTRY = 'manifest.json'
/** Uploaded files' rows and their uses (attachments, photos) by slug: archive.json does not carry them. */
export const FILE_REFERENCES_ENTRY = 'files.json'
export const NATIVE_ENTRY = { sqlite: 'database.sqlite', postgres: 'database.pgdump' } as const
export const FILES_PREFIX = 'files/'

const EntrySchema = z.object({
  name: z.string().min(1),
  size: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
})

/** manifest.json, the first entry of a backup: what the other entries must be, byte for byte. */
export const ManifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int().min(1),
  createdAt: z.string(),
  engine: z.enum(['sqlite', 'postgres']),
  /** Migrations applied to the database the backup was taken from, by name. */
  schema: z.array(z.string()),
  /** The engine's own copy (keeps accounts and history), or null with the reason in `nativeNote`. */
  native: z.string().nullable(),
  nativeNote: z.string().optional(),
  counts: z.record(z.string(), z.number().int().min(0)),
  entries: z.array(EntrySchema),
})

export type Manifest = z.infer<typeof ManifestSchema>
export type ManifestEntry = z.infer<typeof EntrySchema>
