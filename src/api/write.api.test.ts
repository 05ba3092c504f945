import { beforeAll, expect, it } from 'vitest'
import { describeEachDialect } from '../../test/db.ts'
import { makePerson } from '../../test/factories.ts'
import { makeAccount, makeToken, stateOf, type Account } from '../../test/security/helpers.ts'
import { useTestServer } from '../../test/server.ts'
import { revokeApiToken } from '../accounts/token.service.ts'
import { setUserDisabled } from '../accounts/user.service.ts'
import { findRevisionsOf } from '../revisions/index.ts'
import { findPostBySlug } from '../news/post.repository.ts'
import { MAX_BODY_BYTES, mergePatch } from './write.api.ts'

describeEachDialect('write API', (dialect) => {
  const server = useTestServer(dialect)
  let editor: Account, author: Account
  let editorToken = '', authorToken = '', readToken = ''

  beforeAll(async () => {
    const { db } = server()
    editor = await makeAccount(db, 'editor')
    author = await makeAccount(db, 'author')
    editorToken = await makeToken(db, editor, 'write')
    authorToken = await makeToken(db, author, 'write')
    readToken = await makeToken(db, editor, 'read')
  })

  const send = (method: string, path: string, token: string | null, body?: unknown, headers: Record<string, string> = {}) =>
    server().get(`/api/v1${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    })

  it('creates a post with its activity: 201, Location, ETag, and the record as sent back', async () => {
    const response = await send('POST', '/posts', editorToken, {
      title: 'Round table on local elections', summary: 'Who votes, and why.', body: 'First **paragraph**.', status: 'published',
      activity: { kind: 'round-table', startsOn: '2025-04-10', city: 'Astana', participants: [{ type: 'person', name: 'Aigerim Nurlanova', role: 'speaker' }] },
    })
    expect(response.status).toBe(201)
    expect(response.headers.get('location')).toBe(`${server().baseUrl}/api/v1/posts/round-table-on-local-elections`)
    expect(response.headers.get('etag')).toMatch(/^"\d+"$/)
    const post = await response.json()
    expect(post).toMatchObject({
      slug: 'round-table-on-local-elections', title: 'Round table on local elections', status: 'published',
      url: `${server().baseUrl}/news/round-table-on-local-elections`,
      activity: { kind: 'round-table', city: 'Astana', participants: [{ type: 'person', name: 'Aigerim Nurlanova', role: 'speaker' }] },
    })
    expect(`"${post.version}"`).toBe(response.headers.get('etag'))
    // Published, so the read API shows it as readers see it.
    const read = await send('GET', '/posts/round-table-on-local-elections', null)
    expect(read.status).toBe(200)
    expect((await read.json()).activity.participants[0].name).toBe('Aigerim Nurlanova')
  })

  it('PATCH merges over the current record, keeps the rest, and records a revision like the admin', async () => {
    const created = await (await send('POST', '/people', editorToken, { name: 'Dana Sultanova', degree: 'PhD', variants: ['Д. Султанова'] })).json()
    const response = await send('PATCH', `/people/${created.slug}`, editorToken, { biography: 'Sociologist.' })
    expect(response.status).toBe(200)
    const person = await response.json()
    expect(person).toMatchObject({ name: 'Dana Sultanova', degree: 'PhD', variants: ['Д. Султанова'], biography: 'Sociologist.' })
    expect(person.version).toBeGreaterThan(created.version)
    const { db } = server()
    const revisions = await findRevisionsOf(db, 'person', (await db.selectFrom('person').select('id').where('slug', '=', created.slug).executeTakeFirstOrThrow()).id)
    expect(revisions.map((r) => [r.action, r.actor])).toEqual([['create', editor.email], ['update', editor.email]])
    // null clears a field; nested objects merge key by key.
    const cleared = await (await send('PATCH', `/people/${created.slug}`, editorToken, { degree: null })).json()
    expect(cleared.degree).toBeNull()
    expect(cleared.biography).toBe('Sociologist.')
  })

  it('with a stale If-Match answers 412 with the current record and changes nothing; the right one saves', async () => {
    const created = await send('POST', '/organizations', editorToken, { name: 'Institute of Philosophy', country: 'kz' })
    const etag = created.headers.get('etag')!
    const { slug } = await created.json()
    expect((await send('PATCH', `/organizations/${slug}`, editorToken, { website: 'https://example.org' }, { 'if-match': etag })).status).toBe(200)
    const before = await stateOf(server().db)
    const stale = await send('PATCH', `/organizations/${slug}`, editorToken, { name: 'Overwritten' }, { 'if-match': etag })
    expect(stale.status).toBe(412)
    expect(stale.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    const problem = await stale.json()
    expect(problem).toMatchObject({ status: 412, code: 'precondition_failed', current: { name: 'Institute of Philosophy', website: 'https://example.org' } })
    expect(stale.headers.get('etag')).toBe(`"${problem.currentVersion}"`)
    expect((await send('DELETE', `/organizations/${slug}`, editorToken, undefined, { 'if-match': etag })).status).toBe(412)
    expect(await stateOf(server().db)).toEqual(before)
    const saved = await send('PATCH', `/organizations/${slug}`, editorToken, { name: 'Institute of Philosophy and Politics' },
      { 'if-match': stale.headers.get('etag')! })
    expect(saved.status).toBe(200)
    expect(saved.headers.get('etag')).not.toBe(stale.headers.get('etag'))
  })

  it("refuses a GET's ETag as If-Match with a message that says which one to send, and changes nothing", async () => {
    const created = await send('POST', '/organizations', editorToken, { name: 'Institute of Etags', country: 'kz' })
    const { slug } = await created.json()
    const read = await server().get(`/api/v1/organizations/${slug}`)
    expect(read.status).toBe(200)
    const before = await stateOf(server().db)
    const refused = await send('PATCH', `/organizations/${slug}`, editorToken, { name: 'Renamed' }, { 'if-match': read.headers.get('etag')! })
    expect(refused.status).toBe(400)
    expect((await refused.json()).detail).toMatch(/If-Match takes the record's version.*ETag of a GET .*If-None-Match/)
    expect(await stateOf(server().db)).toEqual(before)
  })

  it('DELETE moves the record to the trash: 204, then 404, with a delete revision', async () => {
    const { slug } = await (await send('POST', '/activities', editorToken, { kind: 'seminar', name: 'Seminar to delete', startsOn: '2024-02-02' })).json()
    const etag = (await send('PATCH', `/activities/${slug}`, editorToken, { city: 'Almaty' })).headers.get('etag')!
    const response = await send('DELETE', `/activities/${slug}`, editorToken, undefined, { 'if-match': etag })
    expect(response.status).toBe(204)
    expect((await send('PATCH', `/activities/${slug}`, editorToken, { city: 'Shymkent' })).status).toBe(404)
    const { db } = server()
    const deleted = await db.selectFrom('revision').select(['action', 'before_json']).where('entity_type', '=', 'activity')
      .orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()
    expect(deleted.action).toBe('delete')
    expect(JSON.parse(deleted.before_json!).city).toBe('Almaty')
  })

  it('publications: survey method fields and contributors by name', async () => {
    const response = await send('POST', '/publications', editorToken, {
      kind: 'report', title: 'Trust in institutions 2025', publishedOn: '2025-06-01',
      method: { sampleSize: 1200, methods: ['mass-survey'], fieldworkFrom: '2025-03-01', fieldworkTo: '2025-03-20' },
      contributors: [{ type: 'person', name: 'Dana Sultanova', role: 'author' }],
    })
    expect(response.status).toBe(201)
    const created = await response.json()
    expect(created.method).toMatchObject({ sampleSize: 1200, fieldworkFrom: '2025-03-01', fieldworkTo: '2025-03-20' })
    const patched = await (await send('PATCH', `/publications/${created.slug}`, editorToken, { method: { sampleSize: 1500 } })).json()
    expect(patched.method).toMatchObject({ sampleSize: 1500, fieldworkFrom: '2025-03-01', methods: ['mass-survey'] })
    expect(patched.contributors).toEqual([expect.objectContaining({ type: 'person', name: 'Dana Sultanova', role: 'author' })])
  })

  it('authors write their own drafts and submit them, but may not publish or touch others’ posts', async () => {
    const draft = await send('POST', '/posts', authorToken, { title: 'An author’s draft', body: 'Text.' })
    expect(draft.status).toBe(201)
    const { slug } = await draft.json()
    expect((await send('PATCH', `/posts/${slug}`, authorToken, { status: 'review' })).status).toBe(200)
    const publish = await send('PATCH', `/posts/${slug}`, authorToken, { status: 'published' })
    expect(publish.status).toBe(403)
    expect((await publish.json()).detail).toMatch(/editor publishes/)
    const others = await (await send('POST', '/posts', editorToken, { title: 'An editor’s draft' })).json()
    expect((await send('PATCH', `/posts/${others.slug}`, authorToken, { title: 'Mine now' })).status).toBe(403)
    expect((await send('DELETE', `/posts/${others.slug}`, authorToken)).status).toBe(403)
    expect((await send('POST', '/people', authorToken, { name: 'Not for authors' })).status).toBe(403)
    expect((await send('DELETE', `/posts/${slug}`, authorToken)).status).toBe(204)
  })

  it('explains refusals as problem+json: no token 401, read scope 403, bad token 401', async () => {
    const none = await send('POST', '/people', null, { name: 'Nobody' })
    expect(none.status).toBe(401)
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/)
    expect(await none.json()).toMatchObject({ status: 401, code: 'authentication_required', detail: expect.stringMatching(/Bearer/) })
    const read = await send('POST', '/people', readToken, { name: 'Nobody' })
    expect(read.status).toBe(403)
    expect((await read.json()).detail).toMatch(/write scope/)
    const bad = await send('GET', '/posts', 'chr_not-a-token')
    expect(bad.status).toBe(401)
    // Reads need no token, and a read token works for them.
    expect((await send('GET', '/posts', null)).status).toBe(200)
    expect((await send('GET', '/posts', readToken)).status).toBe(200)
  })

  it('refuses bad bodies with 400 (parse error and field problems), 415 and 413, and stores nothing', async () => {
    const patched = await makePerson(server().db)
    const before = await stateOf(server().db)
    const broken = await send('POST', '/posts', editorToken, '{"title": "Half')
    expect(broken.status).toBe(400)
    expect((await broken.json()).detail).toMatch(/^The body is not valid JSON: .+/)
    const list = await send('POST', '/posts', editorToken, '[1, 2]')
    expect((await list.json()).detail).toMatch(/JSON object/)
    // A patch nested 150,000 levels deep once overflowed the stack (500); it is a bad body like any other.
    const deep = `{"title": "Deep", "body": ${'{"a":'.repeat(150_000)}1${'}'.repeat(150_000)}}`
    for (const [method, path] of [['POST', '/posts'], ['PATCH', `/people/${patched.slug}`]] as const) {
      const answer = await send(method, path, editorToken, deep)
      expect(answer.status, `${method} ${path}`).toBe(400)
      expect((await answer.json()).detail).toMatch(/nests deeper than 32 levels/)
    }
    const invalid = await send('POST', '/posts', editorToken, { title: '', status: 'live', activity: { startsOn: '2024-02-30' } })
    expect(invalid.status).toBe(400)
    const problem = await invalid.json()
    expect(problem.code).toBe('invalid_input')
    expect(problem.errors).toEqual(expect.arrayContaining([
      expect.stringMatching(/^title: /), expect.stringMatching(/^status: /), expect.stringMatching(/^activity\.startsOn: /)]))
    const form = await send('POST', '/posts', editorToken, 'title=x', { 'content-type': 'application/x-www-form-urlencoded' })
    expect(form.status).toBe(415)
    const huge = await send('POST', '/posts', editorToken, { title: 'Huge', body: 'x'.repeat(MAX_BODY_BYTES) })
    expect(huge.status).toBe(413)
    expect(huge.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect((await send('PATCH', '/posts/no-such-post', editorToken, { title: 'x' })).status).toBe(404)
    expect((await send('PATCH', '/posts/x', editorToken, { title: 'x' }, { 'if-match': 'yesterday' })).status).toBe(404)
    expect(await stateOf(server().db)).toEqual(before)
  })

  it('reads stay public-only, even with an editor’s token: internal and draft records are not shown', async () => {
    const internal = await (await send('POST', '/activities', editorToken, { kind: 'meeting', name: 'Closed board meeting', internal: true })).json()
    const draft = await (await send('POST', '/posts', editorToken, { title: 'Unpublished draft' })).json()
    for (const token of [null, editorToken, readToken]) {
      expect((await send('GET', `/activities/${internal.slug}`, token)).status).toBe(404)
      expect((await send('GET', `/posts/${draft.slug}`, token)).status).toBe(404)
      const list = await (await send('GET', '/posts?pageSize=100', token)).json()
      expect(list.data.map((p: { slug: string }) => p.slug)).not.toContain(draft.slug)
    }
  })

  it('a revoked token, or the token of a disabled account, is refused with 401 and writes nothing', async () => {
    const { db } = server()
    const leaving = await makeAccount(db, 'editor', 'leaving')
    const revoked = await makeToken(db, leaving, 'write')
    const disabled = await makeToken(db, leaving, 'write')
    const row = await db.selectFrom('api_token').select('id').where('user_id', '=', leaving.id).orderBy('id').executeTakeFirstOrThrow()
    await revokeApiToken(db, leaving.id, row.id)
    const before = await stateOf(db)
    expect((await send('POST', '/people', revoked, { name: 'Via a revoked token' })).status).toBe(401)
    await setUserDisabled(db, leaving.email, true)
    const before2 = await stateOf(db)
    expect((await send('POST', '/people', disabled, { name: 'Via a disabled account' })).status).toBe(401)
    expect((await send('GET', '/posts', disabled)).status).toBe(401)
    expect(await stateOf(db)).toEqual(before2)
    expect(before.archive).toEqual(before2.archive)
    // Enabling the account again does not bring its old tokens back: they were revoked with the disabling.
    await setUserDisabled(db, leaving.email, false)
    expect((await send('POST', '/people', disabled, { name: 'Via a token from before' })).status).toBe(401)
    expect((await send('GET', '/posts', disabled)).status).toBe(401)
    expect((await stateOf(db)).archive).toEqual(before2.archive)
  })

  it('a slug taken by another record is a 409 conflict, and the original keeps its data', async () => {
    const first = await (await send('POST', '/posts', editorToken, { title: 'First of two' })).json()
    const second = await (await send('POST', '/posts', editorToken, { title: 'Second of two' })).json()
    const clash = await send('PATCH', `/posts/${second.slug}`, editorToken, { slug: first.slug })
    expect(clash.status).toBe(409)
    expect((await findPostBySlug(server().db, first.slug))?.title).toBe('First of two')
  })
})

it('merge patch: null removes, objects merge, arrays replace, __proto__ stays data', () => {
  expect(mergePatch({ a: 1, b: { c: 2, d: 3 }, e: [1, 2] }, { a: null, b: { c: 5 }, e: [3] })).toEqual({ b: { c: 5, d: 3 }, e: [3] })
  const merged = mergePatch({}, JSON.parse('{"__proto__": {"polluted": true}}')) as Record<string, unknown>
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  expect(Object.getPrototypeOf(merged)).toBe(Object.prototype)
})
