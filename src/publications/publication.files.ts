import type { Editor } from '../accounts/editor.ts'
import { hasRole } from '../accounts/user.service.ts'
import type { Db } from '../db/database.ts'
import { inTransaction } from '../db/transaction.ts'
import { DOCUMENT_KINDS, storeUpload, type StoredUpload, type Upload } from '../files/file.service.ts'
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../lib/errors.ts'
import { saveSnapshot } from '../revisions/index.ts'
import { publicationStore } from './publication.store.ts'

export const MAX_LABEL_CHARS = 200

function assertEditor(editor: Editor) {
  if (!hasRole(editor.role, 'editor')) throw new ForbiddenError('Only editors may change the files of a publication.')
}

/**
 * Stores an upload and attaches it to the publication, in one transaction with its revision.
 * A refused upload changes nothing; the same bytes already attached are refused rather than listed twice.
 */
export async function attachUploadToPublication(db: Db, filesDir: string, publicationId: number,
  upload: Upload & { label: string | null }, editor: Editor, maxBytes: number): Promise<StoredUpload> {
  assertEditor(editor)
  const label = upload.label?.trim() || null
  if (label && label.length > MAX_LABEL_CHARS) throw new InvalidInputError(`label: at most ${MAX_LABEL_CHARS} characters`)
  return inTransaction(db, async (trx) => {
    const current = await publicationStore.load(trx, publicationId)
    if (!current) throw new NotFoundError('publication', publicationId)
    const stored = await storeUpload(trx, filesDir, upload, { allowed: DOCUMENT_KINDS, maxBytes })
    const same = current.files.find((f) => f.fileId === stored.file.id)
    if (same) throw new ConflictError(`This file is already attached as “${same.fileName}”${same.label ? ` (${same.label})` : ''}.`)
    await saveSnapshot(trx, publicationStore, {
      ...current, files: [...current.files, { fileId: stored.file.id, label, fileName: stored.fileName }],
    }, { actor: editor.actor })
    return stored
  })
}

/** Takes a file off the publication; the stored bytes stay, since earlier revisions still name them. */
export async function detachFileFromPublication(db: Db, publicationId: number, fileId: number, editor: Editor) {
  assertEditor(editor)
  return inTransaction(db, async (trx) => {
    const current = await publicationStore.load(trx, publicationId)
    if (!current) throw new NotFoundError('publication', publicationId)
    const removed = current.files.find((f) => f.fileId === fileId)
    if (!removed) throw new NotFoundError('attachment', fileId)
    await saveSnapshot(trx, publicationStore, { ...current, files: current.files.filter((f) => f.fileId !== fileId) }, { actor: editor.actor })
    return removed
  })
}
