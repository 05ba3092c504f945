import type { Db } from '../db/database.ts'
import { isCyrillic, spellingKeyOf } from '../importer/resolve.ts'
import * as repo from './quality.repository.ts'

/** How many of each list the admin shows; the count says how many there are in all. */
export const FIRST_FEW = 10

export interface RecordLink {
  id: number
  slug: string
  name: string
}

export interface LikelyDuplicate {
  type: 'person' | 'organization'
  /** The older record, the one a merge keeps unless the editor chooses otherwise. */
  keep: RecordLink
  duplicate: RecordLink
  /** same-name: the two share a name once case, accents and punctuation are set aside; other-script: one is the other's Latin or Cyrillic spelling. */
  reason: 'same-name' | 'other-script'
  /** The name they share, as one of them writes it. */
  name: string
}

export interface DataQuality {
  peopleWithoutAffiliation: repo.Listed<RecordLink>
  organizationsWithoutCountry: repo.Listed<RecordLink>
  activitiesWithoutPlace: repo.Listed<QualityActivity>
  activitiesWithoutKind: repo.Listed<QualityActivity>
  pendingImports: repo.Listed<{ id: number; source_name: string; position: string; created_at: string; post_title: string | null }>
  duplicates: repo.Listed<LikelyDuplicate>
}

export interface QualityActivity {
  id: number
  slug: string
  name: string | null
  kind: string | null
  starts_on: string | null
  internal: boolean
  /** A post about it: its facts are edited in that post's editor. */
  post: { id: number; title: string } | null
}

const activityOf = (r: { id: number; slug: string; name: string | null; kind: string | null; starts_on: string | null; is_internal: number;
  post_id: number | null; post_title: string | null }): QualityActivity => ({
  id: r.id, slug: r.slug, name: r.name, kind: r.kind, starts_on: r.starts_on, internal: r.is_internal === 1,
  post: r.post_id !== null ? { id: Number(r.post_id), title: r.post_title ?? '' } : null,
})

/**
 * Pairs of records where one has a name in Cyrillic and the other the same name in Latin letters (Ракишева
 * Ботагоз, Botagoz Rakisheva), leaving out pairs that also share a name key (those are found already).
 */
async function otherScriptPairs(db: Db, type: 'person' | 'organization') {
  const names = await repo.findAllNames(db, type === 'person' ? 'person_name' : 'organization_name')
  const keysOf = new Map<number, Set<string>>()
  const bySpelling = new Map<string, { id: number; name: string; cyrillic: boolean }[]>()
  for (const n of names) {
    const id = Number(n.id)
    let keys = keysOf.get(id)
    if (!keys) keysOf.set(id, keys = new Set())
    keys.add(n.name_key)
    const spelling = spellingKeyOf(n.name, type)
    if (!spelling) continue
    let list = bySpelling.get(spelling)
    if (!list) bySpelling.set(spelling, list = [])
    list.push({ id, name: n.name, cyrillic: isCyrillic(n.name) })
  }
  const pairs = new Map<string, { first: number; second: number; name: string }>()
  for (const spelt of bySpelling.values()) {
    for (const a of spelt) {
      if (!a.cyrillic) continue
      for (const b of spelt) {
        if (b.cyrillic || b.id === a.id) continue
        const [first, second] = a.id < b.id ? [a.id, b.id] : [b.id, a.id]
        const shared = [...keysOf.get(first)!].some((key) => keysOf.get(second)!.has(key))
        if (!shared && !pairs.has(`${first} ${second}`)) pairs.set(`${first} ${second}`, { first, second, name: b.name })
      }
    }
  }
  return [...pairs.values()].sort((x, y) => x.first - y.first || x.second - y.second)
}

async function likelyDuplicates(db: Db, type: 'person' | 'organization') {
  const [sameName, otherScript] = await Promise.all([
    repo.findSameNameKeyPairs(db, type === 'person' ? 'person_name' : 'organization_name', FIRST_FEW),
    otherScriptPairs(db, type),
  ])
  const scriptFirst = otherScript.slice(0, FIRST_FEW)
  const records = new Map((await repo.findNamesByIds(db, type, scriptFirst.flatMap((p) => [p.first, p.second]))).map((r) => [r.id, r]))
  const link = (id: number, name: string): RecordLink => ({ id, slug: records.get(id)?.slug ?? '', name })
  const first: LikelyDuplicate[] = [
    ...sameName.first.map((p): LikelyDuplicate => ({
      type, reason: 'same-name', name: p.name,
      keep: { id: p.first_id, slug: p.first_slug, name: p.first_name }, duplicate: { id: p.second_id, slug: p.second_slug, name: p.second_name },
    })),
    ...scriptFirst.filter((p) => records.has(p.first) && records.has(p.second)).map((p): LikelyDuplicate => ({
      type, reason: 'other-script', name: p.name,
      keep: link(p.first, records.get(p.first)!.name), duplicate: link(p.second, records.get(p.second)!.name),
    })),
  ]
  return { count: sameName.count + otherScript.length, first }
}

/** What an editor should look at: records missing facts the insights need, imports waiting, likely duplicates. */
export async function getDataQuality(db: Db): Promise<DataQuality> {
  const [people, organizations, noPlace, noKind, pendingImports, duplicatePeople, duplicateOrganizations] = await Promise.all([
    repo.findPeopleWithoutAffiliation(db, FIRST_FEW),
    repo.findOrganizationsWithoutCountry(db, FIRST_FEW),
    repo.findActivitiesWithoutPlace(db, FIRST_FEW),
    repo.findActivitiesWithoutKind(db, FIRST_FEW),
    repo.findPendingImports(db, FIRST_FEW),
    likelyDuplicates(db, 'person'),
    likelyDuplicates(db, 'organization'),
  ])
  return {
    peopleWithoutAffiliation: people,
    organizationsWithoutCountry: organizations,
    activitiesWithoutPlace: { count: noPlace.count, first: noPlace.first.map(activityOf) },
    activitiesWithoutKind: { count: noKind.count, first: noKind.first.map(activityOf) },
    pendingImports,
    duplicates: {
      count: duplicatePeople.count + duplicateOrganizations.count,
      first: [...duplicatePeople.first, ...duplicateOrganizations.first],
    },
  }
}
