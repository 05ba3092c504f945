import type { Insertable, Kysely } from 'kysely'
import type { Database, Db, ParticipationTable, PostTable, PublicationContributorTable } from '../src/db/database.ts'
import { isAcronym, nameKey } from '../src/lib/names.ts'
import { slugify } from '../src/lib/slug.ts'
import { rebuildListings } from '../src/listings/index.ts'
import { FORMATS, KIND_LABELS, KINDS, type Kind, type OrganizationKind, PUBLICATION_KINDS,
  type ParticipationRole } from '../src/lib/vocabulary.ts'
import { batchWriter } from './batch.ts'
import { createRandom, type Random } from './random.ts'
import * as samples from './samples.ts'

export interface ArchiveShape {
  /** One activity per post. */
  posts: number
  people: number
  organizations: number
  publications: number
  busyPersonActivities: number
  busyOrganizationActivities: number
}

export const FULL_ARCHIVE: ArchiveShape = {
  posts: 100_000, people: 20_000, organizations: 8_000, publications: 2_000,
  busyPersonActivities: 2_000, busyOrganizationActivities: 10_000,
}

/** The pages where slow queries show first: the busiest person and organization, the most crowded post. */
export interface Landmarks {
  busyPersonSlug: string
  /** The last person, whom the skewed picks almost never choose: a filter on them finds a handful. */
  quietPersonSlug: string
  busyOrganizationSlug: string
  crowdedPostSlug: string
  rows: number
}

const DAY = 86_400_000
const YEARS_OF_HISTORY = 15
const DAYS_AHEAD = 60
export const MAX_PARTICIPANTS = 15
// Row 1 of person and of organization is the busy one; random picks start after it.
const BUSY_ID = 1
const INSTITUTE = { name: 'Public Opinion Research Institute', acronym: 'PORI' }
const DIRECTOR = { name: 'Saule Abenova', honorific: 'Dr.', position: 'Director' }
const INSTITUTE_STAFF = 300

const PERSON_ROLES: ParticipationRole[] = ['speaker', 'speaker', 'speaker', 'participant', 'participant', 'moderator',
  'discussant', 'mentioned']
const ORGANIZATION_ROLES: ParticipationRole[] = ['partner', 'partner', 'supporter', 'participant', 'commissioner',
  'mentioned', 'organizer']
const KIND_OF_FORM: Record<string, OrganizationKind> = {
  University: 'university', School: 'university', Academy: 'research', Institute: 'research', Centre: 'research',
  Observatory: 'research', Ministry: 'government', Committee: 'government', Agency: 'government', Office: 'government',
  Foundation: 'ngo', Association: 'ngo', Network: 'ngo', Council: 'international', Bureau: 'media',
}

interface Clock {
  now: number
  start: number
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)
const iso = (ms: number) => new Date(ms).toISOString()

/** Fills an empty, migrated database with an archive of this shape; the same seed and `now` give the same archive. */
export async function buildArchive(db: Kysely<Database>, shape: ArchiveShape, seed: number, now = new Date()): Promise<Landmarks> {
  const random = createRandom(seed)
  const clock = { now: now.getTime(), start: now.getTime() - YEARS_OF_HISTORY * 365 * DAY }
  return db.transaction().execute(async (trx) => {
    const organizations = await writeOrganizations(trx, random, shape, clock)
    const people = await writePeople(trx, random, shape, clock)
    const activities = await writeActivities(trx, random, shape, people.affiliationOf, clock)
    const publications = await writePublications(trx, random, shape, clock)
    // The rows went in without revisions: the lists' copies and counts are made for all of them at once.
    await rebuildListings(trx)
    return {
      busyPersonSlug: people.busySlug,
      quietPersonSlug: people.lastSlug,
      busyOrganizationSlug: organizations.busySlug,
      crowdedPostSlug: activities.crowdedPostSlug,
      rows: organizations.rows + people.rows + activities.rows + publications.rows,
    }
  })
}

/** base, base-2, base-3…: the slugs the app's own uniqueSlug would give. */
function slugBook() {
  const used = new Set<string>()
  const counters = new Map<string, number>()
  return (base: string) => {
    let n = counters.get(base) ?? 1
    let slug = n === 1 ? base : `${base}-${n}`
    while (used.has(slug)) slug = `${base}-${++n}`
    counters.set(base, n + 1)
    used.add(slug)
    return slug
  }
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

async function flushAll(...writers: { flush(): Promise<void> }[]) {
  for (const writer of writers) await writer.flush()
}

function acronymOf(name: string) {
  return name.split(' ').filter((w) => /^\p{Lu}/u.test(w)).map((w) => w[0]).join('')
}

async function writeOrganizations(db: Db, random: Random, shape: ArchiveShape, clock: Clock) {
  const organizations = batchWriter(db, 'organization')
  const names = batchWriter(db, 'organization_name', [organizations])
  const slugOf = slugBook()
  const created = iso(clock.start)
  let busySlug = ''
  for (let id = 1; id <= shape.organizations; id++) {
    const [city, country] = random.pick(samples.PLACES)
    const form = random.pick(samples.ORGANIZATION_FORMS)
    const name = id === BUSY_ID ? INSTITUTE.name : `${city} ${form} of ${random.pick(samples.ORGANIZATION_FIELDS)}`
    const slug = slugOf(slugify(name))
    if (id === BUSY_ID) busySlug = slug
    // Parents come from the first rows, already written when a child refers to them.
    const parentId = id > 1000 && random.chance(0.1) ? random.int(1, 500) : null
    await organizations.add({
      id, slug, name, kind: id === BUSY_ID ? 'research' : KIND_OF_FORM[form] ?? 'other', country, parent_id: parentId,
      website: random.chance(0.5) ? `https://${slug}.example.org` : null, created_at: created, updated_at: created,
    })
    const acronym = id === BUSY_ID ? INSTITUTE.acronym : random.chance(0.4) ? acronymOf(name) : null
    for (const variant of acronym ? [name, acronym] : [name]) {
      await names.add({ organization_id: id, name: variant, name_key: nameKey(variant), is_acronym: isAcronym(variant) ? 1 : 0 })
    }
  }
  await flushAll(organizations, names)
  return { busySlug, rows: organizations.written + names.written }
}

async function writePeople(db: Db, random: Random, shape: ArchiveShape, clock: Clock) {
  const people = batchWriter(db, 'person')
  const names = batchWriter(db, 'person_name', [people])
  const affiliations = batchWriter(db, 'affiliation', [people])
  const slugOf = slugBook()
  const created = iso(clock.start)
  // The organization a participation names as the person's affiliation at the time.
  const affiliationOf = new Int32Array(shape.people + 1)
  let busySlug = ''
  let lastSlug = ''
  for (let id = 1; id <= shape.people; id++) {
    const given = random.pick(samples.GIVEN_NAMES)
    const family = random.pick(samples.FAMILY_NAMES)
    const name = id === BUSY_ID ? DIRECTOR.name : `${given} ${family}`
    const slug = slugOf(slugify(name))
    if (id === BUSY_ID) busySlug = slug
    lastSlug = slug
    await people.add({
      id, slug, name,
      honorific: id === BUSY_ID ? DIRECTOR.honorific : random.chance(0.25) ? random.pick(samples.HONORIFICS) : null,
      degree: random.chance(0.3) ? random.pick(samples.DEGREES) : null,
      biography: random.chance(0.2) ? `${name} works on ${random.pick(samples.TOPICS)}.` : null,
      created_at: created, updated_at: created,
    })
    const variants = id !== BUSY_ID && random.chance(0.25) ? [name, `${family} ${given}`] : [name]
    for (const variant of variants) await names.add({ person_id: id, name: variant, name_key: nameKey(variant) })
    const organizationIds = affiliationsOf(random, id, shape.organizations)
    affiliationOf[id] = organizationIds[0] ?? 0
    for (const organizationId of organizationIds) {
      await affiliations.add({
        person_id: id, organization_id: organizationId,
        position: id === BUSY_ID ? DIRECTOR.position : random.chance(0.7) ? random.pick(samples.POSITIONS) : null,
        starts_on: random.chance(0.5) ? isoDay(clock.start + random.int(0, YEARS_OF_HISTORY * 365) * DAY) : null,
        ends_on: null,
      })
    }
  }
  await flushAll(people, names, affiliations)
  return { busySlug, lastSlug, affiliationOf, rows: people.written + names.written + affiliations.written }
}

function affiliationsOf(random: Random, personId: number, organizations: number): number[] {
  if (personId <= INSTITUTE_STAFF) return [BUSY_ID]
  const first = random.chance(0.6) ? random.skewed(BUSY_ID + 1, organizations, 1.3) : 0
  if (!first) return []
  const second = random.chance(0.25) ? random.skewed(BUSY_ID + 1, organizations, 1.3) : first
  return second === first ? [first] : [first, second]
}

function flagsOf(random: Random, count: number, size: number) {
  const flags = new Uint8Array(size + 1)
  for (const id of random.sample(count, 1, size)) flags[id] = 1
  return flags
}

async function writeActivities(db: Db, random: Random, shape: ArchiveShape, affiliationOf: Int32Array, clock: Clock) {
  const activities = batchWriter(db, 'activity')
  const participations = batchWriter(db, 'participation', [activities])
  const posts = batchWriter(db, 'post', [activities])
  const links = batchWriter(db, 'post_link', [posts])
  const busyPerson = flagsOf(random, shape.busyPersonActivities, shape.posts)
  const busyOrganization = flagsOf(random, shape.busyOrganizationActivities, shape.posts)
  const activitySlugOf = slugBook()
  const postSlugOf = slugBook()
  let crowdedPostSlug = ''
  for (let id = 1; id <= shape.posts; id++) {
    const kind = random.pick(KINDS)
    const topic = random.pick(samples.TOPICS)
    const [city, country] = random.pick(samples.PLACES)
    const startsAt = clock.start + random.int(0, YEARS_OF_HISTORY * 365 + DAYS_AHEAD) * DAY
    const internal = random.chance(0.02)
    const name = random.chance(0.8) ? capitalize(topic) : null
    await activities.add({
      id, slug: activitySlugOf(slugify(`${isoDay(startsAt)} ${name ?? kind}`)), kind, name,
      starts_on: isoDay(startsAt), ends_on: multiDay(kind) ? isoDay(startsAt + random.int(1, 2) * DAY) : null,
      city, country, format: random.chance(0.9) ? random.pick(FORMATS) : null, is_internal: internal ? 1 : 0,
      created_at: iso(Math.min(startsAt, clock.now)), updated_at: iso(Math.min(startsAt, clock.now)),
    })
    const parties = participationsOf(random, id, shape, affiliationOf,
      { person: busyPerson[id] === 1, organization: busyOrganization[id] === 1 })
    for (const row of parties) await participations.add(row)
    const post = postAbout(random, { id, kind, topic, city, startsAt }, clock)
    const slug = postSlugOf(slugify(post.title))
    await posts.add({ ...post, id, slug })
    for (const link of linksOf(random, slug)) await links.add({ ...link, post_id: id })
    const isPublic = !internal && post.status === 'published' && post.published_at! <= iso(clock.now)
    if (!crowdedPostSlug && isPublic && parties.length === MAX_PARTICIPANTS) crowdedPostSlug = slug
  }
  await flushAll(activities, participations, posts, links)
  return { crowdedPostSlug, rows: activities.written + participations.written + posts.written + links.written }
}

const multiDay = (kind: Kind) => kind === 'conference' || kind === 'forum'

function participationsOf(random: Random, activityId: number, shape: ArchiveShape, affiliationOf: Int32Array,
  busy: { person: boolean; organization: boolean }): Insertable<ParticipationTable>[] {
  const count = random.int(3, MAX_PARTICIPANTS)
  const people = new Set<number>()
  const organizations = new Set<number>()
  if (busy.organization) organizations.add(BUSY_ID)
  if (busy.person) people.add(BUSY_ID)
  while (people.size + organizations.size < count) {
    if (random.chance(0.7)) people.add(random.skewed(BUSY_ID + 1, shape.people, 1.5))
    else organizations.add(random.skewed(BUSY_ID + 1, shape.organizations, 1.5))
  }
  const rows: Insertable<ParticipationTable>[] = []
  const row = (fields: Partial<Insertable<ParticipationTable>> & { role: ParticipationRole }) => rows.push({
    activity_id: activityId, person_id: null, organization_id: null, position: rows.length, affiliation_id: null,
    job_title: null, is_internal: random.chance(0.01) ? 1 : 0, ...fields,
  })
  for (const id of organizations) {
    const role = id === BUSY_ID ? (random.chance(0.9) ? 'organizer' : 'partner') : random.pick(ORGANIZATION_ROLES)
    row({ organization_id: id, role })
  }
  for (const id of people) {
    row({
      person_id: id, role: rows.length === 0 ? 'organizer' : random.pick(PERSON_ROLES),
      affiliation_id: affiliationOf[id] && random.chance(0.5) ? affiliationOf[id] : null,
      job_title: random.chance(0.3) ? random.pick(samples.POSITIONS) : null,
    })
  }
  return rows
}

interface PostSubject {
  id: number
  kind: Kind
  topic: string
  city: string
  startsAt: number
}

/** Mostly published after the activity; announcements of upcoming ones; a few drafts, posts in review and scheduled posts. */
function postAbout(random: Random, activity: PostSubject, clock: Clock): Omit<Insertable<PostTable>, 'slug'> {
  const title = `${KIND_LABELS[activity.kind]} on ${activity.topic} in ${activity.city}`
  const roll = random.next()
  const status = roll < 0.015 ? 'draft' : roll < 0.02 ? 'review' : roll < 0.03 ? 'scheduled' : 'published'
  const publishedAt = status === 'draft' || status === 'review' ? null
    : status === 'scheduled' ? clock.now + random.int(1, 30) * DAY
    : activity.startsAt > clock.now ? clock.now - random.int(1, 20) * DAY
    : Math.min(activity.startsAt + random.int(0, 3) * DAY + random.int(8, 20) * 3_600_000, clock.now - 60_000)
  const written = iso(publishedAt ?? clock.now)
  return {
    lang: 'en', title,
    summary: `The institute held a ${KIND_LABELS[activity.kind].toLowerCase()} on ${activity.topic} in ${activity.city}.`,
    body: postBody(random, activity), status, published_at: publishedAt === null ? null : iso(publishedAt),
    activity_id: activity.id, source_hash: null, created_at: written, updated_at: written,
  }
}

function postBody(random: Random, activity: PostSubject) {
  const sentences = (n: number) => Array.from({ length: n }, () => random.pick(samples.SENTENCES)).join(' ')
  const paragraphs = [
    `The institute held a ${KIND_LABELS[activity.kind].toLowerCase()} on **${activity.topic}** in ${activity.city}. ${sentences(2)}`,
    sentences(random.int(2, 3)),
  ]
  if (random.chance(0.3)) {
    paragraphs.push(`Topics discussed:\n\n${Array.from({ length: 3 }, () => `- ${random.pick(samples.TOPICS)}`).join('\n')}`)
  }
  paragraphs.push(sentences(random.int(1, 2)))
  return paragraphs.join('\n\n')
}

function linksOf(random: Random, postSlug: string) {
  if (!random.chance(0.2)) return []
  return Array.from({ length: random.int(1, 2) }, (_, position) => ({
    position, url: `https://media.example.org/${postSlug}/${position + 1}`,
    label: random.chance(0.8) ? random.pick(samples.LINK_LABELS) : null,
  }))
}

async function writePublications(db: Db, random: Random, shape: ArchiveShape, clock: Clock) {
  const publications = batchWriter(db, 'publication')
  const contributors = batchWriter(db, 'publication_contributor', [publications])
  const slugOf = slugBook()
  for (let id = 1; id <= shape.publications; id++) {
    const kind = random.pick(PUBLICATION_KINDS)
    const publishedOn = isoDay(clock.start + random.int(0, YEARS_OF_HISTORY * 365) * DAY)
    const title = `${capitalize(random.pick(samples.TOPICS))}: ${kind} of ${publishedOn.slice(0, 4)}`
    await publications.add({
      id, slug: slugOf(slugify(title)), kind, title, summary: random.chance(0.6) ? random.pick(samples.SENTENCES) : null,
      published_on: publishedOn, activity_id: random.chance(0.3) ? random.int(1, shape.posts) : null,
      sample_size: kind === 'dataset' || kind === 'report' ? random.int(300, 3000) : null,
      regions: null, methods: null, created_at: iso(clock.start), updated_at: iso(clock.start),
    })
    for (const contributor of contributorsOf(random, shape)) await contributors.add({ ...contributor, publication_id: id })
  }
  await flushAll(publications, contributors)
  return { rows: publications.written + contributors.written }
}

function contributorsOf(random: Random, shape: ArchiveShape) {
  const authors = new Set<number>()
  const count = random.int(1, 4)
  if (random.chance(0.02)) authors.add(BUSY_ID)
  while (authors.size < count) authors.add(random.skewed(BUSY_ID + 1, shape.people, 1.5))
  const rows: Omit<Insertable<PublicationContributorTable>, 'publication_id'>[] = [...authors]
    .map((personId, position) => ({ person_id: personId, organization_id: null, role: 'author', position }))
  // The institute publishes most of what its people write.
  if (random.chance(0.5)) rows.push({ person_id: null, organization_id: BUSY_ID, role: 'publisher', position: rows.length })
  return rows
}
