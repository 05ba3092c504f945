import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'node-html-parser'
import { beforeAll, expect, it } from 'vitest'
import { describeEachDialect } from '../../test/db.ts'
import { makePerson } from '../../test/factories.ts'
import { textOf } from '../../test/html.ts'
import { makeAccount, signIn, type SignedIn } from '../../test/security/helpers.ts'
import { useTestServer } from '../../test/server.ts'
import { filesUnder, makeDocx, makePdf, makePng } from '../../test/upload-fixtures.ts'
import { SYSTEM_EDITOR } from '../accounts/editor.ts'
import { createPublicationFromInput } from '../publications/publication.write.ts'
import { publicationStore } from '../publications/publication.store.ts'
import { personStore } from '../people/person.store.ts'
import { findRevisionsOf } from '../revisions/index.ts'

const MAX_BYTES = 100 * 1024
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

describeEachDialect('uploads over HTTP', (dialect) => {
  const server = useTestServer(dialect, { security: { uploadMaxBytes: MAX_BYTES, loginSlowdownMs: 0 } })
  let editor: SignedIn, author: SignedIn
  let publicationId = 0, publicationSlug = ''

  beforeAll(async () => {
    const { db } = server()
    editor = await signIn(server(), await makeAccount(db, 'editor'))
    author = await signIn(server(), await makeAccount(db, 'author'))
    const created = await createPublicationFromInput(db, { kind: 'report', title: 'Trust in institutions 2024' }, SYSTEM_EDITOR)
    publicationId = created.id
    publicationSlug = created.slug
  })

  function post(session: SignedIn, path: string, fields: Record<string, string>, file?: { field: string; bytes: Uint8Array; name: string }) {
    const body = new FormData()
    body.append('_csrf', session.csrf)
    for (const [k, v] of Object.entries(fields)) body.append(k, v)
    if (file) body.append(file.field, new Blob([new Uint8Array(file.bytes)]), file.name)
    return server().get(path, { method: 'POST', headers: { cookie: session.cookie }, body })
  }
  const attach = (session: SignedIn, bytes: Uint8Array, name: string, label = '', id = publicationId) =>
    post(session, `/admin/publications/${id}/files`, { label }, { field: 'file', bytes, name })

  /** Everything an upload could have left behind. */
  async function stored() {
    const { db } = server()
    return {
      rows: (await db.selectFrom('stored_file').select(['sha256']).orderBy('id').execute()).map((r) => r.sha256),
      disk: filesUnder(server().filesDir).sort(),
      attachments: (await publicationStore.load(db, publicationId))!.files,
      revisions: (await findRevisionsOf(db, 'publication', publicationId)).length,
    }
  }

  async function expectRefused(response: Response, status: number, message: string | RegExp, before: Awaited<ReturnType<typeof stored>>) {
    expect(response.status).toBe(status)
    const page = parse(await response.text())
    const summary = textOf(page.querySelector('.error-summary'))
    if (typeof message === 'string') expect(summary).toContain(message)
    else expect(summary).toMatch(message)
    expect(summary).toContain('Nothing was stored.')
    expect(await stored()).toEqual(before)
  }

  it('refuses a PNG behind a .pdf name, saying what it really is; nothing is stored', async () => {
    const before = await stored()
    await expectRefused(await attach(editor, makePng(), 'report.pdf'), 415, 'This file is a PNG image, not a PDF', before)
  })

  it('refuses a file over the limit with a clear message; nothing is stored', async () => {
    const before = await stored()
    const pdf = makePdf()
    const over = new Uint8Array(MAX_BYTES + 1)
    over.set(pdf)
    await expectRefused(await attach(editor, over, 'big.pdf'), 413, 'the limit is 100 KB', before)
  })

  it('cuts a huge upload off before reading it all: 413 and a page saying so; nothing is stored', async () => {
    const before = await stored()
    const huge = new Uint8Array(3 * 1024 * 1024)
    huge.set(makePdf())
    const response = await attach(editor, huge, 'huge.pdf')
    expect(response.status).toBe(413)
    expect(textOf(parse(await response.text()).querySelector('main'))).toContain('larger than the limit of 100 KB, so it was not received and nothing was stored')
    expect(await stored()).toEqual(before)
  })

  it('refuses a path-traversal file name; nothing is stored', async () => {
    const before = await stored()
    await expectRefused(await attach(editor, makePdf('traversal'), '../../etc/passwd.pdf'), 400, 'contains a folder path', before)
  })

  it('refuses an empty file; nothing is stored', async () => {
    const before = await stored()
    await expectRefused(await attach(editor, new Uint8Array(), 'empty.pdf'), 400, 'is empty (0 bytes)', before)
  })

  it('refuses a form without a file, keeping the label typed', async () => {
    const before = await stored()
    const response = await post(editor, `/admin/publications/${publicationId}/files`, { label: 'Short version' })
    expect(response.status).toBe(400)
    const page = parse(await response.text())
    expect(textOf(page.querySelector('.error-summary'))).toContain('Choose a file to upload')
    expect(page.querySelector('#label')?.getAttribute('value')).toBe('Short version')
    expect(await stored()).toEqual(before)
  })

  it('uploads a PDF, attaches it with a revision, lists it publicly and serves it with a safe download name', async () => {
    const pdf = makePdf('full version')
    const before = await stored()
    const response = await attach(editor, pdf, 'Trust report 2024.pdf', 'Full version')
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe(`/admin/publications/${publicationId}?notice=file_attached#files`)
    const after = await stored()
    const hash = sha256(pdf)
    expect(after.rows).toEqual([...before.rows, hash])
    expect(after.disk).toEqual([...before.disk, join(hash.slice(0, 2), hash.slice(2, 4), hash)].sort())
    expect(new Uint8Array(readFileSync(join(server().filesDir, hash.slice(0, 2), hash.slice(2, 4), hash)))).toEqual(pdf)
    expect(after.attachments).toMatchObject([{ label: 'Full version', fileName: 'Trust report 2024.pdf' }])
    expect(after.revisions).toBe(before.revisions + 1)

    const page = parse(await (await server().get(`/publications/${publicationSlug}`)).text())
    const link = page.querySelector('#files + ul a')!
    expect(textOf(link)).toBe('Full version')
    expect(link.getAttribute('href')).toBe(`/files/${hash}/Trust%20report%202024.pdf`)
    expect(textOf(page.querySelector('#files + ul .meta'))).toBe(`Trust report 2024.pdf · PDF · ${pdf.length} bytes`)

    const download = await server().get(link.getAttribute('href')!)
    expect(download.status).toBe(200)
    expect(download.headers.get('content-type')).toBe('application/pdf')
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="Trust report 2024.pdf"; filename*=UTF-8''Trust%20report%202024.pdf`)
    expect(download.headers.get('x-content-type-options')).toBe('nosniff')
    expect(download.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(pdf)
    const plain = await server().get(`/files/${hash}`)
    expect(plain.headers.get('content-disposition')).toContain('filename="Trust report 2024.pdf"')
    await plain.arrayBuffer()

    const api = await (await server().get(`/api/v1/publications/${publicationSlug}`)).json()
    expect(api.files).toEqual([{
      label: 'Full version', fileName: 'Trust report 2024.pdf', mime: 'application/pdf', size: pdf.length, sha256: hash,
      url: `${server().baseUrl}/files/${hash}/Trust%20report%202024.pdf`,
    }])

    const audit = await server().db.selectFrom('audit_log').select(['action', 'target_type', 'target_id', 'detail'])
      .where('action', 'in', ['file-uploaded', 'file-attached']).orderBy('id').execute()
    expect(audit.map((a) => [a.action, a.target_type])).toEqual([['file-uploaded', 'file'], ['file-attached', 'publication']])
    expect(JSON.parse(audit[1]!.detail!)).toMatchObject({ fileName: 'Trust report 2024.pdf', label: 'Full version' })
  })

  it('uploads a DOCX with a non-Latin name: the right type and an RFC 6266 name; the same bytes are stored once', async () => {
    const docx = makeDocx('Краткая версия')
    const hash = sha256(docx)
    expect((await attach(editor, docx, 'Отчёт "кратко".docx', 'Short version')).status).toBe(303)
    const second = await createPublicationFromInput(server().db, { kind: 'article', title: 'Same file elsewhere' }, SYSTEM_EDITOR)
    const before = await stored()
    expect((await attach(editor, docx, 'copy.docx', '', second.id)).status).toBe(303)
    const after = await stored()
    expect(after.rows).toEqual(before.rows)
    expect(after.disk).toEqual(before.disk)
    expect(after.rows.filter((r) => r === hash)).toHaveLength(1)

    const download = await server().get(`/files/${hash}/${encodeURIComponent('Отчёт _кратко_.docx')}`)
    expect(download.status).toBe(200)
    expect(download.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    const disposition = download.headers.get('content-disposition')!
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/)
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe('Отчёт _кратко_.docx')
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(docx)

    // Attaching the same bytes to the same publication again is refused; nothing changes.
    const again = await stored()
    const refused = await attach(editor, docx, 'again.docx')
    expect(refused.status).toBe(409)
    expect(textOf(parse(await refused.text()).querySelector('.error-summary'))).toContain('already attached as “Отчёт _кратко_.docx” (Short version)')
    expect(await stored()).toEqual(again)
  })

  it('removes an attachment with a revision; the file is then no longer served', async () => {
    const pdf = makePdf('to remove')
    expect((await attach(editor, pdf, 'remove me.pdf')).status).toBe(303)
    const { fileId } = (await stored()).attachments.find((f) => f.fileName === 'remove me.pdf')!
    expect((await server().get(`/files/${sha256(pdf)}`)).status).toBe(200)
    const before = await stored()
    const response = await post(editor, `/admin/publications/${publicationId}/files/remove`, { fileId: String(fileId) })
    expect(response.status).toBe(303)
    const after = await stored()
    expect(after.attachments.map((f) => f.fileName)).not.toContain('remove me.pdf')
    expect(after.revisions).toBe(before.revisions + 1)
    expect(after.rows).toEqual(before.rows)
    expect((await server().get(`/files/${sha256(pdf)}`)).status).toBe(404)
  })

  it('an author may not upload: 403, and nothing changes', async () => {
    const before = await stored()
    const response = await attach(author, makePdf('by an author'), 'author.pdf')
    expect(response.status).toBe(403)
    expect(await stored()).toEqual(before)
    const person = await makePerson(server().db, { name: 'Author Target' })
    expect((await post(author, `/admin/people/${person.id}/photo`, {}, { field: 'photo', bytes: makePng([1, 2, 3]), name: 'p.png' })).status).toBe(403)
    expect((await personStore.load(server().db, person.id))!.photoFileId).toBeNull()
    expect(await stored()).toEqual(before)
  })

  it('sets a person’s photo: shown on the public page with the name as alt text, served inline', async () => {
    const person = await makePerson(server().db, { name: 'Botagoz Rakisheva' })
    const png = makePng([10, 120, 200])
    const refused = await post(editor, `/admin/people/${person.id}/photo`, {}, { field: 'photo', bytes: makePdf(), name: 'cv.pdf' })
    expect(refused.status).toBe(415)
    expect(textOf(parse(await refused.text()).querySelector('.error-summary'))).toContain('“cv.pdf” is a PDF; only PNG, JPEG, WebP or GIF files are accepted here.')

    const response = await post(editor, `/admin/people/${person.id}/photo`, { next: `/admin/people/${person.id}` },
      { field: 'photo', bytes: png, name: 'portrait.png' })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe(`/admin/people/${person.id}?notice=photo_saved`)
    const snapshot = (await personStore.load(server().db, person.id))!
    expect(snapshot.photoFileId).not.toBeNull()
    expect((await findRevisionsOf(server().db, 'person', person.id)).map((r) => [r.action, r.actor])).toEqual([['create', 'test'], ['update', editor.account!.email]])

    const audit = await server().db.selectFrom('audit_log').select(['action', 'target_type', 'email'])
      .where('target_type', '=', 'person').where('target_id', '=', person.id).orderBy('id').execute()
    expect(audit.map((a) => [a.action, a.email])).toEqual([['upload-refused', editor.account!.email], ['photo-set', editor.account!.email]])

    const page = parse(await (await server().get(`/people/${person.slug}`)).text())
    const img = page.querySelector('img.portrait')!
    expect(img.getAttribute('alt')).toBe('Botagoz Rakisheva')
    expect(img.getAttribute('src')).toBe(`/files/${sha256(png)}`)
    const image = await server().get(img.getAttribute('src')!)
    expect(image.status).toBe(200)
    expect(image.headers.get('content-type')).toBe('image/png')
    expect(image.headers.get('content-disposition')).toBe(`inline; filename="photo.png"; filename*=UTF-8''photo.png`)
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(png)
    const cached = await server().get(img.getAttribute('src')!, { headers: { 'if-none-match': image.headers.get('etag')! } })
    expect(cached.status).toBe(304)

    const removed = await post(editor, `/admin/people/${person.id}/photo/remove`, {})
    expect(removed.status).toBe(303)
    expect((await personStore.load(server().db, person.id))!.photoFileId).toBeNull()
    expect(parse(await (await server().get(`/people/${person.slug}`)).text()).querySelector('img.portrait')).toBeNull()
    expect((await server().get(`/files/${sha256(png)}`)).status).toBe(404)
  })

  it('a stored hash nobody uses and a malformed address are both 404', async () => {
    expect((await server().get(`/files/${'0'.repeat(64)}`)).status).toBe(404)
    expect((await server().get('/files/..%2F..%2Fetc%2Fpasswd')).status).toBe(404)
  })
})
