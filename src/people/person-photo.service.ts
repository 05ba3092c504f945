import type { Editor } from '../accounts/editor.ts'
import { hasRole } from '../accounts/user.service.ts'
import type { Db } from '../db/database.ts'
import { inTransaction } from '../db/transaction.ts'
import { IMAGE_KINDS, storeUpload, type StoredUpload, type Upload } from '../files/file.service.ts'
import { ForbiddenError, NotFoundError } from '../lib/errors.ts'
import { saveSnapshot } from '../revisions/index.ts'
import { personStore } from './person.store.ts'

function assertEditor(editor: Editor) {
  if (!hasRole(editor.role, 'editor')) throw new ForbiddenError('Only editors may change a person’s photo.')
}

/** Stores an image and makes it the person's photo, with a revision; anything but an image is refused. */
export async function setPersonPhoto(db: Db, filesDir: string, personId: number, upload: Upload, editor: Editor, maxBytes: number)
  : Promise<StoredUpload> {
  assertEditor(editor)
  return inTransaction(db, async (trx) => {
    const current = await personStore.load(trx, personId)
    if (!current) throw new NotFoundError('person', personId)
    const stored = await storeUpload(trx, filesDir, upload, { allowed: IMAGE_KINDS, maxBytes })
    await saveSnapshot(trx, personStore, { ...current, photoFileId: stored.file.id }, { actor: editor.actor })
    return stored
  })
}

/** Takes the photo off the person's page; the image stays stored for the history. */
export async function removePersonPhoto(db: Db, personId: number, editor: Editor) {
  assertEditor(editor)
  return inTransaction(db, async (trx) => {
    const current = await personStore.load(trx, personId)
    if (!current) throw new NotFoundError('person', personId)
    return saveSnapshot(trx, personStore, { ...current, photoFileId: null }, { actor: editor.actor })
  })
}
