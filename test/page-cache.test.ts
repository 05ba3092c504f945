import { setTimeout as sleep } from 'node:timers/promises'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { sql } from 'kysely'
import { parse } from 'node-html-parser'
import { beforeAll, expect, it } from 'vitest'
import { PUBLIC_CACHE_CONTROL } from '../src/web/http-cache.ts'
import { expectStillCached, rawRequest, read, readCached } from './cached-pages.ts'
import { chronicle, useTempDir } from './cli.ts'
import { describeEachDialect } from './db.ts'
import { makeActivity, makePerson, makePost } from './factories.ts'
import { textOf } from './html.ts'
import { type Account, FORM, makeAccount, makeToken, type SignedIn, signIn } from './security/helpers.ts'
import { useTestServer } from './server.ts'

// The page cache as readers, editors and integrators meet it over a real port: validators,
// compression, languages, who bypasses it, and which writes make it let go of its pages.

const STRONG_ETAG = /^"[\w-]{27}"$/
const codedTag = (etag: string, coding: string) => `${etag.slice(0, -1)}-${coding}"`
/** Pages a reader opens most, which any write to public content changes or might. */
const FRONT_PAGES = ['/', '/news', '/people', '/feed.xml', '/api/v1/posts']

/**
 * Tables no public page reads (accounts, the admin's queue and logs), the counter itself, and the
 * search tables that triggers on search_document keep in step (search_vector on PostgreSQL).
 */
const NOT_PUBLIC_CONTENT = ['app_user', 'session', 'login_attempt', 'audit_log', 'api_token', 'import_item', 'revision', 'merge_record',
  'content_version']

describeEachDialect('the page cache over HTTP', (dialect) => {
  const server = useTestServer(dialect, { security: { loginSlowdownMs: 0 } })
  let editor: Account
  let session: SignedIn
  let token = ''
  const file = useTempDir()

  const api = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => server().get(`/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  /** A form sent from the editor's browser, with the session's CSRF token. */
  const send = (path: string, fields: Record<string, string>) => server().get(path, {
    method: 'POST', headers: { cookie: session.cookie, 'content-type': FORM }, body: new URLSearchParams({ ...fields, _csrf: session.csrf }),
  })
  const publishPost = async (fields: Record<string, unknown>) => {
    const response = await api('POST', '/posts', { status: 'published', body: 'Text.', ...fields })
    expect(response.status).toBe(201)
    return (await response.json()) as { slug: string; version: number }
  }

  beforeAll(async () => {
    const { db } = server()
    editor = await makeAccount(db, 'editor')
    session = await signIn(server(), editor)
    token = await makeToken(db, editor, 'write')
    // Enough content that pages, feeds and the calendar pass the size below which nothing is compressed.
    const speaker = await makePerson(db, { name: 'Aigerim Cachebekova' })
    for (const day of ['10', '11', '12', '13']) {
      const activity = await makeActivity(db, { name: `Seminar on survey methods, day ${day}`, startsOn: `2024-03-${day}`, participants: [[speaker, 'speaker']] })
      await makePost(db, { title: `Survey methods seminar, day ${day}`, activityId: activity.id, publishedAt: `2024-03-${day}T09:00:00.000Z` })
    }
  })

  it('keeps a public page after its first rendering, with a strong ETag and the public Cache-Control', async () => {
    const first = await rawRequest(server(), '/people?page=1')
    expect([first.status, first.headers['x-cache']]).toEqual([200, 'miss'])
    expect(first.headers.etag).toMatch(STRONG_ETAG)
    expect(first.headers['cache-control']).toBe(PUBLIC_CACHE_CONTROL)
    const second = await rawRequest(server(), '/people?page=1')
    expect(second.headers['x-cache']).toBe('hit')
    expect(second.headers.etag).toBe(first.headers.etag)
    expect(second.headers['cache-control']).toBe(PUBLIC_CACHE_CONTROL)
    expect(second.body.equals(first.body)).toBe(true)
  })

  it('answers 304 to a matching If-None-Match: the identity tag, each coded form’s tag, the weak form and a list', async () => {
    const page = await rawRequest(server(), '/news')
    const etag = page.headers.etag!
    expect(etag).toMatch(STRONG_ETAG)
    const notModified = await rawRequest(server(), '/news', { 'if-none-match': etag })
    expect([notModified.status, notModified.headers.etag, notModified.headers['x-cache'], notModified.body.length]).toEqual([304, etag, 'hit', 0])
    expect(notModified.headers['cache-control']).toBe(PUBLIC_CACHE_CONTROL)

    for (const coding of ['br', 'gzip']) {
      const coded = await rawRequest(server(), '/news', { 'accept-encoding': coding })
      expect([coded.status, coded.headers['content-encoding'], coded.headers.etag]).toEqual([200, coding, codedTag(etag, coding)])
      const again = await rawRequest(server(), '/news', { 'accept-encoding': coding, 'if-none-match': codedTag(etag, coding) })
      expect([again.status, again.headers.etag, again.body.length]).toEqual([304, codedTag(etag, coding), 0])
    }
    expect((await rawRequest(server(), '/news', { 'if-none-match': `W/${etag}` })).status).toBe(304)
    expect((await rawRequest(server(), '/news', { 'if-none-match': `"something-else", W/${codedTag(etag, 'gzip')}` })).status).toBe(304)
    const other = await rawRequest(server(), '/news', { 'if-none-match': '"something-else"' })
    expect([other.status, other.body.equals(page.body)]).toEqual([200, true])
  })

  it('gives a reader holding the old tag a 200 with another ETag and the new content once the content changes', async () => {
    const before = await rawRequest(server(), '/news')
    const etag = before.headers.etag!
    expect((await rawRequest(server(), '/news', { 'if-none-match': etag })).status).toBe(304)
    await publishPost({ title: 'Validators follow the content' })
    const after = await rawRequest(server(), '/news', { 'if-none-match': etag })
    expect([after.status, after.headers['x-cache']]).toEqual([200, 'miss'])
    expect(after.headers.etag).toMatch(STRONG_ETAG)
    expect(after.headers.etag).not.toBe(etag)
    expect(textOf(parse(after.body.toString()).querySelector('main'))).toContain('Validators follow the content')
    expect((await rawRequest(server(), '/news', { 'if-none-match': after.headers.etag! })).status).toBe(304)
  })

  it('sends brotli and gzip bodies that decompress to exactly the identity bytes, made afresh and from memory', async () => {
    for (const path of ['/news', '/feed.xml', '/calendar.ics', '/api/v1/posts']) {
      const identity = await rawRequest(server(), path)
      expect([path, identity.status, identity.headers['content-encoding']]).toEqual([path, 200, undefined])
      expect(identity.body.length, path).toBeGreaterThan(1024)
      // The first coded answer compresses the body; the second takes the coded form kept beside it.
      for (const round of ['made', 'kept']) {
        const br = await rawRequest(server(), path, { 'accept-encoding': 'gzip, deflate, br' })
        expect([path, round, br.headers['content-encoding']]).toEqual([path, round, 'br'])
        expect(brotliDecompressSync(br.body).equals(identity.body), `${path} br ${round}`).toBe(true)
        const gzip = await rawRequest(server(), path, { 'accept-encoding': 'gzip' })
        expect([path, round, gzip.headers['content-encoding']]).toEqual([path, round, 'gzip'])
        expect(gunzipSync(gzip.body).equals(identity.body), `${path} gzip ${round}`).toBe(true)
        expect(br.headers.vary, path).toMatch(/Accept-Encoding/i)
        expect(br.body.length, path).toBeLessThan(identity.body.length)
      }
    }
  })

  it('answers HEAD with the same headers as GET and no body', async () => {
    for (const headers of [{}, { 'accept-encoding': 'br' }] as Record<string, string>[]) {
      await rawRequest(server(), '/news', headers)
      const get = await rawRequest(server(), '/news', headers)
      expect(get.headers['x-cache']).toBe('hit')
      const head = await rawRequest(server(), '/news', headers, 'HEAD')
      expect(head.status).toBe(200)
      expect(head.body.length).toBe(0)
      for (const name of ['etag', 'cache-control', 'content-type', 'content-encoding', 'content-language', 'vary', 'x-cache']) {
        expect([name, head.headers[name]]).toEqual([name, get.headers[name]])
      }
    }
  })

  it('keeps the whole page when a HEAD request renders it first', async () => {
    const head = await rawRequest(server(), '/publications?page=1', {}, 'HEAD')
    expect([head.status, head.headers['x-cache'], head.body.length]).toEqual([200, 'miss', 0])
    const get = await rawRequest(server(), '/publications?page=1')
    expect(get.headers['x-cache']).toBe('hit')
    expect(get.headers.etag).toBe(head.headers.etag)
    // The editor's request is rendered afresh: the same bytes have the same tag.
    const rendered = await rawRequest(server(), '/publications?page=1', { cookie: session.cookie })
    expect(rendered.headers['x-cache']).toBeUndefined()
    expect(rendered.body.equals(get.body)).toBe(true)
    expect(get.headers.etag).toBe(rendered.headers.etag)
  })

  it('keeps /ru/news, /news asked in Russian and /news asked in English apart, each in its language', async () => {
    const english = { 'accept-language': 'en' }
    const russian = { 'accept-language': 'ru-RU,ru;q=0.9' }
    const heading = (body: string) => textOf(parse(body).querySelector('h1'))
    const variants: [string, Record<string, string>, string, string][] = [
      ['/news?page=1', english, 'en', 'News'],
      ['/news?page=1', russian, 'ru', 'Новости'],
      ['/ru/news?page=1', english, 'ru', 'Новости'],
    ]
    for (const [path, headers, lang, title] of variants) {
      const first = await read(server(), path, headers)
      expect([path, lang, first.cache]).toEqual([path, lang, 'miss'])
      const second = await read(server(), path, headers)
      expect([path, lang, second.cache]).toEqual([path, lang, 'hit'])
      expect(heading(second.body)).toBe(title)
      expect(parse(second.body).querySelector('html')?.getAttribute('lang')).toBe(lang)
      expect(second.headers.get('content-language')).toBe(lang)
    }
    // The unprefixed address says it depends on the header; the prefixed one does not.
    expect((await read(server(), '/news?page=1', russian)).headers.get('vary')).toMatch(/Accept-Language/i)
    expect((await read(server(), '/ru/news?page=1', russian)).headers.get('vary') ?? '').not.toMatch(/Accept-Language/i)
    // Each is still its own entry: the English one was not overwritten by the Russian.
    const again = await read(server(), '/news?page=1', english)
    expect([again.cache, heading(again.body)]).toEqual(['hit', 'News'])
  })

  it('lets an editor’s session and a token holder neither read nor fill the public cache', async () => {
    const asEditor = await server().get('/organizations?page=1', { headers: { cookie: session.cookie } })
    expect([asEditor.status, asEditor.headers.get('cache-control')]).toEqual([200, 'private, no-cache'])
    expect(asEditor.headers.get('x-cache')).toBeNull()
    await asEditor.arrayBuffer()
    // Nothing the editor saw was kept: the first anonymous reader renders the page.
    expect((await read(server(), '/organizations?page=1')).cache).toBe('miss')
    expect((await read(server(), '/organizations?page=1')).cache).toBe('hit')
    // With a page cached, the editor and the token holder still get theirs rendered.
    const editorAgain = await server().get('/organizations?page=1', { headers: { cookie: session.cookie } })
    expect([editorAgain.headers.get('cache-control'), editorAgain.headers.get('x-cache')]).toEqual(['private, no-cache', null])
    await editorAgain.arrayBuffer()
    for (const path of ['/organizations?page=1', '/api/v1/posts']) {
      const withToken = await server().get(path, { headers: { authorization: `Bearer ${token}` } })
      expect([path, withToken.status, withToken.headers.get('cache-control'), withToken.headers.get('x-cache')])
        .toEqual([path, 200, 'private, no-cache', null])
      await withToken.arrayBuffer()
    }
    expect((await read(server(), '/organizations?page=1')).cache).toBe('hit')
  })

  it('answers every admin page with no-store, and never from memory', async () => {
    for (const path of ['/admin/login', '/admin']) {
      const anonymous = await server().get(path)
      expect([path, anonymous.headers.get('cache-control'), anonymous.headers.get('x-cache')]).toEqual([path, 'no-store', null])
      await anonymous.arrayBuffer()
    }
    for (const path of ['/admin', '/admin/posts', '/admin/people', '/admin/account']) {
      const signed = await server().get(path, { headers: { cookie: session.cookie } })
      expect([path, signed.status, signed.headers.get('cache-control'), signed.headers.get('x-cache')]).toEqual([path, 200, 'no-store', null])
      await signed.arrayBuffer()
    }
  })

  it('keeps feeds, the sitemap, the calendar and the read API, and lets them go when the content changes', async () => {
    const paths = ['/feed.xml', '/atom.xml', '/feed.json', '/sitemap.xml', '/sitemaps/posts-1.xml', '/calendar.ics', '/api/v1/posts']
    for (const path of paths) {
      const cached = await readCached(server(), path)
      expect([path, cached.headers.get('cache-control')]).toEqual([path, PUBLIC_CACHE_CONTROL])
    }
    // Premise: no publication yet, so the sitemap index lists no file of them.
    expect((await read(server(), '/sitemap.xml')).text).not.toContain('publications-1.xml')
    const { slug } = await publishPost({
      title: 'Feeds follow the news', activity: { kind: 'seminar', name: 'Seminar the calendar must show', startsOn: '2025-06-02' },
    })
    const publication = await api('POST', '/publications', { kind: 'report', title: 'A report for the sitemap' })
    expect(publication.status).toBe(201)
    const seen: Record<string, string> = {
      '/feed.xml': 'Feeds follow the news', '/atom.xml': 'Feeds follow the news', '/feed.json': 'Feeds follow the news',
      '/sitemap.xml': 'publications-1.xml', '/sitemaps/posts-1.xml': `/news/${slug}`, '/calendar.ics': 'Seminar the calendar must show',
      '/api/v1/posts': 'Feeds follow the news',
    }
    for (const path of paths) {
      const after = await read(server(), path)
      expect([path, after.cache]).toEqual([path, 'miss'])
      expect(after.text, path).toContain(seen[path])
    }
  })

  it('keeps its pages when an editor signs in and creates an API token', async () => {
    const account = await makeAccount(server().db, 'editor')
    for (const path of FRONT_PAGES) await readCached(server(), path)
    const newcomer = await signIn(server(), account)
    const created = await server().get('/admin/account/tokens', {
      method: 'POST', headers: { cookie: newcomer.cookie, 'content-type': FORM },
      body: new URLSearchParams({ _csrf: newcomer.csrf, name: 'cache test', scope: 'write' }),
    })
    expect(created.status).toBe(200)
    await created.arrayBuffer()
    await expectStillCached(server(), FRONT_PAGES)
  })

  it('keeps its pages when a write is refused: a form with a bad value, and a stale If-Match (412)', async () => {
    const created = await api('POST', '/organizations', { name: 'Institute Edited Twice' })
    const staleTag = created.headers.get('etag')!
    const { slug } = await created.json()
    expect((await api('PATCH', `/organizations/${slug}`, { website: 'https://example.org' }, { 'if-match': staleTag })).status).toBe(200)
    for (const path of [...FRONT_PAGES, `/organizations/${slug}`]) await readCached(server(), path)

    const refused = await send('/admin/people/new', { version: '', name: '   ', biography: 'Nobody.', _action: 'save' })
    expect(refused.status).toBe(400)
    await refused.arrayBuffer()
    const stale = await api('PATCH', `/organizations/${slug}`, { name: 'Overwritten' }, { 'if-match': staleTag })
    expect(stale.status).toBe(412)
    expect((await api('DELETE', `/organizations/${slug}`, undefined, { 'if-match': staleTag })).status).toBe(412)
    await expectStillCached(server(), [...FRONT_PAGES, `/organizations/${slug}`])
  })

  it('keeps its pages when a pasted news text only waits in the review queue', async () => {
    for (const path of FRONT_PAGES) await readCached(server(), path)
    const pasted = await send('/admin/import/paste', {
      text: 'On 4 May 2025 the Steppe Policy Centre held a seminar in Almaty on water. Dana Queuedova spoke.',
    })
    expect([pasted.status, pasted.headers.get('location')]).toEqual([303, expect.stringMatching(/^\/admin\/import\/\d+/)])
    await expectStillCached(server(), FRONT_PAGES)
  })

  it('keeps its pages when `chronicle import`, run beside the server, only queues drafts for review', async () => {
    for (const path of FRONT_PAGES) await readCached(server(), path)
    const news = file('queued.txt', 'On 5 May 2025 the Steppe Policy Centre held a workshop in Astana on energy. Marat Draftov spoke.\n')
    const result = await chronicle(server().url, ['import', news, '--no-progress'])
    expect(result.stdout).toContain('1 imported as drafts for review')
    await expectStillCached(server(), FRONT_PAGES)
  }, 120_000)

  it('has every table that public pages read move the counter on: a new table is public content or named private here', async () => {
    const { db } = server()
    const tables = dialect === 'sqlite'
      ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db)).rows.map((r) => r.name)
      : (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(db)).rows.map((r) => r.name)
    const triggered = dialect === 'sqlite'
      ? (await sql<{ name: string }>`select distinct tbl_name as name from sqlite_master where type = 'trigger' and sql like '%content_version%'`.execute(db)).rows.map((r) => r.name)
      : (await sql<{ name: string }>`select distinct c.relname as name from pg_trigger t join pg_class c on c.oid = t.tgrelid
          join pg_proc p on p.oid = t.tgfoid where p.proname like 'content_changed_%'`.execute(db)).rows.map((r) => r.name)
    // The full-text index and the tables beside it follow search_document, whose writes move the counter.
    const unclassified = tables.filter((t) => !triggered.includes(t) && !NOT_PUBLIC_CONTENT.includes(t)
      && !/^(sqlite_|kysely_|search_(fts|vector|bucket|facets|term))/.test(t))
    expect(unclassified).toEqual([])
  })

  it('shows a post published with a time ahead on the cached news page as soon as that time comes', async () => {
    // "Published" with a future time is accepted, and readers see the post only from then on, as a scheduled one.
    const publishedAt = new Date(Date.now() + 2000)
    await publishPost({ title: 'Dated two seconds ahead', status: 'published', publishedAt: publishedAt.toISOString() })
    for (const path of ['/news', '/feed.xml', '/api/v1/posts']) {
      const before = await readCached(server(), path)
      expect(before.text, path).not.toContain('Dated two seconds ahead')
    }
    expect(Date.now()).toBeLessThan(publishedAt.getTime())
    await sleep(publishedAt.getTime() - Date.now() + 500)
    for (const path of ['/news', '/feed.xml', '/api/v1/posts']) {
      const after = await read(server(), path)
      expect([path, after.cache]).toEqual([path, 'miss'])
      expect(after.text, path).toContain('Dated two seconds ahead')
    }
  })

  // Last: once the post is due, the scheduler may mark it published at any moment, which moves the counter on.
  it('shows a scheduled post on the cached news page as soon as its time comes', async () => {
    const publishedAt = new Date(Date.now() + 2000)
    await publishPost({ title: 'Announced two seconds ahead', status: 'scheduled', publishedAt: publishedAt.toISOString() })
    for (const path of ['/news', '/feed.xml', '/api/v1/posts']) {
      const before = await readCached(server(), path)
      expect(before.text, path).not.toContain('Announced two seconds ahead')
    }
    expect(Date.now()).toBeLessThan(publishedAt.getTime())
    await sleep(publishedAt.getTime() - Date.now() + 500)
    for (const path of ['/news', '/feed.xml', '/api/v1/posts']) {
      const after = await read(server(), path)
      expect([path, after.cache]).toEqual([path, 'miss'])
      expect(after.text, path).toContain('Announced two seconds ahead')
    }
  })
})
