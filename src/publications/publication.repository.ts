import { type Insertable, sql } from 'kysely'
import type { Db, PublicationContributorTable, PublicationTable } from '../db/database.ts'

export function findPublicationBySlug(db: Db, slug: string) {
  return db.selectFrom('publication').selectAll().where('slug', '=', slug).executeTakeFirst()
}

export async function isPublicationSlugTaken(db: Db, slug: string) {
  return !!(await db.selectFrom('publication').select('id').where('slug', '=', slug).executeTakeFirst())
}

export async function insertPublication(db: Db, row: Insertable<PublicationTable>) {
  const { id } = await db.insertInto('publication').values(row).returning('id').executeTakeFirstOrThrow()
  return id
}

export function insertPublicationContributors(db: Db, rows: Insertable<PublicationContributorTable>[]) {
  if (!rows.length) return Promise.resolve()
  return db.insertInto('publication_contributor').values(rows).execute()
}

export function findContributorsOf(db: Db, publicationIds: number[]) {
  if (!publicationIds.length) return Promise.resolve([])
  return db.selectFrom('publication_contributor as c')
    .leftJoin('person as p', 'p.id', 'c.person_id')
    .leftJoin('organization as o', 'o.id', 'c.organization_id')
    .select(['c.publication_id', 'c.role', 'c.position', 'p.slug as person_slug', 'p.name as person_name',
      'o.slug as organization_slug', 'o.name as organization_name'])
    .where('c.publication_id', 'in', publicationIds)
    .orderBy('c.publication_id').orderBy('c.position').orderBy('c.id').execute()
}

/** Publications presented at or coming out of the activities. */
export function findPublicationsOfActivities(db: Db, activityIds: number[]) {
  if (!activityIds.length) return Promise.resolve([])
  return db.selectFrom('publication').select(['id', 'slug', 'title', 'kind', 'published_on', 'activity_id'])
    .where('activity_id', 'in', activityIds).orderBy('published_on').execute()
}

export function findPublicationsByOrganization(db: Db, organizationId: number, limit: number) {
  return db.selectFrom('publication_contributor as c')
    .innerJoin('publication as pu', 'pu.id', 'c.publication_id')
    .select(['pu.slug', 'pu.title', 'pu.kind', 'pu.published_on', 'c.role'])
    .where('c.organization_id', '=', organizationId)
    // By the copy of the date the contribution carries (src/listings), so the index gives the newest first.
    .orderBy('c.published_on', 'desc').orderBy('c.publication_id', 'desc').limit(limit).execute()
}

export function findPublicationsByPerson(db: Db, personId: number, limit: number) {
  return db.selectFrom('publication_contributor as c')
    .innerJoin('publication as pu', 'pu.id', 'c.publication_id')
    .select(['pu.slug', 'pu.title', 'pu.kind', 'pu.published_on', 'c.role'])
    .where('c.person_id', '=', personId)
    // By the copy of the date the contribution carries (src/listings), so the index gives the newest first.
    .orderBy('c.published_on', 'desc').orderBy('c.publication_id', 'desc').limit(limit).execute()
}

export function listPublications(db: Db, limit: number) {
  return db.selectFrom('publication').select(['id', 'slug', 'title', 'kind', 'published_on'])
    .orderBy('published_on', 'desc').orderBy('id', 'desc').limit(limit).execute()
}

export function listAllPublications(db: Db) {
  return db.selectFrom('publication as pu').leftJoin('activity as a', 'a.id', 'pu.activity_id')
    .selectAll('pu').select('a.slug as activity_slug').orderBy('pu.slug').execute()
}

export function findAllContributors(db: Db) {
  return db.selectFrom('publication_contributor as c')
    .innerJoin('publication as pu', 'pu.id', 'c.publication_id')
    .leftJoin('person as p', 'p.id', 'c.person_id')
    .leftJoin('organization as o', 'o.id', 'c.organization_id')
    .select(['pu.slug as publication_slug', 'c.role', 'p.slug as person_slug', 'o.slug as organization_slug'])
    .orderBy('pu.slug').orderBy('c.position').orderBy('c.id').execute()
}

/** The files attached to a publication, in their order, with what a download link shows. */
export function findFilesOfPublication(db: Db, publicationId: number) {
  return db.selectFrom('publication_file as pf').innerJoin('stored_file as f', 'f.id', 'pf.file_id')
    .select(['pf.file_id', 'pf.label', 'pf.file_name', 'f.sha256', 'f.size', 'f.mime'])
    .where('pf.publication_id', '=', publicationId)
    .orderBy('pf.position').orderBy('pf.id').execute()
}

/** Every publication for the admin list, newest first; the title filter matches % and _ literally. */
export function listPublicationsForAdmin(db: Db, filter: { q?: string; kind?: string }, limit: number, offset: number) {
  let query = db.selectFrom('publication as pu')
    .select((eb) => ['pu.id', 'pu.slug', 'pu.title', 'pu.kind', 'pu.published_on', 'pu.updated_at',
      eb.selectFrom('publication_file as pf').select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('pf.publication_id', '=', 'pu.id').as('file_count')])
  if (filter.q) {
    const pattern = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`
    query = query.where(sql<boolean>`lower(pu.title) like ${pattern} escape '\\'`)
  }
  if (filter.kind) query = query.where('pu.kind', '=', filter.kind)
  // Undated ones last on both engines (PostgreSQL would put NULLs first in a descending order).
  return query.orderBy(sql`pu.published_on is null`).orderBy('pu.published_on', 'desc').orderBy('pu.id', 'desc')
    .limit(limit).offset(offset).execute()
}
