import type { Kysely, Migration } from 'kysely'

/**
 * Migration 0001 was given better indexes after the first release (lists by name, news by date), but a
 * database made by that release had already run it and kept the old ones. This gives such a database
 * what 0001 now makes; on any other it changes nothing. test/upgrade.test.ts holds the two schemas equal.
 */
export function firstSchemaIndexesMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.createIndex('organization_by_name').ifNotExists().on('organization').columns(['name', 'id']).execute()
      await db.schema.createIndex('person_by_name').ifNotExists().on('person').columns(['name', 'id']).execute()
      await db.schema.createIndex('post_published').ifNotExists().on('post').columns(['published_at', 'id']).execute()
      await db.schema.dropIndex('post_status_published').ifExists().execute()
    },
  }
}
