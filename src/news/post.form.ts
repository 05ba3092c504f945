import { activityStore } from '../activities/activity.store.ts'
import type { Db } from '../db/database.ts'
import { nameKey } from '../lib/names.ts'
import { findOrganizationById, findOrganizationBySlug, findOrganizationIdsByNameKey } from '../organizations/organization.repository.ts'
import { findPersonBySlug } from '../people/person.repository.ts'
import { currentVersion } from '../revisions/index.ts'
import { POST_LANGUAGES } from './post.schema.ts'
import type { PostSnapshot } from './post.store.ts'
import { postToInput } from './post.write.ts'
import { fromAlmatyLocal, toAlmatyLocal } from './views/almaty-time.ts'

// The post editor's form as the person typed it: every value a string (or a tick), so that a
// form with mistakes comes back exactly as it was sent.

export interface ParticipantRow {
  type: string
  name: string
  /** Set when an existing record was chosen with the picker (or the post was opened with it). */
  slug: string
  role: string
  jobTitle: string
  affiliationName: string
  affiliation: string
  internal: boolean
}

export interface LinkRow {
  url: string
  label: string
}

export interface TranslationFields {
  title: string
  summary: string
  body: string
}

export interface ActivityFields {
  kind: string
  name: string
  startsOn: string
  endsOn: string
  city: string
  country: string
  format: string
  internal: boolean
  participants: ParticipantRow[]
  /** The post reports an activity already: it stays linked even with every field emptied, unless detached. */
  linked: boolean
  detach: boolean
}

export interface PostForm {
  title: string
  slug: string
  lang: string
  summary: string
  body: string
  status: string
  /** datetime-local text, in Almaty time. */
  publishedAt: string
  links: LinkRow[]
  translations: Record<string, TranslationFields>
  activity: ActivityFields
  /** The versions the form was opened on (currentVersion), as sent back in hidden fields. */
  versions: { post: string; activity: string }
  /** How many empty rows to offer below the filled ones. */
  spareParticipants: number
  spareLinks: number
}

export const DEFAULT_SPARE_PARTICIPANTS = 3
export const DEFAULT_SPARE_LINKS = 2
const MAX_SPARE_ROWS = 30
const MAX_PARTICIPANT_ROWS = 500
const MAX_LINK_ROWS = 50

export const emptyParticipant = (): ParticipantRow => ({
  type: 'person', name: '', slug: '', role: 'participant', jobTitle: '', affiliationName: '', affiliation: '', internal: false,
})

const emptyTranslation = (): TranslationFields => ({ title: '', summary: '', body: '' })

export function emptyPostForm(): PostForm {
  return {
    title: '', slug: '', lang: 'en', summary: '', body: '', status: 'draft', publishedAt: '', links: [],
    translations: Object.fromEntries(POST_LANGUAGES.map((lang) => [lang, emptyTranslation()])),
    activity: {
      kind: '', name: '', startsOn: '', endsOn: '', city: '', country: '', format: '', internal: false, participants: [],
      linked: false, detach: false,
    },
    versions: { post: '', activity: '' },
    spareParticipants: DEFAULT_SPARE_PARTICIPANTS, spareLinks: DEFAULT_SPARE_LINKS,
  }
}

type Body = Record<string, unknown>

const text = (body: Body, key: string) => {
  const value = body[key]
  return typeof value === 'string' ? value : ''
}
const ticked = (body: Body, key: string) => text(body, key) !== ''

/** Row numbers present in the body under a prefix ("links." → 0, 1, 4), in order. */
function rowNumbers(body: Body, prefix: string, max: number) {
  const numbers = new Set<number>()
  for (const key of Object.keys(body)) {
    if (!key.startsWith(prefix)) continue
    const n = Number(/^(\d{1,4})\./.exec(key.slice(prefix.length))?.[1])
    if (Number.isInteger(n)) numbers.add(n)
  }
  return [...numbers].sort((a, b) => a - b).slice(0, max)
}

const hasParticipantContent = (p: ParticipantRow) => !!(p.name.trim() || p.slug || p.jobTitle.trim() || p.affiliationName.trim())
const hasTranslationContent = (t: TranslationFields | undefined) => !!t && !!(t.title.trim() || t.summary.trim() || t.body.trim())

/** The form as sent. Empty rows are dropped, so a row's number is also its place in the input. */
export function postFormFromBody(body: Body): PostForm {
  const spare = (key: string, fallback: number) => {
    const n = Number.parseInt(text(body, key), 10)
    return Number.isInteger(n) && n >= 0 ? Math.min(n, MAX_SPARE_ROWS) : fallback
  }
  const participants = rowNumbers(body, 'activity.participants.', MAX_PARTICIPANT_ROWS).map((n): ParticipantRow => {
    const field = (name: string) => text(body, `activity.participants.${n}.${name}`)
    return {
      type: field('type') || 'person', name: field('name'), slug: field('slug'), role: field('role') || 'participant',
      jobTitle: field('jobTitle'), affiliationName: field('affiliationName'), affiliation: field('affiliation'),
      internal: ticked(body, `activity.participants.${n}.internal`),
    }
  }).filter(hasParticipantContent)
  const links = rowNumbers(body, 'links.', MAX_LINK_ROWS)
    .map((n) => ({ url: text(body, `links.${n}.url`), label: text(body, `links.${n}.label`) }))
    .filter((l) => l.url.trim() || l.label.trim())
  return {
    title: text(body, 'title'), slug: text(body, 'slug'), lang: text(body, 'lang') || 'en', summary: text(body, 'summary'),
    body: text(body, 'body'), status: text(body, 'status') || 'draft', publishedAt: text(body, 'publishedAt'), links,
    translations: Object.fromEntries(POST_LANGUAGES.map((lang) => [lang, {
      title: text(body, `translations.${lang}.title`), summary: text(body, `translations.${lang}.summary`),
      body: text(body, `translations.${lang}.body`),
    }])),
    activity: {
      kind: text(body, 'activity.kind'), name: text(body, 'activity.name'), startsOn: text(body, 'activity.startsOn'),
      endsOn: text(body, 'activity.endsOn'), city: text(body, 'activity.city'), country: text(body, 'activity.country'),
      format: text(body, 'activity.format'), internal: ticked(body, 'activity.internal'), participants,
      linked: ticked(body, 'activity.linked'), detach: ticked(body, 'activity.detach'),
    },
    versions: { post: text(body, 'versions.post'), activity: text(body, 'versions.activity') },
    spareParticipants: spare('spareParticipants', DEFAULT_SPARE_PARTICIPANTS),
    spareLinks: spare('spareLinks', DEFAULT_SPARE_LINKS),
  }
}

/** Languages with a version in the form, in a fixed order: the order of `translations` in the input. */
export function translationLanguages(form: PostForm) {
  return POST_LANGUAGES.filter((lang) => hasTranslationContent(form.translations[lang]))
}

/** Languages to offer a version for: the others than the main one, and any that holds text. */
export function offeredLanguages(form: PostForm) {
  return POST_LANGUAGES.filter((lang) => lang !== form.lang || hasTranslationContent(form.translations[lang]))
}

export function hasActivity(a: ActivityFields) {
  if (a.detach) return false
  return a.linked || !!(a.kind || a.name.trim() || a.startsOn || a.endsOn || a.city.trim() || a.country.trim() || a.format || a.internal
    || a.participants.length)
}

const orNull = (value: string) => value.trim() || null

/** The form in the shape of PostInputSchema, for the write services to validate. */
export function postFormToInput(form: PostForm) {
  const a = form.activity
  return {
    slug: form.slug.trim() || undefined,
    lang: form.lang,
    title: form.title,
    summary: form.summary,
    body: form.body,
    status: form.status,
    publishedAt: fromAlmatyLocal(form.publishedAt),
    links: form.links.map((l) => ({ url: l.url.trim(), label: orNull(l.label) })),
    translations: translationLanguages(form).map((lang) => ({ lang, ...form.translations[lang]! })),
    activity: hasActivity(a) ? {
      kind: a.kind || null, name: orNull(a.name), startsOn: a.startsOn || null, endsOn: a.endsOn || null,
      city: orNull(a.city), country: orNull(a.country), format: a.format || null, internal: a.internal,
      participants: a.participants.map((p) => ({
        type: p.type, slug: p.slug || undefined, name: p.name.trim() || undefined, role: p.role,
        affiliation: p.affiliation || null, jobTitle: orNull(p.jobTitle), internal: p.internal,
      })),
    } : null,
  }
}

/** The versions a form sends back: undefined where the form carried none (a new post or activity). */
export function formVersions(form: PostForm) {
  const version = (value: string) => (/^\d+$/.test(value) ? Number(value) : undefined)
  return { post: version(form.versions.post), activity: version(form.versions.activity) }
}

/** The saved post as a form, with the versions it was read at. */
export async function postFormFromSnapshot(db: Db, post: PostSnapshot): Promise<PostForm> {
  const input = await postToInput(db, post)
  const form = emptyPostForm()
  Object.assign(form, {
    title: input.title, slug: input.slug ?? '', lang: input.lang, summary: input.summary, body: input.body,
    status: input.status, publishedAt: toAlmatyLocal(input.publishedAt),
    links: input.links.map((l) => ({ url: l.url, label: l.label ?? '' })),
  })
  for (const t of input.translations) form.translations[t.lang] = { title: t.title, summary: t.summary, body: t.body }
  if (input.activity) {
    const a = input.activity
    const participants: ParticipantRow[] = []
    for (const p of a.participants) {
      const affiliation = p.affiliation ? await findOrganizationBySlug(db, p.affiliation) : undefined
      participants.push({
        type: p.type, name: p.name ?? '', slug: p.slug ?? '', role: p.role, jobTitle: p.jobTitle ?? '',
        affiliationName: affiliation?.name ?? '', affiliation: affiliation?.slug ?? '', internal: p.internal,
      })
    }
    form.activity = {
      kind: a.kind ?? '', name: a.name ?? '', startsOn: a.startsOn ?? '', endsOn: a.endsOn ?? '', city: a.city ?? '',
      country: a.country ?? '', format: a.format ?? '', internal: a.internal, participants, linked: true, detach: false,
    }
  }
  form.versions = await versionsOf(db, post)
  return form
}

/** The versions of the post and its activity as saved now, for a form's hidden fields. */
export async function versionsOf(db: Db, post: Pick<PostSnapshot, 'id' | 'activityId'>) {
  return {
    post: String(await currentVersion(db, 'post', post.id)),
    activity: post.activityId && await activityStore.load(db, post.activityId)
      ? String(await currentVersion(db, 'activity', post.activityId)) : '',
  }
}

/**
 * Matches what the pickers left in the hidden fields with the names shown. A chosen record whose
 * name was then typed over is forgotten, so the typed name counts (without JavaScript the hidden
 * field cannot follow the text). An affiliation must be a known organization: a name that finds
 * exactly one is taken, otherwise a problem names the row.
 */
export async function reconcilePickers(db: Db, form: PostForm): Promise<string[]> {
  const problems: string[] = []
  for (const [i, p] of form.activity.participants.entries()) {
    if (p.slug && p.name.trim()) {
      const record = p.type === 'organization' ? await findOrganizationBySlug(db, p.slug) : await findPersonBySlug(db, p.slug)
      if (!record || nameKey(record.name) !== nameKey(p.name)) p.slug = ''
    }
    const affiliationName = p.affiliationName.trim()
    if (!affiliationName) { p.affiliation = ''; continue }
    if (p.affiliation) {
      const organization = await findOrganizationBySlug(db, p.affiliation)
      if (!organization || nameKey(organization.name) !== nameKey(affiliationName)) p.affiliation = ''
    }
    if (p.affiliation) continue
    const ids = await findOrganizationIdsByNameKey(db, nameKey(affiliationName))
    const organization = ids.length === 1 ? await findOrganizationById(db, ids[0]!.id) : undefined
    if (organization) p.affiliation = organization.slug
    else if (ids.length > 1) problems.push(`activity.participants.${i}.affiliation: several organizations are called “${affiliationName}”; choose one from the suggestions`)
    else problems.push(`activity.participants.${i}.affiliation: no organization is called “${affiliationName}”; add it as a participant or under Organizations first, or leave this empty`)
  }
  return problems
}

// ---------------------------------------------------------------- problems next to their fields

export interface FormProblems {
  /** By field path ("activity.participants.2.name"), the first problem of each field. */
  byField: Map<string, string>
  /** Every problem, with the field's path when it has one, in the order found. */
  all: { path: string | null; message: string }[]
}

/** Where a service's "path: message" problem belongs in this form. */
export function locateProblem(problem: string, form: PostForm): { path: string | null; message: string } {
  const match = /^([\w.]+): ([\s\S]*)$/.exec(problem)
  if (!match) return { path: null, message: problem }
  let path = match[1]!
  const message = match[2]!
  // The activity's services name participants without the activity in front.
  if (path.startsWith('participants.')) path = `activity.${path}`
  const translation = /^translations\.(\d+)(?:\.(\w+))?$/.exec(path)
  if (translation) {
    const lang = translationLanguages(form)[Number(translation[1])]
    path = lang ? `translations.${lang}.${translation[2] ?? 'title'}` : 'translations'
  }
  // A participant's own problem (no slug or name, no such record) is shown at its name.
  if (/^activity\.participants\.\d+$/.test(path)) path += '.name'
  if (path === 'links' || path === 'activity.participants') return { path: null, message: problem }
  return { path, message }
}

export function collectProblems(problems: string[], form: PostForm): FormProblems {
  const byField = new Map<string, string>()
  const all = problems.map((p) => locateProblem(p, form))
  for (const { path, message } of all) if (path && !byField.has(path)) byField.set(path, message)
  return { byField, all }
}

export const noProblems = (): FormProblems => ({ byField: new Map(), all: [] })

const FIELD_LABELS: Record<string, string> = {
  title: 'Title', slug: 'Address', lang: 'Main language', summary: 'Summary', body: 'Text', status: 'Status',
  publishedAt: 'Publication time', 'activity.kind': 'Activity kind', 'activity.name': 'Activity name',
  'activity.startsOn': 'First day', 'activity.endsOn': 'Last day', 'activity.city': 'City', 'activity.country': 'Country',
  'activity.format': 'Format', 'activity.internal': 'Visibility',
}
const PARTICIPANT_FIELDS: Record<string, string> = {
  type: 'type', name: 'name', slug: 'name', role: 'role', jobTitle: 'job title', affiliation: 'affiliation', internal: 'visibility',
}
export const LANGUAGE_NAMES: Record<string, string> = { en: 'English', ru: 'Russian', kk: 'Kazakh' }

/** A field path as a person would name the field: "Participant 3, name". */
export function fieldLabel(path: string): string {
  if (FIELD_LABELS[path]) return FIELD_LABELS[path]
  let m = /^activity\.participants\.(\d+)\.(\w+)$/.exec(path)
  if (m) return `Participant ${Number(m[1]) + 1}, ${PARTICIPANT_FIELDS[m[2]!] ?? m[2]}`
  m = /^links\.(\d+)\.(\w+)$/.exec(path)
  if (m) return `Link ${Number(m[1]) + 1}, ${m[2] === 'url' ? 'address' : 'label'}`
  m = /^translations\.(\w+)\.(\w+)$/.exec(path)
  if (m) return `${LANGUAGE_NAMES[m[1]!] ?? m[1]} version, ${m[2]}`
  return path
}

/** The id of a field's control in the page: "activity.participants.2.name" → "f-activity-participants-2-name". */
export const fieldId = (path: string) => `f-${path.replace(/\./g, '-')}`
