import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { copyFile, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { createGunzip, createGzip } from 'node:zlib'
import SQLite from 'better-sqlite3'
import tar from 'tar-stream'
import { exportArchive, ArchiveSchema } from '../archive/index.ts'
import { importArchive } from '../archive/archive.service.ts'
import { type Connection, openDatabase } from '../db/connection.ts'
import { migrateToLatest } from '../db/migrate.ts'
import type { Db, Dialect } from '../db/database.ts'
import { storedFilePath } from '../files/file.service.ts'
import { rebuildListings } from '../listings/index.ts'
import { ConflictError, InvalidInputError } from '../lib/errors.ts'
import { rebuildSearchIndex } from '../search/index.ts'
import {
  ARCHIVE_ENTRY, BACKUP_FORMAT, FILE_REFERENCES_ENTRY, BACKUP_FORMAT_VERSION, FILES_PREFIX, type Manifest, MANIFEST_ENTRY, type ManifestEntry,
  ManifestSchema, NATIVE_ENTRY,
} from './backup.format.ts'
import * as backups from './backup.repository.ts'

export interface BackupTarget {
  databaseUrl: string
  filesDir: string
}

export interface BackupResult {
  file: string
  bytes: number
  manifest: Manifest
}

/**
 * Writes one gzip'd tar: manifest.json first, then archive.json, the engine's own copy and the uploaded
 * files. The archive and the native copy describe the same moment while the server keeps writing.
 */
export async function createBackup(connection: Connection, target: BackupTarget, out: string, now = new Date()): Promise<BackupResult> {
  const work = await mkdtemp(join(tmpdir(), 'chronicle-backup-'))
  try {
    const taken = connection.dialect === 'sqlite'
      ? await takeSqliteMoment(target.databaseUrl, work)
      : await takePostgresMoment(connection.db, target.databaseUrl, work)
    const entries: { name: string; path: string }[] = [ARCHIVE_ENTRY, FILE_REFERENCES_ENTRY].map((name) => ({ name, path: join(work, name) }))
    if (taken.native) entries.push({ name: taken.native, path: join(work, taken.native) })
    // Files are named by their hash and never change, so the moment's list of hashes is a consistent set.
    for (const sha256 of taken.files) {
      const path = storedFilePath(target.filesDir, sha256)
      const present = await stat(path).then((s) => s.isFile(), () => false)
      if (!present) throw new ConflictError(`The uploaded file ${sha256} is in the database but not in ${target.filesDir}; is FILES_DIR right?`)
      entries.push({ name: `${FILES_PREFIX}${sha256}`, path })
    }
    const described: ManifestEntry[] = []
    for (const entry of entries) described.push({ name: entry.name, ...await hashFile(entry.path) })
    const manifest: Manifest = {
      format: BACKUP_FORMAT, formatVersion: BACKUP_FORMAT_VERSION, createdAt: now.toISOString(), engine: connection.dialect,
      schema: taken.schema, native: taken.native, ...(taken.nativeNote ? { nativeNote: taken.nativeNote } : {}),
      counts: taken.counts, entries: described,
    }
    // Written beside the target and renamed, so a failure never leaves half a backup under its name.
    const partial = `${out}.partial`
    await writeTar(partial, manifest, entries)
    await rename(partial, out)
    return { file: out, bytes: (await stat(out)).size, manifest }
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

interface Moment {
  native: string | null
  nativeNote?: string
  schema: string[]
  counts: Record<string, number>
  files: string[]
}

/** The online backup API copies a consistent database while others write; everything else is read from that copy. */
async function takeSqliteMoment(databaseUrl: string, work: string): Promise<Moment> {
  const copy = join(work, NATIVE_ENTRY.sqlite)
  const live = new SQLite(sqliteFileOf(databaseUrl), { readonly: true, fileMustExist: true })
  try {
    // Copied in big steps: a write between steps restarts the copy, so small steps could chase a busy site forever,
    // and in WAL mode a long read blocks no writer.
    await live.backup(copy, { progress: () => 1_000_000 })
  } finally {
    live.close()
  }
  const snapshot = openDatabase(`sqlite:${copy}`)
  try {
    const moment = await readMoment(snapshot.db, work)
    return { native: NATIVE_ENTRY.sqlite, ...moment }
  } finally {
    await snapshot.close()
  }
}

/** One REPEATABLE READ transaction exports its snapshot to pg_dump and reads the archive from the same snapshot. */
async function takePostgresMoment(db: Db, databaseUrl: string, work: string): Promise<Moment> {
  return db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
    const snapshot = await backups.exportSnapshot(trx)
    const dump = join(work, NATIVE_ENTRY.postgres)
    // pg_dump must start while this transaction is open, and the snapshot lives only as long as it does.
    const dumped = runTool('pg_dump', ['--format=custom', `--snapshot=${snapshot}`, `--file=${dump}`, `--dbname=${databaseUrl}`])
    const moment = await readMoment(trx, work)
    const result = await dumped
    if (result === 'missing') {
      return { native: null, nativeNote: 'pg_dump was not installed; restore from archive.json keeps the records but not accounts or history', ...moment }
    }
    return { native: NATIVE_ENTRY.postgres, ...moment }
  })
}

async function readMoment(db: Db, work: string): Promise<Omit<Moment, 'native'>> {
  const archive = await exportArchive(db)
  await writeFile(join(work, ARCHIVE_ENTRY), `${JSON.stringify(archive, null, 2)}\n`)
  await writeFile(join(work, FILE_REFERENCES_ENTRY), `${JSON.stringify(await backups.listFileReferences(db), null, 2)}\n`)
  return {
    schema: await backups.findAppliedMigrations(db),
    counts: await backups.countRecords(db),
    files: await backups.listStoredFileHashes(db),
  }
}

async function writeTar(path: string, manifest: Manifest, entries: { name: string; path: string }[]) {
  const pack = tar.pack()
  const written = pipeline(pack, createGzip(), createWriteStream(path))
  const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`)
  await new Promise<void>((done, fail) => pack.entry({ name: MANIFEST_ENTRY, size: manifestBytes.length }, manifestBytes, (e) => (e ? fail(e) : done())))
  for (const [i, entry] of entries.entries()) {
    const sink = pack.entry({ name: entry.name, size: manifest.entries[i]!.size })
    await pipeline(createReadStream(entry.path), sink)
  }
  pack.finalize()
  await written
}

async function hashFile(path: string) {
  const hash = createHash('sha256')
  let size = 0
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer)
    size += (chunk as Buffer).length
  }
  return { size, sha256: hash.digest('hex') }
}

/** Runs a PostgreSQL client tool; 'missing' when it is not installed, an error with its message when it fails. */
function runTool(command: string, args: string[]): Promise<'done' | 'missing'> {
  return new Promise((done, fail) => {
    execFile(command, args, { maxBuffer: 16 * 1024 * 1024 }, (error, _stdout, stderr) => {
      if (!error) return done('done')
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return done('missing')
      fail(new Error(`${command} failed: ${stderr.trim() || error.message}`))
    })
  })
}

function sqliteFileOf(databaseUrl: string) {
  return resolve(databaseUrl.replace(/^sqlite:/, ''))
}

/** A backup refused before anything was written: damaged, newer or not a backup at all. */
export class BackupRefusedError extends InvalidInputError {}

export interface ReadBackup {
  manifest: Manifest
  /** Where the entries were unpacked, checked against the manifest. */
  dir: string
}

/** Unpacks and checks every entry against the manifest; refuses a damaged or newer backup naming what is wrong. */
export async function readBackup(file: string, dir: string): Promise<ReadBackup> {
  const refuse = (reason: string) => new BackupRefusedError(`${file} cannot be restored: ${reason}. Nothing was changed.`)
  let manifest: Manifest | undefined
  const seen = new Map<string, { size: number; sha256: string }>()
  const extract = tar.extract()
  const source = pipeline(createReadStream(file), createGunzip(), extract).catch((error: Error) => error)
  try {
    for await (const entry of extract) {
      const name = entry.header.name
      if (name === MANIFEST_ENTRY) {
        const chunks: Buffer[] = []
        for await (const chunk of entry) chunks.push(chunk as Buffer)
        manifest = parseManifest(Buffer.concat(chunks).toString('utf8'), refuse)
        continue
      }
      if (!manifest) throw refuse(`${MANIFEST_ENTRY} is not its first entry`)
      if (!isSafeEntryName(name)) throw refuse(`it holds an entry with an unexpected name “${name}”`)
      const path = join(dir, name)
      await mkdir(dirname(path), { recursive: true })
      const hash = createHash('sha256')
      let size = 0
      const sink = createWriteStream(path)
      for await (const chunk of entry) {
        hash.update(chunk as Buffer)
        size += (chunk as Buffer).length
        if (!sink.write(chunk)) await new Promise<void>((r) => sink.once('drain', () => r()))
      }
      await new Promise<void>((done, fail) => sink.end((e?: Error | null) => (e ? fail(e) : done())))
      seen.set(name, { size, sha256: hash.digest('hex') })
    }
  } catch (error) {
    if (error instanceof BackupRefusedError) throw error
    throw refuse(`the file is damaged or cut short (${(error as Error).message})`)
  }
  const failure = await source
  if (failure instanceof Error) throw refuse(`the file is damaged or cut short (${failure.message})`)
  if (!manifest) throw refuse(`it has no ${MANIFEST_ENTRY}; is it a Chronicle backup?`)
  for (const expected of manifest.entries) {
    const found = seen.get(expected.name)
    if (!found) throw refuse(`the entry ${expected.name} is missing`)
    if (found.size !== expected.size) throw refuse(`the entry ${expected.name} has ${found.size} bytes, the manifest says ${expected.size}`)
    if (found.sha256 !== expected.sha256) throw refuse(`the entry ${expected.name} does not match its checksum`)
    if (expected.name.startsWith(FILES_PREFIX) && expected.name.slice(FILES_PREFIX.length) !== expected.sha256) {
      throw refuse(`the uploaded file ${expected.name} is not named by its checksum`)
    }
  }
  for (const name of seen.keys()) {
    if (!manifest.entries.some((e) => e.name === name)) throw refuse(`the entry ${name} is not in the manifest`)
  }
  if (!manifest.entries.some((e) => e.name === ARCHIVE_ENTRY)) throw refuse(`the manifest lists no ${ARCHIVE_ENTRY}`)
  return { manifest, dir }
}

function parseManifest(text: string, refuse: (reason: string) => Error): Manifest {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    throw refuse(`${MANIFEST_ENTRY} is not valid JSON`)
  }
  const head = raw as { format?: unknown; formatVersion?: unknown }
  if (head?.format !== BACKUP_FORMAT) throw refuse('it is not a Chronicle backup')
  // Checked before the rest of the schema: a newer format may have changed any other field.
  if (typeof head.formatVersion === 'number' && head.formatVersion > BACKUP_FORMAT_VERSION) {
    throw refuse(`this backup was made by a newer Chronicle (format ${head.formatVersion}); upgrade first`)
  }
  const parsed = ManifestSchema.safeParse(raw)
  if (!parsed.success) throw refuse(`${MANIFEST_ENTRY} is malformed (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})`)
  return parsed.data
}

const isSafeEntryName = (name: string) =>
  name === ARCHIVE_ENTRY || name === FILE_REFERENCES_ENTRY || name === NATIVE_ENTRY.sqlite || name === NATIVE_ENTRY.postgres ||
  new RegExp(`^${FILES_PREFIX}[0-9a-f]{64}$`).test(name)

export interface RestoreResult {
  engine: Dialect
  from: Manifest
  /** 'native': the engine's own copy, accounts and history included; 'archive': records only, through archive.json. */
  method: 'native' | 'archive'
  counts: Record<string, number>
  files: number
  migrated: string[]
}

/** Restores a checked backup into an empty database; refuses one that holds records, changing nothing. */
export async function restoreBackup(file: string, target: BackupTarget): Promise<RestoreResult> {
  const work = await mkdtemp(join(tmpdir(), 'chronicle-restore-'))
  try {
    const { manifest } = await readBackup(file, work)
    // Parsed before the database is touched, so an archive the import would refuse changes nothing either.
    const archive = ArchiveSchema.parse(JSON.parse(await readFile(join(work, ARCHIVE_ENTRY), 'utf8')))
    const references = manifest.entries.some((e) => e.name === FILE_REFERENCES_ENTRY)
      ? JSON.parse(await readFile(join(work, FILE_REFERENCES_ENTRY), 'utf8')) as backups.FileReferences : null
    let connection = openDatabase(target.databaseUrl)
    try {
      await refuseUnlessEmpty(connection.db)
      const engine = connection.dialect
      const native = manifest.native !== null && manifest.engine === engine ? manifest.native : null
      if (native && engine === 'sqlite') {
        await connection.close()
        const path = sqliteFileOf(target.databaseUrl)
        // The target holds no records (checked above); its fresh schema is replaced by the copy's.
        for (const suffix of ['', '-wal', '-shm']) await unlink(`${path}${suffix}`).catch(() => {})
        await mkdir(dirname(path), { recursive: true })
        await copyFile(join(work, native), path)
        connection = openDatabase(target.databaseUrl)
      } else if (native) {
        if (await runTool('pg_restore', ['--version']) === 'missing') {
          throw new ConflictError('pg_restore is not installed; install the PostgreSQL client to restore this backup. Nothing was changed.')
        }
        await connection.db.transaction().execute((trx) => backups.dropPublicSchema(trx))
        await runTool('pg_restore', ['--no-owner', '--no-privileges', '--single-transaction',
          `--dbname=${target.databaseUrl}`, join(work, native)]).catch(async (error: Error) => {
          // pg_restore ran in one transaction, so the schema is empty again; leave it freshly migrated, as it came.
          await migrateToLatest(connection.db, engine)
          throw error
        })
      } else {
        await migrateToLatest(connection.db, engine)
        await connection.db.transaction().execute(async (trx) => {
          await importArchive(trx, archive, 'restore')
          if (references) await backups.insertFileReferences(trx, references)
        })
        await rebuildSearchIndex(connection.db)
        await rebuildListings(connection.db)
      }
      // An older backup's schema is brought up to this code's.
      const migrated = await migrateToLatest(connection.db, engine)
      const files = await restoreFiles(work, manifest, target.filesDir)
      return { engine, from: manifest, method: native ? 'native' : 'archive', counts: await backups.countRecords(connection.db), files, migrated }
    } finally {
      await connection.close()
    }
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

async function refuseUnlessEmpty(db: Db) {
  const applied = await backups.findAppliedMigrations(db)
  if (!applied.length) return
  const counts = await backups.countRecords(db, { missingTablesAreEmpty: true })
  const held = Object.entries(counts).filter(([, n]) => n > 0)
  if (held.length) {
    throw new ConflictError(`restore goes into an empty database; this one has ${held.map(([table, n]) => `${n} ${table} rows`).join(', ')}. ` +
      'Point DATABASE_URL at a new database. Nothing was changed.')
  }
}

async function restoreFiles(work: string, manifest: Manifest, filesDir: string) {
  let count = 0
  for (const entry of manifest.entries) {
    if (!entry.name.startsWith(FILES_PREFIX)) continue
    const to = storedFilePath(filesDir, entry.sha256)
    await mkdir(dirname(to), { recursive: true })
    await copyFile(join(work, entry.name), to)
    count++
  }
  return count
}

/** Keeps the newest `keep` backups named chronicle-YYYYMMDD-HHMMSS.tar.gz in `dir`; returns the names removed. */
export async function rotateBackups(dir: string, keep: number): Promise<string[]> {
  const names = (await readdir(dir)).filter((n) => BACKUP_NAME.test(n)).sort()
  const removed = names.slice(0, Math.max(0, names.length - keep))
  for (const name of removed) await unlink(join(dir, name))
  return removed
}

const BACKUP_NAME = /^chronicle-\d{8}-\d{6}\.tar\.gz$/

/** chronicle-YYYYMMDD-HHMMSS.tar.gz in UTC: names sort as the moments they were taken. */
export function backupFileName(now: Date) {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)
  return `chronicle-${stamp}.tar.gz`
}
