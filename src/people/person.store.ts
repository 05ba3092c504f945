import type { Db } from '../db/database.ts'
import { nameKey } from '../lib/names.ts'
import type { EntityStore } from '../revisions/index.ts'

export interface PersonSnapshot {
  id: number
  slug: string
  name: string
  variants: string[]
  honorific: string | null
  degree: string | null
  biography: string | null
  photoFileId: number | null
  affiliations: { organizationId: number; position: string | null; startsOn: string | null; endsOn: string | null }[]
}

export const personStore: EntityStore<PersonSnapshot> = {
  type: 'person',

  async load(db, id) {
    const row = await db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst()
    if (!row) return null
    const [names, affiliations] = await Promise.all([
      db.selectFrom('person_name').select('name').where('person_id', '=', id).orderBy('id').execute(),
      db.selectFrom('affiliation').selectAll().where('person_id', '=', id).orderBy('id').execute(),
    ])
    return {
      id, slug: row.slug, name: row.name, variants: names.map((n) => n.name).filter((n) => n !== row.name),
      honorific: row.honorific, degree: row.degree, biography: row.biography, photoFileId: row.photo_file_id,
      affiliations: affiliations.map((a) => ({ organizationId: a.organization_id, position: a.position, startsOn: a.starts_on, endsOn: a.ends_on })),
    }
  },

  async save(db, s, now) {
    const fields = { slug: s.slug, name: s.name, honorific: s.honorific, degree: s.degree, biography: s.biography,
      photo_file_id: s.photoFileId, updated_at: now }
    const exists = await db.selectFrom('person').select('id').where('id', '=', s.id).executeTakeFirst()
    if (exists) await db.updateTable('person').set(fields).where('id', '=', s.id).execute()
    else await db.insertInto('person').values({ id: s.id, ...fields, created_at: now }).execute()
    await db.deleteFrom('person_name').where('person_id', '=', s.id).execute()
    const names = [...new Set([s.name, ...s.variants])].filter((n) => nameKey(n))
    await db.insertInto('person_name').values(names.map((name) => ({ person_id: s.id, name, name_key: nameKey(name) }))).execute()
    await db.deleteFrom('affiliation').where('person_id', '=', s.id).execute()
    if (s.affiliations.length) {
      await db.insertInto('affiliation').values(s.affiliations.map((a) => ({
        person_id: s.id, organization_id: a.organizationId, position: a.position, starts_on: a.startsOn, ends_on: a.endsOn,
        person_name: s.name,
      }))).execute()
    }
  },

  async remove(db, id) {
    await db.deleteFrom('person').where('id', '=', id).execute()
  },

  async deletionBlocker(db, id) {
    const [participations, contributions] = await Promise.all([
      db.selectFrom('participation').select((eb) => eb.fn.countAll<number>().as('n')).where('person_id', '=', id).executeTakeFirstOrThrow(),
      db.selectFrom('publication_contributor').select((eb) => eb.fn.countAll<number>().as('n')).where('person_id', '=', id).executeTakeFirstOrThrow(),
    ])
    if (participations.n || contributions.n) {
      return `This person takes part in ${participations.n} activities and ${contributions.n} publications. ` +
        'Remove them there first, or merge this person into another.'
    }
    return null
  },

  label: (s) => s.name,
}
