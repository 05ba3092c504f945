import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import { type Connection, openDatabase } from '../src/db/connection.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { type Account, makeAccount, makeToken, PASSWORD, signIn } from './security/helpers.ts'
import type { TestServer } from './server.ts'

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 })

const BIN = fileURLToPath(new URL('../bin/chronicle.mjs', import.meta.url))
let child: ChildProcess
let dir: string
let connection: Connection
let base: string
let log = ''
let account: Account
let token: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chronicle-log-'))
  const url = `sqlite:${join(dir, 'chronicle.db')}`
  connection = openDatabase(url)
  await migrateToLatest(connection.db, 'sqlite')
  account = await makeAccount(connection.db, 'editor')
  token = await makeToken(connection.db, account, 'write')
  child = spawn(process.execPath, [BIN, 'serve'], { env: {
    ...process.env, DATABASE_URL: url, DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1', DEMO_ARCHIVE: '0', LOG_LEVEL: 'info',
  } })
  child.stdout!.on('data', (chunk) => { log += chunk })
  base = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const found = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(log)
      if (found) { clearInterval(timer); resolve(found[1]!) }
    }, 50)
    child.once('exit', (code) => { clearInterval(timer); reject(new Error(`chronicle serve exited ${code}: ${log}`)) })
  })
})

afterAll(async () => {
  child?.kill('SIGKILL')
  await connection?.close()
  rmSync(dir, { recursive: true, force: true })
})

const server = () => ({ db: connection.db, get: (path: string, init?: RequestInit) => fetch(base + path, { redirect: 'manual', ...init }) }) as unknown as TestServer

/** The access-log lines written so far, once the server has written the one for `id`. */
async function logLines(id: string) {
  for (let i = 0; i < 100 && !log.includes(`"reqId":"${id}"`); i++) await new Promise((resolve) => setTimeout(resolve, 20))
  return log.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>)
}

it('gives every request an id, returned as X-Request-Id and written in its access-log line', async () => {
  const home = await server().get('/news?page=1')
  const id = home.headers.get('x-request-id')!
  expect(id).toMatch(/^[0-9a-f-]{36}$/)
  const line = (await logLines(id)).find((l) => l.reqId === id)
  expect(line).toMatchObject({ msg: 'request', method: 'GET', url: '/news?page=1', status: 200, finished: true })
  expect(typeof line!.ms).toBe('number')
  // Cached answers come from before the application, and are logged all the same.
  const again = await server().get('/news?page=1')
  const cachedId = again.headers.get('x-request-id')!
  expect(again.headers.get('x-cache')).toBe('hit')
  expect((await logLines(cachedId)).find((l) => l.reqId === cachedId)).toMatchObject({ status: 200 })
  // A proxy's id is kept; something that is not an id is replaced.
  expect((await server().get('/healthz', { headers: { 'x-request-id': 'edge-4f1c.22' } })).headers.get('x-request-id')).toBe('edge-4f1c.22')
  expect((await server().get('/healthz', { headers: { 'x-request-id': 'a b<script>' } })).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
})

it('never writes passwords, session cookies, tokens or CSRF values to the log', async () => {
  const session = await signIn(server(), account)
  await server().get('/admin/account', { headers: { cookie: session.cookie } })
  const write = await server().get('/api/v1/people', {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Logged Person' }),
  })
  expect(write.status).toBe(201)
  const lastId = (await server().get(`/search?q=survey&token=${token}&_csrf=${session.csrf}`)).headers.get('x-request-id')!
  const lines = await logLines(lastId)
  expect(lines.filter((l) => l.msg === 'request').map((l) => `${l.method} ${l.status}`)).toEqual(expect.arrayContaining(['POST 303', 'POST 201']))
  expect(lines.find((l) => l.reqId === lastId)?.url).toBe('/search?q=survey&token=%5Bhidden%5D&_csrf=%5Bhidden%5D')
  const sessionValue = session.cookie.split('=')[1]!
  for (const secret of [PASSWORD, sessionValue, token, session.csrf]) expect(log).not.toContain(secret)
})
