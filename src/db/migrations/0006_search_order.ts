import { sql, type Kysely, type Migration } from 'kysely'

/**
 * Search documents get ids made from what they index (record id × 8 + kind), the same on both
 * engines, so the full-text index alone tells a match's kind; and an index in result order.
 * The documents of 0004 had other ids: they go, and `chronicle search-reindex` makes them anew.
 */
export function searchOrderMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await sql`delete from search_document`.execute(db)
      await db.schema.dropIndex('search_document_order').execute()
      await db.schema.createIndex('search_document_newest').on('search_document')
        .columns(['entity_type', 'sort_date desc', 'sort_name', 'id desc']).execute()
      // Only scheduled posts wait for their time; the few of them are checked apart.
      await db.schema.createIndex('search_document_waiting').on('search_document').column('visible_from')
        .where(sql.ref('visible_from'), 'is not', null).execute()
    },
  }
}
