// The proposed record of one imported item: what the extractor (or a JSON record) says took place,
// and for each person and organization the record it is taken to be, with how sure that is. The
// reviewer's decisions are kept in it until the post is published. Pure: no I/O.
import * as chrono from 'chrono-node'
import { z } from 'zod'
import type { ActivityRecord } from '../archive/archive.schema.ts'
import { findCyrillicCitySpans, findRuDateSpans } from '../extract/index.ts'
import { isoDateField } from '../lib/fields.ts'
import { nameKey } from '../lib/names.ts'
import { FORMATS, KINDS, ROLES, type Role } from '../lib/vocabulary.ts'
import type { Resolution } from './import.types.ts'
import type { NameIndex } from './resolve.ts'

export const DECISIONS = ['link', 'new', 'reject'] as const
export type DecisionAction = (typeof DECISIONS)[number]

/** What becomes of a proposed person or organization: linked to a known record, created, or left out. */
export type Decision = { action: 'link'; id: number } | { action: 'new' } | { action: 'reject' }

export interface ProposedEntity {
  /** As written in the text. */
  name: string
  aliases: string[]
  roles: Role[]
  resolution: Resolution
  decision: Decision
  /** Once published: the record the name became, linked or made. */
  recordId?: number
}

export interface ProposedPerson extends ProposedEntity {
  position: string | null
  /** The name of one of the proposal's organizations. */
  affiliation: string | null
}

export interface ProposedOrganization extends ProposedEntity {
  country: string | null
}

export const HIGHLIGHT_TYPES = ['date', 'person', 'organization', 'place'] as const
export type HighlightType = (typeof HIGHLIGHT_TYPES)[number]

/** Where the text names something the proposal uses: offsets into the item's source text. */
export interface Highlight { start: number; end: number; type: HighlightType }

export interface ProposedActivity {
  kind: ActivityRecord['kind']
  name: string | null
  date: string | null
  endDate: string | null
  city: string | null
  country: string | null
  format: ActivityRecord['format']
}

export interface ImportProposal {
  version: 1
  activity: ProposedActivity
  categories: string[]
  tags: string[]
  highlights: Highlight[]
  links: string[]
  people: ProposedPerson[]
  organizations: ProposedOrganization[]
}

const defaultDecision = (resolution: Resolution): Decision =>
  (resolution.match ? { action: 'link', id: resolution.match.id } : { action: 'new' })

export interface Indexes { people: NameIndex; organizations: NameIndex }

/** The proposal for a record: every name resolved against the archive, each link proposed when sure enough. */
export function proposeRecord(record: ActivityRecord, indexes: Indexes,
  extra: { categories?: string[]; tags?: string[] } = {}): ImportProposal {
  const organizations: ProposedOrganization[] = record.organizations.map((o) => {
    const aliases = o.aliases ?? []
    const resolution = indexes.organizations.resolve(o.name, aliases)
    return { name: o.name, aliases, roles: [...o.roles], country: o.country, resolution, decision: defaultDecision(resolution) }
  })
  // A person's affiliation is decided like any organization, so it is one of the list.
  const listed = new Set(organizations.flatMap((o) => [o.name, ...o.aliases].map(nameKey)))
  for (const p of record.people) {
    if (!p.affiliation || listed.has(nameKey(p.affiliation))) continue
    const resolution = indexes.organizations.resolve(p.affiliation)
    organizations.push({ name: p.affiliation, aliases: [], roles: [], country: null, resolution, decision: defaultDecision(resolution) })
    listed.add(nameKey(p.affiliation))
  }
  const people: ProposedPerson[] = mergeSameRecord(record.people.map((p) => {
    const aliases = p.aliases ?? []
    const resolution = indexes.people.resolve(p.name, aliases)
    return {
      name: p.name, aliases, roles: [...p.roles], position: p.position, affiliation: p.affiliation,
      resolution, decision: defaultDecision(resolution),
    }
  }), (into, other) => {
    into.position ??= other.position
    into.affiliation ??= other.affiliation
  })
  return {
    version: 1,
    activity: {
      kind: record.kind, name: record.name, date: record.date, endDate: record.endDate, city: record.city,
      country: record.country, format: record.format,
    },
    categories: extra.categories ?? [],
    tags: extra.tags ?? [],
    highlights: findHighlights(record.text, record),
    links: record.links,
    people,
    organizations: mergeSameRecord(organizations, (into, other) => { into.country ??= other.country }),
  }
}

/**
 * One entry per known record: "B. Rakisheva" and "Ракишева Ботагоз" in one text, both taken to be
 * the same person, are one participant with the roles of both, the other spellings kept as aliases.
 */
function mergeSameRecord<E extends ProposedEntity>(list: E[], merge: (into: E, other: E) => void): E[] {
  const byRecord = new Map<number, E>()
  return list.filter((entity) => {
    const id = entity.resolution.match?.id
    if (id === undefined) return true
    const first = byRecord.get(id)
    if (!first) { byRecord.set(id, entity); return true }
    first.aliases = [...new Set([...first.aliases, entity.name, ...entity.aliases])].filter((n) => n !== first.name)
    first.roles = [...new Set([...first.roles, ...entity.roles])]
    merge(first, entity)
    return false
  })
}

// Highlighting is for reading: a news item's first pages are enough, and bound the work on huge input.
const HIGHLIGHT_LIMIT = 50_000
const MAX_HIGHLIGHTS = 500
const dateParser = new chrono.Chrono(chrono.en.configuration.createConfiguration(true, true))

const CYRILLIC = /[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]/u

/**
 * A name's words with their endings left open, so that its oblique cases match as whole words:
 * "Казахский национальный университет" finds "Казахского национального университета".
 */
function declinedPattern(name: string): RegExp | null {
  const words = name.split(/\s+/).filter(Boolean)
  if (!words.length || words.length > 12) return null
  const parts = words.map((word) => {
    // Short words, initials and acronyms do not decline.
    if ([...word].length < 4 || word === word.toUpperCase()) return escapeRegExp(word)
    const stem = word.slice(0, word.length - 2)
    return `${escapeRegExp(stem)}\\p{L}{0,4}`
  })
  return new RegExp(`(?<![\\p{L}\\p{N}])${parts.join('\\s+')}(?![\\p{L}\\p{N}])`, 'gu')
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Where the text names the proposal's dates, people, organizations and place. */
export function findHighlights(text: string, record: Pick<ActivityRecord, 'people' | 'organizations' | 'city'>): Highlight[] {
  const head = text.slice(0, HIGHLIGHT_LIMIT)
  const found: Highlight[] = []
  const mark = (needle: string | null | undefined, type: HighlightType) => {
    if (!needle || needle.length < 2) return
    for (let at = head.indexOf(needle); at >= 0 && found.length < MAX_HIGHLIGHTS * 2; at = head.indexOf(needle, at + needle.length)) {
      // Whole words only: "UN" is not highlighted inside "UNESCO".
      const before = head.charAt(at - 1), after = head.charAt(at + needle.length)
      if (/[\p{L}\p{N}]/u.test(before) || /[\p{L}\p{N}]/u.test(after)) continue
      found.push({ start: at, end: at + needle.length, type })
    }
  }
  // A Russian or Kazakh text declines what the record names in the nominative: "Казахского национального университета".
  const cyrillic = CYRILLIC.test(head)
  const markDeclined = (name: string, type: HighlightType) => {
    const pattern = cyrillic && CYRILLIC.test(name) ? declinedPattern(name) : null
    if (!pattern) return
    for (const m of head.matchAll(pattern)) if (found.length < MAX_HIGHLIGHTS * 2) found.push({ start: m.index, end: m.index + m[0].length, type })
  }
  for (const p of record.people) for (const name of [p.name, ...(p.aliases ?? [])]) { mark(name, 'person'); markDeclined(name, 'person') }
  for (const o of record.organizations) for (const name of [o.name, ...(o.aliases ?? [])]) { mark(name, 'organization'); markDeclined(name, 'organization') }
  mark(record.city, 'place')
  if (cyrillic && record.city) for (const span of findCyrillicCitySpans(head, record.city)) found.push({ ...span, type: 'place' })
  if (cyrillic) for (const span of findRuDateSpans(head)) found.push({ ...span, type: 'date' })
  try {
    for (const result of dateParser.parse(head, new Date(Date.UTC(2000, 0, 1)))) {
      // Only written dates: "today" or "a week" do not tell the reviewer when it took place.
      if (/\d/.test(result.text) && /\d{4}|[a-z]{3}/i.test(result.text)) {
        // The date itself, without the "On" or "from" the parser takes with it.
        const lead = /^(?:on|from|since|until|till|by|at|in)\s+/i.exec(result.text)?.[0].length ?? 0
        found.push({ start: result.index + lead, end: result.index + result.text.length, type: 'date' })
      }
    }
  } catch {
    // A date the parser cannot read is only not highlighted.
  }
  // Longer first, so "Eurasian National University" wins over a "National University" inside it.
  found.sort((a, b) => a.start - b.start || b.end - a.end)
  const kept: Highlight[] = []
  for (const h of found) {
    const last = kept[kept.length - 1]
    if (last && h.start < last.end) continue
    kept.push(h)
    if (kept.length >= MAX_HIGHLIGHTS) break
  }
  return kept
}

// ---------------------------------------------------------------- review

const optional = z.string().trim().max(500).transform((s) => s || null).nullable().default(null)
// An empty date field means no date; anything else must be a real calendar day.
const isoDate = z.preprocess((v) => (typeof v === 'string' && !v.trim() ? null : typeof v === 'string' ? v.trim() : v),
  isoDateField.nullable()).default(null)
const decisionInput = z.object({
  action: z.enum(DECISIONS),
  id: z.coerce.number().int().positive().nullable().default(null),
  roles: z.array(z.enum(ROLES)).default([]),
}).superRefine((d, context) => {
  if (d.action === 'link' && !d.id) context.addIssue({ code: 'custom', path: ['id'], message: 'choose the record to link to' })
})

/** The reviewer's answer: the activity's facts as corrected, and a decision for each proposed name, in order. */
export const ReviewSchema = z.object({
  activity: z.object({
    kind: z.enum(KINDS).nullable().default(null),
    name: optional,
    date: isoDate,
    endDate: isoDate,
    city: optional,
    country: z.string().trim().toUpperCase().regex(/^([A-Z]{2})?$/, 'a two-letter country code').transform((s) => s || null)
      .nullable().default(null),
    format: z.enum(FORMATS).nullable().default(null),
  }).refine((a) => !a.endDate || (a.date !== null && a.date <= a.endDate),
    { message: 'the last day cannot come before the first', path: ['endDate'] }),
  people: z.array(decisionInput).default([]),
  organizations: z.array(decisionInput).default([]),
})
export type ReviewInput = z.input<typeof ReviewSchema>
export type Review = z.output<typeof ReviewSchema>

/** The proposal with the reviewer's answer in it. */
export function applyReview(proposal: ImportProposal, review: Review): ImportProposal {
  const decide = <E extends ProposedEntity>(list: E[], answers: Review['people'], what: string): E[] => {
    if (answers.length !== list.length) {
      throw new RangeError(`The review lists ${answers.length} ${what} but the proposal has ${list.length}; reload the page.`)
    }
    return list.map((entity, index) => {
      const answer = answers[index]!
      const decision: Decision = answer.action === 'link' ? { action: 'link', id: answer.id! } : { action: answer.action }
      return { ...entity, roles: answer.roles, decision }
    })
  }
  return {
    ...proposal,
    activity: { ...review.activity },
    people: decide(proposal.people, review.people, 'people'),
    organizations: decide(proposal.organizations, review.organizations, 'organizations'),
  }
}
