import { expect, it } from 'vitest'
import { describeEachDialect, useTestDb } from '../../test/db.ts'
import type { Editor } from '../accounts/editor.ts'
import { ArchiveSchema, exportArchive } from '../archive/index.ts'
import { importArchive } from '../archive/archive.service.ts'
import { findRevisionsOf, restoreRevision } from '../revisions/index.ts'
import { postStore } from './post.store.ts'
import { createPostFromInput, postToInput, updatePostFromInput } from './post.write.ts'

const editor: Editor = { userId: null, role: 'editor', actor: 'editor@example.org' }

describeEachDialect('language versions of a post', (dialect) => {
  const source = useTestDb(dialect)
  const target = useTestDb(dialect)

  it('keeps versions with the post, in its history, and refuses a second one in a language', async () => {
    const { db } = source()
    const post = await createPostFromInput(db, { title: 'Census results', body: 'English.', translations: [
      { lang: 'ru', title: 'Итоги переписи', body: 'По-русски.' },
    ] }, editor)
    expect(post.translations).toEqual([{ lang: 'ru', title: 'Итоги переписи', summary: '', body: 'По-русски.' }])
    const input = await postToInput(db, post)
    await updatePostFromInput(db, post.id, { ...input, translations: [...input.translations, { lang: 'kk', title: 'Санақ қорытындысы' }] }, editor)
    expect((await postStore.load(db, post.id))!.translations.map((t) => t.lang)).toEqual(['kk', 'ru'])
    const [created] = await findRevisionsOf(db, 'post', post.id)
    await restoreRevision(db, postStore, created!.id, { actor: 'editor@example.org' })
    expect((await postStore.load(db, post.id))!.translations.map((t) => t.lang)).toEqual(['ru'])

    await expect(updatePostFromInput(db, post.id, { ...input, translations: [{ lang: 'en', title: 'Twice' }] }, editor))
      .rejects.toThrow('translations.0.lang: en is the post’s main language')
    await expect(updatePostFromInput(db, post.id, { ...input, translations: [{ lang: 'ru', title: 'A' }, { lang: 'ru', title: 'B' }] }, editor))
      .rejects.toThrow('translations.1.lang: there is already a ru version')
  })

  it('goes through export and import unchanged, and leaves posts without versions as they were written', async () => {
    await createPostFromInput(source().db, { title: 'Only English', body: 'Text.', status: 'published', publishedAt: '2024-03-01T10:00:00+05:00' }, editor)
    const first = await exportArchive(source().db)
    const withVersions = first.posts.find((p) => p.slug === 'census-results')!
    expect(withVersions.translations).toEqual([{ lang: 'ru', title: 'Итоги переписи', summary: '', body: 'По-русски.' }])
    expect(first.posts.find((p) => p.slug === 'only-english')).not.toHaveProperty('translations')

    const file = JSON.stringify(first, null, 2)
    await target().db.transaction().execute((trx) => importArchive(trx, ArchiveSchema.parse(JSON.parse(file)), 'test'))
    expect(JSON.stringify(await exportArchive(target().db), null, 2)).toBe(file)
  })
})
