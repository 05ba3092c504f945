import { type Kysely, type Migration, Migrator } from 'kysely'
import type { Database, Dialect } from './database.ts'
import { archiveMigration } from './migrations/0001_archive.ts'
import { accountsMigration } from './migrations/0002_accounts.ts'
import { postTranslationsMigration } from './migrations/0003_post_translations.ts'
import { searchMigration } from './migrations/0004_search.ts'
import { searchFacetsMigration } from './migrations/0005_search_facets.ts'
import { searchOrderMigration } from './migrations/0006_search_order.ts'
import { searchVectorsMigration } from './migrations/0007_search_vectors.ts'
import { importMigration } from './migrations/0008_import.ts'
import { contentVersionMigration } from './migrations/0011_content_version.ts'
import { listCostsMigration } from './migrations/0012_list_costs.ts'
import { searchSpeedMigration } from './migrations/0013_search_speed.ts'
import { scheduledPostsMigration } from './migrations/0014_scheduled_posts.ts'
import { networkMigration } from './migrations/0015_network.ts'
import { firstSchemaIndexesMigration } from './migrations/0022_first_schema_indexes.ts'

function migrationsFor(dialect: Dialect): Record<string, Migration> {
  return {
    '0001_archive': archiveMigration(dialect),
    '0002_accounts': accountsMigration(dialect),
    '0003_post_translations': postTranslationsMigration(dialect),
    '0004_search': searchMigration(dialect),
    '0005_search_facets': searchFacetsMigration(),
    '0006_search_order': searchOrderMigration(),
    '0007_search_vectors': searchVectorsMigration(dialect),
    '0008_import': importMigration(dialect),
    '0011_content_version': contentVersionMigration(dialect),
    '0012_list_costs': listCostsMigration(dialect),
    '0013_search_speed': searchSpeedMigration(dialect),
    '0014_scheduled_posts': scheduledPostsMigration(),
    '0015_network': networkMigration(),
    '0022_first_schema_indexes': firstSchemaIndexesMigration(),
  }
}

function migratorOf(db: Kysely<Database>, dialect: Dialect) {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrationsFor(dialect) },
    // 0003 landed after 0004 had run on some databases; the migrations are independent, so a late one still runs.
    allowUnorderedMigrations: true,
  })
}

/**
 * The migrations this code has and the database has not run, by name; empty when the schema is current.
 * Names are the same on both engines, so the answer does not depend on the dialect's migration bodies.
 */
export async function pendingMigrations(db: Kysely<Database>, dialect: Dialect = 'sqlite'): Promise<string[]> {
  const migrations = await migratorOf(db, dialect).getMigrations()
  return migrations.filter((m) => !m.executedAt).map((m) => m.name)
}

/** Applies every pending migration; returns the names applied. */
export async function migrateToLatest(db: Kysely<Database>, dialect: Dialect): Promise<string[]> {
  const migrator = migratorOf(db, dialect)
  const { error, results } = await migrator.migrateToLatest()
  if (error) throw error instanceof Error ? error : new Error(String(error))
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}
