import { expect, it } from 'vitest'
import { describeEachDialect, useTestDb } from '../../test/db.ts'
import { makePerson } from '../../test/factories.ts'
import type { Editor } from '../accounts/editor.ts'
import { addUser } from '../accounts/user.service.ts'
import { personStore } from '../people/person.store.ts'
import { findPersonIdsByNameKey } from '../people/person.repository.ts'
import { currentVersion, findRevisionsOf, restoreRevision, StaleVersionError } from '../revisions/index.ts'
import { createPostFromInput, deletePost, postToInput, updatePostFromInput } from './post.write.ts'
import { postStore } from './post.store.ts'
import { activityStore } from '../activities/activity.store.ts'

const editor: Editor = { userId: null, role: 'editor', actor: 'editor@example.org' }

describeEachDialect('writing posts', (dialect) => {
  const t = useTestDb(dialect)

  it('creates a post with its activity, linking a known participant and creating a new one in place', async () => {
    const { db } = t()
    const known = await makePerson(db, { name: 'Gulnara Seitova' })
    const post = await createPostFromInput(db, {
      title: 'Seminar on migration', body: 'Text.', status: 'published',
      activity: { kind: 'seminar', startsOn: '2025-03-01', participants: [
        { type: 'person', name: 'Gulnara Seitova', role: 'speaker' },
        { type: 'person', name: 'Timur Akhmetov', role: 'moderator' },
      ] },
    }, editor)
    expect(post.slug).toBe('seminar-on-migration')
    expect(post.publishedAt).not.toBeNull()
    const activity = (await activityStore.load(db, post.activityId!))!
    expect(activity.participations.map((p) => p.role)).toEqual(['speaker', 'moderator'])
    expect(activity.participations[0]!.personId).toBe(known.id)
    expect(await findPersonIdsByNameKey(db, 'timur akhmetov')).toHaveLength(1)
  })

  it('refuses to overwrite a version saved after the form was opened, and keeps the newer text', async () => {
    const { db } = t()
    const post = await createPostFromInput(db, { title: 'Draft one', body: 'First.' }, editor)
    const opened = await currentVersion(db, 'post', post.id)
    const input = await postToInput(db, post)
    await updatePostFromInput(db, post.id, { ...input, body: 'Saved by someone else.' }, editor, { post: opened })
    await expect(updatePostFromInput(db, post.id, { ...input, body: 'Mine.' }, editor, { post: opened }))
      .rejects.toBeInstanceOf(StaleVersionError)
    expect((await postStore.load(db, post.id))!.body).toBe('Saved by someone else.')
  })

  it('lets an author submit for review but not publish', async () => {
    const { db } = t()
    const user = await addUser(db, { email: 'author@example.org', role: 'author', password: 'a long password' })
    const author: Editor = { userId: user.id, role: 'author', actor: user.email }
    await expect(createPostFromInput(db, { title: 'Mine', status: 'published' }, author)).rejects.toThrow(/editor publishes/)
    const post = await createPostFromInput(db, { title: 'Mine', status: 'review' }, author)
    expect(post.status).toBe('review')
    expect(post.authorId).toBe(user.id)
  })

  it('restores an earlier version, and brings a deleted post back from the trash', async () => {
    const { db } = t()
    const post = await createPostFromInput(db, { title: 'Original title', body: 'v1' }, editor)
    await updatePostFromInput(db, post.id, { ...(await postToInput(db, post)), title: 'Changed title' }, editor)
    const [created] = await findRevisionsOf(db, 'post', post.id)
    await restoreRevision(db, postStore, created!.id, { actor: 'editor@example.org' })
    expect((await postStore.load(db, post.id))!.title).toBe('Original title')
    await deletePost(db, post.id, editor)
    expect(await postStore.load(db, post.id)).toBeNull()
    const revisions = await findRevisionsOf(db, 'post', post.id)
    await restoreRevision(db, postStore, revisions.at(-1)!.id, { actor: 'editor@example.org' })
    expect((await postStore.load(db, post.id))!.title).toBe('Original title')
    expect((await findRevisionsOf(db, 'post', post.id)).map((r) => r.action)).toEqual(['create', 'update', 'update', 'delete', 'create'])
  })

  it('refuses to delete a person who takes part in activities', async () => {
    const { db } = t()
    const person = await makePerson(db, { name: 'Busy Person' })
    await createPostFromInput(db, { title: 'With busy', activity: { participants: [{ type: 'person', slug: person.slug, role: 'speaker' }] } }, editor)
    const { deleteRecord } = await import('../revisions/index.ts')
    await expect(deleteRecord(db, personStore, person.id, { actor: 'x' })).rejects.toThrow(/takes part in 1 activities/)
  })
})
