import { type Kysely, type Migration, sql } from 'kysely'
import type { Dialect } from '../database.ts'

/**
 * The tables whose rows the public sees, directly or through a page that lists them. A write to any
 * of them, by any process (a server, `chronicle import`, a restore, plain SQL), moves the counter on.
 */
export const PUBLIC_CONTENT_TABLES = [
  'post', 'post_link', 'post_translation', 'activity', 'participation', 'person', 'person_name', 'affiliation',
  'organization', 'organization_name', 'publication', 'publication_contributor', 'stored_file', 'publication_file',
  'slug_redirect', 'search_document',
] as const

/**
 * One counter of public content, moved on by triggers in the writing transaction itself: a page
 * rendered after reading version N shows at least what version N committed, so a cached page
 * tagged N is current for as long as the counter still says N, on every server sharing the database.
 */
export function contentVersionMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.createTable('content_version')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('version', 'bigint', (c) => c.notNull())
        .execute()
      await sql`insert into content_version (id, version) values (1, 1)`.execute(db)
      if (dialect === 'postgres') {
        await sql`create function bump_content_version() returns trigger language plpgsql as $$
          begin update content_version set version = version + 1 where id = 1; return null; end $$`.execute(db)
        // Once per statement: a bulk insert of a million participations moves the counter once.
        for (const table of PUBLIC_CONTENT_TABLES) {
          await sql.raw(`create trigger ${table}_content_version after insert or update or delete or truncate on ${table}
            for each statement execute function bump_content_version()`).execute(db)
        }
      } else {
        // SQLite has row triggers only.
        for (const table of PUBLIC_CONTENT_TABLES) {
          for (const event of ['insert', 'update', 'delete']) {
            await sql.raw(`create trigger ${table}_content_version_${event} after ${event} on ${table}
              begin update content_version set version = version + 1 where id = 1; end`).execute(db)
          }
        }
      }
      // The next scheduled post's time is when cached pages must change by the clock.
      await sql`create index post_scheduled on post (published_at) where status = 'scheduled'`.execute(db)
    },
  }
}
