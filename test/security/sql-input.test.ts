import { parse } from 'node-html-parser'
import { beforeAll, expect, it } from 'vitest'
import { describeEachDialect } from '../db.ts'
import { textOf, textsOf } from '../html.ts'
import { useTestServer } from '../server.ts'
import { type Account, FORM, formFields, makeAccount, makeToken, signIn, type SignedIn, withFields } from './helpers.ts'

/** Text that looks like SQL or like LIKE's wildcards; it must stay text everywhere. */
const TRICKY = {
  drop: "'; DROP TABLE post; --",
  or: "' OR 1=1 --",
  percent: '100% turnout, 50%_ off',
  underscore: 'snake_case_survey',
  backslash: 'C:\\data\\%_\\',
  quotes: 'Robert\'); DROP TABLE students;-- "quoted" `ticks`',
  comment: 'Panel /* not a comment */ and -- not a comment',
  semicolon: 'a; SELECT * FROM app_user; b',
}

describeEachDialect('SQL-looking input is plain text and matches literally', (dialect) => {
  const server = useTestServer(dialect, { security: { loginSlowdownMs: 2 } })
  let editor: Account
  let token = ''
  let session: SignedIn
  const slugs: Record<string, string> = {}

  const api = async (method: string, path: string, body?: object) => {
    const response = await server().get(`/api/v1${path}`, {
      method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    })
    return { status: response.status, json: await response.json() as Record<string, any> }
  }

  beforeAll(async () => {
    const { db } = server()
    editor = await makeAccount(db, 'editor')
    token = await makeToken(db, editor, 'write')
    session = await signIn(server(), editor)
    for (const [key, text] of Object.entries(TRICKY)) {
      const created = await api('POST', '/posts', {
        title: text, summary: `Summary: ${text}`, body: `Body: ${text}`, status: 'published', publishedAt: '2025-03-01T09:00:00Z',
        activity: { kind: 'seminar', name: text, city: text.slice(0, 100), startsOn: '2025-03-01',
          participants: [{ type: 'person', name: `Person ${text}`, role: 'speaker', jobTitle: text }] },
      })
      expect(created.status).toBe(201)
      slugs[key] = created.json.slug
    }
    // Plain posts that a wildcard would wrongly match.
    for (const title of ['Plain news one', 'Plain news two']) await api('POST', '/posts', { title, summary: 'Nothing special.', status: 'published' })
  })

  it('round-trips through the write API unchanged, and the tables are all still there', async () => {
    for (const [key, text] of Object.entries(TRICKY)) {
      const read = await server().get(`/api/v1/posts/${slugs[key]}`)
      const post = await read.json()
      expect(post).toMatchObject({ title: text, summary: `Summary: ${text}`, body: `Body: ${text}` })
      expect(post.activity).toMatchObject({ name: text, participants: [{ name: `Person ${text}`, jobTitle: text }] })
      const patched = await api('PATCH', `/posts/${slugs[key]}`, { summary: text })
      expect(patched.json.summary).toBe(text)
      const person = await api('POST', '/people', { name: `Dr ${text}`.slice(0, 200), biography: text })
      expect(person.json).toMatchObject({ name: `Dr ${text}`.slice(0, 200), biography: text })
    }
    const { db } = server()
    for (const table of ['post', 'app_user', 'person', 'activity'] as const) {
      expect(Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBeGreaterThan(0)
    }
  })

  it('shows as text on the public pages', async () => {
    for (const [key, text] of Object.entries(TRICKY)) {
      const root = parse(await (await server().get(`/news/${slugs[key]}`)).text())
      expect(textOf(root.querySelector('h1'))).toBe(text.replace(/\s+/g, ' '))
    }
  })

  it('round-trips through the admin post form: shown in the field, saved back unchanged', async () => {
    for (const [key, text] of Object.entries(TRICKY)) {
      const { db } = server()
      const id = (await db.selectFrom('post').select('id').where('slug', '=', slugs[key]!).executeTakeFirstOrThrow()).id
      const page = await (await server().get(`/admin/posts/${id}`, { headers: { cookie: session.cookie } })).text()
      const fields = formFields(page, `/admin/posts/${id}`, { name: '_action', value: 'save' })
      expect(Object.fromEntries(fields)).toMatchObject({ title: text, 'activity.name': text })
      const edited = `${text} (edited)`
      const saved = await server().get(`/admin/posts/${id}`, {
        method: 'POST', headers: { cookie: session.cookie, 'content-type': FORM }, body: withFields(fields, { title: edited }),
      })
      expect(saved.status).toBe(303)
      const after = await (await server().get(`/api/v1/posts/${slugs[key]}`)).json()
      expect(after).toMatchObject({ title: edited, summary: text, body: `Body: ${text}` })
      expect(after.activity.name).toBe(text)
    }
  })

  it('an admin search for “%” or “_” finds only the titles that contain one, not everything', async () => {
    const titlesFor = async (q: string) => {
      const root = parse(await (await server().get(`/admin/posts?q=${encodeURIComponent(q)}`, { headers: { cookie: session.cookie } })).text())
      return textsOf(root, 'table.posts tbody td:first-child a').sort()
    }
    const containing = (needle: string) => Object.values(TRICKY).map((t) => `${t} (edited)`)
      .filter((t) => t.includes(needle)).sort()
    expect(await titlesFor('%')).toEqual(containing('%'))
    expect(await titlesFor('_')).toEqual(containing('_'))
    expect(await titlesFor('%_')).toEqual(containing('%_'))
    expect(await titlesFor('\\')).toEqual(containing('\\'))
    expect(await titlesFor("' OR 1=1 --")).toEqual(containing("' OR 1=1 --"))
    expect(await titlesFor("'; DROP TABLE post; --")).toEqual(containing("'; DROP TABLE post; --"))
    expect(await titlesFor('Plain news')).toEqual(['Plain news one', 'Plain news two'])
  })

  it('an admin publication search matches “%” and “_” literally', async () => {
    for (const title of ['Survey with 95% confidence', 'Survey of field_work', 'Ordinary survey']) {
      expect((await api('POST', '/publications', { kind: 'report', title })).status).toBe(201)
    }
    const titlesFor = async (q: string) => {
      const root = parse(await (await server().get(`/admin/publications?q=${encodeURIComponent(q)}`, { headers: { cookie: session.cookie } })).text())
      return textsOf(root, 'table tbody td:first-child a').sort()
    }
    expect(await titlesFor('%')).toEqual(['Survey with 95% confidence'])
    expect(await titlesFor('_')).toEqual(['Survey of field_work'])
    expect(await titlesFor('Survey')).toEqual(['Ordinary survey', 'Survey of field_work', 'Survey with 95% confidence'])
  })

  it('filters of the read API take slugs literally: a wildcard matches no record', async () => {
    for (const path of ['/api/v1/posts?person=%25', '/api/v1/activities?person=%25', '/api/v1/activities?organization=_',
      `/api/v1/posts?person=${encodeURIComponent("' OR 1=1 --")}`]) {
      const response = await server().get(path)
      const body = await response.json()
      // Either refused as an unknown record or an empty list; never every post.
      if (response.status === 200) expect(body.data).toEqual([])
      else expect(response.status).toBe(404)
    }
    expect((await server().get(`/api/v1/posts/${encodeURIComponent('%')}`)).status).toBe(404)
  })
})
