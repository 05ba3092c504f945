import type { Db } from '../db/database.ts'
import { NotFoundError } from '../lib/errors.ts'
import { type Page, toPaged } from '../lib/pagination.ts'
import { findPostLinksOfActivities } from '../news/post.service.ts'
import * as publications from '../publications/publication.repository.ts'
import { nameKey } from '../lib/names.ts'
import { slugify, uniqueSlug } from '../lib/slug.ts'
import { nowIso } from '../lib/time.ts'
import { findRedirectTarget, recordRevision } from '../revisions/index.ts'
import { personStore } from './person.store.ts'
import * as repo from './person.repository.ts'

export interface AffiliationInput {
  organizationId: number
  position: string | null
  startsOn: string | null
  endsOn: string | null
}

export interface PersonInput {
  slug?: string
  name: string
  variants: string[]
  honorific: string | null
  degree: string | null
  biography: string | null
  affiliations: AffiliationInput[]
}

export async function createPerson(db: Db, input: PersonInput, actor: string, now = new Date()) {
  const slug = input.slug ?? await uniqueSlug(slugify(input.name), (s) => repo.isPersonSlugTaken(db, s))
  const at = nowIso(now)
  const id = await repo.insertPerson(db, {
    slug, name: input.name, honorific: input.honorific, degree: input.degree, biography: input.biography,
    created_at: at, updated_at: at,
  })
  await addPersonNames(db, id, [input.name, ...input.variants])
  for (const a of input.affiliations) await addAffiliation(db, id, a)
  await recordRevision(db, { entityType: 'person', entityId: id, actor, before: null, after: await personStore.load(db, id), now })
  return { id, slug }
}

export async function addPersonNames(db: Db, personId: number, names: string[]) {
  const known = new Set((await repo.findPersonNames(db, personId)).map((n) => n.name))
  for (const name of names) {
    if (!nameKey(name) || known.has(name)) continue
    known.add(name)
    await repo.insertPersonName(db, personId, name, nameKey(name))
  }
}

/** Records an affiliation unless it is known; a position fills in one recorded without it. */
export async function addAffiliation(db: Db, personId: number, a: AffiliationInput) {
  const atSameOrganization = (await repo.findAffiliationsOf(db, [personId])).filter((e) => e.organization_id === a.organizationId)
  if (atSameOrganization.some((e) => a.position === null || e.position === a.position)) return
  const withoutPosition = atSameOrganization.find((e) => e.position === null)
  if (withoutPosition) return repo.updateAffiliationPosition(db, withoutPosition.id, a.position)
  await repo.insertAffiliation(db, {
    person_id: personId, organization_id: a.organizationId, position: a.position, starts_on: a.startsOn, ends_on: a.endsOn,
  })
}

/** The one person known by this name or variant; null when none or several are. */
export async function resolvePersonByName(db: Db, name: string) {
  const key = nameKey(name)
  if (!key) return null
  const ids = await repo.findPersonIdsByNameKey(db, key)
  return ids.length === 1 ? ids[0]!.id : null
}

// ---------------------------------------------------------------- reading

export const PROFILE_PAGE_SIZE = 25

/** A person's public profile: names, affiliations, and one page of the activity timeline grouped by year. */
export async function getPersonProfile(db: Db, slug: string, page: Page, now = new Date()) {
  const person = await repo.findPersonBySlug(db, slug)
  if (!person) throw new NotFoundError('person', slug)
  const [names, affiliations, total, rows, reports] = await Promise.all([
    repo.findPersonNames(db, person.id),
    repo.findAffiliationsOf(db, [person.id]),
    repo.countPublicActivitiesOfPerson(db, person.id),
    repo.findPublicActivitiesOfPerson(db, person.id, page),
    publications.findPublicationsByPerson(db, person.id, 50),
  ])
  const paged = toPaged(rows, page)
  const postOf = await findPostLinksOfActivities(db, paged.items.map((a) => a.id), now)
  // Added to the rows rather than copied into new objects: spreading a database row costs microseconds a row.
  const items = paged.items.map((a) => Object.assign(a, { post: postOf.get(a.id) ?? null }))
  return {
    person,
    variants: names.map((n) => n.name).filter((n) => n !== person.name),
    affiliations,
    activityCount: total,
    activities: { ...paged, items },
    timeline: groupByYear(items),
    publications: reports,
  }
}

export type PersonProfile = Awaited<ReturnType<typeof getPersonProfile>>

function groupByYear<T extends { starts_on: string | null }>(items: T[]) {
  const years: { year: string; items: T[] }[] = []
  for (const item of items) {
    const year = item.starts_on?.slice(0, 4) ?? 'Undated'
    const last = years.at(-1)
    if (last?.year === year) last.items.push(item)
    else years.push({ year, items: [item] })
  }
  return years
}

export async function listPeoplePage(db: Db, page: Page) {
  const paged = toPaged(await repo.listPeople(db, page), page)
  const affiliations = await repo.findAffiliationsOf(db, paged.items.map((p) => p.id))
  return { ...paged, items: paged.items.map((p) => Object.assign(p, { affiliations: affiliations.filter((a) => a.person_id === p.id) })) }
}

/** The admin's list: people by name, with their variants, filtered by any of their names. */
export async function listPeopleForAdmin(db: Db, text: string | undefined, page: Page) {
  const paged = toPaged(await repo.searchPeopleForAdmin(db, text, page), page)
  const names = await repo.findPersonNamesOf(db, paged.items.map((p) => p.id))
  return {
    ...paged,
    items: paged.items.map((p) => ({ ...p, variants: names.filter((n) => n.person_id === p.id && n.name !== p.name).map((n) => n.name) })),
  }
}

/** Where an address that names no one now leads: a person's new slug, or the survivor of a merge. Null when nowhere. */
export async function findPersonRedirect(db: Db, slug: string) {
  const id = await findRedirectTarget(db, 'person', slug)
  const person = id === null ? undefined : await repo.findPersonById(db, id)
  return person && person.slug !== slug ? person.slug : null
}
