import { type HTMLElement, parse } from 'node-html-parser'
import { beforeAll, expect, it } from 'vitest'
import { SYSTEM_EDITOR } from '../src/accounts/editor.ts'
import { createPublicationFromInput } from '../src/publications/publication.write.ts'
import { findRevisionsOf } from '../src/revisions/index.ts'
import { smallArchive, toJson } from './archive-fixtures.ts'
import { read, readCached } from './cached-pages.ts'
import { chronicle, useTempDir } from './cli.ts'
import { describeEachDialect } from './db.ts'
import { makeActivity, makeOrganization, makePerson, makePost } from './factories.ts'
import { textOf } from './html.ts'
import { formFields } from './records-client.ts'
import { type Account, FORM, formFields as formFieldsOf, makeAccount, makeToken, type SignedIn, signIn } from './security/helpers.ts'
import { useTestServer } from './server.ts'
import { makePdf } from './upload-fixtures.ts'

// Every kind of write that changes what the public sees, made the way its user makes it: first the
// pages it changes are served from memory, then the write, then a reader sees the change.

interface Page { status: number; location: string | null; html: string; root: HTMLElement }

describeEachDialect('the page cache lets go of pages when the content changes', (dialect) => {
  const server = useTestServer(dialect, { security: { loginSlowdownMs: 0 } })
  const file = useTempDir()
  let editor: Account
  let session: SignedIn
  let token = ''

  beforeAll(async () => {
    const { db } = server()
    editor = await makeAccount(db, 'editor')
    session = await signIn(server(), editor)
    token = await makeToken(db, editor, 'write')
  })

  async function pageOf(response: Response): Promise<Page> {
    const html = await response.text()
    return { status: response.status, location: response.headers.get('location'), html, root: parse(html) }
  }
  /** An admin page in the editor's browser. */
  const open = async (path: string) => pageOf(await server().get(path, { headers: { cookie: session.cookie } }))
  /** A form sent from the editor's browser, with the session's CSRF token. */
  const send = async (path: string, fields: Record<string, string> | [string, string][] = {}) => {
    const entries = (Array.isArray(fields) ? fields : Object.entries(fields)).filter(([name]) => name !== '_csrf')
    return pageOf(await server().get(path, {
      method: 'POST', headers: { cookie: session.cookie, 'content-type': FORM },
      body: new URLSearchParams([['_csrf', session.csrf], ...entries]).toString(),
    }))
  }
  /** Opens an admin form and sends it back with some fields changed, as an editor would. */
  const saveForm = async (formPath: string, selector: string, changes: Record<string, string>, action = formPath) =>
    send(action, { ...formFields((await open(formPath)).root, selector), ...changes })
  const api = (method: string, path: string, body?: unknown) => server().get(`/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const idIn = (location: string | null) => Number(/\/(\d+)(\?|$)/.exec(location ?? '')?.[1])

  it('the post form: a new post appears on the home page, /news and the feed; an edit changes its page', async () => {
    for (const path of ['/', '/news', '/feed.xml']) expect((await readCached(server(), path)).text).not.toContain('Round table on cached pages')
    const created = await saveForm('/admin/posts/new', 'form.post-editor',
      { title: 'Round table on cached pages', body: 'Experts met.', status: 'published' })
    expect(created.status).toBe(303)
    for (const path of ['/', '/news', '/feed.xml']) expect((await read(server(), path)).text, path).toContain('Round table on cached pages')

    const id = idIn(created.location)
    for (const path of ['/news', '/news/round-table-on-cached-pages']) await readCached(server(), path)
    const edited = await saveForm(`/admin/posts/${id}`, 'form.post-editor', { title: 'Round table on cached pages, revised' })
    expect(edited.status).toBe(303)
    for (const path of ['/news', '/news/round-table-on-cached-pages']) {
      expect((await read(server(), path)).text, path).toContain('Round table on cached pages, revised')
    }
  })

  it('the person form: a new person is listed; an edit shows on their page', async () => {
    expect((await readCached(server(), '/people')).text).not.toContain('Saule Cachemanova')
    const created = await saveForm('/admin/people/new', 'form[action="/admin/people/new"]', { name: 'Saule Cachemanova', _action: 'save' })
    expect(created.status).toBe(303)
    expect((await read(server(), '/people')).text).toContain('Saule Cachemanova')

    const id = idIn(created.location)
    expect((await readCached(server(), '/people/saule-cachemanova')).text).not.toContain('Studies how caches forget.')
    const edited = await saveForm(`/admin/people/${id}`, `form[action="/admin/people/${id}"]`, { biography: 'Studies how caches forget.', _action: 'save' })
    expect(edited.status).toBe(303)
    expect((await read(server(), '/people/saule-cachemanova')).text).toContain('Studies how caches forget.')
  })

  it('the organization form: a new organization is listed; a new name shows on its page', async () => {
    expect((await readCached(server(), '/organizations')).text).not.toContain('Institute of Cache Studies')
    const created = await saveForm('/admin/organizations/new', 'form[action="/admin/organizations/new"]', { name: 'Institute of Cache Studies' })
    expect(created.status).toBe(303)
    expect((await read(server(), '/organizations')).text).toContain('Institute of Cache Studies')

    const id = idIn(created.location)
    await readCached(server(), '/organizations/institute-of-cache-studies')
    const renamed = await saveForm(`/admin/organizations/${id}`, `form[action="/admin/organizations/${id}"]`, { name: 'Institute of Memory Studies' })
    expect(renamed.status).toBe(303)
    expect((await read(server(), '/organizations/institute-of-cache-studies')).text).toContain('Institute of Memory Studies')
    expect((await read(server(), '/organizations')).text).toContain('Institute of Memory Studies')
  })

  it('the publication form: a new publication is listed; an edit shows on its page', async () => {
    expect((await readCached(server(), '/publications')).text).not.toContain('Trust in cached pages 2025')
    const form = formFieldsOf((await open('/admin/publications/new')).html, '/admin/publications')
    const created = await send('/admin/publications', [...form.filter(([name]) => !['title', 'kind'].includes(name)),
      ['title', 'Trust in cached pages 2025'], ['kind', 'report']])
    expect(created.status).toBe(303)
    expect((await read(server(), '/publications')).text).toContain('Trust in cached pages 2025')

    const id = idIn(created.location)
    await readCached(server(), '/publications/trust-in-cached-pages-2025')
    const edit = formFieldsOf((await open(`/admin/publications/${id}`)).html, `/admin/publications/${id}`)
    const edited = await send(`/admin/publications/${id}`, [...edit.filter(([name]) => name !== 'summary'), ['summary', 'Readers trust what they see.']])
    expect(edited.status).toBe(303)
    expect((await read(server(), '/publications/trust-in-cached-pages-2025')).text).toContain('Readers trust what they see.')
  })

  it('the write API: what POST, PATCH and DELETE change shows at once', async () => {
    expect((await readCached(server(), '/people')).text).not.toContain('Dana Apieva')
    expect((await api('POST', '/people', { name: 'Dana Apieva' })).status).toBe(201)
    expect((await read(server(), '/people')).text).toContain('Dana Apieva')

    await readCached(server(), '/people/dana-apieva')
    expect((await api('PATCH', '/people/dana-apieva', { biography: 'Writes through the API.' })).status).toBe(200)
    expect((await read(server(), '/people/dana-apieva')).text).toContain('Writes through the API.')

    for (const path of ['/people', '/people/dana-apieva', '/api/v1/people/dana-apieva']) await readCached(server(), path)
    expect((await api('DELETE', '/people/dana-apieva')).status).toBe(204)
    expect((await read(server(), '/people')).text).not.toContain('Dana Apieva')
    expect((await read(server(), '/people/dana-apieva')).status).toBe(404)
    expect((await read(server(), '/api/v1/people/dana-apieva')).status).toBe(404)

    const post = await (await api('POST', '/posts', { title: 'Posted by an integrator', body: 'Text.', status: 'published' })).json()
    for (const path of ['/news', `/news/${post.slug}`, `/api/v1/posts/${post.slug}`]) await readCached(server(), path)
    expect((await api('PATCH', `/posts/${post.slug}`, { title: 'Posted by an integrator, corrected' })).status).toBe(200)
    for (const path of ['/news', `/news/${post.slug}`, `/api/v1/posts/${post.slug}`]) {
      expect((await read(server(), path)).text, path).toContain('Posted by an integrator, corrected')
    }
  })

  it('publishing an imported item from the review queue puts its post and its new people on the site', async () => {
    const pasted = await send('/admin/import/paste', { text: 'On 15 April 2025 the Public Opinion Research Institute held a round table in Astana on cached news.\n' +
      'Speakers included Aidos Queuebekov, professor at the Eurasian National University, and Marat Reviewov of the Friedrich Ebert Foundation.' })
    expect(pasted.status).toBe(303)
    const id = idIn(pasted.location)
    for (const path of ['/news', '/people']) expect((await readCached(server(), path)).text).not.toContain('Queuebekov')
    const review = await open(`/admin/import/${id}`)
    const published = await send(`/admin/import/${id}`, [...formFieldsOf(review.html, `/admin/import/${id}`), ['_action', 'publish']])
    expect([published.status, published.location]).toEqual([303, `/admin/import/${id}?notice=published`])
    const postPath = (await open(published.location!)).root.querySelector('.import-done a[href^="/news/"]')!.getAttribute('href')!
    expect((await read(server(), '/news')).body).toContain(`href="${postPath}"`)
    expect((await read(server(), '/people')).text).toContain('Aidos Queuebekov')
    expect((await read(server(), postPath)).text).toContain('Aidos Queuebekov')
  })

  it('`chronicle import` of an archive, run as its own process beside the server, shows on the pages it changes', async () => {
    const pages = { '/news': 'News first-seminar', '/people': 'Aliya Bekova', '/organizations': 'Steppe Institute' }
    for (const [path, text] of Object.entries(pages)) expect((await readCached(server(), path)).text).not.toContain(text)
    await chronicle(server().url, ['import', file('archive.json', toJson(smallArchive()))])
    for (const [path, text] of Object.entries(pages)) expect((await read(server(), path)).text, path).toContain(text)
  }, 120_000)

  it('merging a duplicate person and undoing the merge each show on the people list and the survivor’s page', async () => {
    const { db } = server()
    const survivor = await makePerson(db, { name: 'Botagoz Mergeova' })
    const duplicate = await makePerson(db, { name: 'Mergeova B.' })
    await makeActivity(db, { name: 'Workshop only the duplicate attended', participants: [[duplicate, 'moderator']] })
    const survivorPage = `/people/${survivor.slug}`
    for (const path of ['/people', survivorPage, `/people/${duplicate.slug}`]) await readCached(server(), path)
    const merged = await send(`/admin/people/${duplicate.id}/merge`, { into: String(survivor.id) })
    expect(merged.status).toBe(303)
    expect((await read(server(), '/people')).text).not.toContain('Mergeova B.')
    expect((await read(server(), survivorPage)).text).toContain('Workshop only the duplicate attended')
    expect((await read(server(), `/people/${duplicate.slug}`)).status).toBe(301)

    for (const path of ['/people', survivorPage]) await readCached(server(), path)
    const record = await db.selectFrom('merge_record').select('id').where('entity_type', '=', 'person').orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect((await send(`/admin/merges/${record.id}/undo`)).status).toBe(303)
    expect((await read(server(), '/people')).text).toContain('Mergeova B.')
    expect((await read(server(), survivorPage)).text).not.toContain('Workshop only the duplicate attended')
    expect((await read(server(), `/people/${duplicate.slug}`)).status).toBe(200)
  })

  it('merging a duplicate organization and undoing the merge each show on the organizations list and the survivor’s page', async () => {
    const { db } = server()
    const survivor = await makeOrganization(db, { name: 'TURKSOY Cache Office' })
    const duplicate = await makeOrganization(db, { name: 'Cache Office of TURKSOY' })
    await makeActivity(db, { name: 'Forum the duplicate partnered', participants: [[duplicate, 'partner']] })
    const survivorPage = `/organizations/${survivor.slug}`
    for (const path of ['/organizations', survivorPage]) await readCached(server(), path)
    expect((await send(`/admin/organizations/${duplicate.id}/merge`, { into: String(survivor.id) })).status).toBe(303)
    expect((await read(server(), '/organizations')).text).not.toContain('Cache Office of TURKSOY')
    expect((await read(server(), survivorPage)).text).toContain('Forum the duplicate partnered')

    for (const path of ['/organizations', survivorPage]) await readCached(server(), path)
    const record = await db.selectFrom('merge_record').select('id').where('entity_type', '=', 'organization').orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect((await send(`/admin/merges/${record.id}/undo`)).status).toBe(303)
    expect((await read(server(), '/organizations')).text).toContain('Cache Office of TURKSOY')
    expect((await read(server(), survivorPage)).text).not.toContain('Forum the duplicate partnered')
  })

  it('restoring an earlier version from the history shows it again', async () => {
    const organization = await makeOrganization(server().db, { name: 'Institute Before the Edit' })
    expect((await api('PATCH', `/organizations/${organization.slug}`, { name: 'Institute After the Edit' })).status).toBe(200)
    const page = `/organizations/${organization.slug}`
    expect((await readCached(server(), page)).text).toContain('Institute After the Edit')
    const [first] = await findRevisionsOf(server().db, 'organization', organization.id)
    const restored = await send(`/admin/history/organization/${organization.id}/restore/${first!.id}`)
    expect(restored.status).toBe(303)
    const after = await read(server(), page)
    expect(after.text).toContain('Institute Before the Edit')
    expect(after.text).not.toContain('Institute After the Edit')
  })

  it('deleting a post takes it off the site, and restoring it from the trash puts it back', async () => {
    const post = await makePost(server().db, { title: 'A post for the trash', publishedAt: new Date().toISOString() })
    for (const path of ['/news', '/feed.xml', `/news/${post.slug}`]) expect((await readCached(server(), path)).text).toContain('A post for the trash')
    expect((await send(`/admin/posts/${post.id}/delete`)).status).toBe(303)
    for (const path of ['/news', '/feed.xml']) expect((await read(server(), path)).text, path).not.toContain('A post for the trash')
    expect((await read(server(), `/news/${post.slug}`)).status).toBe(404)

    for (const path of ['/news', '/feed.xml']) await readCached(server(), path)
    const trash = await open('/admin/trash')
    const row = trash.root.querySelectorAll('table.data tbody tr').find((tr) => textOf(tr).includes('A post for the trash'))!
    expect((await send(row.querySelector('form')!.getAttribute('action')!)).status).toBe(303)
    for (const path of ['/news', '/feed.xml', `/news/${post.slug}`]) expect((await read(server(), path)).text, path).toContain('A post for the trash')
  })

  it('attaching a file to a publication lists it on the publication’s page and in the API; removing it takes it off', async () => {
    const publication = await createPublicationFromInput(server().db, { kind: 'report', title: 'Report with a cached page' }, SYSTEM_EDITOR)
    const paths = [`/publications/${publication.slug}`, `/api/v1/publications/${publication.slug}`]
    for (const path of paths) expect((await readCached(server(), path)).text).not.toContain('Full text for readers')
    const body = new FormData()
    body.append('_csrf', session.csrf)
    body.append('label', 'Full text for readers')
    body.append('file', new Blob([new Uint8Array(makePdf('cached report'))]), 'report.pdf')
    const uploaded = await server().get(`/admin/publications/${publication.id}/files`, { method: 'POST', headers: { cookie: session.cookie }, body })
    expect(uploaded.status).toBe(303)
    for (const path of paths) expect((await read(server(), path)).text, path).toContain('Full text for readers')

    for (const path of paths) await readCached(server(), path)
    const fileId = (await server().db.selectFrom('publication_file').select('file_id').where('publication_id', '=', publication.id)
      .executeTakeFirstOrThrow()).file_id
    expect((await send(`/admin/publications/${publication.id}/files/remove`, { fileId: String(fileId) })).status).toBe(303)
    for (const path of paths) expect((await read(server(), path)).text, path).not.toContain('Full text for readers')
  })
})
