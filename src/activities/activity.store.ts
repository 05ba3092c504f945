import type { EntityStore } from '../revisions/index.ts'
import type { ParticipationRole } from '../lib/vocabulary.ts'

export interface ActivitySnapshot {
  id: number
  slug: string
  kind: string | null
  name: string | null
  startsOn: string | null
  endsOn: string | null
  city: string | null
  country: string | null
  format: string | null
  internal: boolean
  participations: {
    personId: number | null
    organizationId: number | null
    role: ParticipationRole
    affiliationId: number | null
    jobTitle: string | null
    internal: boolean
  }[]
}

export const activityStore: EntityStore<ActivitySnapshot> = {
  type: 'activity',

  async load(db, id) {
    const row = await db.selectFrom('activity').selectAll().where('id', '=', id).executeTakeFirst()
    if (!row) return null
    const participations = await db.selectFrom('participation').selectAll().where('activity_id', '=', id)
      .orderBy('position').orderBy('id').execute()
    return {
      id, slug: row.slug, kind: row.kind, name: row.name, startsOn: row.starts_on, endsOn: row.ends_on, city: row.city,
      country: row.country, format: row.format, internal: row.is_internal === 1,
      participations: participations.map((p) => ({
        personId: p.person_id, organizationId: p.organization_id, role: p.role as ParticipationRole,
        affiliationId: p.affiliation_id, jobTitle: p.job_title, internal: p.is_internal === 1,
      })),
    }
  },

  async save(db, s, now) {
    const fields = { slug: s.slug, kind: s.kind, name: s.name, starts_on: s.startsOn, ends_on: s.endsOn, city: s.city,
      country: s.country, format: s.format, is_internal: s.internal ? 1 as const : 0 as const, updated_at: now }
    const exists = await db.selectFrom('activity').select('id').where('id', '=', s.id).executeTakeFirst()
    if (exists) await db.updateTable('activity').set(fields).where('id', '=', s.id).execute()
    else await db.insertInto('activity').values({ id: s.id, ...fields, created_at: now }).execute()
    await db.deleteFrom('participation').where('activity_id', '=', s.id).execute()
    if (s.participations.length) {
      await db.insertInto('participation').values(s.participations.map((p, position) => ({
        activity_id: s.id, person_id: p.personId, organization_id: p.organizationId, role: p.role, position,
        affiliation_id: p.affiliationId, job_title: p.jobTitle, is_internal: p.internal ? 1 as const : 0 as const,
      }))).execute()
    }
  },

  async remove(db, id) {
    await db.deleteFrom('activity').where('id', '=', id).execute()
  },

  async deletionBlocker(db, id) {
    const posts = await db.selectFrom('post').select((eb) => eb.fn.countAll<number>().as('n')).where('activity_id', '=', id).executeTakeFirstOrThrow()
    return posts.n ? `${posts.n} news posts report this activity. Delete them or choose another activity for them first.` : null
  },

  label: (s) => [s.startsOn, s.name ?? s.kind ?? 'activity'].filter(Boolean).join(' '),
}
