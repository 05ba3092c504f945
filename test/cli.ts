import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll } from 'vitest'
import type { Db } from '../src/db/database.ts'

const BIN = fileURLToPath(new URL('../bin/chronicle.mjs', import.meta.url))
export const DEMO_ARCHIVE_FILE = fileURLToPath(new URL('../src/demo/demo-archive.json', import.meta.url))

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

/** Runs `node bin/chronicle.mjs …` as a user would, with DATABASE_URL pointing at the test database. */
export function runChronicle(databaseUrl: string, args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl }
    delete env.CHRONICLE_DEBUG
    execFile(process.execPath, [BIN, ...args], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0
      resolve({ code, stdout, stderr })
    })
  })
}

/** Like runChronicle, but a failure fails the test with what the command printed. */
export async function chronicle(databaseUrl: string, args: string[]): Promise<CliResult> {
  const result = await runChronicle(databaseUrl, args)
  if (result.code !== 0) throw new Error(`chronicle ${args.join(' ')} exited ${result.code}:\n${result.stderr}${result.stdout}`)
  return result
}

/** A directory for the block's files, removed after it; returns a function naming a file in it. */
export function useTempDir(): (name: string, content?: string) => string {
  const dir = mkdtempSync(join(tmpdir(), 'chronicle-files-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  return (name, content) => {
    const path = join(dir, name)
    if (content !== undefined) writeFileSync(path, content)
    return path
  }
}

const TABLES = ['organization', 'organization_name', 'person', 'person_name', 'affiliation', 'activity', 'participation',
  'publication', 'publication_contributor', 'post', 'post_link', 'revision'] as const

/** How many rows each table of the archive holds, revisions included. */
export async function countRows(db: Db): Promise<Record<(typeof TABLES)[number], number>> {
  const counts = await Promise.all(TABLES.map(async (table) => {
    const { n } = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    return [table, Number(n)] as const
  }))
  return Object.fromEntries(counts) as Record<(typeof TABLES)[number], number>
}
