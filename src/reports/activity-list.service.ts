import type { Db } from '../db/database.ts'
import { localPath, t } from '../i18n/locale.ts'
import type { MessageKey } from '../i18n/messages/index.ts'
import { findInstitute } from '../insights/institute.ts'
import { NotFoundError } from '../lib/errors.ts'
import { nowIso } from '../lib/time.ts'
import { findPersonById, findPersonBySlug } from '../people/person.repository.ts'
import { creditLabel } from '../publications/publication.labels.ts'
import { formatDate, formatDateRange, formatPlace, kindLabel } from '../web/format.ts'
import * as repo from './report.repository.ts'
import { groupBy } from '../lib/group-by.ts'

/** A link in a list: where it leads, and whether the public can follow it. */
export interface ListLink {
  url: string
  title: string
  isPublic: boolean
}

export interface ActivityListRow {
  year: string
  date: string
  activity: string
  kind: string
  role: string
  position: string
  colleagues: string
  place: string
  posts: ListLink[]
  internal: boolean
}

export interface ActivityList {
  person: { id: number; slug: string; name: string }
  title: string
  /** Under the title: whose records, as of when, and which. */
  note: string
  internal: boolean
  columns: {
    year: string; date: string; activity: string; kind: string; role: string; position: string; colleagues: string
    place: string; posts: string; internal: string
  }
  /** Newest year first; undated activities last. */
  years: { year: string; rows: ActivityListRow[] }[]
  publicationsHeading: string
  publicationColumns: { year: string; citation: string; role: string; link: string }
  publications: { year: string; citation: string; role: string; link: ListLink }[]
  noActivities: string
  /** Without extension: "botagoz-rakisheva-activities". */
  fileName: string
}

export interface ActivityListOptions {
  /** Internal activities and participations too, marked; posts not yet public link to the admin. */
  internal: boolean
  /** The INSTITUTE setting, for "colleagues from the institute". */
  institute: string | null
  /** The absolute address of a site path ("/news/x" → "https://site/ru/news/x"). */
  url: (path: string) => string
  now?: Date
}

/**
 * A person's activities by year with their role, the position they held at the time, the institute's people
 * taking part with them, the place and the news about each; then their publications as citations. In the current
 * language (the request's). Public records only unless `internal`.
 */
export async function getActivityList(db: Db, person: { slug: string } | { id: number }, options: ActivityListOptions): Promise<ActivityList> {
  const found = 'slug' in person ? await findPersonBySlug(db, person.slug) : await findPersonById(db, person.id)
  if (!found) throw new NotFoundError('person', 'slug' in person ? person.slug : person.id)
  const { internal } = options
  const [institute, participations, affiliations, publications] = await Promise.all([
    findInstitute(db, options.institute),
    repo.findParticipationsOfPerson(db, found.id, internal),
    repo.findAffiliationsOfPerson(db, found.id),
    repo.findPublicationsOfPerson(db, found.id),
  ])
  const activityIds = [...new Set(participations.map((p) => p.id))]
  const [colleagues, posts, contributors] = await Promise.all([
    institute ? repo.findStaffInActivities(db, activityIds, institute.id, internal) : [],
    repo.findPostsOfActivities(db, activityIds),
    repo.findContributorsOfPublications(db, publications.map((p) => p.id)),
  ])
  const now = nowIso(options.now)
  const colleaguesOf = groupBy(colleagues.filter((c) => c.person_id !== found.id), (c) => c.activity_id)
  const postsOf = groupBy(posts, (p) => p.activity_id)
  const contributorsOf = groupBy(contributors, (c) => c.publication_id)

  const rows: ActivityListRow[] = []
  // A person with two roles in one activity is one row with both.
  for (const group of groupConsecutive(participations, (p) => p.id)) {
    const a = group[0]!
    const rowInternal = a.activity_internal === 1 || group.some((p) => p.is_internal === 1)
    rows.push({
      year: a.starts_on?.slice(0, 4) ?? t('year.undated'),
      date: a.starts_on ? formatDateRange(a.starts_on, a.ends_on) : '',
      activity: a.name ?? kindLabel(a.kind) ?? t('activity.fallback'),
      kind: kindLabel(a.kind) ?? '',
      role: [...new Set(group.map((p) => p.role))].map((r) => t(`role.${r}` as MessageKey)).join(', '),
      position: positionAt(group, affiliations, a.starts_on),
      colleagues: (colleaguesOf.get(a.id) ?? []).map((c) => c.person_name).join(', '),
      place: formatPlace(a.city, a.country) ?? '',
      posts: (postsOf.get(a.id) ?? []).flatMap((p): ListLink[] => {
        const isPublic = a.activity_internal === 0 && (p.status === 'published' || p.status === 'scheduled')
          && p.published_at !== null && p.published_at <= now
        if (isPublic) return [{ url: options.url(localPath(`/news/${p.slug}`)), title: p.title, isPublic }]
        return internal ? [{ url: options.url(`/admin/posts/${p.id}`), title: p.title, isPublic }] : []
      }),
      internal: rowInternal,
    })
  }
  const years: ActivityList['years'] = []
  for (const row of rows) {
    const last = years.at(-1)
    if (last?.year === row.year) last.rows.push(row)
    else years.push({ year: row.year, rows: [row] })
  }

  return {
    person: { id: found.id, slug: found.slug, name: found.name },
    title: t('activityList.title', { name: found.name }),
    note: internal ? t('activityList.noteInternal', { date: formatDate(now) }) : t('activityList.notePublic', { date: formatDate(now) }),
    internal,
    columns: {
      year: t('activityList.col.year'), date: t('activityList.col.date'), activity: t('activityList.col.activity'),
      kind: t('activityList.col.kind'), role: t('activityList.col.role'), position: t('activityList.col.position'),
      colleagues: t('activityList.col.colleagues'), place: t('activityList.col.place'), posts: t('activityList.col.posts'),
      internal: t('activityList.col.internal'),
    },
    years,
    publicationsHeading: t('activityList.publications'),
    publicationColumns: { year: t('activityList.col.year'), citation: t('activityList.col.citation'), role: t('activityList.col.role'),
      link: t('activityList.col.link') },
    publications: publications.map((p) => ({
      year: p.published_on?.slice(0, 4) ?? t('year.undated'),
      citation: citationOf(p, contributorsOf.get(p.id) ?? [], found.name),
      role: creditLabel(p.role),
      link: { url: options.url(localPath(`/publications/${p.slug}`)), title: p.title, isPublic: true },
    })),
    noActivities: t('activityList.none'),
    fileName: `${found.slug}-activities`,
  }
}


function groupConsecutive<T, K>(items: T[], keyOf: (item: T) => K) {
  const groups: T[][] = []
  for (const item of items) {
    const last = groups.at(-1)
    if (last && keyOf(last[0]!) === keyOf(item)) last.push(item)
    else groups.push([item])
  }
  return groups
}

type Participation = Awaited<ReturnType<typeof repo.findParticipationsOfPerson>>[number]
type Affiliation = Awaited<ReturnType<typeof repo.findAffiliationsOfPerson>>[number]

const held = (a: Affiliation, date: string | null) =>
  !date || ((!a.starts_on || a.starts_on <= date) && (!a.ends_on || a.ends_on >= date))

/**
 * What the news said the person was at the time (the participation's job title), else their position at the
 * organization the participation names, else a position they held on the activity's date.
 */
function positionAt(group: Participation[], affiliations: Affiliation[], date: string | null) {
  const said = group.find((p) => p.job_title)?.job_title
  if (said) return said
  const named = group.find((p) => p.affiliation_id !== null)?.affiliation_id
  const candidates = named !== undefined
    ? affiliations.filter((a) => a.organization_id === named)
    : affiliations.filter((a) => a.position && held(a, date))
  const chosen = candidates.find((a) => held(a, date)) ?? candidates[0]
  if (!chosen) return ''
  return [chosen.position, chosen.organization_name].filter(Boolean).join(', ')
}

type Publication = Awaited<ReturnType<typeof repo.findPublicationsOfPerson>>[number]
type Contributor = Awaited<ReturnType<typeof repo.findContributorsOfPublications>>[number]

/** "Rakisheva B., Abenova S. (2024). Title. Commissioner." — authors (or else the people credited), year, title, commissioner or publisher. */
export function citationOf(p: Pick<Publication, 'title' | 'published_on'>, contributors: Contributor[], fallbackAuthor: string) {
  const nameOf = (c: Contributor) => c.person_name ?? c.organization_name
  const names = (list: Contributor[]) => [...new Set(list.map(nameOf).filter((n): n is string => !!n))]
  let authors = names(contributors.filter((c) => c.role === 'author'))
  if (!authors.length) authors = names(contributors.filter((c) => c.person_id !== null))
  if (!authors.length) authors = [fallbackAuthor]
  let publishers = names(contributors.filter((c) => c.role === 'commissioner'))
  if (!publishers.length) publishers = names(contributors.filter((c) => c.organization_id !== null && !authors.includes(c.organization_name ?? '')))
  const year = p.published_on?.slice(0, 4) ?? t('year.undated')
  const end = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`)
  return [end(authors.join(', ')), `(${year}).`, end(p.title), ...(publishers.length ? [end(publishers.join(', '))] : [])].join(' ')
}
