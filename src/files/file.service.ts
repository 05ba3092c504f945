import { createHash, randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileTypeFromBuffer } from 'file-type'
import type { Db } from '../db/database.ts'
import { InvalidInputError, NotFoundError } from '../lib/errors.ts'
import { nowIso } from '../lib/time.ts'
import * as repo from './file.repository.ts'

/** The kinds of file Chronicle keeps, keyed by the extension `file-type` reports for their bytes. */
export const FILE_KINDS = {
  pdf: { mime: 'application/pdf', extensions: ['pdf'], name: 'PDF', label: 'a PDF', image: false },
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'],
    name: 'DOCX', label: 'a Word document (DOCX)', image: false,
  },
  xlsx: {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'],
    name: 'XLSX', label: 'an Excel workbook (XLSX)', image: false,
  },
  png: { mime: 'image/png', extensions: ['png'], name: 'PNG', label: 'a PNG image', image: true },
  jpg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'], name: 'JPEG', label: 'a JPEG image', image: true },
  webp: { mime: 'image/webp', extensions: ['webp'], name: 'WebP', label: 'a WebP image', image: true },
  gif: { mime: 'image/gif', extensions: ['gif'], name: 'GIF', label: 'a GIF image', image: true },
} as const

export type FileKind = keyof typeof FILE_KINDS

export const DOCUMENT_KINDS: readonly FileKind[] = ['pdf', 'docx', 'xlsx', 'png', 'jpg', 'webp', 'gif']
export const IMAGE_KINDS: readonly FileKind[] = ['png', 'jpg', 'webp', 'gif']

const isKind = (ext: string): ext is FileKind => Object.hasOwn(FILE_KINDS, ext)

/** The kind whose extensions include this one, e.g. "jpeg" → jpg. */
function kindOfExtension(extension: string): FileKind | undefined {
  return (Object.keys(FILE_KINDS) as FileKind[]).find((k) => (FILE_KINDS[k].extensions as readonly string[]).includes(extension))
}

export function kindOfMime(mime: string): FileKind | undefined {
  return (Object.keys(FILE_KINDS) as FileKind[]).find((k) => FILE_KINDS[k].mime === mime)
}

/** "PDF", "DOCX", "PNG" for a stored mime type, for lists of files. */
export function describeMime(mime: string) {
  const kind = kindOfMime(mime)
  return kind ? FILE_KINDS[kind].name : mime
}

export const listKinds = (kinds: readonly FileKind[]) => {
  const names = kinds.map((k) => FILE_KINDS[k].name)
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : names.join('')
}

/** "820 bytes", "14 KB", "2.4 MB": sizes as a reader wants them. */
export function formatFileSize(bytes: number) {
  if (bytes < 1024) return `${bytes} bytes`
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`
  const mb = bytes / (1024 * 1024)
  return `${mb < 10 ? mb.toFixed(1).replace(/\.0$/, '') : Math.round(mb)} MB`
}

export type UploadRefusal = 'empty' | 'too_large' | 'type' | 'name'

/** An upload turned away before anything was written; `reason` lets the web answer 400, 413 or 415. */
export class UploadRefusedError extends InvalidInputError {
  constructor(readonly reason: UploadRefusal, message: string) {
    super(`${message} Nothing was stored.`)
  }
}

export interface Upload {
  bytes: Uint8Array
  /** The name the browser sent; it only ever becomes a download name, never a path. */
  fileName: string
}

export interface UploadPolicy {
  allowed: readonly FileKind[]
  maxBytes: number
}

export interface StoredUpload {
  file: { id: number; sha256: string; size: number; mime: string }
  kind: FileKind
  /** The name to offer downloads under: a base name with the extension of the real type. */
  fileName: string
  /** False when the same bytes were already stored and were reused. */
  created: boolean
}

const MAX_NAME_CHARS = 120
// Control characters and the invisible format characters (bidi overrides) that can disguise an extension.
const CONTROL = /[\p{Cc}\p{Cf}\u2028\u2029]/u
// Characters Windows refuses in a file name; a download with them would be renamed or fail.
const RESERVED = /[<>:"|?*]/g

/**
 * A download name for the upload. A name carrying a path (`/`, `\`, `..`) or control characters is
 * refused rather than cleaned: browsers send a bare name, so such a name is a forgery or a mistake,
 * and saying so is clearer than silently storing "passwd.pdf".
 */
export function safeFileName(raw: string, kind: FileKind): string {
  const shown = raw.length > 80 ? `${raw.slice(0, 80)}…` : raw
  if (/[/\\]/.test(raw) || raw.trim() === '..') {
    throw new UploadRefusedError('name', `The file name “${shown}” contains a folder path (/, \\ or ..); rename the file to a plain name like report.pdf and upload it again.`)
  }
  if (CONTROL.test(raw)) {
    throw new UploadRefusedError('name', 'The file name contains control or invisible characters; rename the file and upload it again.')
  }
  const spec = FILE_KINDS[kind]
  const cleaned = raw.normalize('NFC').replace(RESERVED, '_').replace(/\s+/g, ' ').trim()
  const dot = cleaned.lastIndexOf('.')
  const extension = dot >= 0 ? cleaned.slice(dot + 1).toLowerCase() : ''
  const keepExtension = dot >= 0 && (spec.extensions as readonly string[]).includes(extension)
  let base = (keepExtension ? cleaned.slice(0, dot) : cleaned).replace(/^[.\s]+/, '').replace(/[.\s]+$/, '')
  base = [...base].slice(0, MAX_NAME_CHARS).join('').trim() || 'file'
  return `${base}.${keepExtension ? extension : spec.extensions[0]}`
}

/** Where the bytes with this hash live: filesDir/ab/cd/abcd… */
export function storedFilePath(filesDir: string, sha256: string) {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new NotFoundError('file', sha256)
  return join(filesDir, sha256.slice(0, 2), sha256.slice(2, 4), sha256)
}

/** Checks the type the bytes really are against the policy and the name; returns the kind. */
async function detectKind(upload: Upload, policy: UploadPolicy): Promise<FileKind> {
  const shown = upload.fileName.length > 80 ? `${upload.fileName.slice(0, 80)}…` : upload.fileName
  const detected = await fileTypeFromBuffer(upload.bytes)
  const allowed = listKinds(policy.allowed)
  if (!detected) {
    throw new UploadRefusedError('type', `“${shown}” is not a file type we accept: its contents are not ${allowed}, whatever its name says.`)
  }
  if (!isKind(detected.ext) || !policy.allowed.includes(detected.ext)) {
    const what = isKind(detected.ext) ? FILE_KINDS[detected.ext].label : `a ${detected.ext.toUpperCase()} file`
    throw new UploadRefusedError('type', `“${shown}” is ${what}; only ${allowed} files are accepted here.`)
  }
  const kind = detected.ext
  const dot = upload.fileName.lastIndexOf('.')
  const extension = dot >= 0 ? upload.fileName.slice(dot + 1).toLowerCase() : ''
  // A name without an extension gets the real one; a name claiming another type is refused.
  if (extension && !(FILE_KINDS[kind].extensions as readonly string[]).includes(extension)) {
    const claimed = kindOfExtension(extension)
    throw new UploadRefusedError('type', claimed
      ? `This file is ${FILE_KINDS[kind].label}, not ${FILE_KINDS[claimed].label}, though its name “${shown}” ends in .${extension}.`
      : `This file is ${FILE_KINDS[kind].label}, but its name “${shown}” ends in .${extension}; rename it to end in .${FILE_KINDS[kind].extensions[0]}.`)
  }
  return kind
}

/**
 * Checks an upload and stores it by content hash. The checks come in this order, and a refusal
 * writes nothing (no row, no file): empty, over the size limit, a type not allowed or not the one
 * its name claims, an unsafe name. The same bytes uploaded twice are stored once.
 */
export async function storeUpload(db: Db, filesDir: string, upload: Upload, policy: UploadPolicy, now = new Date()): Promise<StoredUpload> {
  const size = upload.bytes.byteLength
  if (size === 0) throw new UploadRefusedError('empty', `The file “${upload.fileName.slice(0, 80)}” is empty (0 bytes).`)
  if (size > policy.maxBytes) {
    throw new UploadRefusedError('too_large', `The file is ${formatFileSize(size)}; the limit is ${formatFileSize(policy.maxBytes)}.`)
  }
  const kind = await detectKind(upload, policy)
  const fileName = safeFileName(upload.fileName, kind)
  const sha256 = createHash('sha256').update(upload.bytes).digest('hex')
  const path = storedFilePath(filesDir, sha256)
  const existing = await repo.findStoredFileBySha256(db, sha256)
  if (existing && existsSync(path)) return { file: existing, kind, fileName, created: false }
  await writeAtomically(path, upload.bytes)
  // The bytes are on disk before the row exists, so a row never names a missing file.
  const file = await repo.insertStoredFile(db, { sha256, size, mime: FILE_KINDS[kind].mime, created_at: nowIso(now) })
  return { file, kind, fileName, created: !existing }
}

/** Written beside its final place and renamed, so a reader never sees half a file. */
async function writeAtomically(path: string, bytes: Uint8Array) {
  const dir = join(path, '..')
  await mkdir(dir, { recursive: true })
  const temporary = join(dir, `.${randomBytes(8).toString('hex')}.partial`)
  try {
    await writeFile(temporary, bytes, { flag: 'wx' })
    await rename(temporary, path)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}

export interface PublicFile {
  file: { id: number; sha256: string; size: number; mime: string }
  kind: FileKind | undefined
  fileName: string
  image: boolean
}

/**
 * A stored file as the public may download it: only files attached to a publication or used as a
 * person's photo are served; any other stored file is "not found".
 */
export async function findPublicFile(db: Db, sha256: string, requestedName?: string): Promise<PublicFile> {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new NotFoundError('file', sha256)
  const file = await repo.findStoredFileBySha256(db, sha256)
  if (!file) throw new NotFoundError('file', sha256)
  const kind = kindOfMime(file.mime)
  const names = (await repo.findAttachmentNamesOfFile(db, file.id)).map((n) => n.file_name)
  let fileName = names.find((n) => n === requestedName) ?? names[0]
  if (!fileName) {
    if (!await repo.isFileUsedAsPhoto(db, file.id)) throw new NotFoundError('file', sha256)
    fileName = `photo.${kind ? FILE_KINDS[kind].extensions[0] : 'bin'}`
  }
  return { file, kind, fileName, image: kind ? FILE_KINDS[kind].image : false }
}

export async function findStoredFilesByIds(db: Db, ids: number[]) {
  const rows = await repo.findStoredFilesByIds(db, ids)
  return new Map(rows.map((r) => [r.id, r]))
}

/** The public address of a stored file, with its name for a readable link. */
export const fileUrl = (sha256: string, fileName?: string) =>
  fileName ? `/files/${sha256}/${encodeURIComponent(fileName)}` : `/files/${sha256}`
