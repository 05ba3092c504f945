import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { describeEachDialect, useTestDb } from '../../test/db.ts'
import { makeActivity, makeOrganization, makePerson } from '../../test/factories.ts'
import { exportArchive, importArchive } from '../archive/archive.service.ts'
import { parseJsonFile } from '../archive/json-file.ts'
import type { Editor } from '../accounts/editor.ts'
import type { Db } from '../db/database.ts'
import { getPublicActivity } from '../activities/activity.service.ts'
import { getPublishedPost } from '../news/post.service.ts'
import { getPersonProfile } from '../people/person.service.ts'
import { pageOf } from '../lib/pagination.ts'
import {
  discardImportItem, getImportItem, importPastedText, importSource, listImportQueue, reviewImportItem,
} from './import.service.ts'
import type { ImportProposal, ReviewInput } from './proposal.ts'
import { readRecords } from './sources/records.ts'
import { readText } from './sources/text.ts'

const SEED = readFileSync(new URL('../../test/fixtures/seed-news.txt', import.meta.url), 'utf8')
const EDITOR: Editor = { userId: null, role: 'editor', actor: 'editor@example.org' }
const AUTHOR: Editor = { userId: 999, role: 'author', actor: 'author@example.org' }
const options = { actor: 'test', sourceName: 'seed-news.txt', reference: new Date('2024-10-01T12:00:00Z') }

const count = async (db: Db, table: 'post' | 'person' | 'organization' | 'activity' | 'import_item') =>
  Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)

/** The review that accepts every proposal as it stands. */
const acceptAll = (p: ImportProposal): ReviewInput => {
  const decision = (e: ImportProposal['people'][number] | ImportProposal['organizations'][number]) =>
    ({ action: e.decision.action, id: e.decision.action === 'link' ? e.decision.id : null, roles: e.roles })
  return { activity: p.activity, people: p.people.map(decision), organizations: p.organizations.map(decision) }
}

describeEachDialect('importing news text into the review queue', (dialect) => {
  const test = useTestDb(dialect)

  it('makes one draft per news item, proposes records without creating any, and changes nothing when run again', async () => {
    const { db } = test()
    const rakisheva = await makePerson(db, { name: 'Botagoz Rakisheva' })
    // Spelt as in Russian transliteration; the news writes "Kesikbayev".
    const kesikbayev = await makePerson(db, { name: 'Askhat Kesikbaev' })
    const people = await count(db, 'person')
    const report = await importSource(db, readText(SEED, { markdown: false }), options)
    expect(report).toMatchObject({ items: 10, imported: 10, skipped: 0, problems: [] })
    expect(report.people).toMatchObject({ linked: 2, unsure: 1 })
    expect(report.people.new).toBeGreaterThan(15)
    expect(report.organizations.new).toBeGreaterThan(20)
    expect(await count(db, 'post')).toBe(10)
    expect(await count(db, 'activity')).toBe(0)
    expect(await count(db, 'person')).toBe(people)
    const posts = await db.selectFrom('post').select(['status', 'title']).execute()
    expect(posts.every((p) => p.status === 'draft')).toBe(true)

    const first = await getImportItem(db, report.itemIds[0]!)
    expect(first.position).toBe('item 1 (line 1)')
    expect(first.proposal.activity).toMatchObject({ date: '2024-09-20', city: 'Astana', country: 'KZ' })
    const her = first.proposal.people.find((p) => p.name === 'Botagoz Rakisheva')!
    expect(her.resolution.match).toMatchObject({ id: rakisheva.id, confidence: 1, reason: 'exact' })
    expect(her.decision).toEqual({ action: 'link', id: rakisheva.id })
    const him = first.proposal.people.find((p) => p.name === 'Askhat Kesikbayev')!
    expect(him.resolution.match).toMatchObject({ id: kesikbayev.id, reason: 'transliteration' })
    expect(him.resolution.match!.confidence).toBeLessThan(0.9)
    const marked = (type: string) => first.proposal.highlights.filter((h) => h.type === type)
      .map((h) => first.sourceText.slice(h.start, h.end))
    expect(marked('person')).toContain('Botagoz Rakisheva')
    expect(marked('organization')).toContain('Turkic Academy')
    expect(marked('place')).toContain('Astana')
    expect(marked('date').join(' ')).toMatch(/2024/)

    const again = await importSource(db, readText(SEED, { markdown: false }), options)
    expect(again).toMatchObject({ items: 10, imported: 0, skipped: 10, problems: [] })
    expect(await count(db, 'post')).toBe(10)
    expect(await count(db, 'import_item')).toBe(10)
    const queue = await listImportQueue(db, 'pending', pageOf(1, 50))
    expect(queue.counts.pending).toBe(10)
    expect(queue.items).toHaveLength(10)
  })

  it('publishes a reviewed item: accepted names linked or created, rejected ones left out, the post public', async () => {
    const { db } = test()
    const known = await makePerson(db, { name: 'Marzhan Syzdykova' })
    const institute = await makeOrganization(db, { name: 'Eurasian Research Institute' })
    const text = 'On 14 March 2025 the Eurasian Research Institute held a round table "Water and Cities" in Almaty. ' +
      'Dr. M. Syzdykova (Eurasian Research Institute) moderated the discussion. ' +
      'Professor Daniyar Omarov of Satbayev University made a report. Aliya Kenzhebekova also spoke.'
    const { id } = await importPastedText(db, text, EDITOR)
    const item = await getImportItem(db, id)
    const byName = (name: string) => item.proposal.people.findIndex((p) => p.name.includes(name))
    const syzdykova = item.proposal.people[byName('Syzdykova')]!
    expect(syzdykova.resolution.match).toMatchObject({ id: known.id, reason: 'initials' })
    const review = acceptAll(item.proposal)
    review.people![byName('Kenzhebekova')] = { action: 'reject', roles: [] }
    const instituteIndex = item.proposal.organizations.findIndex((o) => o.name === 'Eurasian Research Institute')
    expect(review.organizations![instituteIndex]).toMatchObject({ action: 'link', id: institute.id })

    // An author may not publish; nothing is made.
    await expect(reviewImportItem(db, id, review, AUTHOR, { publish: true })).rejects.toThrow(/editor/)
    expect(await count(db, 'activity')).toBe(0)

    const result = await reviewImportItem(db, id, review, EDITOR, { publish: true })
    expect(result.published).toBe(true)
    const post = await getPublishedPost(db, (result as { slug: string }).slug)
    expect(post.post.published_at).toBe('2025-03-14T00:00:00.000Z')
    const activity = await getPublicActivity(db, post.activity!.slug)
    const names = activity.participants.flatMap((g) => g.parties.map((p) => `${g.role}:${p.name}`))
    expect(names).toContain('moderator:Marzhan Syzdykova')
    expect(names).toContain('speaker:Daniyar Omarov')
    expect(names).toContain('organizer:Eurasian Research Institute')
    expect(names.join()).not.toContain('Kenzhebekova')
    // The known person learned the spelling the news used.
    const profile = await getPersonProfile(db, known.slug, pageOf(1))
    expect(profile.variants).toContain('M. Syzdykova')
    expect(profile.activityCount).toBe(1)
    expect((await getImportItem(db, id)).status).toBe('published')

    // Published once: a second review is refused and changes nothing.
    const activities = await count(db, 'activity')
    await expect(reviewImportItem(db, id, review, EDITOR, { publish: true })).rejects.toThrow(/published already/)
    expect(await count(db, 'activity')).toBe(activities)
  })

  it('keeps saved decisions, refuses a malformed review without changing anything, and discards an item', async () => {
    const { db } = test()
    const { id } = await importPastedText(db, 'On 2 June 2025 Nurlan Abenov gave a lecture at Nazarbayev University in Astana.', EDITOR)
    const item = await getImportItem(db, id)
    const review = acceptAll(item.proposal)
    review.people = review.people!.map(() => ({ action: 'reject' as const, roles: [] }))
    await reviewImportItem(db, id, review, EDITOR, { publish: false })
    expect((await getImportItem(db, id)).proposal.people.every((p) => p.decision.action === 'reject')).toBe(true)

    await expect(reviewImportItem(db, id, { ...review, activity: { ...review.activity, date: '2 June' } }, EDITOR, { publish: true }))
      .rejects.toThrow(/YYYY-MM-DD/)
    await expect(reviewImportItem(db, id, { ...review, activity: { ...review.activity, date: '2025-02-30' } }, EDITOR, { publish: true }))
      .rejects.toThrow(/calendar day/)
    await expect(reviewImportItem(db, id, { ...review, activity: { ...review.activity, date: '2025-06-02', endDate: '2025-06-01' } }, EDITOR, { publish: true }))
      .rejects.toThrow(/last day cannot come before the first/)
    await expect(reviewImportItem(db, id, { ...review, people: [] }, EDITOR, { publish: true })).rejects.toThrow(/reload/)
    expect((await getImportItem(db, id)).status).toBe('pending')

    // The same text pasted again opens the same draft.
    expect(await importPastedText(db, 'On 2 June 2025 Nurlan Abenov gave a lecture at Nazarbayev University in Astana.', EDITOR))
      .toEqual({ id, created: false })
    // An activity given to the draft in the post editor stands; publishing from the queue would make a second.
    const draft = (await getImportItem(db, id)).post!
    const other = await makeActivity(db, { name: 'Set in the post editor' })
    await db.updateTable('post').set({ activity_id: other.id }).where('id', '=', draft.id).execute()
    const activities = await count(db, 'activity')
    await expect(reviewImportItem(db, id, acceptAll((await getImportItem(db, id)).proposal), EDITOR, { publish: true }))
      .rejects.toThrow(/activity in the post editor/)
    expect(await count(db, 'activity')).toBe(activities)

    await discardImportItem(db, id, EDITOR)
    const discarded = await getImportItem(db, id)
    expect(discarded.status).toBe('discarded')
    expect(discarded.post).toBeNull()
    await expect(importPastedText(db, '  ', EDITOR)).rejects.toThrow(/Paste the text/)
  })

  it('imports activity records, reporting a malformed one by its line while the others go in', async () => {
    const { db } = test()
    const json = JSON.stringify([
      { text: 'First news: a seminar in Bishkek.', kind: 'seminar', city: 'Bishkek', country: 'KG', people: [{ name: 'Ainura Sadykova', roles: ['speaker'] }] },
      { text: 'Second news.', date: '12.03.2023', people: [] },
      { text: 'Third news: a forum in Tashkent.', kind: 'forum', organizations: [{ name: 'Tashkent State University', roles: ['organizer'] }] },
    ], null, 2)
    const file = parseJsonFile(json, 'records.json')
    const report = await importSource(db, readRecords({ ...file, value: file.value as unknown[] }), { ...options, sourceName: 'records.json' })
    expect(report.imported).toBe(2)
    const dateLine = json.split('\n').findIndex((line) => line.includes('12.03.2023')) + 1
    expect(report.problems).toEqual([{ position: `item 2 (line ${dateLine})`, reason: expect.stringMatching(/^date: .*YYYY-MM-DD/) }])
    const items = await Promise.all(report.itemIds.map((id) => getImportItem(db, id)))
    expect(items.map((i) => i.proposal.activity.kind)).toEqual(['seminar', 'forum'])
    expect(items[0]!.proposal.people[0]).toMatchObject({ name: 'Ainura Sadykova', roles: ['speaker'], decision: { action: 'new' } })
  })
})

describeEachDialect('importing after an export and a restore', (dialect) => {
  const original = useTestDb(dialect)
  const restored = useTestDb(dialect)

  it('still knows the imported texts, so importing the file again adds nothing', async () => {
    await importSource(original().db, readText(SEED, { markdown: false }), options)
    const archive = await exportArchive(original().db)
    expect(archive.posts.every((p) => /^[0-9a-f]{64}$/.test(p.sourceKey ?? ''))).toBe(true)
    await restored().db.transaction().execute((trx) => importArchive(trx, archive, 'test'))
    const again = await importSource(restored().db, readText(SEED, { markdown: false }), options)
    expect(again).toMatchObject({ imported: 0, skipped: 10 })
    expect(await exportArchive(restored().db)).toEqual(archive)
  })
})

describeEachDialect('publishing news that reports no activity', (dialect) => {
  const test = useTestDb(dialect)

  it('publishes the post alone, with no empty activity', async () => {
    const { db } = test()
    const { id } = await importPastedText(db, 'The library will be closed for renovation next week.', EDITOR)
    const item = await getImportItem(db, id)
    expect(item.proposal.activity).toMatchObject({ kind: null, date: null, city: null })
    const result = await reviewImportItem(db, id, acceptAll(item.proposal), EDITOR, { publish: true })
    expect(result.published).toBe(true)
    expect((await getPublishedPost(db, (result as { slug: string }).slug)).activity).toBeNull()
    expect(await count(db, 'activity')).toBe(0)
  })
})

describe('reading text files', () => {
  it('says where each item starts, and takes a Markdown heading as the title', () => {
    const file = readText('# First\n\nOn 1 May 2024 a seminar was held.\n\n# Second\n\nOn 2 May 2024 a lecture was given.\n', { markdown: true })
    expect(file.items.map((i) => [i.position, i.title, i.body])).toEqual([
      ['item 1 (line 1)', 'First', 'On 1 May 2024 a seminar was held.'],
      ['item 2 (line 5)', 'Second', 'On 2 May 2024 a lecture was given.'],
    ])
  })
})
