import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { DEMO_NAMING_RECORDS, lineContaining, NEW_RECORDS, smallArchive, toJson } from '../../test/archive-fixtures.ts'
import { countRows, DEMO_ARCHIVE_FILE } from '../../test/cli.ts'
import { describeEachDialect, useTestDb } from '../../test/db.ts'
import type { Db } from '../db/database.ts'
import { InvalidInputError } from '../lib/errors.ts'
import { exportArchive, importFile, readImportFile } from './index.ts'

const demoText = readFileSync(DEMO_ARCHIVE_FILE, 'utf8')

/** The message readImportFile refuses the text with. */
function refusal(text: string) {
  try {
    readImportFile(text, 'file.json')
  } catch (error) {
    if (error instanceof InvalidInputError) return error.message
    throw error
  }
  throw new Error('the file was accepted')
}

describe('reading an import file', () => {
  it('tells an archive from a list of records', () => {
    expect(readImportFile(demoText, 'demo.json').kind).toBe('archive')
    expect(readImportFile(toJson(NEW_RECORDS), 'records.json').kind).toBe('records')
  })

  it('puts a missing comma on the line that needs it, on one line or several', () => {
    expect(refusal('{\n  "format": "chronicle-archive",\n  "version": 1\n  "organizations": []\n}')).toBe(
      'file.json, line 3: not valid JSON: comma expected.')
    expect(refusal('[\n  {"text": "A talk." "date": null}\n]')).toBe('file.json, line 2: not valid JSON: comma expected.')
  })

  it('refuses an empty file, or one of spaces, as empty', () => {
    expect(refusal('')).toBe('file.json, line 1: not valid JSON: the file is empty.')
    expect(refusal(' \n\n ')).toBe('file.json, line 1: not valid JSON: the file is empty.')
  })

  it('refuses JSON that is neither an object nor an array', () => {
    for (const text of ['42', 'null', '"archive"', 'true']) {
      expect(refusal(text)).toBe('file.json, line 1: expected a Chronicle archive (an object) or a list of activity records (an array).')
    }
  })

  it('accepts a file that starts with a byte order mark, as Windows editors write it', () => {
    expect(readImportFile(`\uFEFF${toJson(NEW_RECORDS)}`, 'records.json').kind).toBe('records')
  })

  it('refuses the NUL character, which PostgreSQL cannot store', () => {
    const text = toJson([{ text: 'A seminar.\u0000' }])
    expect(refusal(text)).toBe('file.json, line 3 at [0].text: a text may not contain the NUL character (\\u0000)')
  })

  it('names the line and path of a record whose date is not a calendar day', () => {
    const records = toJson([{ text: 'A seminar was held.' }, { text: 'A lecture was given.', date: '2024-02-30' }])
    expect(refusal(records)).toBe(`file.json, line ${lineContaining(records, '2024-02-30')} at [1].date: ` +
      'a date is a calendar day written YYYY-MM-DD')
  })

  it('refuses a slug used twice in one list, which would drop the second record', () => {
    const archive = smallArchive()
    const text = toJson({ ...archive, posts: [...archive.posts, { ...archive.posts[0]!, title: 'Again' }] })
    const line = text.split('\n').findLastIndex((l) => l.includes('"slug": "first-seminar"')) + 1
    expect(refusal(text)).toBe(`file.json, line ${line} at posts[3].slug: ` +
      'the slug “first-seminar” is already used by posts[0]')
  })

  it('accepts every slug the site makes, in any script', () => {
    const archive = smallArchive()
    const people = ['gʻayrat-oʻrinov', '中文-标题', 'محمد-علي', 'ақмола-2'].map((slug) => ({ ...archive.people[1]!, slug }))
    expect(readImportFile(toJson({ ...archive, people }), 'file.json').kind).toBe('archive')
    expect(refusal(toJson({ ...archive, people: [{ ...archive.people[1]!, slug: 'Nurlan-Sadykov' }] })))
      .toMatch(/at people\[0\]\.slug: a slug is lower-case words joined by hyphens$/)
  })
})

const TABLES_EMPTY = {
  organization: 0, organization_name: 0, person: 0, person_name: 0, affiliation: 0, activity: 0, participation: 0,
  publication: 0, publication_contributor: 0, post: 0, post_link: 0, revision: 0,
}

describeEachDialect('importing a file in one transaction', (dialect) => {
  const t = useTestDb(dialect)

  it('leaves no row behind when the third activity refers to a person the file lacks', async () => {
    const { db } = t()
    const archive = smallArchive()
    archive.activities[2]!.participations[0]!.person = 'nobody-we-know'
    const text = toJson(archive)
    const file = readImportFile(text, 'file.json')
    await expect(importFile(db, file, 'test', { publish: false })).rejects.toThrow(
      `file.json, line ${lineContaining(text, 'nobody-we-know')} at activities[2].participations[0].person: ` +
      'no person “nobody-we-know” in the file or the database')
    expect(await countRows(db)).toEqual(TABLES_EMPTY)
  })

  it('leaves no row behind when the third post refers to an activity the file lacks', async () => {
    const { db } = t()
    const archive = smallArchive()
    archive.posts[2]!.activity = 'no-such-activity'
    await expect(importFile(db, readImportFile(toJson(archive), 'file.json'), 'test', { publish: false }))
      .rejects.toThrow(/at posts\[2\]\.activity: no activity “no-such-activity” in the file or the database$/)
    expect(await countRows(db)).toEqual(TABLES_EMPTY)
  })

  it('refuses a circle of parents, wherever it starts', async () => {
    const { db } = t()
    const archive = smallArchive()
    archive.organizations[0]!.parent = 'steppe-institute-lab'
    await expect(importFile(db, readImportFile(toJson(archive), 'file.json'), 'test', { publish: false }))
      .rejects.toThrow(/at organizations\[0\]\.parent: organization “steppe-institute” is its own ancestor$/)
    expect(await countRows(db)).toEqual(TABLES_EMPTY)
  })

  it('lets a file refer to records the database already holds', async () => {
    const { db } = t()
    await importFile(db, readImportFile(toJson(smallArchive()), 'file.json'), 'test', { publish: false })
    const later = {
      ...smallArchive(), organizations: [], people: [], activities: [],
      posts: [{ ...smallArchive().posts[0]!, slug: 'follow-up', title: 'Follow-up' }],
    }
    const summary = await importFile(db, readImportFile(toJson(later), 'later.json'), 'test', { publish: false })
    expect(summary.created.posts).toBe(1)
    const post = (await exportArchive(db)).posts.find((p) => p.slug === 'follow-up')
    expect(post?.activity).toBe('2025-01-10-seminar')
  })
})

describeEachDialect('names in any script survive export and import', (dialect) => {
  const source = useTestDb(dialect)
  const target = useTestDb(dialect)

  it('exports people made from records with Uzbek, Chinese and Arabic names in a file that imports again', async () => {
    const records = [{
      text: 'Gʻayrat Oʻrinov, 王伟 and محمد علي spoke at a seminar on 3 May 2024.', date: '2024-05-03', kind: 'seminar',
      people: ['Gʻayrat Oʻrinov', '王伟', 'محمد علي'].map((name) => ({ name, roles: ['speaker'] })),
    }]
    await importFile(source().db, readImportFile(toJson(records), 'records.json'), 'test', { publish: true })
    const exported = toJson(await exportArchive(source().db))
    expect((await exportArchive(source().db)).people.map((p) => p.slug)).toEqual(['gʻayrat-oʻrinov', 'محمد-علي', '王伟'])
    await importFile(target().db, readImportFile(exported, 'export.json'), 'test', { publish: false })
    expect(toJson(await exportArchive(target().db))).toBe(exported)
  })
})

interface RevisionAfter { id: number; slug: string; name?: string; title?: string; variants?: string[];
  affiliations?: { organizationId: number; position: string | null }[] }

async function revisionsOf(db: Db) {
  const rows = await db.selectFrom('revision').selectAll().orderBy('id').execute()
  return rows.map((r) => ({ ...r, after: r.after_json ? JSON.parse(r.after_json) as RevisionAfter : null,
    before: r.before_json ? JSON.parse(r.before_json) as RevisionAfter : null }))
}

const countBy = <T>(items: T[], key: (item: T) => string) =>
  items.reduce<Record<string, number>>((counts, item) => ({ ...counts, [key(item)]: (counts[key(item)] ?? 0) + 1 }), {})

describeEachDialect('revisions written by an import', (dialect) => {
  const t = useTestDb(dialect)
  const TABLE_OF = { organization: 'organization', person: 'person', activity: 'activity', publication: 'publication', post: 'post' } as const

  it('records each created archive entry once, with actor, time and the record after', async () => {
    const { db } = t()
    const started = new Date().toISOString()
    const summary = await importFile(db, readImportFile(demoText, 'demo.json'), 'archivist', { publish: false })
    const finished = new Date().toISOString()
    const revisions = await revisionsOf(db)
    expect(countBy(revisions, (r) => `${r.entity_type} ${r.action}`)).toEqual({
      'organization create': summary.created.organizations, 'person create': summary.created.people,
      'activity create': summary.created.activities, 'publication create': summary.created.publications,
      'post create': summary.created.posts,
    })
    expect(revisions.length).toBe(114)
    for (const r of revisions) {
      expect([r.actor, r.before_json, r.after?.id]).toEqual(['archivist', null, r.entity_id])
      expect(r.at >= started && r.at <= finished).toBe(true)
      const table = TABLE_OF[r.entity_type as keyof typeof TABLE_OF]
      const row = await db.selectFrom(table).select('slug').where('id', '=', r.entity_id).executeTakeFirstOrThrow()
      expect(r.after?.slug).toBe(row.slug)
    }
    const demo = JSON.parse(demoText) as { people: { slug: string; name: string; variants: string[] }[]; posts: { slug: string; title: string }[] }
    const botagoz = revisions.find((r) => r.entity_type === 'person' && r.after?.slug === 'botagoz-rakisheva')!.after!
    expect(botagoz).toMatchObject({ name: 'Botagoz Rakisheva', variants: demo.people.find((p) => p.slug === 'botagoz-rakisheva')!.variants })
    for (const post of demo.posts) {
      expect(revisions.find((r) => r.entity_type === 'post' && r.after?.slug === post.slug)?.after?.title).toBe(post.title)
    }
  })

  it('records nothing when the same archive comes again', async () => {
    const { db } = t()
    const before = await countRows(db)
    await importFile(db, readImportFile(demoText, 'demo.json'), 'archivist', { publish: false })
    expect(await countRows(db)).toEqual(before)
  })

  it('records each entity records create, and an update for a known person given a new affiliation', async () => {
    const { db } = t()
    const known = await revisionsOf(db)
    const records = [{ ...DEMO_NAMING_RECORDS[0]!, text: 'Botagoz Rakisheva joined the board of the Steppe Institute.',
      people: [{ name: 'Botagoz Rakisheva', roles: ['participant'], affiliation: 'Steppe Institute', position: 'Board member' }] }]
    const summary = await importFile(db, readImportFile(toJson(records), 'records.json'), 'editor', { publish: false })
    expect(summary.created).toEqual({ organizations: 1, people: 0, activities: 1, publications: 0, posts: 1 })
    const added = (await revisionsOf(db)).slice(known.length)
    expect(added.map((r) => [r.entity_type, r.action, r.actor])).toEqual([
      ['organization', 'create', 'editor'], ['person', 'update', 'editor'], ['activity', 'create', 'editor'],
      ['post', 'create', 'editor']])
    const update = added[1]!
    const steppe = await db.selectFrom('organization').select('id').where('slug', '=', 'steppe-institute').executeTakeFirstOrThrow()
    expect(update.before?.affiliations?.some((a) => a.organizationId === steppe.id)).toBe(false)
    expect(update.after?.affiliations).toContainEqual(expect.objectContaining({ organizationId: steppe.id, position: 'Board member' }))
  })

  it('records a person created from records with the affiliation the record gives', async () => {
    const { db } = t()
    const known = (await revisionsOf(db)).length
    await importFile(db, readImportFile(toJson(NEW_RECORDS), 'records.json'), 'editor', { publish: false })
    const aliya = (await revisionsOf(db)).slice(known).find((r) => r.entity_type === 'person' && r.after?.name === 'Aliya Bekova')!
    expect(aliya.action).toBe('create')
    expect(aliya.after?.affiliations?.map((a) => a.position)).toEqual(['Senior Researcher'])
  })
})
