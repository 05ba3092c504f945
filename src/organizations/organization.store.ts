import type { Db } from '../db/database.ts'
import { isAcronym, nameKey } from '../lib/names.ts'
import type { EntityStore } from '../revisions/index.ts'

export interface OrganizationSnapshot {
  id: number
  slug: string
  name: string
  variants: string[]
  kind: string | null
  country: string | null
  parentId: number | null
  website: string | null
}

const count = (db: Db, table: 'participation' | 'affiliation' | 'publication_contributor', id: number) =>
  db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('organization_id', '=', id).executeTakeFirstOrThrow()

export const organizationStore: EntityStore<OrganizationSnapshot> = {
  type: 'organization',

  async load(db, id) {
    const row = await db.selectFrom('organization').selectAll().where('id', '=', id).executeTakeFirst()
    if (!row) return null
    const names = await db.selectFrom('organization_name').select('name').where('organization_id', '=', id).orderBy('id').execute()
    return {
      id, slug: row.slug, name: row.name, variants: names.map((n) => n.name).filter((n) => n !== row.name),
      kind: row.kind, country: row.country, parentId: row.parent_id, website: row.website,
    }
  },

  async save(db, s, now) {
    const fields = { slug: s.slug, name: s.name, kind: s.kind, country: s.country, parent_id: s.parentId, website: s.website, updated_at: now }
    const exists = await db.selectFrom('organization').select('id').where('id', '=', s.id).executeTakeFirst()
    if (exists) await db.updateTable('organization').set(fields).where('id', '=', s.id).execute()
    else await db.insertInto('organization').values({ id: s.id, ...fields, created_at: now }).execute()
    await db.deleteFrom('organization_name').where('organization_id', '=', s.id).execute()
    const names = [...new Set([s.name, ...s.variants])].filter((n) => nameKey(n))
    await db.insertInto('organization_name').values(names.map((name) => ({
      organization_id: s.id, name, name_key: nameKey(name), is_acronym: isAcronym(name) ? 1 as const : 0 as const,
    }))).execute()
  },

  async remove(db, id) {
    await db.deleteFrom('organization').where('id', '=', id).execute()
  },

  async deletionBlocker(db, id) {
    const [participations, affiliations, contributions, units] = await Promise.all([
      count(db, 'participation', id), count(db, 'affiliation', id), count(db, 'publication_contributor', id),
      db.selectFrom('organization').select((eb) => eb.fn.countAll<number>().as('n')).where('parent_id', '=', id).executeTakeFirstOrThrow(),
    ])
    const uses = [[participations.n, 'activities'], [affiliations.n, 'affiliations'], [contributions.n, 'publications'],
      [units.n, 'units']] as const
    const used = uses.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`)
    return used.length ? `This organization is named in ${used.join(', ')}. Remove it there first, or merge it into another.` : null
  },

  label: (s) => s.name,
}
