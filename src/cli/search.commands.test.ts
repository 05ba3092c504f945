import { expect, it, vi } from 'vitest'
import { chronicle, DEMO_ARCHIVE_FILE } from '../../test/cli.ts'
import { describeEachDialect, useTestDb } from '../../test/db.ts'
import { SearchInputSchema } from '../search/search.schema.ts'
import { search } from '../search/search.service.ts'

// Each command starts a Node process.
vi.setConfig({ testTimeout: 120_000 })

describeEachDialect('chronicle search-reindex', (dialect) => {
  const db = useTestDb(dialect)

  it('builds the index again from the records, finding what it found before', async () => {
    await chronicle(db().url, ['import-json', DEMO_ARCHIVE_FILE, '--publish'])
    const find = async () => (await search(db().db, SearchInputSchema.parse({ q: 'Ракишева' }))).groups.map((g) => [g.type, g.total])
    const before = await find()
    expect(before).toEqual([['person', 1], ['post', 9], ['activity', 9], ['publication', 1]])
    await db().db.deleteFrom('search_document').execute()
    expect(await find()).toEqual([])
    const result = await chronicle(db().url, ['search-reindex'])
    expect(result.stdout).toMatch(/^Indexed 114 records in \d+\.\d s\.\n$/)
    expect(await find()).toEqual(before)
  })
})
