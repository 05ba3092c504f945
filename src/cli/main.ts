import { Command, InvalidArgumentError } from 'commander'
import { loadConfig } from '../config.ts'
import { registerArchiveCommands } from './archive.commands.ts'
import { registerBackupCommands } from './backup.commands.ts'
import { registerExtractCommands } from './extract.commands.ts'
import { registerImportCommands } from './import.commands.ts'
import { registerReportCommands } from './report.commands.ts'
import { registerSearchCommands } from './search.commands.ts'
import { registerUserCommands } from './user.commands.ts'
import { reportFailure, withDatabase } from './context.ts'
import { migrateToLatest, pendingMigrations } from '../db/migrate.ts'

const program = new Command('chronicle')
  .description('Chronicle: the institute’s news site and its structured memory')
  .showHelpAfterError()

function portNumber(value: string) {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('a port is a whole number from 0 to 65535')
  return port
}

program.command('serve')
  .description('serve the site and API (PORT, DATABASE_URL and DATA_DIR configure it)')
  .option('--port <n>', 'port to listen on', portNumber)
  .action(async (options: { port?: number }) => {
    const config = loadConfig()
    // Loaded here so that the other commands do not load the whole web app.
    const { startServer } = await import('../server.ts')
    const server = await startServer({ ...config, port: options.port ?? config.port })
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => void server.close().then(() => process.exit(0)))
    }
  })

program.command('migrate')
  .description('apply pending database migrations')
  .option('--dry-run', 'list the migrations that would run, and change nothing')
  .action(async (options: { dryRun?: boolean }) => {
    if (options.dryRun) {
      const pending = await withDatabase(async ({ db, dialect, describe }) => ({ names: await pendingMigrations(db, dialect), describe }),
        { migrate: false })
      console.log(pending.names.length
        ? `${pending.describe}: ${pending.names.length} migration${pending.names.length === 1 ? '' : 's'} would run:\n${pending.names.map((n) => `  ${n}`).join('\n')}`
        : `${pending.describe} is up to date; nothing would run.`)
      return
    }
    const applied = await withDatabase(async ({ db, dialect, describe }) => {
      const names = await migrateToLatest(db, dialect)
      return { names, describe }
    }, { migrate: false })
    console.log(applied.names.length ? `Applied ${applied.names.join(', ')}` : `${applied.describe} is up to date.`)
  })

registerArchiveCommands(program)
registerBackupCommands(program)
registerExtractCommands(program)
registerImportCommands(program)
registerReportCommands(program)
registerSearchCommands(program)
registerUserCommands(program)

try {
  await program.parseAsync(process.argv)
} catch (error) {
  reportFailure(error)
}
