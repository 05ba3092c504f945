import type { Kysely, Migration } from 'kysely'
import { sql } from 'kysely'
import type { Dialect } from '../database.ts'
import { addIdColumn } from '../dialect.ts'

/**
 * The search index: one row per record with terms computed in JavaScript, indexed by SQLite FTS5
 * or by PostgreSQL tsvector columns with GIN indexes. Both engines index the same ASCII words
 * unchanged, so both find the same records.
 */
export function searchMigration(dialect: Dialect): Migration {
  // Sorting by these must follow code points on both engines, whatever the database's collation.
  const ordered = dialect === 'postgres' ? sql`text collate "C"` : sql`text`
  return {
    async up(db: Kysely<unknown>) {
      let documents = addIdColumn(db.schema.createTable('search_document'), dialect)
        .addColumn('entity_type', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'integer', (c) => c.notNull())
        .addColumn('slug', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('names', 'text', (c) => c.notNull())
        .addColumn('terms', 'text', (c) => c.notNull())
        .addColumn('name_terms', 'text', (c) => c.notNull())
        .addColumn('sort_date', ordered, (c) => c.notNull())
        .addColumn('sort_name', ordered, (c) => c.notNull())
        .addColumn('visible_from', 'text')
        .addUniqueConstraint('search_document_entity', ['entity_type', 'entity_id'])
      if (dialect === 'postgres') {
        // array_to_tsvector takes the words as they are: no parser, no dictionary, the same lexemes as FTS5.
        documents = documents
          .addColumn('terms_vector', sql`tsvector`, (c) => c.generatedAlwaysAs(sql`array_to_tsvector(string_to_array(terms, ' '))`).stored())
          .addColumn('name_vector', sql`tsvector`, (c) => c.generatedAlwaysAs(sql`array_to_tsvector(string_to_array(name_terms, ' '))`).stored())
      }
      await documents.execute()
      await db.schema.createTable('search_facet')
        .addColumn('document_id', 'integer', (c) => c.notNull().references('search_document.id').onDelete('cascade'))
        .addColumn('facet', 'text', (c) => c.notNull())
        .addColumn('value', ordered, (c) => c.notNull())
        .addPrimaryKeyConstraint('search_facet_key', ['document_id', 'facet', 'value'])
        .execute()
      await db.schema.createIndex('search_facet_value').on('search_facet').columns(['facet', 'value', 'document_id']).execute()
      await db.schema.createIndex('search_document_order').on('search_document')
        .columns(['entity_type', 'sort_date', 'sort_name', 'entity_id']).execute()

      if (dialect === 'postgres') {
        await sql`create index search_document_terms on search_document using gin (terms_vector)`.execute(db)
        await sql`create index search_document_names on search_document using gin (name_vector)`.execute(db)
        return
      }
      // An external-content FTS5 table over search_document, kept in step by triggers.
      await sql`create virtual table search_fts using fts5(terms, name_terms, content='search_document',
        content_rowid='id', tokenize='unicode61', prefix='3')`.execute(db)
      await sql`create trigger search_document_inserted after insert on search_document begin
        insert into search_fts(rowid, terms, name_terms) values (new.id, new.terms, new.name_terms);
      end`.execute(db)
      await sql`create trigger search_document_deleted after delete on search_document begin
        insert into search_fts(search_fts, rowid, terms, name_terms) values ('delete', old.id, old.terms, old.name_terms);
      end`.execute(db)
      await sql`create trigger search_document_updated after update on search_document begin
        insert into search_fts(search_fts, rowid, terms, name_terms) values ('delete', old.id, old.terms, old.name_terms);
        insert into search_fts(rowid, terms, name_terms) values (new.id, new.terms, new.name_terms);
      end`.execute(db)
    },
  }
}
