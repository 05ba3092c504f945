import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import { DEFAULT_SECURITY, type SecurityConfig } from '../src/config.ts'
import type { Dialect } from '../src/db/database.ts'
import { loadDemoArchiveIfEmpty } from '../src/demo/demo.service.ts'
import { startServer } from '../src/server.ts'
import { createTestDatabase, type TestDatabase } from './db.ts'

export interface TestServer extends TestDatabase {
  /** The server's address, "http://127.0.0.1:PORT", without a trailing slash. */
  baseUrl: string
  /** Fetches a path of the running server; redirects are left for the test to see. */
  get(path: string, init?: RequestInit): Promise<Response>
  /** Where the server stores uploaded files. */
  filesDir: string
}

/**
 * The real server on a free port, over a fresh database of the dialect, for the enclosing
 * describe block. `db` is a second connection to the same database, for factories.
 */
export function useTestServer(dialect: Dialect, options: { demo?: boolean; security?: Partial<SecurityConfig> } = {}): () => TestServer {
  let current: TestServer | undefined
  let stop: (() => Promise<void>) | undefined
  beforeAll(async () => {
    const database = await createTestDatabase(dialect)
    // Whatever the server keeps beside its database (uploaded files) goes in a directory of its own.
    const dataDir = mkdtempSync(join(tmpdir(), 'chronicle-server-'))
    try {
      if (options.demo) await loadDemoArchiveIfEmpty(database.db)
      const server = await startServer({
        port: 0, host: '127.0.0.1', dataDir, databaseUrl: database.url, loadDemo: false, logLevel: process.env.TEST_LOG_LEVEL ?? 'silent',
        security: { ...DEFAULT_SECURITY, ...options.security },
      })
      stop = async () => { await server.close(); await database.drop(); rmSync(dataDir, { recursive: true, force: true }) }
      current = {
        ...database,
        baseUrl: server.url,
        filesDir: join(dataDir, 'files'),
        get: (path, init) => fetch(new URL(path, server.url), { redirect: 'manual', ...init }),
      }
    } catch (error) {
      await database.drop()
      rmSync(dataDir, { recursive: true, force: true })
      throw error
    }
  })
  afterAll(async () => { await stop?.() })
  return () => {
    if (!current) throw new Error('the test server is not ready')
    return current
  }
}
