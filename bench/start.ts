// Start: how long a reader waits from `npm start` to the first page. Each run starts the command
// on a free port and asks for / every 10 ms until it answers 200; the median of several cold starts.
// On the demo archive from an empty data directory (migrations and loading the demo included) and
// from one that already holds it, and on the synthetic 100,000-post archive (bench/archive.ts).
//
//   npm run bench:start [-- --runs 5]
//   BENCH_DATABASE_URL=postgres://user@host/db adds the 100,000-post archive on PostgreSQL
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import { build, currentBuild } from '../bin/build.mjs'
import { openDatabase } from '../src/db/connection.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { buildArchive, FULL_ARCHIVE } from './archive.ts'
import { numberArgument } from './args.ts'
import { type Cleanup, runBench } from './cleanup.ts'
import { createScratchDatabase } from './postgres.ts'
import { stopChild } from './process.ts'
import { formatCount, seconds } from './report.ts'

const RUNS = numberArgument('runs', 5)
const SEED = 20_240_419
const ROOT = fileURLToPath(new URL('..', import.meta.url))
const START_TIMEOUT_MS = 120_000

interface Command {
  name: string
  argv: string[]
}

const COMMANDS: Command[] = [
  { name: 'npm start', argv: ['npm', 'start'] },
  { name: 'node bin/chronicle.mjs serve', argv: [process.execPath, 'bin/chronicle.mjs', 'serve'] },
  // What every start cost before the build, and what `npm run dev` still does (without its watcher).
  { name: 'tsx src/main.ts, no build', argv: [process.execPath, '--import', 'tsx', 'src/main.ts'] },
]

interface Start {
  ms: number
  /** Processor time of the started processes (npm, its shell, Node) until the answer; null off Linux. */
  cpuMs: number | null
}

interface Row {
  archive: string
  command: string
  starts: Start[]
}

async function freePort() {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise((resolve) => server.close(resolve))
  if (!address || typeof address === 'string') throw new Error('no free port')
  return address.port
}

/** Starts the command with the settings, waits for a 200 on /, stops it; the milliseconds it took. */
async function measureStart(command: Command, settings: Record<string, string>): Promise<Start> {
  const port = await freePort()
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1' }
  for (const name of ['DATABASE_URL', 'DATA_DIR', 'DEMO_ARCHIVE', 'LOG_LEVEL']) delete env[name]
  Object.assign(env, settings)
  const started = performance.now()
  // A group of its own, so stopping it reaches npm's shell and the server under it.
  const child = spawn(command.argv[0]!, command.argv.slice(1), { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (chunk) => { output += chunk })
  child.stderr.on('data', (chunk) => { output += chunk })
  try {
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${command.name} exited:\n${output.slice(-2000)}`)
      if (performance.now() - started > START_TIMEOUT_MS) throw new Error(`${command.name} did not answer within ${START_TIMEOUT_MS / 1000} s`)
      const status = await fetch(`http://127.0.0.1:${port}/`).then(async (r) => { await r.arrayBuffer(); return r.status }, () => 0)
      if (status === 200) break
      if (status !== 0) throw new Error(`${command.name}: / answered ${status}`)
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    return { ms: performance.now() - started, cpuMs: processorTimeOfGroup(child.pid!) }
  } finally {
    await stop(child)
  }
}

function stop(child: ChildProcess) {
  return stopChild(child, () => {
    try {
      process.kill(-child.pid!, 'SIGTERM')
    } catch {
      // Already gone.
    }
  })
}

/** User and system time of every process in the group, from /proc, in milliseconds. */
function processorTimeOfGroup(group: number): number | null {
  if (!existsSync('/proc/self/stat')) return null
  let ticks = 0
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      // Fields after the command name: state ppid pgrp … utime (14th of the line) stime cutime cstime.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
      if (Number(fields[2]) !== group) continue
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])
    } catch {
      // Ended meanwhile.
    }
  }
  // Clock ticks of 10 ms (USER_HZ is 100 on Linux).
  return ticks * 10
}

async function measureStarts(archive: string, command: Command, settingsOfRun: () => Record<string, string>): Promise<Row> {
  const starts: Start[] = []
  for (let run = 0; run < RUNS; run++) starts.push(await measureStart(command, settingsOfRun()))
  console.log(`  ${archive}, ${command.name}: ${starts.map((s) => Math.round(s.ms)).join(', ')} ms`)
  return { archive, command: command.name, starts }
}

async function generate(databaseUrl: string) {
  const connection = openDatabase(databaseUrl)
  try {
    await migrateToLatest(connection.db, connection.dialect)
    if (connection.dialect === 'sqlite') await sql`pragma cache_size = -65536`.execute(connection.db)
    const started = performance.now()
    const landmarks = await buildArchive(connection.db, FULL_ARCHIVE, SEED)
    if (connection.dialect === 'postgres') await sql`vacuum analyze`.execute(connection.db)
    console.log(`  generated ${formatCount(landmarks.rows)} rows in ${seconds(performance.now() - started)}`)
  } finally {
    await connection.close()
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

function printTable(rows: Row[]) {
  const archiveWidth = Math.max(7, ...rows.map((r) => r.archive.length))
  const commandWidth = Math.max(7, ...rows.map((r) => r.command.length))
  const line = (cells: string[]) =>
    `  ${cells[0]!.padEnd(archiveWidth)}  ${cells[1]!.padEnd(commandWidth)}  ${cells.slice(2).map((c) => c.padStart(9)).join('  ')}`
  console.log(`\nFrom the command to the first 200 on /, ${RUNS} starts each`)
  console.log(line(['archive', 'command', 'median ms', 'min ms', 'max ms', 'CPU ms']))
  let previous = ''
  for (const { archive, command, starts } of rows) {
    const ms = starts.map((s) => s.ms)
    const cpu = starts.every((s) => s.cpuMs !== null) ? String(Math.round(median(starts.map((s) => s.cpuMs!)))) : '–'
    console.log(line([archive === previous ? '' : archive, command, String(Math.round(median(ms))), String(Math.round(Math.min(...ms))),
      String(Math.round(Math.max(...ms))), cpu]))
    previous = archive
  }
  console.log('CPU ms: the median processor time the started processes used until the answer (all cores; other programs barely move it).')
}

async function main(cleanup: Cleanup) {
  const began = performance.now()
  const dir = mkdtempSync(join(tmpdir(), 'chronicle-bench-start-'))
  cleanup.defer('remove the temporary directory', () => rmSync(dir, { recursive: true, force: true }))
  console.log(`Chronicle start: Node ${process.version}, ${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(1)}`)
  // Measured on the build, not on a build made by the first start.
  if (!currentBuild()) {
    const started = performance.now()
    await build()
    console.log(`built dist/ in ${seconds(performance.now() - started)}`)
  }

  const rows: Row[] = []
  const fresh = 'demo, first start'
  let run = 0
  for (const command of COMMANDS) {
    rows.push(await measureStarts(fresh, command, () => ({ DATA_DIR: join(dir, `fresh-${run++}`) })))
  }

  const existing = join(dir, 'demo')
  await measureStart(COMMANDS[1]!, { DATA_DIR: existing })
  for (const command of COMMANDS) rows.push(await measureStarts('demo, existing database', command, () => ({ DATA_DIR: existing })))

  console.log(`\n${formatCount(FULL_ARCHIVE.posts)} posts on SQLite`)
  const sqliteUrl = `sqlite:${join(dir, 'archive.db')}`
  await generate(sqliteUrl)
  const large = `${formatCount(FULL_ARCHIVE.posts)} posts, SQLite`
  for (const command of COMMANDS) {
    rows.push(await measureStarts(large, command, () => ({ DATABASE_URL: sqliteUrl, DATA_DIR: join(dir, 'large') })))
  }

  const adminUrl = process.env.BENCH_DATABASE_URL
  if (adminUrl) {
    const scratch = await createScratchDatabase(adminUrl)
    cleanup.defer('drop the scratch PostgreSQL database', scratch.drop)
    console.log(`\n${formatCount(FULL_ARCHIVE.posts)} posts on PostgreSQL (scratch database ${new URL(scratch.url).pathname.slice(1)})`)
    await generate(scratch.url)
    const postgres = `${formatCount(FULL_ARCHIVE.posts)} posts, PostgreSQL`
    for (const command of COMMANDS) {
      rows.push(await measureStarts(postgres, command, () => ({ DATABASE_URL: scratch.url, DATA_DIR: join(dir, 'postgres') })))
    }
  } else {
    console.log('\nPostgreSQL: BENCH_DATABASE_URL is not set; skipped.')
  }

  printTable(rows)
  console.log(`\nDone in ${seconds(performance.now() - began)}.`)
}

await runBench(main)
