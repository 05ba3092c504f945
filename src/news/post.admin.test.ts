import { type HTMLElement, parse } from 'node-html-parser'
import { beforeAll, expect, it } from 'vitest'
import { describeEachDialect } from '../../test/db.ts'
import { makeOrganization, makePerson } from '../../test/factories.ts'
import { textOf } from '../../test/html.ts'
import { type TestServer, useTestServer } from '../../test/server.ts'
import type { Editor } from '../accounts/editor.ts'
import { addUser } from '../accounts/user.service.ts'
import { activityStore } from '../activities/activity.store.ts'
import type { Db } from '../db/database.ts'
import { findPersonIdsByNameKey } from '../people/person.repository.ts'
import { findRevisionsOf } from '../revisions/index.ts'
import { postStore } from './post.store.ts'
import { createPostFromInput } from './post.write.ts'

const PASSWORD = 'a long password for tests'

/** A signed-in browser without JavaScript: a cookie, the session's CSRF token, and forms sent as a browser sends them. */
interface Client {
  get(path: string): Promise<Page>
  /** Posts fields as application/x-www-form-urlencoded, adding the CSRF token. */
  post(path: string, fields: Record<string, string>): Promise<Page>
}

interface Page {
  status: number
  location: string | null
  html: string
  root: HTMLElement
}

const cookieOf = (response: Response, name: string) =>
  response.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith(`${name}=`))

async function pageOf(response: Response): Promise<Page> {
  const html = await response.text()
  return { status: response.status, location: response.headers.get('location'), html, root: parse(html) }
}

/** Signs in through the login form, as a person would. */
async function signIn(server: TestServer, email: string): Promise<Client> {
  const login = await server.get('/admin/login')
  const formCookie = cookieOf(login, 'chronicle_form')!
  const loginCsrf = parse(await login.text()).querySelector('input[name=_csrf]')!.getAttribute('value')!
  const signedIn = await server.get('/admin/login', {
    method: 'POST', headers: { cookie: formCookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: loginCsrf, email, password: PASSWORD, next: '/admin' }),
  })
  expect(signedIn.status).toBe(303)
  const cookie = cookieOf(signedIn, 'chronicle_session')!
  expect(cookie).toBeTruthy()
  const get = async (path: string) => pageOf(await server.get(path, { headers: { cookie } }))
  const csrf = (await get('/admin')).root.querySelector('input[name=_csrf]')!.getAttribute('value')!
  return {
    get,
    post: async (path, fields) => pageOf(await server.get(path, {
      method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...fields, _csrf: csrf }),
    })),
  }
}

/** What a browser would send for the form: filled inputs, ticked boxes, chosen options, text areas. */
function formFields(root: HTMLElement, selector = 'form.post-editor'): Record<string, string> {
  const form = root.querySelector(selector)
  if (!form) throw new Error(`no form ${selector}`)
  const fields: Record<string, string> = {}
  for (const element of form.querySelectorAll('input, select, textarea')) {
    const name = element.getAttribute('name')
    // Fields inside <template> are not part of the form until a script adds them.
    if (!name || element.closest('template')) continue
    const tag = element.tagName
    const type = element.getAttribute('type') ?? 'text'
    if (tag === 'INPUT' && (type === 'submit' || type === 'button')) continue
    if (tag === 'INPUT' && type === 'checkbox') { if (element.hasAttribute('checked')) fields[name] = element.getAttribute('value') ?? 'on'; continue }
    if (tag === 'SELECT') {
      const options = element.querySelectorAll('option')
      const chosen = options.find((o) => o.hasAttribute('selected')) ?? options[0]
      fields[name] = chosen?.getAttribute('value') ?? textOf(chosen ?? null)
      continue
    }
    fields[name] = tag === 'TEXTAREA' ? element.textContent : element.getAttribute('value') ?? ''
  }
  return fields
}

const errorAt = (root: HTMLElement, name: string) =>
  textOf(root.querySelector(`[name="${name}"]`)?.closest('.field')?.querySelector('.error') ?? null)
const valueOf = (root: HTMLElement, name: string) => formFields(root)[name]
const countPosts = async (db: Db) => Number((await db.selectFrom('post').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
const idFromLocation = (location: string | null) => Number(/\/admin\/posts\/(\d+)/.exec(location ?? '')?.[1])

describeEachDialect('the posts admin, over HTTP', (dialect) => {
  const server = useTestServer(dialect, { security: { loginSlowdownMs: 0 } })
  let editor: Client
  let author: Client
  let editorUser: Editor
  let authorUser: Editor

  beforeAll(async () => {
    const { db } = server()
    const e = await addUser(db, { email: 'editor@example.org', name: 'Eda Editor', role: 'editor', password: PASSWORD })
    const a = await addUser(db, { email: 'author@example.org', name: 'Arman Author', role: 'author', password: PASSWORD })
    editorUser = { userId: e.id, role: 'editor', actor: e.email }
    authorUser = { userId: a.id, role: 'author', actor: a.email }
    editor = await signIn(server(), 'editor@example.org')
    author = await signIn(server(), 'author@example.org')
  })

  it('lists posts with a literal search (% and _ are plain characters) and filters by status, year, kind and author', async () => {
    const { db } = server()
    await createPostFromInput(db, { title: 'Support at 100% among _young_ voters', body: 'x', status: 'published',
      publishedAt: '2023-05-01T10:00:00+05:00', activity: { kind: 'seminar', startsOn: '2023-05-01' } }, editorUser)
    await createPostFromInput(db, { title: 'Support at 1000 among xyoungx voters', body: 'y', status: 'draft' }, editorUser)
    await createPostFromInput(db, { title: 'An author’s draft about voters', summary: 'Hidden words: quinoa', status: 'review' }, authorUser)

    const titles = async (client: Client, query: string) =>
      (await client.get(`/admin/posts?${query}`)).root.querySelectorAll('table.posts tbody tr td:first-child a').map(textOf)

    expect(await titles(editor, 'q=100%25')).toEqual(['Support at 100% among _young_ voters'])
    expect(await titles(editor, `q=${encodeURIComponent('_young_')}`)).toEqual(['Support at 100% among _young_ voters'])
    expect(await titles(editor, 'q=quinoa')).toEqual(['An author’s draft about voters'])
    expect(await titles(editor, 'q=SUPPORT+AT')).toHaveLength(2)
    expect(await titles(editor, 'q=voters&status=draft')).toEqual(['Support at 1000 among xyoungx voters'])
    expect(await titles(editor, 'q=voters&year=2023')).toEqual(['Support at 100% among _young_ voters'])
    expect(await titles(editor, 'q=voters&kind=seminar')).toEqual(['Support at 100% among _young_ voters'])
    expect(await titles(editor, `q=voters&author=${authorUser.userId}`)).toEqual(['An author’s draft about voters'])
    // An author sees their own posts only, whatever the filter asks.
    expect(await titles(author, 'q=voters')).toEqual(['An author’s draft about voters'])
    expect(await titles(author, `q=voters&author=${editorUser.userId}`)).toEqual(['An author’s draft about voters'])
    expect((await editor.get('/admin/posts?status=gone')).status).toBe(400)
  })

  it('creates a post with an activity and three participants, one of them new, and shows it on the public site', async () => {
    const { db } = server()
    const person = await makePerson(db, { name: 'Gaukhar Nurlanovna' })
    const organization = await makeOrganization(db, { name: 'Steppe Research Centre' })
    const form = formFields((await editor.get('/admin/posts/new')).root)
    expect(form['activity.participants.2.name']).toBe('')
    const created = await editor.post('/admin/posts/new', {
      ...form,
      title: 'Round table on water policy', summary: 'Experts met in Almaty.', body: 'We **met**.', status: 'published',
      publishedAt: '2025-02-03T10:30',
      'activity.kind': 'round-table', 'activity.name': 'Water policy in Central Asia', 'activity.startsOn': '2025-02-03',
      'activity.city': 'Almaty', 'activity.country': 'KZ', 'activity.format': 'in-person',
      'activity.participants.0.type': 'person', 'activity.participants.0.name': 'Gaukhar Nurlanovna',
      'activity.participants.0.slug': person.slug, 'activity.participants.0.role': 'moderator',
      'activity.participants.1.type': 'organization', 'activity.participants.1.name': 'Steppe Research Centre',
      'activity.participants.1.slug': organization.slug, 'activity.participants.1.role': 'organizer',
      'activity.participants.2.type': 'person', 'activity.participants.2.name': 'Dauren Newcomer',
      'activity.participants.2.role': 'speaker', 'activity.participants.2.jobTitle': 'Hydrologist',
      'activity.participants.2.affiliationName': 'Steppe Research Centre',
      'links.0.url': 'https://example.org/water', 'links.0.label': 'Programme',
    })
    expect(created.status).toBe(303)
    const id = idFromLocation(created.location)
    const post = (await postStore.load(db, id))!
    expect(post).toMatchObject({ title: 'Round table on water policy', status: 'published', slug: 'round-table-on-water-policy',
      publishedAt: '2025-02-03T05:30:00.000Z', links: [{ url: 'https://example.org/water', label: 'Programme' }] })
    const activity = (await activityStore.load(db, post.activityId!))!
    const [newcomer] = await findPersonIdsByNameKey(db, 'dauren newcomer')
    expect(activity).toMatchObject({ kind: 'round-table', name: 'Water policy in Central Asia', city: 'Almaty', country: 'KZ' })
    expect(activity.participations).toMatchObject([
      { personId: person.id, role: 'moderator' },
      { organizationId: organization.id, role: 'organizer' },
      { personId: newcomer!.id, role: 'speaker', jobTitle: 'Hydrologist', affiliationId: organization.id },
    ])
    const edit = await editor.get(`/admin/posts/${id}?notice=created`)
    expect(textOf(edit.root.querySelector('.notice'))).toBe('Created.')
    expect(valueOf(edit.root, 'publishedAt')).toBe('2025-02-03T10:30')
    expect(edit.root.querySelector('a[href="/admin/history/post/' + id + '"]')).not.toBeNull()

    const page = await server().get('/news/round-table-on-water-policy')
    expect(page.status).toBe(200)
    const html = await page.text()
    for (const name of ['Gaukhar Nurlanovna', 'Steppe Research Centre', 'Dauren Newcomer']) expect(html).toContain(name)
    const entries = await db.selectFrom('audit_log').select(['action', 'target_id']).where('target_type', '=', 'post')
      .where('target_id', '=', id).orderBy('id').execute()
    expect(entries.map((e) => e.action)).toEqual(['post-created', 'post-published'])
  })

  it('edits a post: the form opens with the saved values, and saving adds a revision', async () => {
    const { db } = server()
    const person = await makePerson(db, { name: 'Erlan Editable' })
    const post = await createPostFromInput(db, { title: 'Before the edit', body: 'Old text.', status: 'draft',
      activity: { kind: 'lecture', participants: [{ type: 'person', slug: person.slug, role: 'speaker' }] } }, editorUser)
    const opened = await editor.get(`/admin/posts/${post.id}`)
    const form = formFields(opened.root)
    expect(form).toMatchObject({ title: 'Before the edit', body: 'Old text.', 'activity.kind': 'lecture',
      'activity.participants.0.name': 'Erlan Editable', 'activity.participants.0.slug': person.slug })
    const saved = await editor.post(`/admin/posts/${post.id}`, { ...form, title: 'After the edit', body: 'New text.' })
    expect(saved.status).toBe(303)
    expect(saved.location).toBe(`/admin/posts/${post.id}?notice=saved`)
    expect((await postStore.load(db, post.id))!).toMatchObject({ title: 'After the edit', body: 'New text.' })
    expect((await findRevisionsOf(db, 'post', post.id)).map((r) => r.action)).toEqual(['create', 'update'])
    const again = await editor.get(`/admin/posts/${post.id}`)
    expect(textOf(again.root.querySelector(`a[href="/admin/history/post/${post.id}"]`))).toBe('History (2 revisions)')

    // Emptying the activity's fields keeps it linked; unlinking is said out loud.
    const emptied = formFields(again.root)
    for (const name of Object.keys(emptied)) if (name.startsWith('activity.') && name !== 'activity.linked') emptied[name] = ''
    expect((await editor.post(`/admin/posts/${post.id}`, emptied)).status).toBe(303)
    expect((await postStore.load(db, post.id))!.activityId).toBe(post.activityId)
    const unlinked = await editor.post(`/admin/posts/${post.id}`, { ...formFields((await editor.get(`/admin/posts/${post.id}`)).root), 'activity.detach': '1' })
    expect(unlinked.status).toBe(303)
    expect((await postStore.load(db, post.id))!.activityId).toBeNull()
    expect(await activityStore.load(db, post.activityId!)).not.toBeNull()
  })

  it('shows a conflict with both versions instead of overwriting a newer save, and saves again from there', async () => {
    const { db } = server()
    const post = await createPostFromInput(db, { title: 'Shared draft', body: 'First text.' }, editorUser)
    const mine = formFields((await editor.get(`/admin/posts/${post.id}`)).root)
    const theirs = formFields((await editor.get(`/admin/posts/${post.id}`)).root)
    expect((await editor.post(`/admin/posts/${post.id}`, { ...theirs, body: 'Their text.' })).status).toBe(303)

    const conflict = await editor.post(`/admin/posts/${post.id}`, { ...mine, body: 'My text.' })
    expect(conflict.status).toBe(409)
    expect(textOf(conflict.root.querySelector('h1'))).toBe('Someone else saved this post after you opened it')
    const text = conflict.root.querySelectorAll('table.compare tr').find((r) => textOf(r.querySelector('th')).startsWith('Text'))!
    expect(text.querySelectorAll('td').map(textOf)).toEqual(['My text.', 'Their text.'])
    expect((await postStore.load(db, post.id))!.body).toBe('Their text.')

    const again = formFields(conflict.root)
    expect(again.body).toBe('My text.')
    expect(Number(again['versions.post'])).toBeGreaterThan(Number(mine['versions.post']))
    expect((await editor.post(`/admin/posts/${post.id}`, again)).status).toBe(303)
    expect((await postStore.load(db, post.id))!.body).toBe('My text.')
  })

  it('does not let an author publish: 403, and the post stays as it was', async () => {
    const { db } = server()
    const newPost = formFields((await author.get('/admin/posts/new')).root)
    expect((await author.get('/admin/posts/new')).root.querySelectorAll('select[name=status] option').map((o) => o.getAttribute('value')))
      .toEqual(['draft', 'review'])
    const created = await author.post('/admin/posts/new', { ...newPost, title: 'My first draft', body: 'Draft text.' })
    expect(created.status).toBe(303)
    const id = idFromLocation(created.location)
    const form = formFields((await author.get(`/admin/posts/${id}`)).root)
    const refused = await author.post(`/admin/posts/${id}`, { ...form, title: 'Published by me', status: 'published' })
    expect(refused.status).toBe(403)
    expect(refused.html).toContain('an editor publishes them')
    expect((await postStore.load(db, id))!).toMatchObject({ title: 'My first draft', status: 'draft' })
    expect(await findRevisionsOf(db, 'post', id)).toHaveLength(1)
    expect((await author.post('/admin/posts/new', { ...newPost, title: 'Straight out', status: 'published' })).status).toBe(403)
    expect(await db.selectFrom('post').select('id').where('title', '=', 'Straight out').executeTakeFirst()).toBeUndefined()

    // Submitting for review is theirs to do; someone else's post is not theirs to open.
    expect((await author.post(`/admin/posts/${id}`, { ...form, status: 'review' })).status).toBe(303)
    expect((await postStore.load(db, id))!.status).toBe('review')
    const others = await createPostFromInput(db, { title: 'Not the author’s' }, editorUser)
    expect((await author.get(`/admin/posts/${others.id}`)).status).toBe(403)
  })

  it('shows every problem next to its field, keeps everything typed, and saves nothing', async () => {
    const { db } = server()
    const before = await countPosts(db)
    const people = await db.selectFrom('person').select('id').execute()
    const form = formFields((await editor.get('/admin/posts/new')).root)
    const typed = {
      ...form, title: '  ', summary: 'A summary I wrote with care.', body: 'Body I must not lose: <b>bold</b> & more.',
      status: 'scheduled', publishedAt: '',
      'activity.name': 'Conference of things', 'activity.startsOn': '2025-05-10', 'activity.endsOn': '2025-05-01',
      'activity.participants.0.name': 'Someone Brand New', 'activity.participants.0.role': 'speaker',
      'activity.participants.1.jobTitle': 'Director without a name',
      'links.0.url': 'not a web address', 'links.0.label': 'Broken link',
      'translations.ru.title': '', 'translations.ru.body': 'Текст без заголовка',
    }
    const page = await editor.post('/admin/posts/new', typed)
    expect(page.status).toBe(400)
    expect(await countPosts(db)).toBe(before)
    expect(await db.selectFrom('person').select('id').execute()).toHaveLength(people.length)
    expect(errorAt(page.root, 'title')).toBe('this cannot be empty')
    expect(errorAt(page.root, 'activity.endsOn')).toBe('the last day cannot come before the first')
    expect(errorAt(page.root, 'activity.participants.1.name')).toBe('give the slug of an existing record or a name')
    expect(errorAt(page.root, 'links.0.url')).toBe('a web address starts with http:// or https://')
    expect(errorAt(page.root, 'translations.ru.title')).toBe('this cannot be empty')
    expect(textOf(page.root.querySelector('.error-summary h2'))).toMatch(/^Nothing was saved/)
    const kept = formFields(page.root)
    for (const name of ['summary', 'body', 'activity.name', 'activity.startsOn', 'activity.endsOn', 'activity.participants.0.name',
      'activity.participants.1.jobTitle', 'links.0.url', 'links.0.label', 'translations.ru.body', 'status']) {
      expect(kept[name], name).toBe(typed[name as keyof typeof typed])
    }
    // The scheduled time is asked for once the rest is right.
    const fixed = await editor.post('/admin/posts/new', { ...kept, title: 'Now with a title', 'activity.endsOn': '',
      'activity.participants.1.jobTitle': '', 'links.0.url': 'https://example.org', 'translations.ru.title': 'Заголовок' })
    expect(fixed.status).toBe(400)
    expect(errorAt(fixed.root, 'publishedAt')).toBe('a scheduled post needs the time to publish it')
    expect(await countPosts(db)).toBe(before)
  })

  it('previews the text and adds rows without JavaScript, saving nothing', async () => {
    const { db } = server()
    const before = await countPosts(db)
    const form = formFields((await editor.get('/admin/posts/new')).root)
    const preview = await editor.post('/admin/posts/new', { ...form, title: 'Preview me', body: '## Heading\n\nSome *emphasis* <script>alert(1)</script>', _action: 'preview' })
    expect(preview.status).toBe(200)
    const shown = preview.root.querySelector('#body-preview')!
    expect(shown.querySelector('h2')?.textContent).toBe('Heading')
    expect(shown.querySelector('em')?.textContent).toBe('emphasis')
    expect(shown.querySelector('script')).toBeNull()
    expect(valueOf(preview.root, 'title')).toBe('Preview me')

    const more = await editor.post('/admin/posts/new', { ...formFields(preview.root), 'activity.participants.0.name': 'Kept Name', _action: 'more-participants' })
    expect(more.status).toBe(200)
    expect(more.root.querySelectorAll('#participant-rows > fieldset')).toHaveLength(1 + 6)
    expect(valueOf(more.root, 'activity.participants.0.name')).toBe('Kept Name')
    expect(await countPosts(db)).toBe(before)
  })

  it('deletes after a confirmation: the post leaves the public site and goes to the trash', async () => {
    const { db } = server()
    const post = await createPostFromInput(db, { title: 'Soon gone', body: 'x', status: 'published' }, editorUser)
    expect((await server().get('/news/soon-gone')).status).toBe(200)
    const confirm = await editor.get(`/admin/posts/${post.id}/delete`)
    expect(textOf(confirm.root.querySelector('h1'))).toBe('Delete “Soon gone”?')
    const deleted = await editor.post(`/admin/posts/${post.id}/delete`, {})
    expect(deleted.status).toBe(303)
    expect(deleted.location).toBe('/admin/posts?notice=deleted')
    expect((await server().get('/news/soon-gone')).status).toBe(404)
    expect((await editor.get(`/admin/posts/${post.id}`)).status).toBe(404)
    expect((await findRevisionsOf(db, 'post', post.id)).at(-1)!.action).toBe('delete')
    const audit = await db.selectFrom('audit_log').select('action').where('target_id', '=', post.id).where('target_type', '=', 'post').execute()
    expect(audit.map((a) => a.action)).toContain('post-deleted')
  })

  it('saves language versions with the post and shows them again', async () => {
    const { db } = server()
    const form = formFields((await editor.get('/admin/posts/new')).root)
    const created = await editor.post('/admin/posts/new', { ...form, title: 'Three languages', body: 'English.',
      'translations.ru.title': 'Три языка', 'translations.ru.body': 'По-русски.', 'translations.kk.title': 'Үш тіл' })
    expect(created.status).toBe(303)
    const id = idFromLocation(created.location)
    expect((await postStore.load(db, id))!.translations).toEqual([
      { lang: 'kk', title: 'Үш тіл', summary: '', body: '' },
      { lang: 'ru', title: 'Три языка', summary: '', body: 'По-русски.' },
    ])
    const opened = await editor.get(`/admin/posts/${id}`)
    expect(valueOf(opened.root, 'translations.ru.title')).toBe('Три языка')
    expect(opened.root.querySelectorAll('details[open]').map((d) => textOf(d.querySelector('summary'))))
      .toEqual(['Russian version (ru)', 'Kazakh version (kk)'])
  })
})
