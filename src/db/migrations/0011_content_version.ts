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

// A post in these states is, or becomes by the clock, public; drafts and posts in review are not.
const PUBLIC_POST = "('published', 'scheduled')"
/** Tables that belong to a post, whose rows are public only when their post is. */
const POST_PARTS = ['post_link', 'post_translation'] as const
const EVENTS = ['insert', 'update', 'delete'] as const
const BUMP = 'update content_version set version = version + 1 where id = 1'

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
      if (dialect === 'postgres') await postgresFunctions(db)
      await addContentVersionTriggers(db, dialect, PUBLIC_CONTENT_TABLES)
    },
  }
}

/**
 * Makes writes to these tables move the counter on; later migrations call it for the public
 * tables they add. Needs this migration's functions on PostgreSQL.
 */
export async function addContentVersionTriggers(db: Kysely<unknown>, dialect: Dialect, tables: readonly string[]) {
  for (const table of tables) {
    if (dialect === 'postgres') await postgresTableTriggers(db, table)
    else await sqliteTableTriggers(db, table)
  }
}

/**
 * Row triggers with conditions: a write that only touches drafts (an import queued for review, an
 * author's draft) leaves the cached pages alone.
 */
async function sqliteTableTriggers(db: Kysely<unknown>, table: string) {
  const row = (event: (typeof EVENTS)[number]) => (event === 'delete' ? ['old'] : event === 'insert' ? ['new'] : ['old', 'new'])
  for (const event of EVENTS) {
    const when = table === 'post'
      ? row(event).map((r) => `${r}.status in ${PUBLIC_POST}`).join(' or ')
      : (POST_PARTS as readonly string[]).includes(table)
        ? row(event).map((r) => `exists (select 1 from post where id = ${r}.post_id and status in ${PUBLIC_POST})`).join(' or ')
        : null
    await sql.raw(`create trigger ${table}_content_version_${event} after ${event} on ${table}
      ${when ? `when ${when}` : ''} begin ${BUMP}; end`).execute(db)
  }
}

/**
 * Statement triggers, so a bulk insert of a million participations moves the counter once, that
 * look at the rows the statement changed (transition tables, one event per trigger): a statement
 * that changed no row, or only drafts, moves nothing.
 */
async function postgresFunctions(db: Kysely<unknown>) {
  const changed = (rows: string, condition: string) => `exists (select 1 from ${rows} r ${condition})`
  const kinds = {
    any: '',
    post: `where r.status in ${PUBLIC_POST}`,
    part: `where exists (select 1 from post p where p.id = r.post_id and p.status in ${PUBLIC_POST})`,
  }
  for (const [kind, condition] of Object.entries(kinds)) {
    for (const event of EVENTS) {
      const test = event === 'insert' ? changed('new_rows', condition)
        : event === 'delete' ? changed('old_rows', condition)
          : `${changed('old_rows', condition)} or ${changed('new_rows', condition)}`
      await sql.raw(`create function content_changed_${kind}_${event}() returns trigger language plpgsql as $$
        begin if ${test} then ${BUMP}; end if; return null; end $$`).execute(db)
    }
  }
  await sql.raw(`create function content_truncated() returns trigger language plpgsql as $$ begin ${BUMP}; return null; end $$`).execute(db)
}

async function postgresTableTriggers(db: Kysely<unknown>, table: string) {
  const kind = table === 'post' ? 'post' : (POST_PARTS as readonly string[]).includes(table) ? 'part' : 'any'
  for (const event of EVENTS) {
    const referencing = event === 'insert' ? 'new table as new_rows' : event === 'delete' ? 'old table as old_rows'
      : 'old table as old_rows new table as new_rows'
    await sql.raw(`create trigger ${table}_content_version_${event} after ${event} on ${table}
      referencing ${referencing} for each statement execute function content_changed_${kind}_${event}()`).execute(db)
  }
  await sql.raw(`create trigger ${table}_content_version_truncate after truncate on ${table}
    for each statement execute function content_truncated()`).execute(db)
}
