import type { Insertable, Updateable } from 'kysely'
import type { Db, ImportItemTable, ImportStatus } from '../db/database.ts'
import type { Page } from '../lib/pagination.ts'
import { isAcronym } from '../lib/names.ts'
import type { KnownRecord } from './resolve.ts'

export async function isSourceKnown(db: Db, key: string) {
  const item = await db.selectFrom('import_item').select('id').where('source_key', '=', key).executeTakeFirst()
  if (item) return true
  // Posts made by `import-json` from activity records carry the hash of their text.
  return !!(await db.selectFrom('post').select('id').where('source_hash', '=', key).executeTakeFirst())
}

/** Of these keys, those already imported: one query for a batch of items, not one per item. */
export async function findKnownSources(db: Db, keys: string[]): Promise<Set<string>> {
  if (!keys.length) return new Set()
  const [items, posts] = await Promise.all([
    db.selectFrom('import_item').select('source_key as key').where('source_key', 'in', keys).execute(),
    db.selectFrom('post').select('source_hash as key').where('source_hash', 'in', keys).execute(),
  ])
  return new Set([...items, ...posts].map((r) => r.key).filter((key): key is string => key !== null))
}

export async function insertImportItem(db: Db, row: Insertable<ImportItemTable>) {
  const { id } = await db.insertInto('import_item').values(row).returning('id').executeTakeFirstOrThrow()
  return id
}

export function updateImportItem(db: Db, id: number, fields: Updateable<ImportItemTable>) {
  return db.updateTable('import_item').set(fields).where('id', '=', id).execute()
}

export function findImportItem(db: Db, id: number) {
  return db.selectFrom('import_item as i')
    .leftJoin('post as p', 'p.id', 'i.post_id')
    .selectAll('i')
    .select(['p.title as post_title', 'p.slug as post_slug', 'p.status as post_status', 'p.author_id as post_author_id', 'p.lang as post_lang'])
    .where('i.id', '=', id)
    .executeTakeFirst()
}

export function findImportItemIdByKey(db: Db, key: string) {
  return db.selectFrom('import_item').select('id').where('source_key', '=', key).executeTakeFirst()
}

export function listImportItems(db: Db, status: ImportStatus, page: Page) {
  return db.selectFrom('import_item as i')
    .leftJoin('post as p', 'p.id', 'i.post_id')
    .select(['i.id', 'i.source_name', 'i.source_format', 'i.position', 'i.status', 'i.created_at', 'i.reviewed_at',
      'i.reviewed_by', 'i.proposal_json', 'p.title as post_title', 'p.slug as post_slug', 'p.published_at as post_published_at'])
    .where('i.status', '=', status)
    .orderBy('i.id', status === 'pending' ? 'asc' : 'desc')
    .limit(page.size + 1).offset(page.offset)
    .execute()
}

export async function countImportItems(db: Db) {
  const rows = await db.selectFrom('import_item').select(['status', (eb) => eb.fn.countAll<string | number>().as('n')])
    .groupBy('status').execute()
  const counts: Record<ImportStatus, number> = { pending: 0, published: 0, discarded: 0 }
  for (const r of rows) counts[r.status] = Number(r.n)
  return counts
}

/** Every person with all the names they are known by: what imported names are matched against. */
export async function findKnownPeople(db: Db): Promise<KnownRecord[]> {
  const [people, names] = await Promise.all([
    db.selectFrom('person').select(['id', 'slug', 'name']).orderBy('id').execute(),
    db.selectFrom('person_name').select(['person_id', 'name']).orderBy('id').execute(),
  ])
  const variants = new Map<number, string[]>()
  for (const n of names) variants.set(n.person_id, [...(variants.get(n.person_id) ?? []), n.name])
  return people.map((p) => ({ id: p.id, slug: p.slug, name: p.name, variants: (variants.get(p.id) ?? []).filter((v) => v !== p.name) }))
}

export async function findKnownOrganizations(db: Db): Promise<KnownRecord[]> {
  const [organizations, names] = await Promise.all([
    db.selectFrom('organization').select(['id', 'slug', 'name']).orderBy('id').execute(),
    db.selectFrom('organization_name').select(['organization_id', 'name', 'is_acronym']).orderBy('id').execute(),
  ])
  const variants = new Map<number, string[]>(), acronyms = new Map<number, string[]>()
  for (const n of names) {
    const into = n.is_acronym || isAcronym(n.name) ? acronyms : variants
    into.set(n.organization_id, [...(into.get(n.organization_id) ?? []), n.name])
  }
  return organizations.map((o) => ({
    id: o.id, slug: o.slug, name: o.name,
    variants: (variants.get(o.id) ?? []).filter((v) => v !== o.name), acronyms: acronyms.get(o.id) ?? [],
  }))
}

/** The review queue entry a draft post came from, while it waits there. */
export function findPendingImportOfPost(db: Db, postId: number) {
  return db.selectFrom('import_item').select(['id', 'source_name', 'position'])
    .where('post_id', '=', postId).where('status', '=', 'pending').executeTakeFirst()
}
