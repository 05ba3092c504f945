import { type Kysely, type Migration, sql } from 'kysely'
import type { Dialect } from '../database.ts'
import { addContentVersionTriggers } from './0011_content_version.ts'

/**
 * Lists that read one page of index entries however large the archive grows. Each revision keeps
 * these copies and counts current (src/listings); this migration makes them for what exists.
 *
 * - A participation carries its activity's start date and whether the public sees it, so a
 *   person's or an organization's activities come newest first from one index, LIMIT included.
 * - Each person and organization has its number of public activities, per role and in all (''),
 *   so a profile does not count ten thousand rows to print one number.
 * - A post carries its activity's kind, and the public posts about a person or an organization
 *   are listed by date in post_person and post_organization, for the filtered news lists.
 * - Each year with news says when its first post went public, for the news list's year filter.
 * - A contribution carries its publication's date, for the publications on a profile, and an
 *   affiliation its person's name, for the people of an organization by name.
 */
export function listCostsMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('participation').addColumn('activity_starts_on', 'text').execute()
      await db.schema.alterTable('participation').addColumn('is_public', 'integer', (c) => c.notNull().defaultTo(0)).execute()
      await sql`update participation set
        activity_starts_on = (select a.starts_on from activity a where a.id = participation.activity_id),
        is_public = case when is_internal = 0 and (select a.is_internal from activity a where a.id = participation.activity_id) = 0
          then 1 else 0 end`.execute(db)
      // These lead with the same columns as the ones they replace, so lookups by party still find them.
      for (const name of ['participation_person', 'participation_organization', 'participation_organization_role']) {
        await db.schema.dropIndex(name).ifExists().execute()
      }
      await db.schema.createIndex('participation_person_listed').on('participation')
        // Role and job title too, so a profile's page of activities is read from the index alone.
        .columns(['person_id', 'is_public', 'activity_starts_on desc', 'activity_id desc', 'position', 'role', 'job_title']).execute()
      await db.schema.createIndex('participation_organization_listed').on('participation')
        .columns(['organization_id', 'is_public', 'activity_starts_on desc', 'activity_id desc']).execute()
      await db.schema.createIndex('participation_organization_role_listed').on('participation')
        .columns(['organization_id', 'role', 'is_public', 'activity_starts_on desc', 'activity_id desc']).execute()

      for (const party of ['person', 'organization'] as const) {
        await db.schema.createTable(`${party}_activity_count`)
          .addColumn(`${party}_id`, 'integer', (c) => c.notNull().references(`${party}.id`).onDelete('cascade'))
          // A participation role, or '' for activities in any role (one activity may give a person two roles).
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('activities', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint(`${party}_activity_count_key`, [`${party}_id`, 'role'])
          .execute()
        await sql`insert into ${sql.table(`${party}_activity_count`)} (${sql.ref(`${party}_id`)}, role, activities)
          select ${sql.ref(`${party}_id`)}, role, count(distinct activity_id) from participation
          where ${sql.ref(`${party}_id`)} is not null and is_public = 1 group by ${sql.ref(`${party}_id`)}, role
          union all
          select ${sql.ref(`${party}_id`)}, '', count(distinct activity_id) from participation
          where ${sql.ref(`${party}_id`)} is not null and is_public = 1 group by ${sql.ref(`${party}_id`)}`.execute(db)

        await db.schema.createTable(`post_${party}`)
          .addColumn(`${party}_id`, 'integer', (c) => c.notNull().references(`${party}.id`).onDelete('cascade'))
          .addColumn('post_id', 'integer', (c) => c.notNull().references('post.id').onDelete('cascade'))
          .addColumn('published_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint(`post_${party}_key`, [`${party}_id`, 'post_id'])
          .execute()
        await sql`insert into ${sql.table(`post_${party}`)} (${sql.ref(`${party}_id`)}, post_id, published_at)
          select distinct pa.${sql.ref(`${party}_id`)}, p.id, p.published_at from post p
          join participation pa on pa.activity_id = p.activity_id
          where pa.${sql.ref(`${party}_id`)} is not null and pa.is_public = 1
            and p.status in ('published', 'scheduled') and p.published_at is not null`.execute(db)
        await db.schema.createIndex(`post_${party}_newest`).on(`post_${party}`)
          .columns([`${party}_id`, 'published_at desc', 'post_id desc']).execute()
        await db.schema.createIndex(`post_${party}_post`).on(`post_${party}`).column('post_id').execute()
      }

      // With the id that breaks ties, PostgreSQL too reads these lists in index order instead of sorting each day's.
      for (const [name, table, columns] of [
        ['activity_starts_on', 'activity', ['starts_on', 'id']],
        ['activity_kind_starts_on', 'activity', ['kind', 'starts_on', 'id']],
        ['participation_activity', 'participation', ['activity_id', 'position', 'id']],
        // A person's affiliations in the order recorded, and an organization's units by name.
        ['affiliation_person', 'affiliation', ['person_id', 'id']],
        ['organization_parent', 'organization', ['parent_id', 'name', 'id']],
      ] as const) {
        await db.schema.dropIndex(name).ifExists().execute()
        await db.schema.createIndex(name).on(table).columns([...columns]).execute()
      }

      await db.schema.alterTable('post').addColumn('activity_kind', 'text').execute()
      await sql`update post set activity_kind = (select a.kind from activity a where a.id = post.activity_id)
        where activity_id is not null`.execute(db)
      await db.schema.createIndex('post_kind_published').on('post').columns(['activity_kind', 'published_at', 'id']).execute()
      // The posts about a page of activities come in the order they are shown, without a sort.
      await db.schema.dropIndex('post_activity').execute()
      await db.schema.createIndex('post_activity_published').on('post').columns(['activity_id', 'published_at']).execute()

      await db.schema.createTable('news_year')
        .addColumn('year', 'text', (c) => c.primaryKey())
        // The earliest publication time of the year's listed posts: the year is shown once that time has come.
        .addColumn('first_public_at', 'text', (c) => c.notNull())
        .execute()
      await sql`insert into news_year (year, first_public_at)
        select substr(p.published_at, 1, 4), min(p.published_at) from post p left join activity a on a.id = p.activity_id
        where p.status in ('published', 'scheduled') and p.published_at is not null and (a.id is null or a.is_internal = 0)
        group by substr(p.published_at, 1, 4)`.execute(db)

      await db.schema.alterTable('publication_contributor').addColumn('published_on', 'text').execute()
      await sql`update publication_contributor set
        published_on = (select pu.published_on from publication pu where pu.id = publication_contributor.publication_id)`.execute(db)
      for (const party of ['person', 'organization'] as const) {
        await db.schema.dropIndex(`publication_contributor_${party}`).execute()
        await db.schema.createIndex(`publication_contributor_${party}_newest`).on('publication_contributor')
          .columns([`${party}_id`, 'published_on desc', 'publication_id desc', 'role']).execute()
      }
      await db.schema.alterTable('affiliation').addColumn('person_name', 'text').execute()
      await sql`update affiliation set person_name = (select p.name from person p where p.id = affiliation.person_id)`.execute(db)
      await db.schema.dropIndex('affiliation_organization').execute()
      await db.schema.createIndex('affiliation_organization_by_name').on('affiliation')
        .columns(['organization_id', 'person_name', 'person_id', 'id']).execute()
      // The publications page lists the newest; without it every visit sorts them all.
      await db.schema.createIndex('publication_newest').on('publication').columns(['published_on desc', 'id desc']).execute()
      // Public pages read these lists, so rebuilding them (the bench archive does) is a change cached pages must see.
      await addContentVersionTriggers(db, dialect,
        ['person_activity_count', 'organization_activity_count', 'post_person', 'post_organization', 'news_year'])
    },
  }
}
