export { readImportFile, importFile, type ImportFile } from './archive-file.ts'
export { exportArchive, type ImportSummary } from './archive.service.ts'
export { ArchiveSchema, ActivityRecordSchema, type Archive, type ActivityRecord } from './archive.schema.ts'
