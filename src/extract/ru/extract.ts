// The Russian and Kazakh pipeline: one item's text in, one activity record out (shared/eval/FORMAT.md),
// with the stages of this folder. Pure: known names come in as a parameter.
import type { ActivityRecord } from '../../archive/archive.schema.ts'
import type { Role } from '../../lib/vocabulary.ts'
import { findLinks } from '../links.ts'
import { findRuDates } from './dates.ts'
import { findRuFormat } from './format.ts'
import { findRuKind } from './kind.ts'
import { ACRONYM_PARENTS } from './lexicon.ts'
import { countryOf, findRuOrganizations, type RuOrganization } from './organizations.ts'
import { findDegrees, findRuPeople, isPositionWord, type RuPerson } from './people.ts'
import { assignRuRoles, type RoleEntity } from './roles.ts'
import { type Span, tokenizeRu } from './text.ts'
import { findRuTitle } from './title.ts'
import { findRuVenue } from './venue.ts'

export interface RuKnownNames { people?: readonly string[]; organizations?: readonly string[] }

const ANALYSIS_LIMIT = 20_000
// Trailing source and "read more" lines: the outlet is not an organization of the activity.
const TRAILER = /^(?:источник|подробнее|фото|читайте\s+также|дереккөз|толығырақ)\s*:.*$/gimu
const VENUE_VERB = /(?:прош(?:ел|ёл|ла|ло|ли)|пройд[её]т|состоял(?:ся|ась|ось|ись)|состоится|состоятся|проход(?:ит|ят|ил[аио]?)|открыл(?:ся|ась|ось)|өтті|өтеді)/iu

export function extractRuRecord(itemText: string, known: RuKnownNames = {}): ActivityRecord {
  const text = itemText.slice(0, ANALYSIS_LIMIT).replace(TRAILER, (m) => ' '.repeat(m.length))
  const tokens = tokenizeRu(text)
  const quotes: Span[] = [...text.matchAll(/«(?:[^«»\n]|«[^«»\n]*»)*»|“[^“”\n]*”/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }))
  const degrees = findDegrees(text, tokens)
  const organizations = findRuOrganizations(text, tokens, { excluded: [...degrees, ...quotes] })
  // Archive organizations written as the text writes them, where the rules found nothing.
  for (const name of known.organizations ?? []) {
    if (name.length < 3 || !/\p{Script=Cyrillic}/u.test(name)) continue
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
      const end = at + name.length
      if (/[\p{L}\p{N}]/u.test(text[at - 1] ?? '') || /[\p{L}\p{N}]/u.test(text[end] ?? '')) continue
      if (organizations.some((o) => o.start < end && at < o.end)) continue
      organizations.push({ start: at, end, name, acronym: null, country: countryOf(name), nested: false, parents: [], caseName: null })
    }
  }
  organizations.sort((a, b) => a.start - b.start)
  const knownPeople = new Set((known.people ?? []).map((n) => n.toLowerCase().replace(/ё/g, 'е')))
  const people = findRuPeople(text, tokens, organizations, { excluded: quotes, degrees, known: knownPeople })

  // Places in brackets after a name ("(Россия, Москва)", "(Ливан)") are not the venue.
  const excluded: Span[] = [...organizations, ...quotes]
  for (const m of text.matchAll(/\([^()]{1,60}\)/g)) {
    const end = m.index - (/\s*$/u.exec(text.slice(Math.max(0, m.index - 20), m.index))?.[0].length ?? 0)
    if ([...organizations, ...people].some((e) => e.end === end)) excluded.push({ start: m.index, end: m.index + m[0].length })
  }
  const venue = findRuVenue(text, excluded)
  const venueOrganization = findVenueOrganization(text, organizations)

  const affiliations = new Set(people.map((p) => p.affiliation).filter((o): o is RuOrganization => !!o))
  const entities: RoleEntity[] = [
    ...people.map((p) => ({ start: p.start, end: p.end, passive: false, governed: false })),
    ...organizations.map((o) => ({
      start: o.start, end: o.end,
      passive: affiliations.has(o) || afterPosition(text, o),
      governed: (o.caseName !== null && o.caseName !== 'nomn' && o.caseName !== 'accs') || /(?:^|[\s(])(?:в|во|на)\s+$/u.test(text.slice(Math.max(0, o.start - 4), o.start)) || (o.caseName === null && afterNoun(text, o)),
    })),
  ]
  const roles = assignRuRoles(text, entities)
  const personRoles = roles.slice(0, people.length)
  const organizationRoles = roles.slice(people.length)
  // The institution where it took place organized it, unless the text names the organizers.
  if (venueOrganization) {
    const index = organizations.indexOf(venueOrganization)
    const named = organizationRoles.some((r, i) => i !== index && r.includes('organizer'))
    if (!named && !organizationRoles[index]!.includes('organizer')) organizationRoles[index] = ['organizer', ...organizationRoles[index]!]
  }

  const mergedOrganizations = mergeOrganizations(organizations, organizationRoles)
  // An affiliation written as an acronym names the organization it stands for.
  const mergedPeople = mergePeople(people, personRoles, organizations, organizationRoles).map((p) => {
    const full = p.affiliation ? mergedOrganizations.find((o) => o.aliases?.includes(p.affiliation!)) : undefined
    return full ? { ...p, affiliation: full.name } : p
  })
  const dates = findRuDates(text)
  const placed = ((venue.city !== null || venue.country !== null) && !venue.dateline) || venueOrganization !== null || /местом\s+(?:встречи|проведения)\s+(?:стал|был|выбран)/iu.test(text)
  return {
    text: itemText,
    date: dates.date,
    endDate: dates.endDate,
    kind: findRuKind(text),
    name: findRuTitle(text),
    city: venue.city,
    country: venue.country,
    format: findRuFormat(text, placed),
    people: mergedPeople,
    organizations: mergedOrganizations,
    links: findLinks(itemText.slice(0, ANALYSIS_LIMIT)),
  }
}

/** "в НОФ «Нораванк» … прошел", "состоялась в Псковском государственном университете", "в Горбачев-Фонде прошел". */
function findVenueOrganization(text: string, organizations: readonly RuOrganization[]): RuOrganization | null {
  for (const o of organizations) {
    if (!/(?:^|[\s(])(?:в|во)\s+$/iu.test(text.slice(Math.max(0, o.start - 4), o.start))) continue
    const sentenceStart = Math.max(text.lastIndexOf('.', o.start - 1), text.lastIndexOf('\n', o.start - 1)) + 1
    const rest = text.slice(o.end, o.end + 600)
    const sentenceEnd = o.end + (rest.search(/\.\s+(?=[\p{Lu}«"])|\n|$/u))
    const sentence = text.slice(sentenceStart, sentenceEnd)
    if (VENUE_VERB.test(sentence)) return o
  }
  return null
}

const PLURAL_POSITIONS = /(?:ов|ей|ам|ами|ах|[иы])$/iu

/** "30-летию образования СНГ": an acronym after a noun is its complement, not an actor. */
function afterNoun(text: string, o: Span): boolean {
  const m = /([\p{L}-]+)\s+$/u.exec(text.slice(Math.max(0, o.start - 30), o.start))
  if (!m) return false
  const word = m[1]!
  if (/^\p{Lu}/u.test(word) || /^(?:и|а|также|как|или|либо|лишь|только|даже|его|ее|её|их)$/u.test(word)) return false
  return !/(?:л|ла|ло|ли|лся|лась|лись|ть|ет|ют|ут|ит|ят|ат|ся)$/u.test(word)
}

/** "директор Института …", "член Общественной палаты РФ", "профессор Западного университета": the organization describes someone. */
function afterPosition(text: string, o: Span): boolean {
  const words = text.slice(Math.max(0, o.start - 50), o.start).trim().split(/\s+/)
  const last = words.slice(-2)
  return last.some((w) => isPositionWord(w.replace(/[,.;:]/g, '')) && !PLURAL_POSITIONS.test(w))
}

function key(name: string): string {
  return name.toLowerCase().replace(/ё/g, 'е').replace(/[«»"“”.,()]/g, ' ').replace(/\s+/g, ' ').trim()
}

/** The capital letters of a name's words ("Российская ассоциация политической науки" → РАПН), "и" and prepositions left out. */
function initials(name: string): string {
  return name.split(/[\s-]+/).filter((w) => w && !/^(?:и|по|при|в|на|с|им|имени|для|об?)$/iu.test(w)).map((w) => w[0]!.toUpperCase()).join('')
}

function acronymMatches(acronym: string, name: string): boolean {
  const capitals = acronym.replace(/[^A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]/gu, '')
  if (capitals.length < 2) return false
  const full = initials(name)
  return full === capitals || (full.startsWith(capitals) && capitals.length >= 3) || (acronym.length > capitals.length && initials(name) === capitals)
}

function mergeOrganizations(mentions: readonly RuOrganization[], roles: Role[][]): ActivityRecord['organizations'] {
  type Entry = { key: string; name: string; acronyms: Set<string>; country: string | null; roles: Set<Role> }
  const entries: Entry[] = []
  const find = (name: string): Entry | undefined => {
    const k = key(name)
    return entries.find((e) => e.key === k || e.acronyms.has(name) ||
      // "Дипломатическая академия МИД КР" after "… им.К.Дикамбаева": the same, without the honoured name.
      (e.key.startsWith(`${k} им`) || k.startsWith(`${e.key} им`)))
      ?? (/^[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]*$/u.test(name) && name.length <= 10 ? entries.find((e) => !e.acronyms.size && acronymMatches(name, e.name)) : undefined)
  }
  const add = (name: string, acronym: string | null, country: string | null, r: readonly Role[]) => {
    let entry = find(name) ?? (acronym ? find(acronym) : undefined)
    if (!entry) {
      // An acronym seen before its expansion ("МГИМО … (МГИМО)") becomes an alias of the full name.
      entry = { key: key(name), name, acronyms: new Set(), country, roles: new Set() }
      entries.push(entry)
    }
    if (acronym) entry.acronyms.add(acronym)
    else if (key(name) !== entry.key && /^[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]*$/u.test(name)) entry.acronyms.add(name)
    entry.country ??= country
    for (const x of r) entry.roles.add(x)
  }
  mentions.forEach((m, i) => add(m.name, m.acronym, m.country, roles[i] ?? []))
  // An entry that is only an acronym of a later full name ("МГИМО" before "Московский … (МГИМО)").
  for (const e of [...entries]) {
    const full = entries.find((o) => o !== e && (o.acronyms.has(e.name) || (/^[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]*$/u.test(e.name) && acronymMatches(e.name, o.name))))
    if (full) {
      for (const r of e.roles) full.roles.add(r)
      full.acronyms.add(e.name)
      entries.splice(entries.indexOf(e), 1)
    }
  }
  for (const m of mentions) {
    for (const parent of m.parents) {
      const expansion = ACRONYM_PARENTS[parent]
      if (find(parent) || (expansion && find(expansion))) continue
      add(expansion ?? parent, expansion ? parent : null, countryOf(parent), [])
    }
  }
  return entries.map((e) => ({ name: e.name, country: e.country, roles: [...e.roles], ...(e.acronyms.size ? { aliases: [...e.acronyms] } : {}) })) as ActivityRecord['organizations']
}

function mergePeople(people: readonly RuPerson[], roles: Role[][], organizations: readonly RuOrganization[], organizationRoles: Role[][]): ActivityRecord['people'] {
  void organizationRoles
  type Person = { name: string; roles: Role[]; affiliation: string | null; position: string | null }
  const byRef = new Map<string, Person>()
  const order: string[] = []
  people.forEach((p, index) => {
    const owner = people[p.ref] ?? p
    const k = key(owner.name)
    const existing = byRef.get(k)
    const r = roles[index] ?? []
    if (existing) {
      existing.roles = [...new Set([...existing.roles, ...r])]
      existing.affiliation ??= affiliationName(p, organizations)
      existing.position ??= p.position
      return
    }
    byRef.set(k, { name: owner.name, roles: [...r], affiliation: affiliationName(owner, organizations) ?? affiliationName(p, organizations), position: owner.position ?? p.position })
    order.push(k)
  })
  return order.map((k) => byRef.get(k)!) as ActivityRecord['people']
}

function affiliationName(p: RuPerson, organizations: readonly RuOrganization[]): string | null {
  void organizations
  return p.affiliation?.name ?? null
}
