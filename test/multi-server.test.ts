import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'node-html-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SYSTEM_EDITOR } from '../src/accounts/editor.ts'
import { createPostFromInput } from '../src/news/post.write.ts'
import { createPublicationFromInput } from '../src/publications/publication.write.ts'
import { findRevisionsOf } from '../src/revisions/index.ts'
import { createTestDatabase, postgresAvailable, type TestDatabase } from './db.ts'
import { textsOf } from './html.ts'
import { type Account, FORM, makeAccount, makeToken, PASSWORD, signIn } from './security/helpers.ts'
import type { TestServer } from './server.ts'
import { makePdf } from './upload-fixtures.ts'

const BIN = fileURLToPath(new URL('../bin/chronicle.mjs', import.meta.url))
const METRICS_TOKEN = 'metrics-token-for-the-test'

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    }).once('error', reject)
  })
}

interface Instance {
  server: TestServer
  process: ChildProcess
}

/** `chronicle serve` as an operator starts it: its own process and port, the shared database and files directory. */
async function startInstance(database: TestDatabase, filesDir: string): Promise<Instance> {
  const port = await freePort()
  const dataDir = mkdtempSync(join(tmpdir(), 'chronicle-instance-'))
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: {
      ...process.env, DATABASE_URL: database.url, FILES_DIR: filesDir, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1',
      DEMO_ARCHIVE: '0', LOG_LEVEL: 'warn', LOGIN_SLOWDOWN_MS: '0', LOGIN_LOCK_AFTER: '3', METRICS_TOKEN,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  child.once('exit', () => rmSync(dataDir, { recursive: true, force: true }))
  const baseUrl = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 30_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`chronicle serve exited with ${child.exitCode}`)
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) break
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) throw new Error('chronicle serve did not answer within 30 s')
    await new Promise((r) => setTimeout(r, 100))
  }
  const get = (path: string, init?: RequestInit) => fetch(baseUrl + path, { redirect: 'manual', ...init })
  return { server: { ...database, baseUrl, get, filesDir }, process: child }
}

const stop = (instance: Instance | undefined) => new Promise<void>((resolve) => {
  if (!instance || instance.process.exitCode !== null) return resolve()
  instance.process.once('exit', () => resolve())
  instance.process.kill('SIGTERM')
})

const titlesOn = async (instance: Instance, path: string) => {
  const response = await instance.server.get(path)
  return { cache: response.headers.get('x-cache'), titles: textsOf(parse(await response.text()), 'main h2, main h3') }
}

describe.skipIf(!postgresAvailable)('postgres: two servers on one database behave as one site', () => {
  let database: TestDatabase & { drop(): Promise<void> }
  let filesDir = ''
  let a: Instance | undefined, b: Instance | undefined
  let duePostId = 0

  beforeAll(async () => {
    database = await createTestDatabase('postgres')
    filesDir = mkdtempSync(join(tmpdir(), 'chronicle-shared-files-'))
    // Due before either server starts: both run the scheduler as they start.
    const due = await createPostFromInput(database.db,
      { title: 'Scheduled for both servers', status: 'scheduled', publishedAt: '2025-01-10T09:00:00Z' }, SYSTEM_EDITOR, new Date('2025-01-01T00:00:00Z'))
    duePostId = due.id
    ;[a, b] = await Promise.all([startInstance(database, filesDir), startInstance(database, filesDir)])
  }, 60_000)

  afterAll(async () => {
    await Promise.all([stop(a), stop(b)])
    await database?.drop()
    rmSync(filesDir, { recursive: true, force: true })
  })

  it('publishes a due scheduled post once, though both servers run the job', async () => {
    await expect.poll(async () => (await findRevisionsOf(database.db, 'post', duePostId)).filter((r) => r.actor === 'scheduler').length,
      { timeout: 10_000 }).toBe(1)
    // Both have had their first run by the time they answer; a second revision would be there by now.
    expect((await findRevisionsOf(database.db, 'post', duePostId)).filter((r) => r.actor === 'scheduler')).toHaveLength(1)
  })

  it('shows a post published through one server on the other\'s cached pages at its next request', async () => {
    await titlesOn(b!, '/news')
    const warm = await titlesOn(b!, '/news')
    expect(warm.cache).toBe('hit')
    expect(warm.titles).not.toContain('Published through the first server')
    const token = await makeToken(database.db, await makeAccount(database.db, 'editor'), 'write')
    const created = await a!.server.get('/api/v1/posts', {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Published through the first server', summary: 'Seen on the second.', body: 'Text.', status: 'published' }),
    })
    expect(created.status).toBe(201)
    const after = await titlesOn(b!, '/news')
    expect(after.cache).toBe('miss')
    expect(after.titles).toContain('Published through the first server')
  })

  it('shares sessions: signed in through one server, the other knows the editor', async () => {
    const account = await makeAccount(database.db, 'editor', 'shared-session')
    const session = await signIn(a!.server, account)
    const page = await b!.server.get('/admin/account', { headers: { cookie: session.cookie } })
    expect(page.status).toBe(200)
    expect(await page.text()).toContain(account.email)
  })

  it('serves a file uploaded through one server from the other', async () => {
    const publication = await createPublicationFromInput(database.db, { kind: 'report', title: 'Shared files report' }, SYSTEM_EDITOR)
    const session = await signIn(a!.server, await makeAccount(database.db, 'editor', 'uploader'))
    const body = new FormData()
    body.append('_csrf', session.csrf)
    body.append('label', 'Full text')
    const pdf = makePdf('shared between servers')
    body.append('file', new Blob([new Uint8Array(pdf)]), 'shared.pdf')
    const upload = await a!.server.get(`/admin/publications/${publication.id}/files`, { method: 'POST', headers: { cookie: session.cookie }, body })
    expect(upload.status).toBe(303)
    const page = parse(await (await b!.server.get(`/publications/${publication.slug}`)).text())
    const href = page.querySelector('#files + ul a')?.getAttribute('href')
    expect(href).toMatch(/^\/files\//)
    const download = await b!.server.get(href!)
    expect(download.status).toBe(200)
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(pdf)
  })

  it('reports its traffic and cache to Prometheus only with the metrics token', async () => {
    await b!.server.get('/news')
    expect((await b!.server.get('/metrics')).status).toBe(401)
    const response = await b!.server.get('/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
    expect(response.status).toBe(200)
    const text = await response.text()
    expect(text).toMatch(/^chronicle_http_requests_total\{route="\/news",method="GET",status="200"\} [1-9]/m)
    expect(text).toMatch(/^chronicle_page_cache_hits_total [1-9]/m)
    expect(text).toMatch(/^chronicle_db_pool_connections\{state="total"\} [1-9]/m)
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m)
  })

  // Last: the failures it makes slow down later sign-ins from this address.
  it('shares the sign-in lock: failures counted on both servers lock the account on both', async () => {
    const account: Account = await makeAccount(database.db, 'editor', 'locked')
    const attempt = async (instance: Instance, password: string) => {
      const form = await instance.server.get('/admin/login')
      const cookie = (form.headers.getSetCookie().find((c) => c.startsWith('chronicle_form=')) ?? '').split(';')[0]!
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? ''
      return instance.server.get('/admin/login', {
        method: 'POST', headers: { cookie, 'content-type': FORM },
        body: new URLSearchParams({ _csrf: csrf, email: account.email, password, next: '' }),
      })
    }
    // LOGIN_LOCK_AFTER is 3: two failures on one server and one on the other reach it only if the count is shared.
    for (const instance of [a!, a!, b!]) expect((await attempt(instance, 'wrong password')).status).not.toBe(303)
    const right = await attempt(a!, PASSWORD)
    expect(right.status).not.toBe(303)
    expect(right.headers.getSetCookie().some((c) => c.startsWith('chronicle_session='))).toBe(false)
  })
})
