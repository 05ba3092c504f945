import { expect, it } from 'vitest'
import { describeEachDialect, useTestDb } from '../../test/db.ts'
import type { Editor } from '../accounts/editor.ts'
import { findRevisionsOf } from '../revisions/index.ts'
import { postStore } from './post.store.ts'
import { publishDueScheduledPosts, startScheduledPublishing } from './publish-scheduled.ts'
import { createPostFromInput } from './post.write.ts'
import { openDatabase } from '../db/connection.ts'

const editor: Editor = { userId: null, role: 'editor', actor: 'editor@example.org' }

describeEachDialect('publishing scheduled posts on time', (dialect) => {
  const t = useTestDb(dialect)

  it('publishes the posts whose time has come, each with a revision by the scheduler, and leaves the rest', async () => {
    const { db } = t()
    const written = new Date('2025-01-01T00:00:00Z')
    const due = await createPostFromInput(db, { title: 'Due at nine', status: 'scheduled', publishedAt: '2025-01-10T09:00:00+05:00' }, editor, written)
    const later = await createPostFromInput(db, { title: 'Due next week', status: 'scheduled', publishedAt: '2025-01-17T09:00:00+05:00' }, editor, written)
    const draft = await createPostFromInput(db, { title: 'A draft with a time', status: 'draft', publishedAt: '2025-01-02T09:00:00+05:00' }, editor, written)

    expect(await publishDueScheduledPosts(db, new Date('2025-01-10T03:59:59Z'))).toEqual([])
    expect(await publishDueScheduledPosts(db, new Date('2025-01-10T04:00:00Z'))).toEqual([due.id])
    expect((await postStore.load(db, due.id))!).toMatchObject({ status: 'published', publishedAt: '2025-01-10T04:00:00.000Z' })
    expect((await postStore.load(db, later.id))!.status).toBe('scheduled')
    expect((await postStore.load(db, draft.id))!.status).toBe('draft')
    const revisions = await findRevisionsOf(db, 'post', due.id)
    expect(revisions.map((r) => [r.action, r.actor])).toEqual([['create', 'editor@example.org'], ['update', 'scheduler']])
    // Running again finds nothing more to do.
    expect(await publishDueScheduledPosts(db, new Date('2025-01-10T04:00:30Z'))).toEqual([])
  })

  it('runs on a timer that can be stopped', async () => {
    const { db } = t()
    const post = await createPostFromInput(db, { title: 'Due a minute ago', status: 'scheduled', publishedAt: new Date(Date.now() + 60_000).toISOString() }, editor)
    await db.updateTable('post').set({ published_at: new Date(Date.now() - 60_000).toISOString() }).where('id', '=', post.id).execute()
    const job = startScheduledPublishing(db, { everyMs: 20 })
    await expect.poll(async () => (await postStore.load(db, post.id))!.status, { timeout: 5000 }).toBe('published')
    await job.stop()
  })
})

describeEachDialect('scheduled publishing with several servers on one database', (dialect) => {
  const t = useTestDb(dialect)

  it('publishes a due post once when two servers run the job at the same moment', async () => {
    const { db, url } = t()
    const other = openDatabase(url)
    try {
      const post = await createPostFromInput(db, { title: 'Due for two servers', status: 'scheduled', publishedAt: '2025-03-01T09:00:00Z' }, editor,
        new Date('2025-02-01T00:00:00Z'))
      const now = new Date('2025-03-01T09:00:05Z')
      // SQLite serializes the two in one process anyway; PostgreSQL runs them side by side.
      const runs = dialect === 'postgres'
        ? await Promise.all([publishDueScheduledPosts(db, now), publishDueScheduledPosts(other.db, now)])
        : [await publishDueScheduledPosts(db, now), await publishDueScheduledPosts(other.db, now)]
      expect(runs.flat()).toEqual([post.id])
      const revisions = await findRevisionsOf(db, 'post', post.id)
      expect(revisions.filter((r) => r.actor === 'scheduler')).toHaveLength(1)
    } finally {
      await other.close()
    }
  })

  it("a run with nothing due writes nothing, so another process's write that read first still commits", async () => {
    const { db, url } = t()
    const other = openDatabase(url)
    try {
      await createPostFromInput(db, { title: 'Due next year', status: 'scheduled', publishedAt: '2026-03-01T09:00:00Z' }, editor, new Date('2025-02-01T00:00:00Z'))
      // An editor's save in another process: it reads, the server's job runs meanwhile, then it writes.
      await other.db.transaction().execute(async (trx) => {
        await trx.selectFrom('post').select('id').execute()
        expect(await publishDueScheduledPosts(db, new Date('2025-03-01T09:00:05Z'))).toEqual([])
        await trx.updateTable('post').set({ title: 'Due next year, renamed' }).execute()
      })
      expect((await db.selectFrom('post').select('title').executeTakeFirstOrThrow()).title).toBe('Due next year, renamed')
    } finally {
      await other.close()
    }
  })
})
