import { type Kysely, type Migration, sql } from 'kysely'

/**
 * The collaboration network (/insights/network) reads who took part in the activities of a period, a kind or a
 * country. At 100,000 posts, without these its year filter read every participation (an activity that started
 * before the period and ends in it had no index), a country read them all too, and each activity's participants
 * were fetched row by row from the table instead of from one index.
 */
export function networkMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      // Partial, for the network's question alone: other lists of an activity's participants keep their own index.
      await db.schema.createIndex('participation_network').on('participation')
        .columns(['activity_id', 'is_internal', 'person_id', 'organization_id', 'role'])
        .where(sql.ref('role'), '<>', 'mentioned').execute()
      await db.schema.createIndex('activity_ends_on').on('activity').columns(['ends_on', 'starts_on']).execute()
      await db.schema.createIndex('activity_country_starts_on').on('activity').columns(['country', 'starts_on', 'id']).execute()
    },
  }
}
