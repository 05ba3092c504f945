import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import { describeEachDialect, useTestDb } from '../../test/db.ts'
import { makeOrganization, makePerson } from '../../test/factories.ts'
import type { Editor } from '../accounts/editor.ts'
import { getPublicActivity } from '../activities/activity.service.ts'
import { getPublishedPost } from '../news/post.service.ts'
import { getImportItem, importPastedText, importSource, reviewImportItem } from './import.service.ts'
import type { ImportProposal, ReviewInput } from './proposal.ts'
import { readWxr } from './sources/wxr.ts'

// Russian and Kazakh news, imported into an archive whose records were made from English news:
// the post is in the news's language, and its names link to the records across scripts and languages.

const EDITOR: Editor = { userId: null, role: 'editor', actor: 'editor@example.org' }
const WXR = readFileSync(new URL('./sources/fixtures/institute-ru.wxr.xml', import.meta.url), 'utf8')

const acceptAll = (p: ImportProposal): ReviewInput => {
  const decision = (e: ImportProposal['people'][number] | ImportProposal['organizations'][number]) =>
    ({ action: e.decision.action, id: e.decision.action === 'link' ? e.decision.id : null, roles: e.roles })
  return { activity: p.activity, people: p.people.map(decision), organizations: p.organizations.map(decision) }
}

describeEachDialect('importing Russian and Kazakh news', (dialect) => {
  const test = useTestDb(dialect)

  it('makes a Russian post and a Kazakh post from a WordPress export, their names linked to the English records', async () => {
    const { db } = test()
    const rakisheva = await makePerson(db, { name: 'Botagoz Rakisheva' })
    const undp = await makeOrganization(db, { name: 'United Nations Development Programme', variants: ['UNDP'] })
    const report = await importSource(db, readWxr(WXR, 'institute-ru.xml'), { actor: 'test', sourceName: 'institute-ru.xml' })
    expect(report).toMatchObject({ items: 2, imported: 2, problems: [] })
    const [russian, kazakh] = await Promise.all(report.itemIds.map((id) => getImportItem(db, id)))

    const posts = await db.selectFrom('post').select(['id', 'lang', 'title']).orderBy('id').execute()
    expect(posts.map((p) => p.lang)).toEqual(['ru', 'kk'])

    expect(russian!.proposal.activity).toMatchObject({ date: '2024-09-20', kind: 'round-table', city: 'Astana', country: 'KZ' })
    const her = russian!.proposal.people.find((p) => p.name === 'Ботагоз Ракишева')!
    expect(her.roles).toContain('moderator')
    expect(her.resolution.match).toMatchObject({ id: rakisheva.id, reason: 'transliteration', confidence: 0.85 })
    const sponsor = russian!.proposal.organizations.find((o) => o.name === 'ПРООН')!
    expect(sponsor.roles).toEqual(['supporter'])
    expect(sponsor.resolution.match).toMatchObject({ id: undp.id, reason: 'translation' })
    const speaker = russian!.proposal.people.find((p) => p.name === 'Айдос Нурланов')!
    expect(speaker).toMatchObject({ roles: ['speaker'], decision: { action: 'new' } })

    expect(kazakh!.proposal.activity).toMatchObject({ date: '2024-09-20', kind: 'round-table', city: 'Astana' })
    expect(kazakh!.proposal.people.find((p) => p.name === 'Ботагоз Ракишева')?.resolution.match?.id).toBe(rakisheva.id)
  })
})

// A database of its own: the export above made records of the same names.
describeEachDialect('pasting Russian news', (dialect) => {
  const test = useTestDb(dialect)

  it('publishes a pasted Russian text as a Russian post whose activity names the English record', async () => {
    const { db } = test()
    const rakisheva = await makePerson(db, { name: 'Botagoz Rakisheva' })
    const text = '15 марта 2025 года в Алматы Институт общественного мнения провёл семинар «Доверие к институтам». ' +
      'Семинар вела Ботагоз Ракишева. С докладом выступил Данияр Омаров, профессор Казахского национального университета.'
    const { id } = await importPastedText(db, text, EDITOR)
    const item = await getImportItem(db, id)
    expect(item.proposal.activity).toMatchObject({ date: '2025-03-15', kind: 'seminar', city: 'Almaty', name: 'Доверие к институтам' })
    const result = await reviewImportItem(db, id, acceptAll(item.proposal), EDITOR, { publish: true })
    const post = await getPublishedPost(db, (result as { slug: string }).slug)
    expect(post.post.lang).toBe('ru')
    expect(post.post.title).toBe('Семинар: Доверие к институтам')
    const activity = await getPublicActivity(db, post.activity!.slug)
    const names = activity.participants.flatMap((g) => g.parties.map((p) => `${g.role}:${p.name}`))
    expect(names).toContain('moderator:Botagoz Rakisheva')
    expect(names).toContain('speaker:Данияр Омаров')
    expect(names).toContain(`organizer:Институт общественного мнения`)
    expect(activity.participants.flatMap((g) => g.parties).find((p) => p.name === 'Botagoz Rakisheva')?.slug).toBe(rakisheva.slug)
  })
})
