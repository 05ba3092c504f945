import type { Kysely } from 'kysely'
import type { Database } from '../db/database.ts'
import { InvalidInputError } from '../lib/errors.ts'
import { ActivityRecordsSchema, ArchiveSchema } from './archive.schema.ts'
import {
  ArchiveReferenceError, type FilePath, importActivityRecords, importArchive, type ImportSummary, type RecordImportOptions,
} from './archive.service.ts'
import { formatPath, parseJsonFile, validateJsonFile } from './json-file.ts'

export type ImportFile = { name: string; lineOf(path: FilePath): number } & (
  | { kind: 'archive'; archive: ReturnType<typeof ArchiveSchema.parse> }
  | { kind: 'records'; records: ReturnType<typeof ActivityRecordsSchema.parse> })

/** Reads either an archive export (an object) or a list of activity records (an array). */
export function readImportFile(text: string, fileName: string): ImportFile {
  const file = parseJsonFile(text, fileName)
  const source = { name: fileName, lineOf: file.lineOf }
  if (Array.isArray(file.value)) {
    return { ...source, kind: 'records', records: validateJsonFile(file, ActivityRecordsSchema, fileName) }
  }
  if (file.value && typeof file.value === 'object') {
    return { ...source, kind: 'archive', archive: validateJsonFile(file, ArchiveSchema, fileName) }
  }
  throw new InvalidInputError(`${fileName}, line 1: expected a Chronicle archive (an object) or a list of activity records (an array).`)
}

/** The whole file or nothing: a problem half-way rolls back what came before it. */
export async function importFile(db: Kysely<Database>, file: ImportFile, actor: string,
  options: RecordImportOptions): Promise<ImportSummary> {
  try {
    return await db.transaction().execute((trx) => file.kind === 'archive'
      ? importArchive(trx, file.archive, actor)
      : importActivityRecords(trx, file.records, actor, options))
  } catch (error) {
    if (!(error instanceof ArchiveReferenceError)) throw error
    throw new InvalidInputError(`${file.name}, line ${file.lineOf(error.path)} at ${formatPath(error.path)}: ${error.message}`)
  }
}
