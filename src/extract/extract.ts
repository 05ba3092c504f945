// The extraction pipeline: free text in, activity records (shared/eval/FORMAT.md) out. Pure: no
// I/O, no network, no database — an archive's people and organizations come in as `known`.
import type { ActivityRecord } from '../archive/archive.schema.ts'
import { nameKey } from '../lib/names.ts'
import type { Role } from '../lib/vocabulary.ts'
import { findDates } from './dates.ts'
import { findFormat } from './format.ts'
import { findKind } from './kind.ts'
import { detectLanguage } from './language.ts'
import { LEGAL_FORMS, NOT_ACRONYMS, POSITIONS, SUBUNIT_HEADS } from './lexicon.ts'
import { findLinks } from './links.ts'
import { correctMisreadNames, findLabelledPeople, type LabelledPerson, mergeLabelled } from './lists.ts'
import { extractRuRecord } from './ru/extract.ts'
import { findOrganizations, type KnownEntity, type OrganizationMention, organizationKey } from './organizations.ts'
import { findDegrees, findPeople, type PersonMention } from './people.ts'
import { findPlaces, findVenue, type PlaceMention } from './places.ts'
import { assignRoles, type RoleEntity } from './roles.ts'
import { segmentItems } from './segment.ts'
import { blankMarkdown, findQuotes, overlapsAny, type Span, splitSentences, tokenize, type Token } from './text.ts'
import { findTitle } from './title.ts'

export interface KnownNames { people?: readonly KnownEntity[]; organizations?: readonly KnownEntity[] }

export interface ExtractOptions {
  /** Supplies the year when a text leaves it out ("on 5 May"); default: none, and such a date is null. */
  reference?: Date
  /** People and organizations already in the archive, to find and link by their names, variants and acronyms. */
  known?: KnownNames
  /** The publishing organization, which texts call "the Institute"; default: the one most items name. */
  home?: string | null
}

// Position words that name an audience, not a title: "a lecture for students of X" makes X a participant.
const AUDIENCES = new Set(['student', 'students', 'graduate', 'postgraduate', 'undergraduate', "master's", 'member'])

const POSTNOMINALS = /(?:,?\s+(?:[GKD]?BE|[OCM]BE|FRS|FBA|FRSE|QC|KC|MP))+$/

// A news item is a few thousand characters; beyond this only the record's text grows, not the work.
const ANALYSIS_LIMIT = 20_000

interface Analysis {
  text: string
  tokens: Token[]
  quotes: Span[]
  degrees: Span[]
  /** Organizations found by their names; `organizations` adds those found in lists beside them. */
  named: OrganizationMention[]
  organizations: OrganizationMention[]
  places: PlaceMention[]
  people: PersonMention[]
  /** People named under a label ("Chair: …", "Speakers:" over a list), with the label's role. */
  labelled: LabelledPerson[]
}

/** Proposes one activity record per news item of `input`. Never throws on text input. */
export function extractRecords(input: string, options: ExtractOptions = {}): ActivityRecord[] {
  const source = typeof input === 'string' ? input : ''
  return extractItems(segmentItems(source).map((s) => s.text).filter((text) => text.trim()), options)
}

/**
 * Proposes one activity record per given item, as `extractRecords` does for the items it finds:
 * for sources that are already split into items (a WordPress export's posts). Items are read
 * together, so a name confirmed in one is a name in all. One record per item, in order.
 */
export function extractItems(items: readonly string[], options: ExtractOptions = {},
  /** Per item, when known: a post's publication date supplies the year its text leaves out. */
  references: readonly (Date | null)[] = []): ActivityRecord[] {
  const reference = options.reference ?? null
  const segments = items.map((text) => ({ text: typeof text === 'string' ? text : '' }))
  const knownPeople = new Set((options.known?.people ?? []).flatMap((p) => [p.name, ...(p.variants ?? [])]).map(nameKey).filter(Boolean))

  // Russian and Kazakh items have their own pipeline (src/extract/ru); the English analysis skips them.
  const languages = segments.map((segment) => detectLanguage(segment.text))
  const first = segments.map((segment, i) => safeAnalyse(languages[i] === 'en' ? segment.text : '', options, knownPeople))
  // Names confirmed by a cue in one item are names in every item ("Botagoz Rakisheva took part …").
  const confirmed = new Set(knownPeople)
  for (const a of first) for (const p of a.people) if (p.strong || p.affiliation || p.position) confirmed.add(nameKey(p.name))
  const analyses = confirmed.size > knownPeople.size ? first.map((a) => findAllPeople(a, confirmed)) : first

  const home = options.home ?? null
  const countries = new Map<string, string>()
  for (const a of analyses) for (const o of a.organizations) if (o.country && !o.bare) countries.set(organizationKey(o), o.country)
  const frequency = new Map<string, { name: string; items: number }>()
  for (const a of analyses) {
    for (const key of new Set(a.organizations.filter((o) => !o.bare).map((o) => organizationKey(o)))) {
      const name = a.organizations.find((o) => organizationKey(o) === key)!.name
      frequency.set(key, { name, items: (frequency.get(key)?.items ?? 0) + 1 })
    }
  }

  return segments.map((segment, index) => {
    try {
      if (languages[index] !== 'en') return extractRuRecord(segment.text, ruKnown(options.known))
      return buildRecord(segment.text, analyses[index]!, { reference: references[index] ?? reference, home, frequency, countries, options })
    } catch {
      // A rule that trips on an unforeseen text must not lose the item: propose it with what is certain.
      return emptyRecord(segment.text)
    }
  })
}

function ruKnown(known: KnownNames | undefined) {
  return { people: (known?.people ?? []).flatMap((p) => [p.name, ...(p.variants ?? [])]), organizations: (known?.organizations ?? []).flatMap((o) => [o.name, ...(o.variants ?? [])]) }
}

function emptyRecord(text: string): ActivityRecord {
  return { text, date: null, endDate: null, kind: null, name: null, city: null, country: null, format: null, people: [], organizations: [], links: findLinks(text.slice(0, ANALYSIS_LIMIT)) }
}

function safeAnalyse(itemText: string, options: ExtractOptions, knownNames: ReadonlySet<string>): Analysis {
  try {
    return analyse(itemText, options, knownNames)
  } catch {
    const text = blankMarkdown(itemText.slice(0, ANALYSIS_LIMIT))
    return { text, tokens: [], quotes: [], degrees: [], named: [], organizations: [], places: [], people: [], labelled: [] }
  }
}

function analyse(itemText: string, options: ExtractOptions, knownNames: ReadonlySet<string>): Analysis {
  const text = blankMarkdown(itemText.slice(0, ANALYSIS_LIMIT))
  const tokens = tokenize(text)
  const quotes = findQuotes(text)
  const degrees = findDegrees(tokens)
  // An organization's name does not run on from one line to the next ("(Sejong Institute)\nPanelists:").
  const found = findOrganizations(text, tokenize(text, 0, true), { known: options.known?.organizations, excluded: [...quotes, ...degrees] })
  const named = correctMisreadNames(text, found, findLabelledPeople(text, found))
  const places = findPlaces(text, tokens).filter((p) => !overlapsAny(named, p))
  return findAllPeople({ text, tokens, quotes, degrees, named, organizations: named, places, people: [], labelled: findLabelledPeople(text, named).filter((l) => !named.some((o) => o.start < l.end && o.end > l.start)) }, knownNames)
}

/** People, then the organizations that lists reveal once people are known. */
function findAllPeople(a: Analysis, knownNames: ReadonlySet<string>): Analysis {
  const people = mergeLabelled(findPeople(a.text, a.tokens, a.named, a.places, a.degrees, { quotes: a.quotes, knownNames }), a.labelled)
  const organizations = [...a.named, ...organizationsInLists(a.text, a.named, people, a.places)].sort((x, y) => x.start - y.start)
  return { ...a, organizations, people }
}

/** "universities - L.N.Gumilev ENU, Nazarbayev University": an acronym-bearing list element beside organizations. */
function organizationsInLists(text: string, organizations: OrganizationMention[], people: PersonMention[], places: PlaceMention[]): OrganizationMention[] {
  const added: OrganizationMention[] = []
  const taken = [...organizations, ...people, ...places]
  const consider = (start: number, end: number) => {
    let raw = text.slice(start, end)
    const dash = raw.search(/\s[-–—]\s(?!.*\s[-–—]\s)/)
    if (dash >= 0) { start += dash + 3; raw = text.slice(start, end) }
    const name = raw.trim()
    if (!name || name.length > 60) return
    const s = start + raw.indexOf(name), e = s + name.length
    if (overlapsAny(taken, { start: s, end: e }) || added.some((a) => a.start === s)) return
    const words = name.split(/\s+/)
    if (words.length > 5 || !words.every((w) => /^\p{Lu}/u.test(w))) return
    const acronym = words.some((w) => {
      const letters = w.replace(/[^\p{L}]/gu, '')
      return letters.length >= 2 && letters === letters.toUpperCase() && !w.includes('.') && !NOT_ACRONYMS.has(w.toLowerCase())
    })
    if (!acronym) return
    added.push({ start: s, end: e, name, acronym: null, canonical: null, country: null, nested: false, bare: null, head: null })
  }
  for (const o of organizations) {
    if (o.nested || o.bare) continue
    const before = /(?:^|[,;:–—]\s*|\s-\s)([^,;:()–—\n]{2,60}),\s*$/.exec(text.slice(Math.max(0, o.start - 64), o.start))
    if (before) consider(o.start - before[0].length + before[0].indexOf(before[1]!), o.start - before[0].length + before[0].indexOf(before[1]!) + before[1]!.length)
    const after = /^,\s*([^,;:()–—\n]{2,60}?)(?=,|\s+and\s|\s*etc\b|\.|$)/.exec(text.slice(o.end, o.end + 64))
    if (after) consider(o.end + after[0].length - after[1]!.length, o.end + after[0].length)
  }
  return added
}

interface Context {
  reference: Date | null
  home: string | null
  frequency: Map<string, { name: string; items: number }>
  countries: Map<string, string>
  options: ExtractOptions
}

function buildRecord(itemText: string, a: Analysis, context: Context): ActivityRecord {
  const { text } = a
  const resolution = resolveReferences(a.organizations, context)
  const organizations = a.organizations.map((o) => resolution.get(o)).filter((o): o is OrganizationMention => !!o)
  // People described by "the Institute" belong to the organization it stands for.
  const people = a.people.map((p) => {
    const resolved = p.affiliationMention ? resolution.get(p.affiliationMention) : undefined
    const describedBy = p.describedBy.map((o) => resolution.get(o)).filter((o): o is OrganizationMention => !!o)
    if (p.affiliationMention?.bare) {
      return { ...p, affiliation: resolved?.name ?? null, affiliationMention: resolved ?? null, describedBy }
    }
    return { ...p, affiliationMention: resolved ?? p.affiliationMention, describedBy }
  })

  // Organizations that describe someone (an affiliation, "Chairman of the X") or sit inside a longer name take no role.
  const passive = new Set<OrganizationMention>()
  for (const o of organizations) {
    if (o.nested) passive.add(o)
    const lead = text.slice(Math.max(0, o.start - 60), o.start)
    const title = /([\p{L}-]+)\s+(?:of|at)\s+(?:the\s+)?$/u.exec(lead)
    if (title && POSITIONS.has(title[1]!.toLowerCase()) && !AUDIENCES.has(title[1]!.toLowerCase())) passive.add(o)
    // "the Institute of Asian Studies, Al-Farabi Kazakh National University held": the parent in apposition.
    const previous = organizations.filter((p) => p.end <= o.start && !p.nested).pop()
    // … and "the Eurasian Research Institute (ERI) of Khoja Akhmet Yassawi University organized": the parent after "of".
    if (previous && /^\s*(?:,|(?:\([^()]{1,20}\)\s*)?of(?:\s+the)?)\s*$/.test(text.slice(previous.end, o.start)) && /universit|academ/i.test(o.head ?? '') &&
        /^(?:institute|centre|center|school|department|faculty|laboratory|lab|chair|college)$/.test(previous.head ?? '')) passive.add(o)
  }
  for (const p of people) for (const o of p.describedBy) passive.add(o)

  const entities: RoleEntity[] = [
    ...people.map((p) => ({ start: p.start, end: p.end, target: 'person' as const, passive: p.possessor })),
    ...organizations.map((o) => ({ start: o.start, end: o.end, target: 'organization' as const, passive: passive.has(o) })),
  ]
  const roles = assignRoles(text, entities)
  const personRoles = roles.slice(0, people.length)
  // A label's role ("Chair:", "Panelists:") is what the card says the person did.
  people.forEach((p, i) => {
    const label = a.labelled.find((l) => l.start < p.end && l.end > p.start)
    if (label) personRoles[i] = [label.role]
  })
  const organizationRoles = roles.slice(people.length)

  // Places inside organization names or in a person's "(…, Astana, Kazakhstan)" are not the venue.
  const excluded: Span[] = [...organizations]
  for (const p of people) {
    const close = text.indexOf(')', p.end)
    if (text.slice(p.end, p.end + 2).trim().startsWith('(') && close > 0) excluded.push({ start: p.end, end: close + 1 })
  }
  const venue = findVenue(text, excluded)
  const dates = findDates(text, context.reference)

  return {
    text: itemText,
    date: dates.date,
    endDate: dates.endDate,
    kind: findKind(text),
    name: findTitle(text),
    city: venue.city,
    country: venue.country,
    format: findFormat(text, venue.city !== null),
    people: mergePeople(people, personRoles, context),
    organizations: mergeOrganizations(text, organizations, organizationRoles, context),
    links: findLinks(itemText.slice(0, ANALYSIS_LIMIT)),
  }
}

/** "the Institute" → the organization of that kind named in the item, or the publisher's own. */
function resolveReferences(mentions: OrganizationMention[], context: Context): Map<OrganizationMention, OrganizationMention | null> {
  const resolved = new Map<OrganizationMention, OrganizationMention | null>()
  for (const m of mentions) {
    if (!m.bare) { resolved.set(m, m); continue }
    const bare = m.bare
    const sameHead = (name: string) => name.toLowerCase().split(/\s+/).includes(bare)
    const sameKind = mentions.filter((o) => !o.bare && !o.nested && o.head === bare)
    const inItem = sameKind.filter((o) => o.start < m.start).pop() ?? sameKind[0]
    let name = inItem?.name ?? null
    if (!name) {
      if (context.home && sameHead(context.home)) name = context.home
      else {
        const candidates = [...context.frequency.values()].filter((f) => f.items >= 2 && f.name.toLowerCase().split(/\s+/).pop() === bare)
        candidates.sort((x, y) => y.items - x.items)
        if (candidates[0] && (!candidates[1] || candidates[1].items < candidates[0].items)) name = candidates[0].name
      }
    }
    resolved.set(m, name ? { ...m, name, bare: null, canonical: inItem?.canonical ?? null, country: inItem?.country ?? null } : null)
  }
  return resolved
}

function mergePeople(people: PersonMention[], roles: Role[][], context: Context): ActivityRecord['people'] {
  const byKey = new Map<string, ActivityRecord['people'][number]>()
  const known = context.options.known?.people ?? []
  people.forEach((p, index) => {
    // "H. E. A B": the honorific spelled with a space is not part of the name.
    if (/^H\.\s+E\.\s+\S/.test(p.name)) p = { ...p, name: p.name.replace(/^H\.\s+E\.\s+/, '') }
    // "Alexander Evans OBE": British honours after the name are no part of it.
    if (POSTNOMINALS.test(p.name)) p = { ...p, name: p.name.replace(POSTNOMINALS, '') }
    const key = nameKey(p.name)
    if (!key) return
    const existing = byKey.get(key)
    if (existing) {
      existing.roles = [...new Set([...existing.roles, ...roles[index]!])]
      existing.affiliation ??= p.affiliation
      existing.position ??= p.position
      return
    }
    const match = known.find((k) => [k.name, ...(k.variants ?? [])].some((v) => nameKey(v) === key))
    byKey.set(key, {
      name: p.name, roles: [...roles[index]!], affiliation: p.affiliation, position: p.position,
      aliases: match && match.name !== p.name ? [match.name] : [],
    })
  })
  return [...byKey.values()].map(({ aliases, ...rest }) => (aliases.length ? { ...rest, aliases } : rest) as ActivityRecord['people'][number])
}

function mergeOrganizations(text: string, mentions: OrganizationMention[], roles: Role[][], context: Context): ActivityRecord['organizations'] {
  type Entry = { key: string; name: string; canonical: string | null; acronym: string | null; country: string | null; roles: Set<Role> }
  const entries: Entry[] = []
  const acronyms = new Map<string, Entry>()
  mentions.forEach((m, index) => {
    const key = organizationKey(m)
    if (!key) return
    // A headline's "BISR" before the text's "Belarusian Institute of Strategic Research (BISR)": one body, the full name.
    const shortFirst = m.acronym ? entries.find((e) => e.name === m.acronym && !e.canonical) : undefined
    if (shortFirst) Object.assign(shortFirst, { key, name: m.name, acronym: m.acronym })
    const existing = entries.find((e) => e.key === key) ?? acronyms.get(m.name)
    if (existing) {
      for (const r of roles[index]!) existing.roles.add(r)
      existing.country ??= m.country
      if (m.acronym) acronyms.set(m.acronym, existing)
      return
    }
    const entry: Entry = { key, name: m.name, canonical: m.canonical, acronym: m.acronym, country: m.country ?? context.countries.get(key) ?? null, roles: new Set(roles[index]) }
    entries.push(entry)
    if (m.acronym) acronyms.set(m.acronym, entry)
  })
  // "Public Council" after "Public Council at the Agency …": the short form is the same body.
  const merged = entries.filter((e) => {
    const longer = entries.find((o) => o !== e && o.key.startsWith(`${e.key} `) &&
      /^ (?:of|at|under|in|for|on)\b/.test(o.key.slice(e.key.length)) && !SUBUNIT_HEADS.has(e.key.split(' ').pop()!))
    if (!longer) return true
    for (const r of e.roles) longer.roles.add(r)
    return false
  })
  // "OSCE Programme Office in Dushanbe", "NATO Public Diplomacy Division": the parent whose acronym
  // opens the name is an organization of its own, with no role.
  for (const e of [...merged]) {
    const parent = /^(\p{Lu}{3,6})\s+(?=\p{Lu}\p{Ll})(?:\S+\s+){1,}\S+$/u.exec(e.name)?.[1]
    if (!parent || NOT_ACRONYMS.has(parent.toLowerCase()) || LEGAL_FORMS.has(parent.toLowerCase())) continue
    if (merged.some((o) => o.name === parent || o.acronym === parent || o.canonical === parent)) continue
    merged.push({ key: parent.toLowerCase(), name: parent, canonical: null, acronym: null, country: null, roles: new Set() })
  }
  void text
  return merged.map((e) => ({
    name: e.name,
    country: e.country,
    roles: [...e.roles],
    ...(e.canonical && nameKey(e.canonical) !== nameKey(e.name) ? { aliases: [e.canonical] } : {}),
  })) as ActivityRecord['organizations']
}

export { splitSentences }
