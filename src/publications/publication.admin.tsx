import { type Context, Hono } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { z } from 'zod'
import { audit } from '../accounts/audit.service.ts'
import type { Editor } from '../accounts/editor.ts'
import { CsrfField, ErrorSummary, Field, Notice, TableScroll } from '../admin/forms.tsx'
import { AdminLayout } from '../admin/layout.tsx'
import {
  DOCUMENT_KINDS, describeMime, FILE_KINDS, fileUrl, findStoredFilesByIds, formatFileSize, listKinds, UploadRefusedError,
} from '../files/file.service.ts'
import { ConflictError, InvalidInputError, NotFoundError } from '../lib/errors.ts'
import { validate } from '../lib/validate.ts'
import { PUBLICATION_KINDS } from '../lib/vocabulary.ts'
import { currentVersion, StaleVersionError } from '../revisions/index.ts'
import { clientAddress, requireRole } from '../web/auth.ts'
import type { AppEnv } from '../web/env.ts'
import { formatDate } from '../web/format.ts'
import { pageParam, parseQuery, withQuery } from '../web/query.ts'
import { attachUploadToPublication, detachFileFromPublication, MAX_LABEL_CHARS } from './publication.files.ts'
import {
  ConflictComparison, emptyValues, inputFromValues, PublicationForm, type PublicationFormValues, readableProblem,
  readPublicationForm, valuesFromSnapshot,
} from './publication.form.tsx'
import { listPublicationsForAdmin } from './publication.repository.ts'
import { PublicationInputSchema } from './publication.schema.ts'
import { type PublicationSnapshot, publicationStore } from './publication.store.ts'
import { createPublicationFromInput, deletePublication, updatePublicationFromInput } from './publication.write.ts'

/** /admin/publications: list, create, edit with conflicts, trash, and the files attached to each. */
export const publicationAdmin = new Hono<AppEnv>()
publicationAdmin.use('/publications', requireRole('editor'))
publicationAdmin.use('/publications/*', requireRole('editor'))

const PAGE_SIZE = 50
const ID = ':id{[0-9]{1,12}}'

function editorOf(c: Context<AppEnv>): Editor {
  const s = c.var.session!
  return { userId: s.user_id, role: s.role, actor: s.email }
}

function record(c: Context<AppEnv>, action: string, targetType: string, targetId: number | null, detail?: Record<string, unknown>) {
  const s = c.var.session!
  return audit(c.var.db, { action, userId: s.user_id, email: s.email, targetType, targetId, ip: clientAddress(c), detail })
}

const idOf = (c: Context<AppEnv>) => Number(c.req.param('id'))
const text = (v: unknown) => (typeof v === 'string' ? v : '')

/** A refused save: every problem, from the form's own reading and from the schema, at once. */
function problemsOf(error: unknown): { problems: string[]; status: ContentfulStatusCode } | null {
  if (error instanceof InvalidInputError) return { problems: error.problems.length ? error.problems : [error.message], status: 400 }
  if (error instanceof ConflictError) return { problems: [error.message], status: 409 }
  return null
}

function schemaProblems(input: unknown) {
  try {
    validate(PublicationInputSchema, input)
    return []
  } catch (error) {
    return error instanceof InvalidInputError ? error.problems : []
  }
}

// ---------------------------------------------------------------- list

const ListQuery = z.object({
  q: z.string().trim().max(200, 'q: at most 200 characters').optional(),
  kind: z.enum(PUBLICATION_KINDS, { message: `kind: one of ${PUBLICATION_KINDS.join(', ')}` }).optional(),
  page: pageParam,
})

publicationAdmin.get('/publications', async (c) => {
  const query = parseQuery(c, ListQuery)
  const rows = await listPublicationsForAdmin(c.var.db, { q: query.q, kind: query.kind }, PAGE_SIZE + 1, (query.page - 1) * PAGE_SIZE)
  return c.html(
    <AdminLayout title="Publications" section="publications" session={c.var.session}>
      <h1>Publications</h1>
      <Notice code={c.req.query('notice')} />
      <div class="actions"><a href="/admin/publications/new">New publication</a></div>
      <form method="get" action="/admin/publications" class="filters actions" role="search">
        <label for="q">Title contains</label>
        <input id="q" name="q" type="search" value={query.q ?? ''} />
        <label for="filter-kind">Kind</label>
        <select id="filter-kind" name="kind">
          <option value="">All kinds</option>
          {PUBLICATION_KINDS.map((k) => <option value={k} selected={k === query.kind}>{k}</option>)}
        </select>
        <button type="submit">Filter</button>
        {(query.q || query.kind) && <a href="/admin/publications">Clear filters</a>}
      </form>
      {rows.length
        ? (
          <TableScroll label="Publications"><table class="data">
            <thead><tr><th scope="col">Title</th><th scope="col">Kind</th><th scope="col">Published</th><th scope="col">Files</th><th scope="col">Public page</th></tr></thead>
            <tbody>{rows.slice(0, PAGE_SIZE).map((p) => (
              <tr>
                <td><a href={`/admin/publications/${p.id}`}>{p.title}</a></td>
                <td>{p.kind}</td><td>{formatDate(p.published_on)}</td><td>{Number(p.file_count)}</td>
                <td><a href={`/publications/${p.slug}`}>/publications/{p.slug}</a></td>
              </tr>
            ))}</tbody>
          </table></TableScroll>
        )
        : <p class="muted">{query.q || query.kind ? 'No publication matches these filters.' : 'No publications yet.'}</p>}
      <nav class="pager" aria-label="Publication pages">
        {query.page > 1 ? <a href={withQuery(c, { page: query.page - 1 })}>← Previous</a> : <span />}
        {rows.length > PAGE_SIZE ? <a href={withQuery(c, { page: query.page + 1 })}>Next →</a> : <span />}
      </nav>
    </AdminLayout>,
  )
})

// ---------------------------------------------------------------- create

function renderNew(c: Context<AppEnv>, values: PublicationFormValues, problems: string[] = []) {
  return c.html(
    <AdminLayout title="New publication" section="publications" session={c.var.session}>
      <p><a href="/admin/publications">Publications</a></p>
      <h1>New publication</h1>
      <p class="hint">Files can be attached once the publication is saved.</p>
      <PublicationForm action="/admin/publications" csrf={c.var.session!.csrf_token} values={values} problems={problems}
        submitLabel="Create publication" />
    </AdminLayout>,
  )
}

publicationAdmin.get('/publications/new', (c) => renderNew(c, emptyValues()))

publicationAdmin.post('/publications', async (c) => {
  const values = readPublicationForm(await c.req.parseBody({ all: true }))
  const { input, problems } = await inputFromValues(c.var.db, values)
  if (problems.length) {
    c.status(400)
    return renderNew(c, values, [...problems, ...schemaProblems(input)])
  }
  try {
    const created = await createPublicationFromInput(c.var.db, input, editorOf(c))
    await record(c, 'publication-created', 'publication', created.id, { title: created.title })
    return c.redirect(`/admin/publications/${created.id}?notice=created`, 303)
  } catch (error) {
    const refused = problemsOf(error)
    if (!refused) throw error
    c.status(refused.status)
    return renderNew(c, values, refused.problems)
  }
})

// ---------------------------------------------------------------- edit

interface EditState {
  values?: PublicationFormValues
  problems?: string[]
  version?: number
  conflict?: PublicationFormValues
  fileProblem?: string
  label?: string
}

async function loadPublication(c: Context<AppEnv>, id: number) {
  const snapshot = await publicationStore.load(c.var.db, id)
  if (!snapshot) throw new NotFoundError('publication', id)
  return snapshot
}

async function renderEdit(c: Context<AppEnv>, snapshot: PublicationSnapshot, state: EditState = {}) {
  const db = c.var.db
  const csrf = c.var.session!.csrf_token
  const [values, version, stored] = await Promise.all([
    state.values ?? valuesFromSnapshot(db, snapshot),
    state.version ?? currentVersion(db, 'publication', snapshot.id),
    findStoredFilesByIds(db, snapshot.files.map((f) => f.fileId)),
  ])
  const base = `/admin/publications/${snapshot.id}`
  return c.html(
    <AdminLayout title={`Edit: ${snapshot.title}`} section="publications" session={c.var.session}>
      <p><a href="/admin/publications">Publications</a></p>
      <h1>{snapshot.title}</h1>
      <Notice code={c.req.query('notice')} />
      <div class="actions">
        <a href={`/publications/${snapshot.slug}`}>View on the site</a>
        <a href={`/admin/history/publication/${snapshot.id}`}>History</a>
      </div>
      {state.conflict && (
        <section class="error-summary" role="alert" aria-labelledby="conflict">
          <h2 id="conflict">Someone else saved this publication after you opened it</h2>
          <p>Nothing of yours was saved yet. Compare the two versions; the form below still holds yours.
            Save again to replace the saved version with yours, or <a href={base}>open the saved version</a> to start from it.</p>
          <ConflictComparison saved={state.conflict} yours={values} />
        </section>
      )}
      <PublicationForm action={base} csrf={csrf} values={values} problems={state.problems ?? []} version={version}
        submitLabel="Save changes" />

      <section aria-labelledby="files" id="files-section">
        <h2 id="files">Files</h2>
        {snapshot.files.length
          ? (
            <TableScroll label="Files"><table class="data">
              <thead><tr><th scope="col">Label</th><th scope="col">File</th><th scope="col">Type</th><th scope="col">Size</th><th scope="col"><span class="skip">Actions</span></th></tr></thead>
              <tbody>{snapshot.files.map((f) => {
                const file = stored.get(f.fileId)
                return (
                  <tr>
                    <td>{f.label ?? '—'}</td>
                    <td>{file ? <a href={fileUrl(file.sha256, f.fileName)}>{f.fileName}</a> : f.fileName}</td>
                    <td>{file ? describeMime(file.mime) : ''}</td>
                    <td>{file ? formatFileSize(file.size) : ''}</td>
                    <td>
                      <form method="post" action={`${base}/files/remove`} class="inline">
                        <CsrfField token={csrf} />
                        <input type="hidden" name="fileId" value={String(f.fileId)} />
                        <button type="submit" class="link" aria-label={`Remove ${f.fileName}`}>Remove</button>
                      </form>
                    </td>
                  </tr>
                )
              })}</tbody>
            </table></TableScroll>
          )
          : <p class="muted">No files are attached.</p>}
        <h3>Attach a file</h3>
        <ErrorSummary errors={state.fileProblem ? [state.fileProblem] : []} />
        <form method="post" action={`${base}/files`} enctype="multipart/form-data" class="narrow">
          <CsrfField token={csrf} />
          <Field id="file" label="File" error={state.fileProblem ? 'Choose the file again.' : undefined}
            hint={`${listKinds(DOCUMENT_KINDS)}, up to ${formatFileSize(c.var.security.uploadMaxBytes)}. The type is checked from the file’s contents.`}>
            <input id="file" name="file" type="file" required
              accept={DOCUMENT_KINDS.flatMap((k) => FILE_KINDS[k].extensions.map((e) => `.${e}`)).join(',')} />
          </Field>
          <Field id="label" label="Label" hint="For example “Full version” or “Short version”; optional.">
            <input id="label" name="label" type="text" list="file-labels" maxlength={MAX_LABEL_CHARS} value={state.label ?? ''} />
            <datalist id="file-labels">
              {['Full version', 'Short version', 'Presentation', 'Questionnaire', 'Data tables'].map((l) => <option value={l} />)}
            </datalist>
          </Field>
          <button type="submit">Upload and attach</button>
        </form>
      </section>

      <section aria-labelledby="delete">
        <h2 id="delete">Delete</h2>
        <p>Deleting moves the publication to the trash; it can be restored from there.</p>
        <form method="post" action={`${base}/delete`}>
          <CsrfField token={csrf} />
          <button type="submit" class="danger">Move to the trash</button>
        </form>
      </section>
    </AdminLayout>,
  )
}

publicationAdmin.get(`/publications/${ID}`, async (c) => renderEdit(c, await loadPublication(c, idOf(c))))

publicationAdmin.post(`/publications/${ID}`, async (c) => {
  const id = idOf(c)
  const body = await c.req.parseBody({ all: true })
  const values = readPublicationForm(body)
  const version = /^\d{1,12}$/.test(text(body.version)) ? Number(body.version) : undefined
  const { input, problems } = await inputFromValues(c.var.db, values)
  if (problems.length) {
    c.status(400)
    return renderEdit(c, await loadPublication(c, id), { values, version, problems: [...problems, ...schemaProblems(input)] })
  }
  try {
    const saved = await updatePublicationFromInput(c.var.db, id, input, editorOf(c), version)
    await record(c, 'publication-updated', 'publication', id, { title: saved.title })
    return c.redirect(`/admin/publications/${id}?notice=saved`, 303)
  } catch (error) {
    if (error instanceof StaleVersionError) {
      const current = error.current as PublicationSnapshot
      c.status(409)
      // The form keeps what was typed and now carries the newer version, so saving again is a deliberate overwrite.
      return renderEdit(c, current, { values, version: error.currentVersion, conflict: await valuesFromSnapshot(c.var.db, current) })
    }
    const refused = problemsOf(error)
    if (!refused) throw error
    c.status(refused.status)
    return renderEdit(c, await loadPublication(c, id), { values, version, problems: refused.problems })
  }
})

publicationAdmin.post(`/publications/${ID}/delete`, async (c) => {
  const id = idOf(c)
  const removed = await deletePublication(c.var.db, id, editorOf(c))
  await record(c, 'publication-deleted', 'publication', id, { title: removed.title })
  return c.redirect('/admin/publications?notice=deleted', 303)
})

// ---------------------------------------------------------------- files

const UPLOAD_STATUS: Record<string, ContentfulStatusCode> = { empty: 400, too_large: 413, type: 415, name: 400 }

publicationAdmin.post(`/publications/${ID}/files`, async (c) => {
  const id = idOf(c)
  const body = await c.req.parseBody()
  const file = body.file
  const label = text(body.label)
  const snapshot = await loadPublication(c, id)
  if (!(file instanceof File) || (file.size === 0 && !file.name)) {
    c.status(400)
    return renderEdit(c, snapshot, { fileProblem: 'Choose a file to upload. Nothing was stored.', label })
  }
  try {
    const stored = await attachUploadToPublication(c.var.db, c.var.filesDir, id,
      { bytes: new Uint8Array(await file.arrayBuffer()), fileName: file.name, label }, editorOf(c), c.var.security.uploadMaxBytes)
    if (stored.created) {
      await record(c, 'file-uploaded', 'file', stored.file.id, { sha256: stored.file.sha256, size: stored.file.size, mime: stored.file.mime })
    }
    await record(c, 'file-attached', 'publication', id, { fileId: stored.file.id, fileName: stored.fileName, label: label.trim() || null })
    return c.redirect(`/admin/publications/${id}?notice=file_attached#files`, 303)
  } catch (error) {
    if (!(error instanceof InvalidInputError || error instanceof ConflictError)) throw error
    const status = error instanceof UploadRefusedError ? UPLOAD_STATUS[error.reason] ?? 400 : error instanceof ConflictError ? 409 : 400
    await record(c, 'upload-refused', 'publication', id, {
      reason: error instanceof UploadRefusedError ? error.reason : error.code, fileName: file.name.slice(0, 200), size: file.size,
    })
    c.status(status)
    return renderEdit(c, snapshot, { fileProblem: readableProblem(error.message), label })
  }
})

publicationAdmin.post(`/publications/${ID}/files/remove`, async (c) => {
  const id = idOf(c)
  const sent = text((await c.req.parseBody()).fileId)
  const fileId = /^\d{1,12}$/.test(sent) ? Number(sent) : 0
  if (!fileId) throw new NotFoundError('attachment', sent)
  const removed = await detachFileFromPublication(c.var.db, id, fileId, editorOf(c))
  await record(c, 'file-detached', 'publication', id, { fileId, fileName: removed.fileName })
  return c.redirect(`/admin/publications/${id}?notice=file_removed#files`, 303)
})
