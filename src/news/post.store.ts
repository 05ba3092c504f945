import type { PostStatus } from '../db/database.ts'
import type { EntityStore } from '../revisions/index.ts'
import { findPostTranslations, replacePostTranslations } from './post.repository.ts'

/** The post in another language than its main one. */
export interface PostTranslation {
  lang: string
  title: string
  summary: string
  body: string
}

export interface PostSnapshot {
  id: number
  slug: string
  lang: string
  title: string
  summary: string
  body: string
  status: PostStatus
  publishedAt: string | null
  activityId: number | null
  authorId: number | null
  links: { url: string; label: string | null }[]
  translations: PostTranslation[]
}

export const postStore: EntityStore<PostSnapshot> = {
  type: 'post',

  async load(db, id) {
    const row = await db.selectFrom('post').selectAll().where('id', '=', id).executeTakeFirst()
    if (!row) return null
    const links = await db.selectFrom('post_link').select(['url', 'label']).where('post_id', '=', id).orderBy('position').execute()
    const translations = await findPostTranslations(db, id)
    return {
      id, slug: row.slug, lang: row.lang, title: row.title, summary: row.summary, body: row.body, status: row.status,
      publishedAt: row.published_at, activityId: row.activity_id, authorId: row.author_id, links, translations,
    }
  },

  async save(db, s, now) {
    const fields = { slug: s.slug, lang: s.lang, title: s.title, summary: s.summary, body: s.body, status: s.status,
      published_at: s.publishedAt, activity_id: s.activityId, author_id: s.authorId, updated_at: now }
    const exists = await db.selectFrom('post').select('id').where('id', '=', s.id).executeTakeFirst()
    if (exists) await db.updateTable('post').set(fields).where('id', '=', s.id).execute()
    else await db.insertInto('post').values({ id: s.id, ...fields, source_hash: null, created_at: now }).execute()
    await db.deleteFrom('post_link').where('post_id', '=', s.id).execute()
    if (s.links.length) {
      await db.insertInto('post_link').values(s.links.map((l, position) => ({ post_id: s.id, position, url: l.url, label: l.label }))).execute()
    }
    // Revisions written before language versions existed have none.
    await replacePostTranslations(db, s.id, s.translations ?? [])
  },

  async remove(db, id) {
    await db.deleteFrom('post').where('id', '=', id).execute()
  },

  deletionBlocker: async () => null,
  label: (s) => s.title,
}
