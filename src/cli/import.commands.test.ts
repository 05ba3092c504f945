import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { expect, it, vi } from 'vitest'
import { chronicle, runChronicle, useTempDir } from '../../test/cli.ts'
import { describeEachDialect, useTestDb } from '../../test/db.ts'
import { makeOrganization, makePerson } from '../../test/factories.ts'
import { generateNewsItems } from '../../test/generated-news.ts'
import type { Db } from '../db/database.ts'

// Each command starts a Node process (about a second alone, several under a full parallel run).
vi.setConfig({ testTimeout: 180_000 })

const BIN = fileURLToPath(new URL('../../bin/chronicle.mjs', import.meta.url))
const SEED = fileURLToPath(new URL('../../test/fixtures/seed-news.txt', import.meta.url))
const WXR = fileURLToPath(new URL('../importer/sources/fixtures/institute.wxr.xml', import.meta.url))

const counts = async (db: Db) => {
  const n = async (table: 'post' | 'import_item' | 'activity' | 'person' | 'organization' | 'post_link') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
  return { posts: await n('post'), items: await n('import_item'), activities: await n('activity'), people: await n('person'),
    organizations: await n('organization'), links: await n('post_link') }
}

describeEachDialect('chronicle import', (dialect) => {
  const test = useTestDb(dialect)
  const file = useTempDir()

  it('imports a text file as drafts for review with a summary, and nothing more when run again', async () => {
    const { db, url } = test()
    await makePerson(db, { name: 'Botagoz Rakisheva' })
    const first = await chronicle(url, ['import', SEED, '--reference', '2024-10-01'])
    expect(first.stdout).toContain('seed-news.txt: 10 items in')
    expect(first.stdout).toContain('10 imported as drafts for review, 0 already imported (left as they were), 0 with problems.')
    expect(first.stdout).toMatch(/People proposed: \d+ new, 1 linked to existing records\./)
    expect(first.stdout).not.toContain('less than sure')
    expect(first.stdout).toMatch(/Organizations proposed: \d+ new, 0 linked/)
    expect(await counts(db)).toMatchObject({ posts: 10, items: 10, activities: 0, people: 1 })

    const again = await chronicle(url, ['import', SEED])
    expect(again.stdout).toContain('0 imported as drafts for review, 10 already imported (left as they were), 0 with problems.')
    expect(await counts(db)).toMatchObject({ posts: 10, items: 10 })
  })

  it('shows a progress bar with the count and rate when asked, and reads standard input', async () => {
    const { url } = test()
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [BIN, 'import', '-', '--format', 'markdown', '--progress'],
        { env: { ...process.env, DATABASE_URL: url } })
      let stdout = '', stderr = ''
      child.stdout.on('data', (chunk) => { stdout += chunk })
      child.stderr.on('data', (chunk) => { stderr += chunk })
      child.on('close', (code) => resolve({ code, stdout, stderr }))
      child.stdin.end('# Water seminar\n\nOn 3 May 2025 Aigerim Bekova gave a lecture at Satbayev University.\n\n' +
        '# Youth forum\n\nOn 9 June 2025 the Council of Young Scientists held a forum in Shymkent.\n')
    })
    expect(result.code).toBe(0)
    expect(result.stderr).toMatch(/2\/2 items \| [\d.]+ items\/s/)
    expect(result.stdout).toContain('standard input: 2 items')
  })

  it('imports activity records, reporting a malformed item by its line while the others go in', async () => {
    const { db, url } = test()
    const before = await counts(db)
    const records = JSON.stringify([
      { text: 'A seminar on regional water policy was held in Bishkek on 3 May 2025.', kind: 'seminar', city: 'Bishkek', country: 'KG' },
      { text: 'A meeting with a broken kind.', kind: 'party' },
      { text: 'A forum in Tashkent on 9 June 2025.', kind: 'forum', people: [{ name: 'Dilnoza Karimova', roles: ['speaker'] }] },
    ], null, 2)
    const result = await runChronicle(url, ['import', file('records.json', records)])
    expect(result.code).toBe(1)
    const line = records.split('\n').findIndex((l) => l.includes('"party"')) + 1
    expect(result.stdout).toContain('3 items in')
    expect(result.stdout).toContain('2 imported as drafts for review')
    expect(result.stdout).toContain(`item 2 (line ${line}): kind: `)
    expect((await counts(db)).posts).toBe(before.posts + 2)
  })

  it('imports a WordPress export: posts with dates, attachments and the problem item named', async () => {
    const { db, url } = test()
    const before = await counts(db)
    const result = await runChronicle(url, ['import', WXR])
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('3 imported as drafts for review')
    expect(result.stdout).toMatch(/item \d+ \(line \d+\): empty post: no title and no text/)
    const post = await db.selectFrom('post').selectAll().where('title', '=', 'Seminar on water security: Central Asia’s rivers')
      .executeTakeFirst() ?? await db.selectFrom('post').selectAll().where('published_at', '=', '2024-04-25T09:30:00.000Z').executeTakeFirstOrThrow()
    expect(post).toMatchObject({ status: 'draft', published_at: '2024-04-25T09:30:00.000Z' })
    const links = await db.selectFrom('post_link').select('url').where('post_id', '=', post.id).execute()
    expect(links.map((l) => l.url)).toContain('https://eurasia.example.org/wp-content/uploads/2024/04/programme.pdf')
    expect((await counts(db)).posts).toBe(before.posts + 3)
    const again = await runChronicle(url, ['import', WXR])
    expect(again.stdout).toContain('0 imported as drafts for review, 3 already imported')
    expect((await counts(db)).posts).toBe(before.posts + 3)
  })

  it('refuses a malformed WordPress export or JSON file with the line, changing nothing', async () => {
    const { db, url } = test()
    const before = await counts(db)
    const wxr = readFileSync(WXR, 'utf8').replace('</item>', '')
    const brokenXml = await runChronicle(url, ['import', file('broken.xml', wxr)])
    expect(brokenXml.code).toBe(1)
    expect(brokenXml.stderr).toMatch(/broken\.xml is not well-formed XML: line \d+, column \d+/)
    const brokenJson = await runChronicle(url, ['import', file('broken.json', '[\n  {"text": "a"},\n  {"text": "b"\n]\n')])
    expect(brokenJson.code).toBe(1)
    expect(brokenJson.stderr).toMatch(/broken\.json, line [34]: not valid JSON/)
    const badFormat = await runChronicle(url, ['import', WXR, '--format', 'pdf'])
    expect(badFormat.code).toBe(1)
    expect(badFormat.stderr).toContain('The format is one of text, markdown, json, wxr, not “pdf”.')
    const empty = await runChronicle(url, ['import', file('empty.txt', '\n\n')])
    expect(empty.code).toBe(1)
    expect(empty.stderr).toContain('empty.txt holds no news items.')
    expect(await counts(db)).toEqual(before)
  })

  it('leaves every item whole or absent when killed mid-import, and a second run completes the file', async () => {
    const { db, url } = test()
    const before = await counts(db)
    const items = 1500
    // Numbered, so that no two items are the same text (which would be one item).
    const path = file('many.txt', generateNewsItems(items, 7).map((text, i) => `${text} Release ${i + 1}.`).join('\n\n'))
    const child = spawn(process.execPath, [BIN, 'import', path, '--no-progress'], { env: { ...process.env, DATABASE_URL: url }, stdio: 'ignore' })
    const exited = new Promise((resolve) => child.on('exit', resolve))
    // Killed without warning once some items are in: no chance to finish or clean up.
    for (let waited = 0; waited < 120_000; waited += 50) {
      if ((await counts(db)).items - before.items >= 40) break
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    child.kill('SIGKILL')
    await exited
    const killed = await counts(db)
    const imported = killed.items - before.items
    expect(imported).toBeGreaterThanOrEqual(40)
    expect(imported).toBeLessThan(items)
    expect(killed.posts - before.posts).toBe(imported)
    const orphans = await db.selectFrom('post').select('id').where('source_hash', 'is not', null)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('import_item').select('id').whereRef('import_item.post_id', '=', 'post.id'))))
      .execute()
    expect(orphans).toEqual([])
    const revisions = await db.selectFrom('revision').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('entity_type', '=', 'post').executeTakeFirstOrThrow()
    expect(Number(revisions.n)).toBe(killed.posts)

    const rerun = await chronicle(url, ['import', path, '--no-progress'])
    expect(rerun.stdout).toContain(`${items - imported} imported as drafts for review, ${imported} already imported`)
    const after = await counts(db)
    expect(after.items - before.items).toBe(items)
    expect(after.posts - before.posts).toBe(items)
  })
})

describeEachDialect('chronicle extract --archive', (dialect) => {
  const test = useTestDb(dialect)
  const file = useTempDir()

  it('finds an organization the archive knows even where the text gives no cue that the word is a name', async () => {
    const { db, url } = test()
    const text = file('one.txt', 'On 5 May 2025 Demoscope and the Birlik Foundation presented a study in Almaty.\n')
    const names = (stdout: string) => JSON.parse(stdout)[0].organizations.map((o: { name: string }) => o.name)
    expect(names((await chronicle(url, ['extract', text, '--json'])).stdout)).toEqual(['Birlik Foundation'])
    await makeOrganization(db, { name: 'Demoscope' })
    expect(names((await chronicle(url, ['extract', text, '--json', '--archive'])).stdout)).toEqual(['Demoscope', 'Birlik Foundation'])
  })
})

describeEachDialect('chronicle import into the demo archive', (dialect) => {
  const test = useTestDb(dialect)

  it('knows the demo posts were made from the institute’s news text, so importing that text adds nothing', async () => {
    const { db, url } = test()
    await chronicle(url, ['import-json', fileURLToPath(new URL('../demo/demo-archive.json', import.meta.url))])
    const before = await counts(db)
    const result = await chronicle(url, ['import', SEED])
    expect(result.stdout).toContain('0 imported as drafts for review, 10 already imported')
    expect(await counts(db)).toEqual(before)
  })
})
