import { createHash } from 'node:crypto'
import type { Db } from '../db/database.ts'
import { createActivity } from '../activities/activity.service.ts'
import * as activities from '../activities/activity.repository.ts'
import { InvalidInputError } from '../lib/errors.ts'
import { nameKey } from '../lib/names.ts'
import * as news from '../news/post.repository.ts'
import { createPost } from '../news/post.service.ts'
import * as organizations from '../organizations/organization.repository.ts'
import { addOrganizationNames, createOrganization, resolveOrganizationByName } from '../organizations/organization.service.ts'
import * as people from '../people/person.repository.ts'
import { addAffiliation, addPersonNames, createPerson, resolvePersonByName } from '../people/person.service.ts'
import * as publications from '../publications/publication.repository.ts'
import { createPublication, parseMethods } from '../publications/publication.service.ts'
import {
  ARCHIVE_FORMAT, ARCHIVE_VERSION, type Archive, type ArchiveOrganization, type ActivityRecord,
} from './archive.schema.ts'
import { titleFromRecord, summaryFromText, bodyFromText } from './record-text.ts'

export interface ImportSummary {
  created: Record<'organizations' | 'people' | 'activities' | 'publications' | 'posts', number>
  linked: Record<'organizations' | 'people', number>
  skipped: number
  messages: string[]
}

const emptySummary = (): ImportSummary => ({
  created: { organizations: 0, people: 0, activities: 0, publications: 0, posts: 0 },
  linked: { organizations: 0, people: 0 },
  skipped: 0,
  messages: [],
})

/** Code-point order: the same on every engine, whatever collation the database uses. */
export const bySlug = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
const sortBySlug = <T extends { slug: string }>(rows: T[]) => rows.sort((a, b) => bySlug(a.slug, b.slug))

/** The whole archive in the versioned file format, ordered by slug so that equal archives give equal files. */
export async function exportArchive(db: Db): Promise<Archive> {
  const [orgRows, orgNames, personRows, personNames, affiliationRows, activityRows, participationRows,
    publicationRows, contributorRows, postRows, linkRows] = await Promise.all([
    organizations.listAllOrganizations(db),
    db.selectFrom('organization_name').select(['organization_id', 'name']).orderBy('id').execute(),
    people.listAllPeople(db),
    db.selectFrom('person_name').select(['person_id', 'name']).orderBy('id').execute(),
    db.selectFrom('affiliation').selectAll().orderBy('id').execute(),
    activities.listAllActivities(db),
    activities.findAllParticipations(db),
    publications.listAllPublications(db),
    publications.findAllContributors(db),
    news.listAllPosts(db),
    news.findAllPostLinks(db),
  ])
  const orgSlug = new Map(orgRows.map((o) => [o.id, o.slug]))
  const group = <T, K>(rows: T[], key: (row: T) => K) => {
    const map = new Map<K, T[]>()
    for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), row])
    return map
  }
  const namesOfOrg = group(orgNames, (n) => n.organization_id)
  const namesOfPerson = group(personNames, (n) => n.person_id)
  const affiliationsOf = group(affiliationRows, (a) => a.person_id)
  const participationsOf = group(participationRows, (p) => p.activity_slug)
  const contributorsOf = group(contributorRows, (c) => c.publication_slug)
  const linksOf = group(linkRows, (l) => l.post_slug)
  const variants = (names: { name: string }[] | undefined, main: string) =>
    (names ?? []).map((n) => n.name).filter((n) => n !== main)

  return {
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    organizations: sortBySlug(orgRows).map((o) => ({
      slug: o.slug, name: o.name, variants: variants(namesOfOrg.get(o.id), o.name),
      kind: o.kind as ArchiveOrganization['kind'], country: o.country,
      parent: o.parent_id ? orgSlug.get(o.parent_id) ?? null : null, website: o.website,
    })),
    people: sortBySlug(personRows).map((p) => ({
      slug: p.slug, name: p.name, variants: variants(namesOfPerson.get(p.id), p.name),
      honorific: p.honorific, degree: p.degree, biography: p.biography,
      affiliations: (affiliationsOf.get(p.id) ?? []).map((a) => ({
        organization: orgSlug.get(a.organization_id)!, position: a.position, from: a.starts_on, to: a.ends_on,
      })),
    })),
    activities: sortBySlug(activityRows).map((a) => ({
      slug: a.slug, kind: a.kind as Archive['activities'][number]['kind'], name: a.name, startsOn: a.starts_on,
      endsOn: a.ends_on, city: a.city, country: a.country, format: a.format as Archive['activities'][number]['format'],
      internal: a.is_internal === 1,
      participations: (participationsOf.get(a.slug) ?? []).map((p) => ({
        person: p.person_slug, organization: p.organization_slug,
        role: p.role as Archive['activities'][number]['participations'][number]['role'],
        affiliation: p.affiliation_slug, jobTitle: p.job_title, internal: p.is_internal === 1,
      })),
    })),
    publications: sortBySlug(publicationRows).map((p) => ({
      slug: p.slug, kind: p.kind as Archive['publications'][number]['kind'], title: p.title, summary: p.summary,
      publishedOn: p.published_on, activity: p.activity_slug,
      method: { sampleSize: p.sample_size, regions: p.regions, methods: parseMethods(p.methods) },
      contributors: (contributorsOf.get(p.slug) ?? []).map((c) => ({
        person: c.person_slug, organization: c.organization_slug,
        role: c.role as Archive['publications'][number]['contributors'][number]['role'],
      })),
    })),
    posts: sortBySlug(postRows).map((p) => ({
      slug: p.slug, lang: p.lang, title: p.title, summary: p.summary, body: p.body, status: p.status,
      publishedAt: p.published_at, activity: p.activity_slug,
      links: (linksOf.get(p.slug) ?? []).map((l) => ({ url: l.url, label: l.label })),
    })),
  }
}

/**
 * Adds an archive file's records. Records whose slug the database already has are linked, not
 * duplicated, so importing the same file twice changes nothing. Runs inside the caller's transaction.
 */
export async function importArchive(db: Db, archive: Archive, actor: string): Promise<ImportSummary> {
  const summary = emptySummary()
  const orgIds = new Map<string, number>()
  const personIds = new Map<string, number>()
  const activityIds = new Map<string, number>()

  const idOf = async (kind: string, map: Map<string, number>, slug: string,
    find: (slug: string) => Promise<{ id: number } | undefined>) => {
    const known = map.get(slug) ?? (await find(slug))?.id
    if (known === undefined) throw new InvalidInputError(`The archive refers to ${kind} “${slug}”, which it does not contain.`)
    map.set(slug, known)
    return known
  }
  const orgId = (slug: string) => idOf('organization', orgIds, slug, (s) => organizations.findOrganizationBySlug(db, s))
  const personId = (slug: string) => idOf('person', personIds, slug, (s) => people.findPersonBySlug(db, s))
  const activityId = (slug: string) => idOf('activity', activityIds, slug, (s) => activities.findActivityBySlug(db, s))
  const maybe = async <T>(slug: string | null, resolve: (slug: string) => Promise<T>) => (slug ? resolve(slug) : null)

  for (const org of parentsFirst(archive.organizations)) {
    const existing = await organizations.findOrganizationBySlug(db, org.slug)
    if (existing) {
      await addOrganizationNames(db, existing.id, org.variants)
      orgIds.set(org.slug, existing.id)
      summary.linked.organizations++
      continue
    }
    const { id } = await createOrganization(db, {
      slug: org.slug, name: org.name, variants: org.variants, kind: org.kind, country: org.country,
      parentId: await maybe(org.parent, orgId), website: org.website,
    }, actor)
    orgIds.set(org.slug, id)
    summary.created.organizations++
  }

  for (const person of archive.people) {
    const affiliations = []
    for (const a of person.affiliations) {
      affiliations.push({ organizationId: await orgId(a.organization), position: a.position, startsOn: a.from, endsOn: a.to })
    }
    const existing = await people.findPersonBySlug(db, person.slug)
    if (existing) {
      await addPersonNames(db, existing.id, person.variants)
      for (const a of affiliations) await addAffiliation(db, existing.id, a)
      personIds.set(person.slug, existing.id)
      summary.linked.people++
      continue
    }
    const { id } = await createPerson(db, { ...person, affiliations }, actor)
    personIds.set(person.slug, id)
    summary.created.people++
  }

  for (const activity of archive.activities) {
    if (await activities.findActivityBySlug(db, activity.slug)) { summary.skipped++; continue }
    const participations = []
    for (const p of activity.participations) {
      participations.push({
        personId: await maybe(p.person, personId), organizationId: await maybe(p.organization, orgId),
        role: p.role, affiliationId: await maybe(p.affiliation, orgId), jobTitle: p.jobTitle, internal: p.internal,
      })
    }
    const { id } = await createActivity(db, { ...activity, participations }, actor)
    activityIds.set(activity.slug, id)
    summary.created.activities++
  }

  for (const publication of archive.publications) {
    if (await publications.findPublicationBySlug(db, publication.slug)) { summary.skipped++; continue }
    const contributors = []
    for (const c of publication.contributors) {
      contributors.push({ personId: await maybe(c.person, personId), organizationId: await maybe(c.organization, orgId), role: c.role })
    }
    await createPublication(db, {
      slug: publication.slug, kind: publication.kind, title: publication.title, summary: publication.summary,
      publishedOn: publication.publishedOn, activityId: await maybe(publication.activity, activityId),
      sampleSize: publication.method.sampleSize, regions: publication.method.regions, methods: publication.method.methods,
      contributors,
    }, actor)
    summary.created.publications++
  }

  for (const post of archive.posts) {
    if (await news.findPostBySlug(db, post.slug)) { summary.skipped++; continue }
    await createPost(db, {
      ...post,
      publishedAt: post.publishedAt ? new Date(post.publishedAt).toISOString() : null,
      activityId: await maybe(post.activity, activityId),
    }, actor)
    summary.created.posts++
  }
  return summary
}

/** Orders organizations so that each parent is created before its children. */
function parentsFirst(list: ArchiveOrganization[]): ArchiveOrganization[] {
  const inFile = new Map(list.map((o) => [o.slug, o]))
  const done = new Set<string>(), visiting = new Set<string>(), ordered: ArchiveOrganization[] = []
  const visit = (org: ArchiveOrganization) => {
    if (done.has(org.slug)) return
    if (visiting.has(org.slug)) throw new InvalidInputError(`Organization “${org.slug}” is its own ancestor.`)
    visiting.add(org.slug)
    const parent = org.parent ? inFile.get(org.parent) : undefined
    if (parent) visit(parent)
    visiting.delete(org.slug)
    done.add(org.slug)
    ordered.push(org)
  }
  list.forEach(visit)
  return ordered
}

export interface RecordImportOptions {
  publish: boolean
  now?: Date
}

/**
 * Adds activity records (shared/eval/FORMAT.md): each becomes a post about one activity, and the
 * people and organizations it names are linked to those already known by name or alias.
 */
export async function importActivityRecords(db: Db, records: ActivityRecord[], actor: string,
  options: RecordImportOptions): Promise<ImportSummary> {
  const summary = emptySummary()
  for (const record of records) await importActivityRecord(db, record, actor, options, summary)
  return summary
}

async function importActivityRecord(db: Db, record: ActivityRecord, actor: string, options: RecordImportOptions,
  summary: ImportSummary) {
  const sourceHash = createHash('sha256').update(record.text).digest('hex')
  if (await news.findPostIdBySourceHash(db, sourceHash)) { summary.skipped++; return }

  // Names within one record resolve to one organization, so an affiliation finds its listed organization.
  const orgByKey = new Map<string, number>()
  const findOrCreateOrganization = async (name: string, aliases: string[] = [], country: string | null = null) => {
    const keys = [name, ...aliases].map(nameKey)
    for (const key of keys) { const id = orgByKey.get(key); if (id) return id }
    let id: number | null = null
    for (const candidate of [name, ...aliases]) { id ??= await resolveOrganizationByName(db, candidate) }
    if (id) {
      await addOrganizationNames(db, id, [name, ...aliases])
      summary.linked.organizations++
    } else {
      id = (await createOrganization(db, { name, variants: aliases, kind: null, country, parentId: null, website: null }, actor)).id
      summary.created.organizations++
    }
    for (const key of keys) orgByKey.set(key, id)
    return id
  }

  const organizationRoles: [number, ActivityRecord['organizations'][number]['roles']][] = []
  for (const org of record.organizations) {
    organizationRoles.push([await findOrCreateOrganization(org.name, org.aliases, org.country), org.roles])
  }
  const personParticipations = []
  for (const person of record.people) {
    const affiliationId = person.affiliation ? await findOrCreateOrganization(person.affiliation) : null
    let id: number | null = null
    for (const candidate of [person.name, ...person.aliases]) { id ??= await resolvePersonByName(db, candidate) }
    if (id) {
      await addPersonNames(db, id, [person.name, ...person.aliases])
      summary.linked.people++
    } else {
      id = (await createPerson(db, {
        name: person.name, variants: person.aliases, honorific: null, degree: null, biography: null, affiliations: [],
      }, actor)).id
      summary.created.people++
    }
    if (affiliationId) await addAffiliation(db, id, { organizationId: affiliationId, position: person.position, startsOn: null, endsOn: null })
    for (const role of person.roles.length ? person.roles : ['mentioned' as const]) {
      personParticipations.push({ personId: id, organizationId: null, role, affiliationId, jobTitle: person.position, internal: false })
    }
  }

  // An organization named only as someone's affiliation is shown with that person, not again as a mention.
  const affiliations = new Set(personParticipations.map((p) => p.affiliationId))
  const participations = organizationRoles.flatMap(([id, roles]) =>
    (roles.length ? roles : affiliations.has(id) ? [] : ['mentioned' as const]).map((role) =>
      ({ personId: null, organizationId: id, role, affiliationId: null, jobTitle: null, internal: false })))

  const title = titleFromRecord(record)
  const activity = await createActivity(db, {
    kind: record.kind, name: record.name, startsOn: record.date, endsOn: record.endDate, city: record.city,
    country: record.country, format: record.format, internal: false,
    participations: [...personParticipations, ...participations],
  }, actor, title)
  summary.created.activities++

  const now = options.now ?? new Date()
  await createPost(db, {
    lang: 'en', title, summary: summaryFromText(record.text), body: bodyFromText(record.text),
    status: options.publish ? 'published' : 'draft',
    publishedAt: options.publish ? (record.date ? `${record.date}T00:00:00.000Z` : now.toISOString()) : null,
    activityId: activity.id, links: [...new Set(record.links)].filter(isHttpUrl).map((url) => ({ url, label: null })),
    sourceHash,
  }, actor)
  summary.created.posts++
}

function isHttpUrl(value: string) {
  try { return ['http:', 'https:'].includes(new URL(value).protocol) } catch { return false }
}
