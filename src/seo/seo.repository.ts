import type { Db } from '../db/database.ts'

type Listed = 'person' | 'organization' | 'publication'

/** Slugs and last changes of people, organizations or publications, in id order, for the sitemap. */
export function listForSitemap(db: Db, table: Listed, offset: number, limit: number) {
  return db.selectFrom(table).select(['slug', 'updated_at']).orderBy('id').limit(limit).offset(offset).execute()
}

export async function countForSitemap(db: Db, table: Listed) {
  return (await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n
}
