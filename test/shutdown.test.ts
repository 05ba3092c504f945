import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, expect, it, vi } from 'vitest'
import { openDatabase } from '../src/db/connection.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { makeAccount, makeToken } from './security/helpers.ts'

vi.setConfig({ testTimeout: 120_000 })

const BIN = fileURLToPath(new URL('../bin/chronicle.mjs', import.meta.url))
const started: { child: ChildProcess; dir: string }[] = []
afterEach(() => {
  for (const { child, dir } of started.splice(0)) {
    child.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
  }
})

/** `chronicle serve` on an empty SQLite database with a write token, as an operator would run it. */
async function serve(graceSeconds: number) {
  const dir = mkdtempSync(join(tmpdir(), 'chronicle-shutdown-'))
  const file = join(dir, 'chronicle.db')
  const connection = openDatabase(`sqlite:${file}`)
  await migrateToLatest(connection.db, 'sqlite')
  const token = await makeToken(connection.db, await makeAccount(connection.db, 'editor'), 'write')
  await connection.close()
  const env: NodeJS.ProcessEnv = {
    ...process.env, DATABASE_URL: `sqlite:${file}`, DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1', DEMO_ARCHIVE: '0',
    LOG_LEVEL: 'info', SHUTDOWN_GRACE_SECONDS: String(graceSeconds),
  }
  const child = spawn(process.execPath, [BIN, 'serve'], { env })
  started.push({ child, dir })
  let stdout = ''
  const exited = new Promise<{ code: number | null; at: number }>((resolve) => child.once('exit', (code) => resolve({ code, at: Date.now() })))
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      stdout += chunk
      const found = /"msg":"Chronicle is listening"/.test(stdout) && /"url":"http:\/\/127\.0\.0\.1:(\d+)"/.exec(stdout)
      if (found) resolve(Number(found[1]))
    })
    void exited.then(({ code }) => reject(new Error(`chronicle serve exited ${code}: ${stdout}`)))
  })
  return { child, port, token, file, exited, log: () => stdout }
}

/** A write whose body arrives in two halves; the second when `finish` is called. */
function slowWrite(port: number, token: string, name: string) {
  const body = JSON.stringify({ name })
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/api/v1/people', headers: {
      authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body),
    } }, (res) => {
      let text = ''
      res.on('data', (chunk) => { text += chunk })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
    })
    req.on('error', reject)
    req.write(body.slice(0, 5))
    pending.set(name, () => req.end(body.slice(5)))
  })
  return { answer, finish: () => pending.get(name)!() }
}
const pending = new Map<string, () => void>()
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

it('on SIGTERM the server finishes a request in flight, stores its write, refuses new connections and exits 0', async () => {
  const server = await serve(10)
  const write = slowWrite(server.port, server.token, 'Written During Shutdown')
  await sleep(300)
  const stopAt = Date.now()
  server.child.kill('SIGTERM')
  await sleep(500)
  // No new connections once stopping.
  await expect(fetch(`http://127.0.0.1:${server.port}/healthz`)).rejects.toThrow()
  write.finish()
  const answer = await write.answer
  expect(answer.status).toBe(201)
  const { code, at } = await server.exited
  expect(code).toBe(0)
  expect(at - stopAt).toBeLessThan(10_000)
  const connection = openDatabase(`sqlite:${server.file}`)
  const stored = await connection.db.selectFrom('person').select('name').execute()
  await connection.close()
  expect(stored.map((p) => p.name)).toEqual(['Written During Shutdown'])
  expect(server.log()).toContain('finishing the requests in flight')
})

it('a request that does not finish within SHUTDOWN_GRACE_SECONDS is cut, and the server still exits 0', async () => {
  const server = await serve(1)
  const write = slowWrite(server.port, server.token, 'Never Finished')
  write.answer.catch(() => null)
  await sleep(300)
  const stopAt = Date.now()
  server.child.kill('SIGTERM')
  const { code, at } = await server.exited
  expect(code).toBe(0)
  expect(at - stopAt).toBeGreaterThanOrEqual(1_000)
  expect(at - stopAt).toBeLessThan(5_000)
  await expect(write.answer).rejects.toThrow()
  expect(server.log()).toContain('closing their connections')
})
