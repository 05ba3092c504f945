import type { EntityStore } from '../revisions/index.ts'

export interface PublicationSnapshot {
  id: number
  slug: string
  kind: string
  title: string
  summary: string | null
  publishedOn: string | null
  activityId: number | null
  sampleSize: number | null
  regions: string | null
  methods: string[]
  fieldworkFrom: string | null
  fieldworkTo: string | null
  contributors: { personId: number | null; organizationId: number | null; role: string }[]
  files: { fileId: number; label: string | null; fileName: string }[]
}

export const publicationStore: EntityStore<PublicationSnapshot> = {
  type: 'publication',

  async load(db, id) {
    const row = await db.selectFrom('publication').selectAll().where('id', '=', id).executeTakeFirst()
    if (!row) return null
    const [contributors, files] = await Promise.all([
      db.selectFrom('publication_contributor').selectAll().where('publication_id', '=', id).orderBy('position').orderBy('id').execute(),
      db.selectFrom('publication_file').selectAll().where('publication_id', '=', id).orderBy('position').orderBy('id').execute(),
    ])
    return {
      id, slug: row.slug, kind: row.kind, title: row.title, summary: row.summary, publishedOn: row.published_on,
      activityId: row.activity_id, sampleSize: row.sample_size, regions: row.regions,
      methods: row.methods ? (JSON.parse(row.methods) as string[]) : [], fieldworkFrom: row.fieldwork_from, fieldworkTo: row.fieldwork_to,
      contributors: contributors.map((c) => ({ personId: c.person_id, organizationId: c.organization_id, role: c.role })),
      files: files.map((f) => ({ fileId: f.file_id, label: f.label, fileName: f.file_name })),
    }
  },

  async save(db, s, now) {
    const fields = { slug: s.slug, kind: s.kind, title: s.title, summary: s.summary, published_on: s.publishedOn,
      activity_id: s.activityId, sample_size: s.sampleSize, regions: s.regions,
      methods: s.methods.length ? JSON.stringify(s.methods) : null, fieldwork_from: s.fieldworkFrom, fieldwork_to: s.fieldworkTo,
      updated_at: now }
    const exists = await db.selectFrom('publication').select('id').where('id', '=', s.id).executeTakeFirst()
    if (exists) await db.updateTable('publication').set(fields).where('id', '=', s.id).execute()
    else await db.insertInto('publication').values({ id: s.id, ...fields, created_at: now }).execute()
    await db.deleteFrom('publication_contributor').where('publication_id', '=', s.id).execute()
    if (s.contributors.length) {
      await db.insertInto('publication_contributor').values(s.contributors.map((c, position) => ({
        publication_id: s.id, person_id: c.personId, organization_id: c.organizationId, role: c.role, position,
      }))).execute()
    }
    await db.deleteFrom('publication_file').where('publication_id', '=', s.id).execute()
    if (s.files.length) {
      await db.insertInto('publication_file').values(s.files.map((f, position) => ({
        publication_id: s.id, file_id: f.fileId, label: f.label, file_name: f.fileName, position,
      }))).execute()
    }
  },

  async remove(db, id) {
    await db.deleteFrom('publication').where('id', '=', id).execute()
  },

  deletionBlocker: async () => null,
  label: (s) => s.title,
}
