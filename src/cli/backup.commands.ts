import { mkdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { type Command, InvalidArgumentError } from 'commander'
import { backupFileName, createBackup, restoreBackup, rotateBackups, type Manifest } from '../backup/index.ts'
import { loadConfig } from '../config.ts'
import { withDatabase } from './context.ts'

function positive(value: string) {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('give a whole number of backups, 1 or more')
  return n
}

const describeCounts = (counts: Record<string, number>) => Object.entries(counts).map(([table, n]) => `${n} ${table}`).join(', ')
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`

export function registerBackupCommands(program: Command) {
  program.command('backup')
    .description('copy the database and uploaded files into one archive while the site runs (see README, “Backup and restore”)')
    .requiredOption('--out <path>', 'the backup file, or a directory to write chronicle-YYYYMMDD-HHMMSS.tar.gz in')
    .option('--keep <n>', 'with a directory: keep only the newest n backups there', positive)
    .action(async (options: { out: string; keep?: number }) => {
      const config = loadConfig()
      const now = new Date()
      const isDir = await stat(options.out).then((s) => s.isDirectory(), () => false)
      if (options.keep !== undefined && !isDir) await mkdir(options.out, { recursive: true })
      const intoDir = isDir || options.keep !== undefined
      const out = intoDir ? join(options.out, backupFileName(now)) : options.out
      const started = Date.now()
      const result = await withDatabase((connection) =>
        createBackup(connection, { databaseUrl: config.databaseUrl, filesDir: config.filesDir }, out, now))
      const m = result.manifest
      console.log(`Wrote ${result.file} (${megabytes(result.bytes)}, ${Date.now() - started} ms) from ${m.engine}: ${describeCounts(m.counts)}.`)
      console.log(m.native ? `Inside: archive.json, files.json, ${m.native} (accounts and history included), ${m.entries.length - 3} uploaded files.`
        : `Inside: archive.json, files.json and ${m.entries.length - 2} uploaded files; no native copy: ${m.nativeNote}.`)
      if (options.keep !== undefined) {
        const removed = await rotateBackups(options.out, options.keep)
        if (removed.length) console.log(`Removed ${removed.length} older backup${removed.length === 1 ? '' : 's'}: ${removed.join(', ')}`)
      }
    })

  program.command('restore')
    .description('restore a backup into an empty database (DATABASE_URL) and FILES_DIR; refuses a damaged or newer backup')
    .argument('<file>', 'a file written by chronicle backup')
    .action(async (file: string) => {
      const config = loadConfig()
      const result = await restoreBackup(file, { databaseUrl: config.databaseUrl, filesDir: config.filesDir })
      console.log(`Restored ${file} (${describeOrigin(result.from)}) into ${result.engine}: ${describeCounts(result.counts)}, ${result.files} uploaded files.`)
      if (result.method === 'archive') {
        console.log('Restored from archive.json: the records and their files came across, but not accounts, sessions or the revision history. ' +
          'Create an administrator with `chronicle user add`.')
      }
      if (result.migrated.length) console.log(`Upgraded the schema: ${result.migrated.join(', ')}`)
    })
}

const describeOrigin = (m: Manifest) => `taken ${m.createdAt} from ${m.engine}${m.native ? `, with ${m.native}` : ''}`
