import { basename } from 'node:path'
import { type Context, Hono } from 'hono'
import { audit } from '../accounts/audit.service.ts'
import { CsrfField, Field } from '../admin/forms.tsx'
import { AdminLayout } from '../admin/layout.tsx'
import { formatFileSize } from '../files/file.service.ts'
import { InvalidInputError } from '../lib/errors.ts'
import { decodeText } from '../lib/text-file.ts'
import { clientAddress, requireRole } from '../web/auth.ts'
import type { AppEnv } from '../web/env.ts'
import { SITE_NAME } from '../web/layout.tsx'
import { type ImportReport, importSource } from './import.service.ts'
import { guessSourceFormat, parseSourceFormat, readSource, SOURCE_FORMAT_LABELS, SOURCE_FORMATS } from './sources/index.ts'

/**
 * Importing a whole file from the admin, for staff without a shell: the same reading, extraction
 * and review queue as `chronicle import`, answered with the same summary.
 */
export const importUploadAdmin = new Hono<AppEnv>()
importUploadAdmin.use('/import/upload', requireRole('editor'))

// A request waits for the whole import; beyond this many items the command line, with its progress bar, is the tool.
export const MAX_UPLOAD_ITEMS = 2000

interface UploadForm { format: string; reference: string }

function renderUpload(c: Context<AppEnv>, form: UploadForm = { format: 'auto', reference: '' }, problem?: string) {
  const s = c.var.session!
  return c.html(
    <AdminLayout title="Import a file" section="import" session={s}>
      <p class="meta"><a href="/admin/import">Imported news</a></p>
      <h1>Import a file</h1>
      {problem && (
        <div class="error-summary" role="alert" tabindex={-1}>
          <h2>Nothing was imported</h2>
          <ul><li><a href="#upload-file">{problem}</a></li></ul>
        </div>
      )}
      <p class="lede">Each news item of the file becomes a draft with the record proposed for it, in the review queue.
        Items imported before are skipped, so a file can be imported again after it grew.</p>
      <form method="post" action="/admin/import/upload" enctype="multipart/form-data" class="upload">
        <CsrfField token={s.csrf_token} />
        <Field id="upload-file" label="File" error={problem}
          hint={`Plain text or Markdown (news items separated by blank lines), activity records as JSON, or a WordPress export (.xml); up to ${formatFileSize(c.var.security.uploadMaxBytes)} and ${MAX_UPLOAD_ITEMS.toLocaleString('en')} items. For larger files use chronicle import on the server.`}>
          <input type="file" id="upload-file" name="file" required accept=".txt,.md,.markdown,.json,.xml,text/plain,text/markdown,application/json,application/xml,text/xml"
            aria-describedby={problem ? 'upload-file-hint upload-file-error' : 'upload-file-hint'} aria-invalid={problem ? 'true' : undefined} />
        </Field>
        <Field id="upload-format" label="Format" hint="Told from the file’s name and first characters unless you choose.">
          <select id="upload-format" name="format" aria-describedby="upload-format-hint">
            <option value="auto" selected={form.format === 'auto'}>From the file</option>
            {SOURCE_FORMATS.map((f) => <option value={f} selected={form.format === f}>{SOURCE_FORMAT_LABELS[f]}</option>)}
          </select>
        </Field>
        <Field id="upload-reference" label="Year for dates written without one"
          hint="A date in the news such as “on 5 May” is taken in the year before this day. Empty: today.">
          <input type="date" id="upload-reference" name="reference" value={form.reference} aria-describedby="upload-reference-hint" />
        </Field>
        <div class="actions"><button type="submit">Import</button><a href="/admin/import">Back to the queue</a></div>
      </form>
    </AdminLayout>,
  )
}

function renderReport(c: Context<AppEnv>, name: string, report: ImportReport) {
  const s = c.var.session!
  const entities = (what: ImportReport['people']) =>
    `${what.new} new, ${what.linked} linked to existing records${what.unsure ? ` (${what.unsure} of the links to check)` : ''}`
  return c.html(
    <AdminLayout title="File imported" section="import" session={s}>
      <p class="meta"><a href="/admin/import">Imported news</a></p>
      <h1>{name}: {report.imported} {report.imported === 1 ? 'item' : 'items'} imported</h1>
      <p class="notice" role="status">{report.items} {report.items === 1 ? 'item' : 'items'} in the file: {report.imported} imported as
        drafts for review, {report.skipped} imported before (left as they were), {report.problems.length} with problems.</p>
      <dl class="import-report">
        <dt>People proposed</dt><dd>{entities(report.people)}</dd>
        <dt>Organizations proposed</dt><dd>{entities(report.organizations)}</dd>
      </dl>
      {report.problems.length > 0 && (
        <section aria-labelledby="problems-heading">
          <h2 id="problems-heading">Items not imported ({report.problems.length})</h2>
          <p>The other items were imported. Correct these in the file and import it again: the items already in are skipped.</p>
          <ul class="import-problems">{report.problems.map((p) => <li><strong>{p.position}</strong>: {p.reason}</li>)}</ul>
        </section>
      )}
      <div class="actions">
        {report.itemIds[0] !== undefined && <a class="button" href={`/admin/import/${report.itemIds[0]}`}>Review the first item</a>}
        <a href="/admin/import">The review queue</a>
        <a href="/admin/import/upload">Import another file</a>
      </div>
    </AdminLayout>,
  )
}

importUploadAdmin.get('/import/upload', (c) => renderUpload(c))

importUploadAdmin.post('/import/upload', async (c) => {
  const body = await c.req.parseBody()
  const form: UploadForm = {
    format: typeof body.format === 'string' ? body.format : 'auto',
    reference: typeof body.reference === 'string' ? body.reference.trim() : '',
  }
  const file = body.file
  const refuse = (message: string) => { c.status(400); return renderUpload(c, form, message) }
  if (!(file instanceof File) || file.size === 0) return refuse('Choose a file to import; an empty file holds no news.')
  // Only the name's last part is shown and stored: a browser may send a whole path.
  const name = basename(file.name.replaceAll('\\', '/')).slice(0, 200) || 'upload'
  let reference: Date | undefined
  if (form.reference) {
    reference = /^\d{4}-\d{2}-\d{2}$/.test(form.reference) ? new Date(`${form.reference}T12:00:00Z`) : undefined
    if (!reference || Number.isNaN(reference.getTime())) return refuse('The year’s date is written YYYY-MM-DD, or left empty.')
  }
  try {
    const text = decodeText(new Uint8Array(await file.arrayBuffer()), name, c.var.security.uploadMaxBytes)
    const format = form.format === 'auto' ? guessSourceFormat(name, text) : parseSourceFormat(form.format)
    const source = readSource(text, name, format)
    if (source === 'archive') {
      return refuse(`${name} is a whole Chronicle archive, not news to review; import it on the server with chronicle import-json.`)
    }
    if (source.items.length > MAX_UPLOAD_ITEMS) {
      return refuse(`${name} holds ${source.items.length.toLocaleString('en')} items; the admin imports up to ${MAX_UPLOAD_ITEMS.toLocaleString('en')} at a time. Split the file, or import it on the server with chronicle import.`)
    }
    const s = c.var.session!
    const report = await importSource(c.var.db, source, { actor: s.email, sourceName: name, reference, home: SITE_NAME })
    await audit(c.var.db, {
      action: 'news-imported', userId: s.user_id, email: s.email, ip: clientAddress(c),
      detail: { file: name, format, items: report.items, imported: report.imported, skipped: report.skipped, problems: report.problems.length },
    })
    return renderReport(c, name, report)
  } catch (error) {
    if (error instanceof InvalidInputError) return refuse(error.message)
    throw error
  }
})
