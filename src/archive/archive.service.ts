import { createHash } from 'node:crypto'
import type { Db } from '../db/database.ts'
import { createActivity } from '../activities/activity.service.ts'
import * as activities from '../activities/activity.repository.ts'
import { detectLanguage } from '../extract/index.ts'
import { InvalidInputError } from '../lib/errors.ts'
import * as news from '../news/post.repository.ts'
import { createPost } from '../news/post.service.ts'
import * as organizations from '../organizations/organization.repository.ts'
import { addOrganizationNames, createOrganization } from '../organizations/organization.service.ts'
import { organizationStore } from '../organizations/organization.store.ts'
import * as people from '../people/person.repository.ts'
import { addAffiliation, addPersonNames, type AffiliationInput, createPerson } from '../people/person.service.ts'
import { personStore } from '../people/person.store.ts'
import * as publications from '../publications/publication.repository.ts'
import { createPublication, parseMethods } from '../publications/publication.service.ts'
import {
  ARCHIVE_FORMAT, ARCHIVE_VERSION, type Archive, type ArchiveOrganization, type ActivityRecord,
} from './archive.schema.ts'
import { loadIndexes, makeRecord, updateRecorded } from '../importer/import.service.ts'
import { type Indexes, proposeRecord } from '../importer/proposal.ts'
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
    publicationRows, contributorRows, postRows, linkRows, translationRows] = await Promise.all([
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
    news.findAllPostTranslations(db),
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
  const translationsOf = group(translationRows, (t) => t.post_slug)
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
      ...translationsOf.has(p.slug) && {
        translations: translationsOf.get(p.slug)!.map((t) => ({ lang: t.lang, title: t.title, summary: t.summary, body: t.body })),
      },
      ...p.source_hash && { sourceKey: p.source_hash },
    })),
  }
}

/** Where a value sits in the imported file: ['posts', 2, 'activity']. */
export type FilePath = (string | number)[]

/** A problem with one value of the file found while importing it; the file's reader turns `path` into a line. */
export class ArchiveReferenceError extends InvalidInputError {
  constructor(message: string, readonly path: FilePath) {
    super(message)
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

  // A slug names a record of this file or one the database already holds.
  const idOf = async (kind: string, map: Map<string, number>, slug: string, path: FilePath,
    find: (slug: string) => Promise<{ id: number } | undefined>) => {
    const known = map.get(slug) ?? (await find(slug))?.id
    if (known === undefined) throw new ArchiveReferenceError(`no ${kind} “${slug}” in the file or the database`, path)
    map.set(slug, known)
    return known
  }
  const orgId = (slug: string, path: FilePath) =>
    idOf('organization', orgIds, slug, path, (s) => organizations.findOrganizationBySlug(db, s))
  const personId = (slug: string, path: FilePath) => idOf('person', personIds, slug, path, (s) => people.findPersonBySlug(db, s))
  const activityId = (slug: string, path: FilePath) =>
    idOf('activity', activityIds, slug, path, (s) => activities.findActivityBySlug(db, s))
  const maybe = async <T>(slug: string | null, path: FilePath, resolve: (slug: string, path: FilePath) => Promise<T>) =>
    (slug ? resolve(slug, path) : null)

  for (const index of parentsFirst(archive.organizations)) {
    const org = archive.organizations[index]!
    const existing = await organizations.findOrganizationBySlug(db, org.slug)
    if (existing) {
      await updateRecorded(db, organizationStore, existing.id, actor, () => addOrganizationNames(db, existing.id, org.variants))
      orgIds.set(org.slug, existing.id)
      summary.linked.organizations++
      continue
    }
    const { id } = await createOrganization(db, {
      slug: org.slug, name: org.name, variants: org.variants, kind: org.kind, country: org.country,
      parentId: await maybe(org.parent, ['organizations', index, 'parent'], orgId), website: org.website,
    }, actor)
    orgIds.set(org.slug, id)
    summary.created.organizations++
  }

  for (const [index, person] of archive.people.entries()) {
    const affiliations: AffiliationInput[] = []
    for (const [i, a] of person.affiliations.entries()) {
      const organizationId = await orgId(a.organization, ['people', index, 'affiliations', i, 'organization'])
      affiliations.push({ organizationId, position: a.position, startsOn: a.from, endsOn: a.to })
    }
    const existing = await people.findPersonBySlug(db, person.slug)
    if (existing) {
      await updateRecorded(db, personStore, existing.id, actor, async () => {
        await addPersonNames(db, existing.id, person.variants)
        for (const a of affiliations) await addAffiliation(db, existing.id, a)
      })
      personIds.set(person.slug, existing.id)
      summary.linked.people++
      continue
    }
    const { id } = await createPerson(db, { ...person, affiliations }, actor)
    personIds.set(person.slug, id)
    summary.created.people++
  }

  for (const [index, activity] of archive.activities.entries()) {
    if (await activities.findActivityBySlug(db, activity.slug)) { summary.skipped++; continue }
    const participations = []
    for (const [i, p] of activity.participations.entries()) {
      const at = (field: string): FilePath => ['activities', index, 'participations', i, field]
      participations.push({
        personId: await maybe(p.person, at('person'), personId),
        organizationId: await maybe(p.organization, at('organization'), orgId),
        role: p.role, affiliationId: await maybe(p.affiliation, at('affiliation'), orgId), jobTitle: p.jobTitle,
        internal: p.internal,
      })
    }
    const { id } = await createActivity(db, { ...activity, participations }, actor)
    activityIds.set(activity.slug, id)
    summary.created.activities++
  }

  for (const [index, publication] of archive.publications.entries()) {
    if (await publications.findPublicationBySlug(db, publication.slug)) { summary.skipped++; continue }
    const contributors = []
    for (const [i, c] of publication.contributors.entries()) {
      const at = (field: string): FilePath => ['publications', index, 'contributors', i, field]
      contributors.push({
        personId: await maybe(c.person, at('person'), personId),
        organizationId: await maybe(c.organization, at('organization'), orgId), role: c.role,
      })
    }
    await createPublication(db, {
      slug: publication.slug, kind: publication.kind, title: publication.title, summary: publication.summary,
      publishedOn: publication.publishedOn,
      activityId: await maybe(publication.activity, ['publications', index, 'activity'], activityId),
      sampleSize: publication.method.sampleSize, regions: publication.method.regions, methods: publication.method.methods,
      contributors,
    }, actor)
    summary.created.publications++
  }

  for (const [index, post] of archive.posts.entries()) {
    if (await news.findPostBySlug(db, post.slug)) { summary.skipped++; continue }
    await createPost(db, {
      ...post,
      publishedAt: post.publishedAt ? new Date(post.publishedAt).toISOString() : null,
      activityId: await maybe(post.activity, ['posts', index, 'activity'], activityId),
      sourceHash: post.sourceKey ?? null,
    }, actor)
    summary.created.posts++
  }
  return summary
}

/** Indexes of the organizations in an order that creates each parent before its children. */
function parentsFirst(list: ArchiveOrganization[]): number[] {
  const indexOf = new Map(list.map((o, index) => [o.slug, index]))
  const done = new Set<number>(), visiting = new Set<number>(), ordered: number[] = []
  const visit = (index: number) => {
    if (done.has(index)) return
    const org = list[index]!
    if (visiting.has(index)) {
      const relation = org.parent === org.slug ? 'its own parent' : 'its own ancestor'
      throw new ArchiveReferenceError(`organization “${org.slug}” is ${relation}`, ['organizations', index, 'parent'])
    }
    visiting.add(index)
    const parent = org.parent ? indexOf.get(org.parent) : undefined
    if (parent !== undefined) visit(parent)
    visiting.delete(index)
    done.add(index)
    ordered.push(index)
  }
  list.forEach((_, index) => visit(index))
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
  const indexes = await loadIndexes(db)
  for (const record of records) await importActivityRecord(db, record, actor, options, indexes, summary)
  return summary
}

/** A record is a reviewed proposal: each name linked to the record it is sure of, or made anew. */
async function importActivityRecord(db: Db, record: ActivityRecord, actor: string, options: RecordImportOptions,
  indexes: Indexes, summary: ImportSummary) {
  const sourceHash = createHash('sha256').update(record.text).digest('hex')
  if (await news.findPostIdBySourceHash(db, sourceHash)) { summary.skipped++; return }

  const lang = detectLanguage(record.text)
  const title = titleFromRecord(record, lang)
  const made = await makeRecord(db, proposeRecord(record, indexes), actor, title)
  summary.created.people += made.created.people
  summary.created.organizations += made.created.organizations
  summary.linked.people += made.linked.people
  summary.linked.organizations += made.linked.organizations
  summary.created.activities++

  const now = options.now ?? new Date()
  await createPost(db, {
    lang, title, summary: summaryFromText(record.text), body: bodyFromText(record.text),
    status: options.publish ? 'published' : 'draft',
    publishedAt: options.publish ? (record.date ? `${record.date}T00:00:00.000Z` : now.toISOString()) : null,
    activityId: made.activityId, links: [...new Set(record.links)].filter(isHttpUrl).map((url) => ({ url, label: null })),
    sourceHash,
  }, actor)
  summary.created.posts++
}

function isHttpUrl(value: string) {
  try { return ['http:', 'https:'].includes(new URL(value).protocol) } catch { return false }
}
