import { loadConfig } from '../config.ts'
import { type Connection, openDatabase } from '../db/connection.ts'
import { migrateToLatest } from '../db/migrate.ts'
import { DomainError } from '../lib/errors.ts'

/** Runs a command against the configured database, migrated (unless told not to), and closes it after. */
export async function withDatabase<T>(work: (connection: Connection) => Promise<T>, options: { migrate?: boolean } = {}): Promise<T> {
  const connection = openDatabase(loadConfig().databaseUrl)
  try {
    if (options.migrate !== false) await migrateToLatest(connection.db, connection.dialect)
    return await work(connection)
  } finally {
    await connection.close()
  }
}

/** Known failures print their message and exit 1; anything else is a bug and shows its stack. */
export function reportFailure(error: unknown): never {
  if (error instanceof DomainError) {
    console.error(`chronicle: ${error.message}`)
    if ('problems' in error && Array.isArray(error.problems) && error.problems.length > 1) {
      for (const problem of error.problems.slice(1)) console.error(`  ${problem}`)
    }
  } else {
    console.error(error instanceof Error && process.env.CHRONICLE_DEBUG ? error.stack : `chronicle: ${(error as Error)?.message ?? error}`)
  }
  process.exit(1)
}
