import type { Db } from '../db/database.ts'
import type { InsightFilters } from '../insights/insight.filters.ts'
import { layoutNetwork } from './network.layout.ts'
import * as repository from './network.repository.ts'

export type PartyKind = 'person' | 'organization'

export interface NetworkNode {
  /** "p12" for person 12, "o7" for organization 7: unique across both. */
  key: string
  kind: PartyKind
  slug: string
  name: string
  /** Activities the party took part in under the filters. */
  activities: number
  /** The sum of its ties' weights: how many times it met someone at an activity. */
  degree: number
  x: number
  y: number
  /** The keys of the parties it is tied to in the drawing. */
  neighbours: string[]
}

export interface NetworkEdge {
  source: string
  target: string
  /** Distinct activities both took part in. */
  activities: number
}

export interface Network {
  filters: InsightFilters
  /** The most connected parties, most connected first. */
  nodes: NetworkNode[]
  /** Ties between the nodes shown, strongest first. */
  edges: NetworkEdge[]
  /** How many parties have at least one tie under the filters: the network the drawing is taken from. */
  totalNodes: number
  /** Activities with at least two parties taking part. */
  activities: number
}

export interface NetworkOptions {
  /** The most nodes drawn: more become an unreadable knot. */
  maxNodes?: number
}

export const MAX_NODES = 120

// Parties are numbers while counting, as the repository gives them (person 2n, organization 2n + 1).
const keyOf = (code: number) => `${code % 2 ? 'o' : 'p'}${Math.floor(code / 2)}`

/**
 * People and organizations linked by the activities they took part in together, an edge's weight the number of
 * distinct activities two share. Only the `maxNodes` most connected (by the sum of their ties' weights) are
 * kept, and the ties among them; counting every pair of a 100,000-activity archive would be millions of pairs
 * for ties nobody could see.
 */
export async function getNetwork(db: Db, filters: InsightFilters, options: NetworkOptions = {}): Promise<Network> {
  const maxNodes = options.maxNodes ?? MAX_NODES
  const rows = await repository.findNetworkActivities(db, filters)

  const partiesOf: number[][] = []
  let maxCode = 0
  for (const row of rows) {
    if (!row.parties) continue
    const parties: number[] = []
    for (const text of row.parties.split(',')) {
      const code = Number(text)
      // A party in two roles is listed twice; lists are a few names long, so a scan beats a set.
      if (!parties.includes(code)) parties.push(code)
    }
    if (parties.length < 2) continue
    partiesOf.push(parties)
    for (const code of parties) if (code > maxCode) maxCode = code
  }

  // Counted in arrays indexed by party code (ids are dense): at 100,000 activities maps took several times longer.
  const activitiesOf = new Uint32Array(maxCode + 1)
  const degreeOf = new Float64Array(maxCode + 1)
  const activities = partiesOf.length
  let linked = 0
  for (const parties of partiesOf) {
    for (const code of parties) {
      if (!activitiesOf[code]) linked++
      activitiesOf[code]! += 1
      degreeOf[code]! += parties.length - 1
    }
  }
  const ranked = new Int32Array(linked)
  for (let code = 0, i = 0; code <= maxCode; code++) if (activitiesOf[code]) ranked[i++] = code
  ranked.sort((a, b) => degreeOf[b]! - degreeOf[a]! || activitiesOf[b]! - activitiesOf[a]! || a - b)
  const keptCodes = [...ranked.subarray(0, maxNodes)]
  const kept = new Uint8Array(maxCode + 1)
  for (const code of keptCodes) kept[code] = 1

  const weightOf = new Map<number, number>()
  const pairKey = (a: number, b: number) => (a < b ? a * 2 ** 26 + b : b * 2 ** 26 + a)
  for (const parties of partiesOf) {
    const shown = parties.filter((code) => kept[code] === 1)
    for (let i = 0; i < shown.length; i++) {
      for (let j = i + 1; j < shown.length; j++) {
        const key = pairKey(shown[i]!, shown[j]!)
        weightOf.set(key, (weightOf.get(key) ?? 0) + 1)
      }
    }
  }
  const edges: NetworkEdge[] = [...weightOf].map(([key, weight]) => ({
    source: keyOf(Math.floor(key / 2 ** 26)), target: keyOf(key % 2 ** 26), activities: weight,
  }))

  const [people, organizations] = await Promise.all([
    repository.findPeopleNamed(db, keptCodes.filter((c) => c % 2 === 0).map((c) => c / 2)),
    repository.findOrganizationsNamed(db, keptCodes.filter((c) => c % 2 === 1).map((c) => (c - 1) / 2)),
  ])
  const named = new Map<string, { slug: string; name: string }>()
  for (const p of people) named.set(`p${p.id}`, p)
  for (const o of organizations) named.set(`o${o.id}`, o)

  const neighbours = new Map<string, string[]>()
  for (const edge of edges) {
    for (const [a, b] of [[edge.source, edge.target], [edge.target, edge.source]] as const) {
      const list = neighbours.get(a)
      if (list) list.push(b); else neighbours.set(a, [b])
    }
  }
  const positions = layoutNetwork({
    nodes: keptCodes.map((code) => ({ key: keyOf(code), seed: `${code % 2 ? 'o' : 'p'}:${named.get(keyOf(code))?.slug}`, weight: degreeOf[code]! })),
    edges: edges.map((e) => ({ source: e.source, target: e.target, weight: e.activities })),
  })

  const nodes: NetworkNode[] = keptCodes.map((code) => {
    const key = keyOf(code)
    const party = named.get(key) ?? { slug: key, name: key }
    const at = positions.get(key) ?? { x: 0, y: 0 }
    return {
      key, kind: code % 2 ? 'organization' : 'person', slug: party.slug, name: party.name,
      activities: activitiesOf[code]!, degree: degreeOf[code]!, x: at.x, y: at.y, neighbours: neighbours.get(key) ?? [],
    }
  })
  // Equals by name, so the page reads the same on every engine whatever the ids.
  nodes.sort((a, b) => b.degree - a.degree || b.activities - a.activities || (a.name < b.name ? -1 : a.name > b.name ? 1 : a.key < b.key ? -1 : 1))
  const rank = new Map(nodes.map((n, i) => [n.key, i]))
  for (const edge of edges) {
    if (rank.get(edge.source)! > rank.get(edge.target)!) [edge.source, edge.target] = [edge.target, edge.source]
  }
  edges.sort((a, b) => b.activities - a.activities || rank.get(a.source)! - rank.get(b.source)! || rank.get(a.target)! - rank.get(b.target)!)
  return { filters, nodes, edges, totalNodes: linked, activities }
}

export interface NetworkFilterOptions {
  years: number[]
  countries: string[]
}

/** What the filter links offer: the years and countries of the activities the reader may see. */
export async function getNetworkFilterOptions(db: Db, internal: boolean): Promise<NetworkFilterOptions> {
  const [years, countries] = await Promise.all([repository.findActivityYears(db, internal), repository.findActivityCountries(db, internal)])
  return { years, countries }
}
