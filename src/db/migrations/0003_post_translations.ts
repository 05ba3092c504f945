import type { Kysely, Migration } from 'kysely'
import type { Dialect } from '../database.ts'
import { addIdColumn } from '../dialect.ts'

/** Language versions of a post (ru, kk beside the main language): one row per post and language. */
export function postTranslationsMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await addIdColumn(db.schema.createTable('post_translation'), dialect)
        .addColumn('post_id', 'integer', (c) => c.notNull().references('post.id').onDelete('cascade'))
        .addColumn('lang', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
        .addUniqueConstraint('post_translation_post_lang', ['post_id', 'lang'])
        .execute()
    },
  }
}
