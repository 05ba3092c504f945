import type { Db } from '../db/database.ts'

export interface Institute {
  id: number
  slug: string
  name: string
}

/**
 * The organization whose staff the insights and reports are about: the one named by the INSTITUTE setting
 * (its slug), or else the organization most people are affiliated with — on an institute's own site, itself.
 * Null when the archive has no organizations, or the setting names none.
 */
export async function findInstitute(db: Db, slug: string | null = null): Promise<Institute | null> {
  if (slug) {
    const named = await db.selectFrom('organization').select(['id', 'slug', 'name']).where('slug', '=', slug).executeTakeFirst()
    return named ?? null
  }
  const busiest = await db.selectFrom('affiliation as af')
    .innerJoin('organization as o', 'o.id', 'af.organization_id')
    .select(['o.id', 'o.slug', 'o.name', (eb) => eb.fn.count<number>('af.person_id').distinct().as('people')])
    .groupBy(['o.id', 'o.slug', 'o.name'])
    .orderBy('people', 'desc').orderBy('o.id', 'asc')
    .limit(1)
    .executeTakeFirst()
  return busiest ? { id: busiest.id, slug: busiest.slug, name: busiest.name } : null
}
