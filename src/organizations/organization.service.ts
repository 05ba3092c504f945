import type { Db } from '../db/database.ts'
import { NotFoundError } from '../lib/errors.ts'
import { type Page, pageOf, toPaged } from '../lib/pagination.ts'
import { PARTICIPATION_ROLES } from '../lib/vocabulary.ts'
import { findPostLinksOfActivities } from '../news/post.service.ts'
import * as publications from '../publications/publication.repository.ts'
import { isAcronym, nameKey } from '../lib/names.ts'
import { slugify, uniqueSlug } from '../lib/slug.ts'
import { nowIso } from '../lib/time.ts'
import { findRedirectTarget, recordRevision } from '../revisions/index.ts'
import { organizationStore } from './organization.store.ts'
import * as repo from './organization.repository.ts'

export interface OrganizationInput {
  slug?: string
  name: string
  variants: string[]
  kind: string | null
  country: string | null
  parentId: number | null
  website: string | null
}

/** Inserts the organization with its name and variants, all findable by name key. */
export async function createOrganization(db: Db, input: OrganizationInput, actor: string, now = new Date()) {
  const slug = input.slug ?? await uniqueSlug(slugify(input.name), (s) => repo.isOrganizationSlugTaken(db, s))
  const at = nowIso(now)
  const id = await repo.insertOrganization(db, {
    slug, name: input.name, kind: input.kind, country: input.country, parent_id: input.parentId,
    website: input.website, created_at: at, updated_at: at,
  })
  await addOrganizationNames(db, id, [input.name, ...input.variants])
  await recordRevision(db, { entityType: 'organization', entityId: id, actor, before: null, after: await organizationStore.load(db, id), now })
  return { id, slug }
}

/** Adds the names the organization is not yet known by; keeps the first spelling of each. */
export async function addOrganizationNames(db: Db, organizationId: number, names: string[]) {
  const known = new Set((await repo.findOrganizationNames(db, organizationId)).map((n) => nameKey(n.name) + '\u0000' + n.name))
  for (const name of names) {
    const key = nameKey(name)
    if (!key || known.has(key + '\u0000' + name)) continue
    known.add(key + '\u0000' + name)
    await repo.insertOrganizationName(db, organizationId, name, key, isAcronym(name))
  }
}

/** The one organization known by this name or variant; null when none or several are. */
export async function resolveOrganizationByName(db: Db, name: string) {
  const key = nameKey(name)
  if (!key) return null
  const ids = await repo.findOrganizationIdsByNameKey(db, key)
  return ids.length === 1 ? ids[0]!.id : null
}

// ---------------------------------------------------------------- reading

export const ROLE_PAGE_SIZE = 10
export const PEOPLE_PAGE_SIZE = 20

/**
 * An organization's public profile. Activities come grouped by the organization's role;
 * each group shows its newest page, and `role` with `page` pages through one group.
 * Its people come a page at a time too, by name (`peoplePage`).
 */
export async function getOrganizationProfile(db: Db, slug: string, options: { role?: string; page: Page; peoplePage?: Page },
  now = new Date()) {
  const organization = await repo.findOrganizationBySlug(db, slug)
  if (!organization) throw new NotFoundError('organization', slug)
  const peoplePage = options.peoplePage ?? pageOf(1, PEOPLE_PAGE_SIZE)
  const [names, parent, children, people, roleCounts, reports] = await Promise.all([
    repo.findOrganizationNames(db, organization.id),
    organization.parent_id ? repo.findOrganizationById(db, organization.parent_id) : undefined,
    repo.findChildOrganizations(db, organization.id),
    findPeopleAt(db, organization.id, peoplePage),
    repo.countPublicRolesOfOrganization(db, organization.id),
    publications.findPublicationsByOrganization(db, organization.id, 50),
  ])
  const roles = PARTICIPATION_ROLES.filter((r) => roleCounts.some((c) => c.role === r))
  const groups = await Promise.all(roles.map(async (role) => {
    const page = options.role === role ? options.page : pageOf(1, ROLE_PAGE_SIZE)
    const paged = toPaged(await repo.findPublicActivitiesOfOrganization(db, organization.id, role, page), page)
    return { role, count: roleCounts.find((c) => c.role === role)!.n, ...paged }
  }))
  const postOf = await findPostLinksOfActivities(db, groups.flatMap((g) => g.items.map((a) => a.id)), now)
  return {
    organization,
    variants: names.map((n) => n.name).filter((n) => n !== organization.name),
    parent: parent ? { slug: parent.slug, name: parent.name } : null,
    children,
    people,
    // Added to the rows rather than copied into new objects: spreading a database row costs microseconds a row.
    groups: groups.map((g) => ({ ...g, items: g.items.map((a) => Object.assign(a, { post: postOf.get(a.id) ?? null })) })),
    publications: reports,
  }
}

/** A page of the organization's people by name, each once with every position they held there. */
async function findPeopleAt(db: Db, organizationId: number, page: Page) {
  const paged = toPaged(await repo.findAffiliatedPeople(db, organizationId, page), page)
  const affiliations = (await repo.findAffiliationsOfPeople(db, paged.items.map((p) => p.id)))
    .filter((a) => a.organization_id === organizationId)
  return {
    ...paged,
    items: paged.items.map((p) => ({
      slug: p.slug, name: p.name,
      positions: [...new Set(affiliations.filter((a) => a.person_id === p.id && a.position).map((a) => a.position!))],
    })),
  }
}

export type OrganizationProfile = Awaited<ReturnType<typeof getOrganizationProfile>>

export async function listOrganizationsPage(db: Db, page: Page) {
  return toPaged(await repo.listOrganizations(db, page), page)
}

/** The admin's list: organizations by name, with their variants and acronyms, filtered by any of them. */
export async function listOrganizationsForAdmin(db: Db, text: string | undefined, page: Page) {
  const paged = toPaged(await repo.searchOrganizationsForAdmin(db, text, page), page)
  const names = await repo.findOrganizationNamesOf(db, paged.items.map((o) => o.id))
  return {
    ...paged,
    items: paged.items.map((o) => ({ ...o, variants: names.filter((n) => n.organization_id === o.id && n.name !== o.name).map((n) => n.name) })),
  }
}

/** Where an address that names no organization now leads: its new slug, or the survivor of a merge. Null when nowhere. */
export async function findOrganizationRedirect(db: Db, slug: string) {
  const id = await findRedirectTarget(db, 'organization', slug)
  const organization = id === null ? undefined : await repo.findOrganizationById(db, id)
  return organization && organization.slug !== slug ? organization.slug : null
}
