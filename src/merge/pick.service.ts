import type { Db } from '../db/database.ts'
import { nameKey } from '../lib/names.ts'
import * as organizations from '../organizations/organization.repository.ts'
import * as people from '../people/person.repository.ts'

// What an admin picker sent (the chosen record's id, when JavaScript filled it in, and the text
// typed), resolved to one record. Without JavaScript only the text comes: a slug, a name or a
// variant, or part of one.

export type PickType = 'person' | 'organization'

export interface PickedRecord {
  id: number
  slug: string
  name: string
}

export type PickResult =
  | { found: PickedRecord }
  | { found: null; candidates: PickedRecord[]; problem: string }

const MAX_CANDIDATES = 10

async function byId(db: Db, type: PickType, id: number) {
  return type === 'person' ? people.findPersonById(db, id) : organizations.findOrganizationById(db, id)
}

async function namesOf(db: Db, type: PickType, id: number) {
  return type === 'person' ? people.findPersonNames(db, id) : organizations.findOrganizationNames(db, id)
}

/**
 * The one record the picker means. A hidden id counts only while the text still names that record,
 * so that retyping the name (without JavaScript to clear the id) picks the new one.
 */
export async function resolvePick(db: Db, type: PickType, pick: { id?: string; text: string }, exclude?: number): Promise<PickResult> {
  const text = pick.text.trim()
  const what = type === 'person' ? 'person' : 'organization'
  const key = nameKey(text)
  const id = pick.id && /^\d{1,12}$/.test(pick.id) ? Number(pick.id) : null
  if (id !== null && id !== exclude) {
    const record = await byId(db, type, id)
    if (record && (!key || (await namesOf(db, type, id)).some((n) => nameKey(n.name) === key) || record.slug === text)) {
      return { found: { id: record.id, slug: record.slug, name: record.name } }
    }
  }
  if (!text) return { found: null, candidates: [], problem: `choose a ${what}` }
  const bySlug = type === 'person' ? await people.findPersonBySlug(db, text) : await organizations.findOrganizationBySlug(db, text)
  if (bySlug && bySlug.id !== exclude) return { found: { id: bySlug.id, slug: bySlug.slug, name: bySlug.name } }
  const exact = (type === 'person' ? await people.findPersonIdsByNameKey(db, key) : await organizations.findOrganizationIdsByNameKey(db, key))
    .filter((r) => r.id !== exclude)
  if (exact.length === 1) {
    const record = (await byId(db, type, exact[0]!.id))!
    return { found: { id: record.id, slug: record.slug, name: record.name } }
  }
  const similar = key.length < 2 ? [] : (type === 'person'
    ? await people.searchPeopleByNameKey(db, key, MAX_CANDIDATES + 1)
    : await organizations.searchOrganizationsByNameKey(db, key, MAX_CANDIDATES + 1)).filter((r) => r.id !== exclude)
  if (exact.length === 0 && similar.length === 1) return { found: { id: similar[0]!.id, slug: similar[0]!.slug, name: similar[0]!.name } }
  const candidates = similar.slice(0, MAX_CANDIDATES).map((r) => ({ id: r.id, slug: r.slug, name: r.name }))
  return {
    found: null, candidates,
    problem: exact.length > 1 || similar.length > 1
      ? `several ${type === 'person' ? 'people' : 'organizations'} match “${text}”; choose one from the suggestions`
      : `no ${what} is called “${text}”`,
  }
}
