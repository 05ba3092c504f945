import { type Context, Hono } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { audit } from '../accounts/audit.service.ts'
import type { Editor } from '../accounts/editor.ts'
import { CsrfField, ErrorSummary, Field, Notice } from '../admin/forms.tsx'
import { AdminLayout } from '../admin/layout.tsx'
import { FILE_KINDS, fileUrl, findStoredFilesByIds, formatFileSize, IMAGE_KINDS, listKinds, UploadRefusedError } from '../files/file.service.ts'
import { InvalidInputError, NotFoundError } from '../lib/errors.ts'
import { clientAddress, requireRole } from '../web/auth.ts'
import type { AppEnv } from '../web/env.ts'
import { removePersonPhoto, setPersonPhoto } from './person-photo.service.ts'
import { type PersonSnapshot, personStore } from './person.store.ts'

/**
 * /admin/people/:id/photo: the person form posts its photo here (multipart field `photo`); this
 * page also shows the current photo on its own, for a refused upload and for use without the form.
 */
export const personPhotoAdmin = new Hono<AppEnv>()
const PATH = '/people/:id{[0-9]{1,12}}/photo'
personPhotoAdmin.use(PATH, requireRole('editor'))
personPhotoAdmin.use(`${PATH}/*`, requireRole('editor'))

const UPLOAD_STATUS: Record<string, ContentfulStatusCode> = { empty: 400, too_large: 413, type: 415, name: 400 }

const editorOf = (c: Context<AppEnv>): Editor => ({ userId: c.var.session!.user_id, role: c.var.session!.role, actor: c.var.session!.email })

function record(c: Context<AppEnv>, action: string, target: ['person' | 'file', number], detail: Record<string, unknown>) {
  const s = c.var.session!
  return audit(c.var.db, { action, userId: s.user_id, email: s.email, targetType: target[0], targetId: target[1], ip: clientAddress(c), detail })
}

/** Only a path inside the admin is a place to go back to. */
const safeNext = (next: unknown) =>
  (typeof next === 'string' && /^\/admin\/[\w\-/]*$/.test(next) && !next.startsWith('//') ? next : null)

async function loadPerson(c: Context<AppEnv>) {
  const id = Number(c.req.param('id'))
  const person = await personStore.load(c.var.db, id)
  if (!person) throw new NotFoundError('person', id)
  return person
}

async function renderPhotoPage(c: Context<AppEnv>, person: PersonSnapshot, problem?: string, next?: string | null) {
  const csrf = c.var.session!.csrf_token
  const photo = person.photoFileId ? (await findStoredFilesByIds(c.var.db, [person.photoFileId])).get(person.photoFileId) : undefined
  const base = `/admin/people/${person.id}/photo`
  return c.html(
    <AdminLayout title={`Photo: ${person.name}`} section="people" session={c.var.session}>
      <p><a href="/admin/people">People</a> · <a href={`/admin/people/${person.id}`}>{person.name}</a></p>
      <h1>Photo of {person.name}</h1>
      <Notice code={c.req.query('notice')} />
      {photo
        ? <p><img class="portrait" src={fileUrl(photo.sha256)} alt={person.name} /></p>
        : <p class="muted">No photo yet.</p>}
      <ErrorSummary errors={problem ? [problem] : []} />
      <form method="post" action={base} enctype="multipart/form-data" class="narrow">
        <CsrfField token={csrf} />
        {next && <input type="hidden" name="next" value={next} />}
        <Field id="photo" label={photo ? 'Replace the photo' : 'Photo'} error={problem ? 'Choose the image again.' : undefined}
          hint={`${listKinds(IMAGE_KINDS)}, up to ${formatFileSize(c.var.security.uploadMaxBytes)}. Shown on the person’s public page.`}>
          <input id="photo" name="photo" type="file" required
            accept={IMAGE_KINDS.flatMap((k) => FILE_KINDS[k].extensions.map((e) => `.${e}`)).join(',')} />
        </Field>
        <button type="submit">Upload photo</button>
      </form>
      {photo && (
        <form method="post" action={`${base}/remove`}>
          <CsrfField token={csrf} />
          {next && <input type="hidden" name="next" value={next} />}
          <button type="submit" class="secondary">Remove the photo</button>
        </form>
      )}
    </AdminLayout>,
  )
}

const withNotice = (path: string, notice: string) => `${path}${path.includes('?') ? '&' : '?'}notice=${notice}`

personPhotoAdmin.get(PATH, async (c) => renderPhotoPage(c, await loadPerson(c), undefined, safeNext(c.req.query('next'))))

personPhotoAdmin.post(PATH, async (c) => {
  const person = await loadPerson(c)
  const body = await c.req.parseBody()
  const next = safeNext(body.next)
  const photo = body.photo
  if (!(photo instanceof File) || (photo.size === 0 && !photo.name)) {
    c.status(400)
    return renderPhotoPage(c, person, 'Choose an image to upload. Nothing was stored.', next)
  }
  try {
    const stored = await setPersonPhoto(c.var.db, c.var.filesDir, person.id,
      { bytes: new Uint8Array(await photo.arrayBuffer()), fileName: photo.name }, editorOf(c), c.var.security.uploadMaxBytes)
    if (stored.created) {
      await record(c, 'file-uploaded', ['file', stored.file.id], { sha256: stored.file.sha256, size: stored.file.size, mime: stored.file.mime })
    }
    await record(c, 'photo-set', ['person', person.id], { fileId: stored.file.id, fileName: stored.fileName })
    return c.redirect(withNotice(next ?? `/admin/people/${person.id}/photo`, 'photo_saved'), 303)
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error
    const reason = error instanceof UploadRefusedError ? error.reason : error.code
    await record(c, 'upload-refused', ['person', person.id], { reason, fileName: photo.name.slice(0, 200), size: photo.size })
    c.status(error instanceof UploadRefusedError ? UPLOAD_STATUS[error.reason] ?? 400 : 400)
    return renderPhotoPage(c, person, error.message, next)
  }
})

personPhotoAdmin.post(`${PATH}/remove`, async (c) => {
  const person = await loadPerson(c)
  const next = safeNext((await c.req.parseBody()).next)
  await removePersonPhoto(c.var.db, person.id, editorOf(c))
  await record(c, 'photo-removed', ['person', person.id], { fileId: person.photoFileId })
  return c.redirect(withNotice(next ?? `/admin/people/${person.id}/photo`, 'photo_removed'), 303)
})
