import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { fileURLToPath } from 'node:url'
import { gunzipSync, gzipSync } from 'node:zlib'
import tar from 'tar-stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportArchive } from '../archive/index.ts'
import { openDatabase } from '../db/connection.ts'
import type { Dialect } from '../db/database.ts'
import { storedFilePath, storeUpload } from '../files/file.service.ts'
import { countRows } from '../../test/cli.ts'
import { createTestDatabase, describeEachDialect, postgresAvailable } from '../../test/db.ts'
import { makeAccount, makeToken } from '../../test/security/helpers.ts'
import { useTestServer } from '../../test/server.ts'
import { makePdf } from '../../test/upload-fixtures.ts'
import type { Manifest } from './backup.format.ts'
import { countRecords, listFileReferences } from './backup.repository.ts'

const BIN = fileURLToPath(new URL('../../bin/chronicle.mjs', import.meta.url))

interface Run { code: number; stdout: string; stderr: string }

/** `node bin/chronicle.mjs …` with the database and files directory given, as an operator would run it. */
function cli(env: { DATABASE_URL: string; FILES_DIR: string; PATH?: string }, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const full: NodeJS.ProcessEnv = { ...process.env, ...env }
    delete full.CHRONICLE_DEBUG
    execFile(process.execPath, [BIN, ...args], { env: full, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }))
  })
}

async function ok(env: { DATABASE_URL: string; FILES_DIR: string }, args: string[]) {
  const run = await cli(env, args)
  if (run.code !== 0) throw new Error(`chronicle ${args.join(' ')} exited ${run.code}:\n${run.stderr}${run.stdout}`)
  return run
}

/** The entries of a backup file, in order, as bytes. */
async function unpack(file: string): Promise<[string, Buffer][]> {
  const entries: [string, Buffer][] = []
  const extract = tar.extract()
  const done = pipeline(Readable.from(gunzipSync(readFileSync(file))), extract)
  for await (const entry of extract) {
    const chunks: Buffer[] = []
    for await (const chunk of entry) chunks.push(chunk as Buffer)
    entries.push([entry.header.name, Buffer.concat(chunks)])
  }
  await done
  return entries
}

async function pack(file: string, entries: [string, Buffer][]) {
  const packer = tar.pack()
  for (const [name, bytes] of entries) packer.entry({ name }, bytes)
  packer.finalize()
  const chunks: Buffer[] = []
  for await (const chunk of packer) chunks.push(chunk as Buffer)
  writeFileSync(file, gzipSync(Buffer.concat(chunks)))
}

const engines: Dialect[] = postgresAvailable ? ['sqlite', 'postgres'] : ['sqlite']

describeEachDialect('backup and restore', (dialect) => {
  const server = useTestServer(dialect, { demo: true })
  const work = mkdtempSync(join(tmpdir(), 'chronicle-backup-test-'))
  const dropAfter: (() => Promise<void>)[] = []
  afterAll(async () => {
    for (const drop of dropAfter) await drop()
    rmSync(work, { recursive: true, force: true })
  })
  const live = () => ({ DATABASE_URL: server().url, FILES_DIR: server().filesDir })
  const backupFile = join(work, 'backup.tar.gz')
  const pdf = makePdf('Backed up with the archive')
  let manifest: Manifest
  let archiveText: string
  let referencesText: string
  let answeredBeforeBackup: string[] = []

  /** A target database: a path not yet made for SQLite, a freshly migrated database for PostgreSQL. */
  async function emptyTarget(engine: Dialect) {
    if (engine === 'sqlite') return `sqlite:${join(mkdtempSync(join(work, 'target-')), 'restored.db')}`
    const database = await createTestDatabase('postgres')
    dropAfter.push(database.drop)
    return database.url
  }

  async function freshMigrated() {
    const database = await createTestDatabase(dialect)
    dropAfter.push(database.drop)
    return database
  }

  beforeAll(async () => {
    const stored = await storeUpload(server().db, server().filesDir, { bytes: pdf, fileName: 'report.pdf' }, { allowed: ['pdf'], maxBytes: 1024 * 1024 })
    // Used as an attachment and (whatever its type) as a photo, so both kinds of reference must survive a restore.
    const publication = await server().db.selectFrom('publication').select('id').orderBy('slug').executeTakeFirstOrThrow()
    await server().db.insertInto('publication_file')
      .values({ publication_id: publication.id, file_id: stored.file.id, label: 'Full report', file_name: 'report.pdf', position: 0 }).execute()
    await server().db.updateTable('person').set({ photo_file_id: stored.file.id })
      .where('id', '=', (await server().db.selectFrom('person').select('id').orderBy('slug').executeTakeFirstOrThrow()).id).execute()
    const token = await makeToken(server().db, await makeAccount(server().db, 'editor'), 'write')
    let stop = false
    const answered: string[] = []
    // A stream of writes through the write API that runs until the backup has finished.
    const writer = (async () => {
      for (let i = 0; !stop; i++) {
        const name = `Streamed Person ${i}`
        const response = await fetch(`${server().baseUrl}/api/v1/people`, {
          method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ name }),
        })
        if (response.status !== 201) throw new Error(`POST /api/v1/people answered ${response.status}: ${await response.text()}`)
        answered.push(name)
      }
    })()
    while (answered.length < 5) await new Promise((r) => setTimeout(r, 20))
    answeredBeforeBackup = [...answered]
    const run = ok(live(), ['backup', '--out', backupFile])
    await run
    stop = true
    await writer
    const entries = await unpack(backupFile)
    manifest = JSON.parse(entries.find(([name]) => name === 'manifest.json')![1].toString('utf8'))
    archiveText = entries.find(([name]) => name === 'archive.json')![1].toString('utf8')
    referencesText = entries.find(([name]) => name === 'files.json')![1].toString('utf8')
    // The backup is a moment in the middle of the stream, not its end.
    expect(answered.length).toBeGreaterThan(answeredBeforeBackup.length)
  }, 180_000)

  it('is one archive with the manifest first, a native copy, and the uploaded files', async () => {
    const names = (await unpack(backupFile)).map(([name]) => name)
    expect(names[0]).toBe('manifest.json')
    expect(manifest).toMatchObject({ format: 'chronicle-backup', formatVersion: 1, engine: dialect,
      native: dialect === 'sqlite' ? 'database.sqlite' : 'database.pgdump' })
    expect(manifest.schema).toContain('0014_scheduled_posts')
    expect(names.sort()).toEqual(manifest.entries.map((e) => e.name).concat('manifest.json').sort())
    expect(names.filter((n) => n.startsWith('files/'))).toHaveLength(1)
  })

  it('describes one moment: every write answered before it began, and counts equal to its archive', () => {
    const archive = JSON.parse(archiveText) as { people: { name: string }[]; posts: unknown[]; activities: unknown[] }
    const names = new Set(archive.people.map((p) => p.name))
    for (const name of answeredBeforeBackup) expect(names).toContain(name)
    expect(manifest.counts).toMatchObject({ person: archive.people.length, post: archive.posts.length, activity: archive.activities.length, stored_file: 1 })
  })

  for (const engine of engines) {
    it(`restores into an empty ${engine} database: export-json equals the backup's archive.json, files come back`, async () => {
      const target = { DATABASE_URL: await emptyTarget(engine), FILES_DIR: join(mkdtempSync(join(work, 'files-')), 'files') }
      const restored = await ok(target, ['restore', backupFile])
      expect(restored.stdout).toContain(`into ${engine}`)
      if (engine !== dialect) expect(restored.stdout).toContain('not accounts')
      const exported = await ok(target, ['export-json'])
      expect(exported.stdout).toBe(archiveText)
      const sha256 = manifest.entries.find((e) => e.name.startsWith('files/'))!.sha256
      expect(new Uint8Array(readFileSync(storedFilePath(target.FILES_DIR, sha256)))).toEqual(pdf)
      const connection = openDatabase(target.DATABASE_URL)
      try {
        expect(await countRecords(connection.db)).toEqual(manifest.counts)
        const references = await listFileReferences(connection.db)
        expect(references).toEqual(JSON.parse(referencesText))
        expect(references.attachments).toHaveLength(1)
        expect(references.photos).toHaveLength(1)
        // The engine's own copy keeps accounts; archive.json does not carry them.
        const accounts = await connection.db.selectFrom('app_user').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
        expect(Number(accounts.n) > 0).toBe(engine === dialect)
      } finally {
        await connection.close()
      }
    }, 120_000)
  }

  if (dialect === 'postgres') {
    it('without pg_dump on the PATH, says so in the manifest and restores through archive.json', async () => {
      const file = join(work, 'no-pg-dump.tar.gz')
      const run = await cli({ ...live(), PATH: '/nonexistent' }, ['backup', '--out', file])
      expect(run.code).toBe(0)
      expect(run.stdout).toContain('no native copy: pg_dump was not installed')
      const names = (await unpack(file)).map(([name]) => name)
      expect(names).not.toContain('database.pgdump')
      const target = { DATABASE_URL: await emptyTarget('postgres'), FILES_DIR: join(mkdtempSync(join(work, 'files-')), 'files') }
      expect((await ok(target, ['restore', file])).stdout).toContain('not accounts')
    }, 120_000)
  }

  async function expectRefused(file: string, message: string | RegExp) {
    const target = await freshMigrated()
    const filesDir = join(mkdtempSync(join(work, 'files-')), 'files')
    const run = await cli({ DATABASE_URL: target.url, FILES_DIR: filesDir }, ['restore', file])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(message)
    expect(run.stderr).toContain('Nothing was changed')
    expect(Object.values(await countRows(target.db)).every((n) => n === 0)).toBe(true)
    expect(existsSync(filesDir)).toBe(false)
  }

  it('refuses a truncated backup and changes nothing', async () => {
    const bytes = readFileSync(backupFile)
    const cut = join(work, 'cut.tar.gz')
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)))
    await expectRefused(cut, /damaged or cut short/)
  }, 60_000)

  it('refuses a backup with a changed byte in an entry, naming the entry', async () => {
    const entries = await unpack(backupFile)
    const archive = entries.find(([name]) => name === 'archive.json')![1]
    const at = archive.indexOf('Streamed Person')
    archive[at] = 's'.charCodeAt(0)
    const flipped = join(work, 'flipped.tar.gz')
    await pack(flipped, entries)
    await expectRefused(flipped, 'the entry archive.json does not match its checksum')
  }, 60_000)

  it('refuses a backup made by a newer format', async () => {
    const entries = await unpack(backupFile)
    const newer = entries.map(([name, bytes]): [string, Buffer] => name === 'manifest.json'
      ? [name, Buffer.from(JSON.stringify({ ...JSON.parse(bytes.toString('utf8')), formatVersion: 2 }))] : [name, bytes])
    const file = join(work, 'newer.tar.gz')
    await pack(file, newer)
    await expectRefused(file, 'this backup was made by a newer Chronicle (format 2); upgrade first')
  }, 60_000)

  it('refuses to restore into a database that holds records, and changes nothing', async () => {
    const before = await exportArchive(server().db)
    const rowsBefore = await countRows(server().db)
    const run = await cli(live(), ['restore', backupFile])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/restore goes into an empty database; this one has \d+ post rows/)
    expect(await exportArchive(server().db)).toEqual(before)
    expect(await countRows(server().db)).toEqual(rowsBefore)
  }, 60_000)

  it('--keep n into a directory leaves the n newest backups', async () => {
    const dir = mkdtempSync(join(work, 'rotation-'))
    for (const stamp of ['20200101-000000', '20210101-000000', '20220101-000000']) writeFileSync(join(dir, `chronicle-${stamp}.tar.gz`), '')
    writeFileSync(join(dir, 'notes.txt'), 'not a backup')
    await ok(live(), ['backup', '--out', dir, '--keep', '2'])
    const left = readdirSync(dir).sort()
    const backups = left.filter((n) => n.startsWith('chronicle-'))
    expect(backups).toHaveLength(2)
    expect(backups[0]).toBe('chronicle-20220101-000000.tar.gz')
    expect(backups[1]).toMatch(/^chronicle-\d{8}-\d{6}\.tar\.gz$/)
    expect(left).toContain('notes.txt')
  }, 60_000)
})

describe('backup file names', () => {
  it('sort as the moments they were taken', async () => {
    const { backupFileName } = await import('./backup.service.ts')
    expect(backupFileName(new Date('2026-12-06T04:05:06Z'))).toBe('chronicle-20261206-040506.tar.gz')
  })
})
