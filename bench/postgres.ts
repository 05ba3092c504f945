import { randomBytes } from 'node:crypto'
import pg from 'pg'

export interface ScratchDatabase {
  url: string
  drop(): Promise<void>
}

/** A new, empty database on the server of `adminUrl`, whose user may create databases. */
export async function createScratchDatabase(adminUrl: string): Promise<ScratchDatabase> {
  const name = `chronicle_bench_${randomBytes(6).toString('hex')}`
  await runAdmin(adminUrl, `CREATE DATABASE ${name}`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  // FORCE: a pooled connection left open by a failed run must not keep the database alive.
  return { url: url.href, drop: () => runAdmin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) }
}

async function runAdmin(adminUrl: string, statement: string) {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}
