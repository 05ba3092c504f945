// Load and faults (issue 13): 60 s of mixed reads and API writes at 50 connections against a real
// server on SQLite (and PostgreSQL with BENCH_DATABASE_URL), counting every status; resident memory
// at the start and the end; then kill -9 during a burst of writes, a restart, and a check that every
// write answered 2xx is there and the database is whole.
//
//   npm run bench:soak [-- --seconds 60]
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import { openDatabase } from '../src/db/connection.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { loadDemoArchiveIfEmpty } from '../src/demo/demo.service.ts'
import { makeAccount, makeToken } from '../test/security/helpers.ts'
import { numberArgument } from './args.ts'
import { type Cleanup, runBench } from './cleanup.ts'
import { createScratchDatabase } from './postgres.ts'

const SECONDS = numberArgument('seconds', 60)
const CONNECTIONS = 50
const WRITERS = 5
const BIN = fileURLToPath(new URL('../bin/chronicle.mjs', import.meta.url))
const READS = ['/', '/news', '/news?kind=workshop', '/people', '/organizations', '/publications', '/calendar', '/search?q=survey',
  '/insights', '/api/v1/posts', '/api/v1/people', '/feed.xml', '/people/botagoz-rakisheva', '/ru/news', '/kk/people']

interface Server { child: ChildProcess; url: string; exited: Promise<number | null> }

async function startServer(databaseUrl: string, dataDir: string): Promise<Server> {
  // LOG_LEVEL=info as in production: the access log is part of what each request costs.
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', DEMO_ARCHIVE: '0', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  let output = ''
  const url = await new Promise<string>((resolve, reject) => {
    const listen = (chunk: Buffer) => {
      output += chunk
      const found = /"msg":"Chronicle is listening"[^\n]*"url":"([^"]+)"|"url":"([^"]+)"[^\n]*"msg":"Chronicle is listening"/.exec(output)
      if (found) {
        child.stdout!.off('data', listen)
        // The access log keeps coming; it is read and dropped so the pipe never fills.
        child.stdout!.resume()
        resolve(found[1] ?? found[2]!)
      }
    }
    child.stdout!.on('data', listen)
    void exited.then((code) => reject(new Error(`the server exited ${code}: ${output}`)))
  })
  return { child, url, exited }
}

const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`

async function soak(name: string, databaseUrl: string, dataDir: string, token: string) {
  const server = await startServer(databaseUrl, dataDir)
  const statuses = new Map<string, number>()
  const count = (key: string) => statuses.set(key, (statuses.get(key) ?? 0) + 1)
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
  // Warm the pages once, then take the starting memory.
  for (const path of READS) await (await fetch(server.url + path)).arrayBuffer()
  const rssStart = rssOf(server.child.pid!)
  const end = Date.now() + SECONDS * 1000
  let written = 0, reads = 0, failures = 0
  const reader = async () => {
    while (Date.now() < end) {
      const path = READS[Math.floor(Math.random() * READS.length)]!
      try {
        const answer = await fetch(server.url + path)
        await answer.arrayBuffer()
        count(`read ${answer.status}`)
        reads++
      } catch { failures++ }
    }
  }
  const writer = async (n: number) => {
    let i = 0
    while (Date.now() < end) {
      try {
        const created = await fetch(`${server.url}/api/v1/people`, { method: 'POST', headers: auth, body: JSON.stringify({ name: `Soak Writer${n} Person${i++}` }) })
        const person = await created.json() as { slug: string; version: number }
        count(`POST ${created.status}`)
        written++
        // A stale If-Match half of the time: the expected 412s.
        const stale = i % 2 === 0
        const patched = await fetch(`${server.url}/api/v1/people/${person.slug}`, {
          method: 'PATCH', headers: { ...auth, 'if-match': `"${stale ? person.version + 100 : person.version}"` }, body: JSON.stringify({ biography: 'Changed under load.' }),
        })
        await patched.arrayBuffer()
        count(`PATCH ${patched.status}`)
      } catch { failures++ }
    }
  }
  const started = Date.now()
  // Memory every 10 s: the caches (pages up to CACHE_MAX_MB, statements, charts) fill in the first seconds,
  // so growth is also judged from the first 10 s mark, when they are full, not only from the start.
  const samples: number[] = []
  const sampler = setInterval(() => samples.push(rssOf(server.child.pid!)), 10_000)
  await Promise.all([...Array.from({ length: CONNECTIONS - WRITERS }, reader), ...Array.from({ length: WRITERS }, (_, n) => writer(n))])
  clearInterval(sampler)
  const elapsed = (Date.now() - started) / 1000
  const rssEnd = rssOf(server.child.pid!)
  const rssFilled = samples[0] ?? rssStart
  server.child.kill('SIGTERM')
  const code = await server.exited
  const unexpected = [...statuses].filter(([key]) => !/ 2\d\d$/.test(key) && key !== 'PATCH 412')
  console.log(`\n${name}: ${SECONDS} s at ${CONNECTIONS} connections (${WRITERS} writing)`)
  console.log(`  ${reads.toLocaleString('en')} reads, ${written.toLocaleString('en')} people written in ${elapsed.toFixed(1)} s; connection errors ${failures}`)
  console.log(`  statuses: ${[...statuses].sort().map(([key, n]) => `${key} ×${n.toLocaleString('en')}`).join(', ')}`)
  console.log(`  unexpected answers: ${unexpected.length ? unexpected.map(([k, n]) => `${k} ×${n}`).join(', ') : 'none'}`)
  console.log(`  resident memory: ${mb(rssStart)} after one request a page, then every 10 s: ${samples.map(mb).join(', ')}; ${mb(rssEnd)} at the end`)
  console.log(`  growth: ${((rssEnd / rssStart - 1) * 100).toFixed(0)}% from the start, ${((rssEnd / rssFilled - 1) * 100).toFixed(0)}% from the 10 s mark (target within 20%)`)
  console.log(`  SIGTERM: exit code ${code}`)
  return { failures, unexpected: unexpected.length, memoryGrowth: rssEnd / rssFilled - 1 }
}

async function crash(name: string, databaseUrl: string, dataDir: string, token: string) {
  const server = await startServer(databaseUrl, dataDir)
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
  const acknowledged: string[] = []
  let stop = false
  const writer = async (n: number) => {
    for (let i = 0; !stop; i++) {
      try {
        const answer = await fetch(`${server.url}/api/v1/people`, { method: 'POST', headers: auth, body: JSON.stringify({ name: `Crash Writer${n} Person${i}`, biography: 'x'.repeat(2000) }) })
        if (answer.status === 201) acknowledged.push((await answer.json() as { slug: string }).slug)
      } catch { return }
    }
  }
  const writers = Array.from({ length: 20 }, (_, n) => writer(n))
  await new Promise((resolve) => setTimeout(resolve, 3000))
  server.child.kill('SIGKILL')
  await server.exited
  stop = true
  await Promise.all(writers)
  const restarted = await startServer(databaseUrl, dataDir)
  const missing: string[] = []
  for (const slug of acknowledged) if ((await fetch(`${restarted.url}/api/v1/people/${slug}`)).status !== 200) missing.push(slug)
  restarted.child.kill('SIGTERM')
  await restarted.exited
  const connection = openDatabase(databaseUrl)
  let integrity = 'ok'
  if (connection.dialect === 'sqlite') {
    const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(connection.db)
    const keys = await sql`pragma foreign_key_check`.execute(connection.db)
    integrity = `${check.rows.map((r) => r.integrity_check).join('; ')}, foreign keys: ${keys.rows.length ? `${keys.rows.length} broken` : 'ok'}`
  }
  // A person row is only whole with its name row: a half-written create would show as one without the other.
  const half = await sql<{ n: number }>`select count(*) as n from person p where not exists (select 1 from person_name n where n.person_id = p.id)`.execute(connection.db)
  await connection.close()
  console.log(`\n${name}: kill -9 after 3 s of 20 writers`)
  console.log(`  ${acknowledged.length} writes answered 201 before the kill; after a restart ${acknowledged.length - missing.length} of them are there${missing.length ? ` (missing: ${missing.slice(0, 5).join(', ')})` : ''}`)
  console.log(`  integrity: ${integrity}; people without their name rows: ${Number(half.rows[0]!.n)}`)
  return { missing: missing.length, half: Number(half.rows[0]!.n) }
}

async function prepare(databaseUrl: string) {
  const connection = openDatabase(databaseUrl)
  await migrateToLatest(connection.db, connection.dialect)
  await loadDemoArchiveIfEmpty(connection.db)
  const token = await makeToken(connection.db, await makeAccount(connection.db, 'editor', `soak${Date.now()}`), 'write')
  await connection.close()
  return token
}

await runBench(async (cleanup: Cleanup) => {
  const dir = mkdtempSync(join(tmpdir(), 'chronicle-soak-'))
  cleanup.defer('remove the soak directory', () => rmSync(dir, { recursive: true, force: true }))
  const engines: [string, string][] = [['SQLite', `sqlite:${join(dir, 'soak.db')}`]]
  if (process.env.BENCH_DATABASE_URL) {
    const scratch = await createScratchDatabase(process.env.BENCH_DATABASE_URL)
    cleanup.defer('drop the scratch PostgreSQL database', scratch.drop)
    engines.push(['PostgreSQL', scratch.url])
  } else console.log('PostgreSQL: BENCH_DATABASE_URL is not set; skipped.')
  let problems = 0
  for (const [name, url] of engines) {
    const token = await prepare(url)
    const soaked = await soak(name, url, dir, token)
    const crashed = await crash(name, url, dir, token)
    problems += soaked.failures + soaked.unexpected + (soaked.memoryGrowth > 0.2 ? 1 : 0) + crashed.missing + crashed.half
  }
  if (problems) {
    console.log(`\n${problems} problem${problems === 1 ? '' : 's'} (errors, unexpected answers, memory over 20%, lost or half-written writes)`)
    process.exitCode = 1
  }
})
