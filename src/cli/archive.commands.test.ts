import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it, vi } from 'vitest'
import {
  DEMO_NAMING_RECORDS, lineContaining, NEW_RECORDS, smallArchive, toJson,
} from '../../test/archive-fixtures.ts'
import { chronicle, countRows, DEMO_ARCHIVE_FILE, runChronicle, useTempDir } from '../../test/cli.ts'
import { describeEachDialect, postgresAvailable, useTestDb } from '../../test/db.ts'
import { exportArchive } from '../archive/index.ts'
import type { Db } from '../db/database.ts'
import { PARTICIPATION_ROLES } from '../lib/vocabulary.ts'
import { getPersonProfile } from '../people/person.service.ts'
import { pageOf } from '../lib/pagination.ts'

const demoText = readFileSync(DEMO_ARCHIVE_FILE, 'utf8')
// Each command starts a Node process (about a second alone, several under a full parallel run).
vi.setConfig({ testTimeout: 180_000 })
const SEED_GOLD = '/work/shared/eval/public/seed-gold.json'

describeEachDialect('export-json and import-json round trip', (dialect) => {
  const first = useTestDb(dialect)
  const second = useTestDb(dialect)
  const file = useTempDir()

  it('gives back the demo archive byte for byte, and the same again from a second database', async () => {
    const [a, b] = [file('a.json'), file('b.json')]
    const imported = await chronicle(first().url, ['import-json', DEMO_ARCHIVE_FILE])
    expect(imported.stdout).toContain('Created: 10 posts, 10 activities, 31 people, 62 organizations, 1 publications.')
    await chronicle(first().url, ['export-json', '--out', a])
    await chronicle(second().url, ['import-json', a])
    await chronicle(second().url, ['export-json', '--out', b])
    expect(readFileSync(a, 'utf8')).toBe(demoText)
    expect(readFileSync(b).equals(readFileSync(a))).toBe(true)
  })

  it('writes to standard output what it writes to a file', async () => {
    const printed = await chronicle(first().url, ['export-json'])
    expect(printed.stdout).toBe(demoText)
  })
})

describe.skipIf(!postgresAvailable)('export-json and import-json across engines', () => {
  const sqlite = useTestDb('sqlite')
  const postgres = useTestDb('postgres')
  const sqliteAgain = useTestDb('sqlite')
  const file = useTempDir()

  it('moves the archive from SQLite to PostgreSQL and back without a byte changing', async () => {
    const [a, b, c] = [file('sqlite.json'), file('postgres.json'), file('sqlite-again.json')]
    await chronicle(sqlite().url, ['import-json', DEMO_ARCHIVE_FILE])
    await chronicle(sqlite().url, ['export-json', '--out', a])
    await chronicle(postgres().url, ['import-json', a])
    await chronicle(postgres().url, ['export-json', '--out', b])
    await chronicle(sqliteAgain().url, ['import-json', b])
    await chronicle(sqliteAgain().url, ['export-json', '--out', c])
    expect(readFileSync(b, 'utf8')).toBe(readFileSync(a, 'utf8'))
    expect(readFileSync(c, 'utf8')).toBe(readFileSync(a, 'utf8'))
    expect(readFileSync(a, 'utf8')).toBe(demoText)
  })
})

describeEachDialect('import-json refuses a malformed file', (dialect) => {
  const t = useTestDb(dialect)
  const file = useTempDir()
  const small = toJson(smallArchive())

  const state = async (db: Db) => ({ rows: await countRows(db), archive: await exportArchive(db) })

  const withRole = toJson({ ...smallArchive(), activities: smallArchive().activities.map((a, i) =>
    i === 1 ? { ...a, participations: [{ ...a.participations[0], role: 'boss' }] } : a) })
  const withMissingActivity = toJson({ ...smallArchive(), posts: smallArchive().posts.map((p, i) =>
    i === 2 ? { ...p, activity: 'no-such-activity' } : p) })
  const withOwnParent = toJson({ ...smallArchive(), organizations: smallArchive().organizations.map((o, i) =>
    i === 1 ? { ...o, parent: o.slug } : o) })
  const commaLine = lineContaining(small, '"name": "Aliya Bekova",')
  const withoutComma = small.split('\n').map((line, i) => (i === commaLine - 1 ? line.replace(/,$/, '') : line)).join('\n')

  const cases: [string, string | null, RegExp][] = [
    ['a missing comma', withoutComma, new RegExp(`^chronicle: bad\\.json, line ${commaLine}: not valid JSON: comma expected\\.$`)],
    ['a participation with the role "boss"', withRole, new RegExp(
      `^chronicle: bad\\.json, line ${lineContaining(withRole, '"boss"')} at activities\\[1\\]\\.participations\\[0\\]\\.role: ` +
      `Invalid option: expected one of ${PARTICIPATION_ROLES.map((r) => `"${r}"`).join('\\|')}$`)],
    ['a post about an activity that does not exist', withMissingActivity, new RegExp(
      `^chronicle: bad\\.json, line ${lineContaining(withMissingActivity, 'no-such-activity')} at posts\\[2\\]\\.activity: ` +
      'no activity “no-such-activity” in the file or the database$')],
    ['an organization that is its own parent', withOwnParent, new RegExp(
      `^chronicle: bad\\.json, line ${lineContaining(withOwnParent, '"parent": "steppe-institute-lab"')} ` +
      'at organizations\\[1\\]\\.parent: organization “steppe-institute-lab” is its own parent$')],
    ['an empty file', '', /^chronicle: bad\.json, line 1: not valid JSON: the file is empty\.$/],
    ['a number instead of an object', '42\n',
      /^chronicle: bad\.json, line 1: expected a Chronicle archive \(an object\) or a list of activity records \(an array\)\.$/],
    ['a path that does not exist', null, /^chronicle: Cannot read .*missing\.json: no such file$/],
  ]

  it.each(cases)('%s: says where and why, exits 1 and changes nothing', async (_, content, message) => {
    const { db, url } = t()
    if (!(await countRows(db)).post) await chronicle(url, ['import-json', DEMO_ARCHIVE_FILE])
    const before = await state(db)
    const path = content === null ? file('missing.json') : file('bad.json', content)
    const result = await runChronicle(url, ['import-json', path])
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr.trim()).toMatch(message)
    expect(result.stderr).not.toMatch(/^\s+at /m)
    expect(await state(db)).toEqual(before)
  })

  it('imports the same small archive once it is well formed, and then only once', async () => {
    const { db, url } = t()
    const before = await countRows(db)
    await chronicle(url, ['import-json', file('small.json', small)])
    const once = await countRows(db)
    expect(once.post - before.post).toBe(3)
    const again = await chronicle(url, ['import-json', file('small.json')])
    expect(again.stdout).toContain('Created: 0 posts, 0 activities, 0 people, 0 organizations, 0 publications.')
    expect(await countRows(db)).toEqual(once)
  })
})

describeEachDialect('import-json of activity records', (dialect) => {
  describe('into an empty database', () => {
    const t = useTestDb(dialect)
    const file = useTempDir()

    it('makes draft posts, activities, participations, people and organizations', async () => {
      const { db, url } = t()
      const result = await chronicle(url, ['import-json', file('records.json', toJson(NEW_RECORDS))])
      expect(result.stdout).toContain('Created: 3 posts (drafts; use --publish to publish), 3 activities, 2 people, ' +
        '2 organizations, 0 publications.')
      const posts = await db.selectFrom('post').select(['status', 'published_at', 'title']).orderBy('id').execute()
      expect(posts).toEqual([
        { status: 'draft', published_at: null, title: 'Round table: Migration and the labour market' },
        { status: 'draft', published_at: null, title: 'The Steppe Institute presented a study of youth employment in Almaty' },
        { status: 'draft', published_at: null, title: 'A seminar on survey methods was held online' },
      ])
      const participations = await db.selectFrom('participation as pa')
        .innerJoin('activity as a', 'a.id', 'pa.activity_id')
        .leftJoin('person as p', 'p.id', 'pa.person_id').leftJoin('organization as o', 'o.id', 'pa.organization_id')
        .leftJoin('organization as af', 'af.id', 'pa.affiliation_id')
        .select(['a.starts_on', 'pa.role', 'p.name as person', 'o.name as organization', 'af.name as affiliation', 'pa.job_title'])
        .orderBy('a.id').orderBy('pa.position').execute()
      expect(participations).toEqual([
        { starts_on: '2024-04-09', role: 'speaker', person: 'Aliya Bekova', organization: null, affiliation: 'Steppe Institute',
          job_title: 'Senior Researcher' },
        { starts_on: '2024-04-09', role: 'moderator', person: 'Nurlan Sadykov', organization: null, affiliation: null, job_title: null },
        { starts_on: '2024-04-09', role: 'organizer', person: null, organization: 'Steppe Institute', affiliation: null, job_title: null },
        { starts_on: '2023-03-12', role: 'participant', person: 'Aliya Bekova', organization: null, affiliation: null, job_title: null },
        { starts_on: '2023-03-12', role: 'organizer', person: null, organization: 'Steppe Institute', affiliation: null, job_title: null },
        { starts_on: '2023-03-12', role: 'supporter', person: null, organization: 'Ministry of Labour', affiliation: null, job_title: null },
      ])
    })

    it('turns a person’s affiliation into an affiliation record with the position', async () => {
      const { db } = t()
      const affiliations = await db.selectFrom('affiliation as af')
        .innerJoin('person as p', 'p.id', 'af.person_id').innerJoin('organization as o', 'o.id', 'af.organization_id')
        .select(['p.name as person', 'o.name as organization', 'af.position']).execute()
      expect(affiliations).toEqual([{ person: 'Aliya Bekova', organization: 'Steppe Institute', position: 'Senior Researcher' }])
    })

    it('creates nothing when the same records come again', async () => {
      const { db, url } = t()
      const before = await countRows(db)
      const result = await chronicle(url, ['import-json', file('records.json')])
      expect(result.stdout).toContain('Created: 0 posts, 0 activities, 0 people, 0 organizations, 0 publications.')
      expect(result.stdout).toContain('Already present, left as they were: 3.')
      expect(await countRows(db)).toEqual(before)
    })
  })

  describe('with --publish', () => {
    const t = useTestDb(dialect)
    const file = useTempDir()

    it('publishes each post on its activity’s date, or now when the record has none', async () => {
      const { db, url } = t()
      const started = new Date().toISOString()
      const result = await chronicle(url, ['import-json', file('records.json', toJson(NEW_RECORDS)), '--publish'])
      expect(result.stdout).toContain('Created: 3 posts, 3 activities')
      const posts = await db.selectFrom('post').select(['status', 'published_at']).orderBy('id').execute()
      expect(posts.map((p) => p.status)).toEqual(['published', 'published', 'published'])
      expect(posts.slice(0, 2).map((p) => p.published_at)).toEqual(['2024-04-09T00:00:00.000Z', '2023-03-12T00:00:00.000Z'])
      expect(posts[2]!.published_at! >= started && posts[2]!.published_at! <= new Date().toISOString()).toBe(true)
    })
  })

  describe('into the demo archive', () => {
    const t = useTestDb(dialect)
    const file = useTempDir()

    it('links the people and organizations it names by name, alias or another script instead of adding them', async () => {
      const { db, url } = t()
      await chronicle(url, ['import-json', DEMO_ARCHIVE_FILE])
      const activitiesBefore = (await getPersonProfile(db, 'botagoz-rakisheva', pageOf(1, 50))).activityCount
      const before = await countRows(db)
      const result = await chronicle(url, ['import-json', file('records.json', toJson(DEMO_NAMING_RECORDS))])
      expect(result.stdout).toContain('Created: 2 posts (drafts; use --publish to publish), 2 activities, 0 people, 0 organizations')
      const after = await countRows(db)
      expect([after.person, after.organization]).toEqual([before.person, before.organization])
      expect((await getPersonProfile(db, 'botagoz-rakisheva', pageOf(1, 50))).activityCount).toBe(activitiesBefore + 2)
      const undp = await db.selectFrom('participation as pa').innerJoin('activity as a', 'a.id', 'pa.activity_id')
        .innerJoin('organization as o', 'o.id', 'pa.organization_id')
        .select(['a.starts_on', 'pa.role']).where('o.slug', '=', 'united-nations-development-program')
        .where('a.starts_on', '>=', '2024-06-01').orderBy('a.starts_on').execute()
      expect(undp).toEqual([{ starts_on: '2024-06-05', role: 'organizer' }, { starts_on: '2024-06-20', role: 'organizer' }])
    })
  })

  describe.skipIf(!existsSync(SEED_GOLD))('the public gold records', () => {
    const t = useTestDb(dialect)
    const file = useTempDir()

    it('import into an empty database once, the second time adding nothing', async () => {
      const { db, url } = t()
      const path = file('seed-gold.json', readFileSync(SEED_GOLD, 'utf8'))
      const first = await chronicle(url, ['import-json', path])
      expect(first.stdout).toMatch(/^Created: 10 posts \(drafts; use --publish to publish\), 10 activities, /)
      const once = await countRows(db)
      const second = await chronicle(url, ['import-json', path])
      expect(second.stdout).toContain('Already present, left as they were: 10.')
      expect(await countRows(db)).toEqual(once)
    })
  })
})
