import type { Kysely, Migration } from 'kysely'

/**
 * Facets move from a row per value (millions at 100,000 posts: slow to write and to count) into
 * the document: as terms of the full-text index for filtering, and as one text column for counting.
 */
export function searchFacetsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.dropTable('search_facet').execute()
      await db.schema.alterTable('search_document').addColumn('facets', 'text', (c) => c.notNull().defaultTo('')).execute()
    },
  }
}
