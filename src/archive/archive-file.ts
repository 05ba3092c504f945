import type { Kysely } from 'kysely'
import type { Database } from '../db/database.ts'
import { InvalidInputError } from '../lib/errors.ts'
import { ActivityRecordsSchema, ArchiveSchema } from './archive.schema.ts'
import { importActivityRecords, importArchive, type ImportSummary, type RecordImportOptions } from './archive.service.ts'
import { parseJsonFile, validateJsonFile } from './json-file.ts'

export type ImportFile =
  | { kind: 'archive'; archive: ReturnType<typeof ArchiveSchema.parse> }
  | { kind: 'records'; records: ReturnType<typeof ActivityRecordsSchema.parse> }

/** Reads either an archive export (an object) or a list of activity records (an array). */
export function readImportFile(text: string, fileName: string): ImportFile {
  const file = parseJsonFile(text, fileName)
  if (Array.isArray(file.value)) return { kind: 'records', records: validateJsonFile(file, ActivityRecordsSchema, fileName) }
  if (file.value && typeof file.value === 'object') return { kind: 'archive', archive: validateJsonFile(file, ArchiveSchema, fileName) }
  throw new InvalidInputError(`${fileName}, line 1: expected a Chronicle archive (an object) or a list of activity records (an array).`)
}

/** The whole file or nothing: a problem half-way rolls back what came before it. */
export function importFile(db: Kysely<Database>, file: ImportFile, actor: string, options: RecordImportOptions): Promise<ImportSummary> {
  return db.transaction().execute((trx) => file.kind === 'archive'
    ? importArchive(trx, file.archive, actor)
    : importActivityRecords(trx, file.records, actor, options))
}
