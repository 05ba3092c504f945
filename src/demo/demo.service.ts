import { readFileSync } from 'node:fs'
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.ts'
import { importFile, readImportFile } from '../archive/index.ts'
import { countPosts } from '../news/post.repository.ts'

const DEMO_FILE = new URL('./demo-archive.json', import.meta.url)

/** Loads the demo archive into a database that has no posts yet; returns whether it did. */
export async function loadDemoArchiveIfEmpty(db: Kysely<Database>) {
  if ((await countPosts(db)).n > 0) return false
  const file = readImportFile(readFileSync(DEMO_FILE, 'utf8'), 'demo-archive.json')
  await importFile(db, file, 'demo', { publish: true })
  return true
}
