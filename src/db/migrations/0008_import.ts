import type { Kysely, Migration } from 'kysely'
import type { Dialect } from '../database.ts'
import { addIdColumn } from '../dialect.ts'

/**
 * Imported news waiting for review: the draft post, the text it was read from and the proposed
 * record (activity, people, organizations with their proposed links). The source key stays when
 * the draft is discarded, so importing the same file again does not bring the item back.
 */
export function importMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await addIdColumn(db.schema.createTable('import_item'), dialect)
        .addColumn('post_id', 'integer', (c) => c.references('post.id').onDelete('set null'))
        .addColumn('source_key', 'text', (c) => c.notNull().unique())
        .addColumn('source_name', 'text', (c) => c.notNull())
        .addColumn('source_format', 'text', (c) => c.notNull())
        .addColumn('position', 'text', (c) => c.notNull())
        .addColumn('source_text', 'text', (c) => c.notNull())
        .addColumn('proposal_json', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('reviewed_at', 'text')
        .addColumn('reviewed_by', 'text')
        .execute()
      await db.schema.createIndex('import_item_status').on('import_item').columns(['status', 'id']).execute()
      await db.schema.createIndex('import_item_post').on('import_item').column('post_id').execute()
    },
  }
}
