import type { Editor } from '../accounts/editor.ts'
import { hasRole } from '../accounts/user.service.ts'
import { activityToInput, createActivityFromInput, updateActivityFromInput } from '../activities/activity.write.ts'
import { activityStore } from '../activities/activity.store.ts'
import type { Db, PostStatus } from '../db/database.ts'
import { inTransaction } from '../db/transaction.ts'
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../lib/errors.ts'
import { slugify, uniqueSlug } from '../lib/slug.ts'
import { nowIso } from '../lib/time.ts'
import { validate } from '../lib/validate.ts'
import { deleteRecord, recordRevision, saveSnapshot } from '../revisions/index.ts'
import * as repo from './post.repository.ts'
import { PostInputSchema, type PostValidInput, type PostWriteInput } from './post.schema.ts'
import { postStore, type PostSnapshot } from './post.store.ts'

const PUBLIC_STATUSES: PostStatus[] = ['published', 'scheduled']

/** Authors write and submit for review; publishing, and changing what is published, is for editors. */
export function assertMayEdit(editor: Editor, post: Pick<PostSnapshot, 'authorId' | 'status'> | null, nextStatus: PostStatus) {
  if (hasRole(editor.role, 'editor')) return
  if (PUBLIC_STATUSES.includes(nextStatus)) throw new ForbiddenError('Authors submit posts for review; an editor publishes them.')
  if (post && post.authorId !== editor.userId) throw new ForbiddenError('Authors may edit only their own posts.')
  if (post && PUBLIC_STATUSES.includes(post.status)) throw new ForbiddenError('This post is published; ask an editor to change it.')
}

/** When the post goes public: the first publication date stays, since feeds and the sitemap sort by it. */
function publicationTime(input: PostValidInput, current: PostSnapshot | null, now: Date) {
  if (input.status === 'scheduled') {
    if (!input.publishedAt) throw new InvalidInputError('publishedAt: a scheduled post needs the time to publish it')
    if (Date.parse(input.publishedAt) <= now.getTime()) throw new InvalidInputError('publishedAt: a scheduled time must be in the future; to publish now choose “published”')
    return new Date(input.publishedAt).toISOString()
  }
  if (input.status === 'published') {
    return input.publishedAt ? new Date(input.publishedAt).toISOString() : current?.publishedAt ?? nowIso(now)
  }
  return input.publishedAt ? new Date(input.publishedAt).toISOString() : null
}

async function assertSlugFree(db: Db, slug: string, selfId?: number) {
  const other = await repo.findPostBySlug(db, slug)
  if (other && other.id !== selfId) throw new ConflictError(`The address /news/${slug} is taken by “${other.title}”.`)
}

export async function createPostFromInput(db: Db, raw: PostWriteInput | unknown, editor: Editor, now = new Date()) {
  const input = validate(PostInputSchema, raw)
  assertMayEdit(editor, null, input.status)
  return inTransaction(db, async (trx) => {
    const slug = input.slug ?? await uniqueSlug(slugify(input.title), (s) => repo.isPostSlugTaken(trx, s))
    await assertSlugFree(trx, slug)
    const activity = input.activity ? await createActivityFromInput(trx, input.activity, editor, input.title) : null
    const id = await repo.insertPost(trx, {
      slug, lang: input.lang, title: input.title, summary: input.summary, body: input.body, status: input.status,
      published_at: publicationTime(input, null, now), activity_id: activity?.id ?? null, author_id: editor.userId,
      source_hash: null, created_at: nowIso(now), updated_at: nowIso(now),
    })
    await repo.insertPostLinks(trx, input.links.map((l, position) => ({ post_id: id, position, url: l.url, label: l.label })))
    await repo.replacePostTranslations(trx, id, input.translations)
    const after = (await postStore.load(trx, id))!
    await recordRevision(trx, { entityType: 'post', entityId: id, actor: editor.actor, before: null, after, now })
    return after
  })
}

export interface PostVersions {
  post?: number
  activity?: number
}

export async function updatePostFromInput(db: Db, id: number, raw: PostWriteInput | unknown, editor: Editor,
  versions: PostVersions = {}, now = new Date()) {
  const input = validate(PostInputSchema, raw)
  return inTransaction(db, async (trx) => {
    const current = await postStore.load(trx, id)
    if (!current) throw new NotFoundError('post', id)
    assertMayEdit(editor, current, input.status)
    const slug = input.slug ?? current.slug
    await assertSlugFree(trx, slug, id)
    let activityId = current.activityId
    if (input.activity && activityId) await updateActivityFromInput(trx, activityId, input.activity, editor, versions.activity)
    else if (input.activity) activityId = (await createActivityFromInput(trx, input.activity, editor, input.title)).id
    else activityId = null
    const next: PostSnapshot = {
      id, slug, lang: input.lang, title: input.title, summary: input.summary, body: input.body, status: input.status,
      publishedAt: publicationTime(input, current, now), activityId, authorId: current.authorId, links: input.links,
      translations: input.translations,
    }
    return saveSnapshot(trx, postStore, next, { actor: editor.actor, expectedVersion: versions.post, now })
  })
}

/** The input that would save the post as it is, with its activity. */
export async function postToInput(db: Db, s: PostSnapshot): Promise<PostValidInput> {
  const activity = s.activityId ? await activityStore.load(db, s.activityId) : null
  return {
    slug: s.slug, lang: s.lang as PostValidInput['lang'], title: s.title, summary: s.summary, body: s.body, status: s.status,
    publishedAt: s.publishedAt, links: s.links, activity: activity ? await activityToInput(db, activity) : null,
    translations: (s.translations ?? []).map((t) => ({ ...t, lang: t.lang as PostValidInput['lang'] })),
  }
}

export async function deletePost(db: Db, id: number, editor: Editor) {
  return inTransaction(db, async (trx) => {
    const current = await postStore.load(trx, id)
    if (!current) throw new NotFoundError('post', id)
    assertMayEdit(editor, current, current.status)
    return deleteRecord(trx, postStore, id, { actor: editor.actor })
  })
}
