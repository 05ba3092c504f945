import { describe, expect, it } from 'vitest'
import { createPerson } from '../people/person.service.ts'
import { describeEachDialect, useTestDb } from '../../test/db.ts'
import { makeOrganization } from '../../test/factories.ts'
import { filtersOf, InsightQuerySchema, overlaps, previousYearOf } from './insight.filters.ts'
import { findInstitute } from './institute.ts'

describe('insight filters', () => {
  it('counts an activity spanning New Year in both years, and an undated one only without a period', () => {
    const y2024 = filtersOf({ year: 2024 }).period
    const y2025 = filtersOf({ year: 2025 }).period
    expect(overlaps(y2024, '2024-12-30', '2025-01-02')).toBe(true)
    expect(overlaps(y2025, '2024-12-30', '2025-01-02')).toBe(true)
    expect(overlaps(y2025, '2024-12-30', null)).toBe(false)
    expect(overlaps(y2024, '2024-12-31', null)).toBe(true)
    expect(overlaps(y2024, null, null)).toBe(false)
    expect(overlaps(filtersOf({}).period, null, null)).toBe(true)
  })

  it('refuses a year with a range, a range backwards, an unknown kind and a bad country', () => {
    for (const bad of [{ year: '2024', from: '2024-01-01' }, { from: '2024-05-01', to: '2024-04-01' }, { kind: 'party' },
      { country: 'Kazakhstan' }, { from: '2024-02-30' }]) {
      expect(InsightQuerySchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false)
    }
    expect(InsightQuerySchema.parse({ country: 'kz', kind: 'forum' })).toEqual({ country: 'KZ', kind: 'forum' })
  })

  it('compares a year with the year before, and nothing else', () => {
    expect(previousYearOf(filtersOf({ year: 2024, kind: 'forum' }))).toMatchObject({ year: 2023, kind: 'forum', period: { from: '2023-01-01', to: '2023-12-31' } })
    expect(previousYearOf(filtersOf({ from: '2024-01-01', to: '2024-06-30' }))).toBeNull()
  })
})

describeEachDialect('the institute', (dialect) => {
  const db = useTestDb(dialect)
  it('is the organization most people belong to, unless the setting names one', async () => {
    expect(await findInstitute(db().db)).toBeNull()
    const institute = await makeOrganization(db().db, { name: 'Opinion Institute' })
    const university = await makeOrganization(db().db, { name: 'A University' })
    for (const [name, organization] of [['Aigerim One', institute], ['Dana Two', institute], ['Marat Three', university]] as const) {
      await createPerson(db().db, { name, variants: [], honorific: null, degree: null, biography: null,
        affiliations: [{ organizationId: organization.id, position: null, startsOn: null, endsOn: null }] }, 'test')
    }
    expect(await findInstitute(db().db)).toMatchObject({ slug: institute.slug, name: 'Opinion Institute' })
    expect(await findInstitute(db().db, university.slug)).toMatchObject({ slug: university.slug })
    expect(await findInstitute(db().db, 'no-such-organization')).toBeNull()
  })
})
