import { beforeAll, expect, it } from 'vitest'
import { createActivity } from '../activities/activity.service.ts'
import type { Db } from '../db/database.ts'
import { filtersOf, type InsightQuery, overlaps } from '../insights/insight.filters.ts'
import type { ParticipationRole } from '../lib/vocabulary.ts'
import { describeEachDialect, useTestDb } from '../../test/db.ts'
import { makeOrganization, makePerson, type Made } from '../../test/factories.ts'
import { LAYOUT_HEIGHT, LAYOUT_WIDTH } from './network.layout.ts'
import { getNetwork, getNetworkFilterOptions, type Network } from './network.service.ts'

interface Fixture {
  kind: string
  startsOn: string | null
  endsOn?: string
  country?: string
  internal?: boolean
  parties: [Made & { name: string }, ParticipationRole, { internal?: boolean }?][]
}

/**
 * The expected ties counted straight from the fixture: for every pair of names, the activities both took part in,
 * with the page's rules (no mentions; internal records only when asked) applied to the list as written.
 */
function tiesOf(fixtures: Fixture[], query: InsightQuery, internal: boolean) {
  const filters = filtersOf(query, internal)
  const counted = new Map<string, number>()
  for (const f of fixtures) {
    if (f.internal && !internal) continue
    if (filters.kind && f.kind !== filters.kind) continue
    if (filters.country && f.country !== filters.country) continue
    if (!overlaps(filters.period, f.startsOn, f.endsOn ?? null)) continue
    const names = [...new Set(f.parties.filter(([, role, o]) => role !== 'mentioned' && (internal || !o?.internal)).map(([p]) => p.name))].sort()
    for (let i = 0; i < names.length; i++) for (let j = i + 1; j < names.length; j++) {
      const key = `${names[i]} – ${names[j]}`
      counted.set(key, (counted.get(key) ?? 0) + 1)
    }
  }
  return [...counted].map(([pair, n]) => `${pair}: ${n}`).sort()
}

function edgesOf(network: Network) {
  const name = new Map(network.nodes.map((n) => [n.key, n.name]))
  return network.edges.map((e) => `${[name.get(e.source), name.get(e.target)].sort().join(' – ')}: ${e.activities}`).sort()
}

describeEachDialect('the collaboration network', (dialect) => {
  const test = useTestDb(dialect)
  const fixtures: Fixture[] = []
  let people: Record<'aigerim' | 'bolat' | 'dana' | 'erlan', Made & { name: string }>
  let organizations: Record<'university' | 'ministry', Made & { name: string }>

  async function add(db: Db, f: Fixture) {
    fixtures.push(f)
    await createActivity(db, {
      kind: f.kind as never, name: null, startsOn: f.startsOn, endsOn: f.endsOn ?? null, city: null, country: f.country ?? null,
      format: null, internal: f.internal ?? false,
      participations: f.parties.map(([party, role, options]) => ({
        personId: party.kind === 'person' ? party.id : null, organizationId: party.kind === 'organization' ? party.id : null,
        role, affiliationId: null, jobTitle: null, internal: options?.internal ?? false,
      })),
    }, 'test')
  }

  beforeAll(async () => {
    const db = test().db
    const person = async (name: string) => ({ ...(await makePerson(db, { name })), name })
    const organization = async (name: string, country: string) => ({ ...(await makeOrganization(db, { name, country })), name })
    people = { aigerim: await person('Aigerim Sarsenova'), bolat: await person('Bolat Nurlanov'), dana: await person('Dana Omarova'), erlan: await person('Erlan Tokayev') }
    organizations = { university: await organization('Steppe University', 'KZ'), ministry: await organization('Ministry of Culture', 'UZ') }
    const { aigerim, bolat, dana, erlan } = people
    const { university, ministry } = organizations
    await add(db, { kind: 'workshop', startsOn: '2024-03-01', country: 'KZ', parties: [[aigerim, 'speaker'], [bolat, 'participant'], [university, 'organizer']] })
    // Aigerim in two roles is still one shared activity with Bolat.
    await add(db, { kind: 'conference', startsOn: '2024-05-01', country: 'UZ', parties: [[aigerim, 'speaker'], [aigerim, 'moderator'], [bolat, 'speaker'], [ministry, 'partner']] })
    await add(db, { kind: 'workshop', startsOn: '2024-09-10', country: 'KZ', parties: [[aigerim, 'moderator'], [bolat, 'speaker'], [university, 'partner']] })
    // Over New Year: counts in 2024 and in 2025.
    await add(db, { kind: 'meeting', startsOn: '2024-12-30', endsOn: '2025-01-02', country: 'KZ', parties: [[bolat, 'participant'], [dana, 'participant']] })
    // Internal activity, and an internal participation: the public sees neither tie.
    await add(db, { kind: 'meeting', startsOn: '2024-06-01', internal: true, parties: [[aigerim, 'participant'], [dana, 'participant']] })
    await add(db, { kind: 'seminar', startsOn: '2025-02-01', country: 'KZ', parties: [[dana, 'speaker'], [erlan, 'speaker', { internal: true }], [university, 'organizer']] })
    // A mention is not taking part.
    await add(db, { kind: 'lecture', startsOn: '2025-03-01', parties: [[dana, 'speaker'], [erlan, 'mentioned'], [ministry, 'mentioned']] })
    // Undated: only in the network of all time.
    await add(db, { kind: 'forum', startsOn: null, parties: [[erlan, 'speaker'], [ministry, 'partner']] })
  })

  it('links people and organizations by the activities they shared, as often as they shared them, without internal records', async () => {
    const network = await getNetwork(test().db, filtersOf({}))
    const expected = tiesOf(fixtures, {}, false)
    expect(edgesOf(network)).toEqual(expected)
    // Read off the fixture by hand, so the counting above cannot agree with the service by sharing a mistake.
    expect(expected).toEqual([
      'Aigerim Sarsenova – Bolat Nurlanov: 3', 'Aigerim Sarsenova – Ministry of Culture: 1', 'Aigerim Sarsenova – Steppe University: 2',
      'Bolat Nurlanov – Dana Omarova: 1', 'Bolat Nurlanov – Ministry of Culture: 1', 'Bolat Nurlanov – Steppe University: 2',
      'Dana Omarova – Steppe University: 1', 'Erlan Tokayev – Ministry of Culture: 1',
    ])
    expect(network.edges[0]!.activities).toBe(3)
    expect(network.totalNodes).toBe(6)
    const aigerim = network.nodes.find((n) => n.name === 'Aigerim Sarsenova')!
    expect(aigerim).toMatchObject({ kind: 'person', slug: people.aigerim.slug, activities: 3 })
    expect(aigerim.degree).toBe(3 + 1 + 2)
    expect(aigerim.neighbours.map((k) => network.nodes.find((n) => n.key === k)!.name).sort())
      .toEqual(['Bolat Nurlanov', 'Ministry of Culture', 'Steppe University'])
    expect(network.nodes.find((n) => n.name === 'Steppe University')).toMatchObject({ kind: 'organization', slug: organizations.university.slug })
  })

  it('includes internal activities and participations when asked (the admin)', async () => {
    const network = await getNetwork(test().db, filtersOf({}, true))
    const expected = tiesOf(fixtures, {}, true)
    expect(edgesOf(network)).toEqual(expected)
    expect(expected).toContain('Aigerim Sarsenova – Dana Omarova: 1')
    expect(expected).toContain('Dana Omarova – Erlan Tokayev: 1')
  })

  it('counts an activity in every year it overlaps, and an undated one only in all time', async () => {
    for (const query of [{ year: 2024 }, { year: 2025 }, { from: '2025-01-01', to: '2025-01-01' }, { from: '2024-06-01' }, { to: '2024-04-01' }]) {
      const network = await getNetwork(test().db, filtersOf(query))
      expect(edgesOf(network), JSON.stringify(query)).toEqual(tiesOf(fixtures, query, false))
    }
    expect(edgesOf(await getNetwork(test().db, filtersOf({ year: 2025 })))).toEqual(['Bolat Nurlanov – Dana Omarova: 1', 'Dana Omarova – Steppe University: 1'])
    expect(edgesOf(await getNetwork(test().db, filtersOf({ year: 2024 })))).toContain('Bolat Nurlanov – Dana Omarova: 1')
    expect(edgesOf(await getNetwork(test().db, filtersOf({ year: 2024 })))).not.toContain('Erlan Tokayev – Ministry of Culture: 1')
  })

  it('filters by kind and by the country the activity took place in', async () => {
    for (const query of [{ kind: 'workshop' }, { country: 'UZ' }, { country: 'KZ', year: 2024 }, { kind: 'forum' }] as InsightQuery[]) {
      const network = await getNetwork(test().db, filtersOf(query))
      expect(edgesOf(network), JSON.stringify(query)).toEqual(tiesOf(fixtures, query, false))
    }
    expect(edgesOf(await getNetwork(test().db, filtersOf({ kind: 'workshop' })))).toEqual([
      'Aigerim Sarsenova – Bolat Nurlanov: 2', 'Aigerim Sarsenova – Steppe University: 2', 'Bolat Nurlanov – Steppe University: 2'])
    const nothing = await getNetwork(test().db, filtersOf({ year: 2023 }))
    expect(nothing).toMatchObject({ nodes: [], edges: [], totalNodes: 0, activities: 0 })
  })

  it('keeps the most connected when there are more than it draws, and only the ties among them', async () => {
    const network = await getNetwork(test().db, filtersOf({}), { maxNodes: 3 })
    expect(network.totalNodes).toBe(6)
    // Bolat (3 + 1 + 2 + 1 = 7), Aigerim (6), Steppe University (2 + 2 + 1 = 5).
    expect(network.nodes.map((n) => [n.name, n.degree])).toEqual([['Bolat Nurlanov', 7], ['Aigerim Sarsenova', 6], ['Steppe University', 5]])
    expect(edgesOf(network)).toEqual(['Aigerim Sarsenova – Bolat Nurlanov: 3', 'Aigerim Sarsenova – Steppe University: 2', 'Bolat Nurlanov – Steppe University: 2'])
  })

  it('lays the drawing out the same way every time, inside its box', async () => {
    const [first, second] = [await getNetwork(test().db, filtersOf({})), await getNetwork(test().db, filtersOf({}))]
    expect(second.nodes.map((n) => [n.key, n.x, n.y])).toEqual(first.nodes.map((n) => [n.key, n.x, n.y]))
    for (const n of first.nodes) {
      expect(n.x).toBeGreaterThanOrEqual(0); expect(n.x).toBeLessThanOrEqual(LAYOUT_WIDTH)
      expect(n.y).toBeGreaterThanOrEqual(0); expect(n.y).toBeLessThanOrEqual(LAYOUT_HEIGHT)
    }
    expect(new Set(first.nodes.map((n) => `${n.x},${n.y}`)).size).toBe(first.nodes.length)
  })

  it('offers the years and countries of public activities as filters', async () => {
    expect(await getNetworkFilterOptions(test().db, false)).toEqual({ years: [2025, 2024], countries: ['KZ', 'UZ'] })
  })
})
