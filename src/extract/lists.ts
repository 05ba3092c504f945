// Labelled people: event cards and programme listings that name people under a label, on its line
// ("Chair: Prof. A B, Director, X") or one per line below it ("Speakers:\nA B, Professor, Y").
// The label gives the role; each entry gives a name, then a title and an organization.
import type { Role } from '../lib/vocabulary.ts'
import type { OrganizationMention } from './organizations.ts'
import type { PersonMention } from './people.ts'
import type { Span } from './text.ts'

export interface LabelledPerson extends Span { name: string; role: Role; position: string | null; affiliation: OrganizationMention | null }

const LABELS: Array<[RegExp, Role]> = [
  [/^(?:(?:key(?:note)?\s+)?speakers?|presenters?|lecturers?|papers?\s+presented(?:\s+by)?|keynote|welcome\s+(?:address|remarks|speech)|opening\s+(?:address|remarks|speech)|introductory\s+remarks|trainers?)$/i, 'speaker'],
  [/^(?:panel(?:ists|\s+members)?|participants?|chief\s+guests?|special\s+guests?|guests?(?:\s+of\s+honou?r)?|attendees|members)$/i, 'participant'],
  [/^(?:moderators?|chair(?:s|man|person|ed\s+by)?|co-chairs?|facilitators?|host(?:ed\s+by)?)$/i, 'moderator'],
  [/^(?:discussants?|commentators?|respondents?)$/i, 'discussant'],
]
const LABEL_LINE = /^[ \t]*[-*•]?[ \t]*([\p{L}][\p{L} -]{1,40}?)[ \t]*:[ \t]*(.*)$/gmu
const HONORIFIC = /^(?:(?:prof(?:essor)?|assoc(?:iate)?\.?\s+prof(?:essor)?|assistant\s+prof(?:essor)?|dr|mr|mrs|ms|h\.\s?e|his\s+excellency|her\s+excellency|shri|smt|ambassador|academician|major\s+general|maj\.\s*gen|lieutenant\s+general|lt\.\s*gen|brigadier\s+general|brig\.\s*gen|general|colonel|col|sir|lord|dame)\.?(?:\s*\((?:ret|retd|retired)\.?\))?\s+)+/i
const NAME_WORD = /^(?:\p{Lu}[\p{Ll}'’-]+(?:-\p{Lu}?[\p{Ll}]+)?|\p{Lu}{2,}|\p{Lu}\.(?:\s?\p{Lu}\.)*(?:\s?\p{Lu}[\p{Ll}'’-]+)?|(?:al|el|bin|ibn|van|von|de|da|del|der|ul)(?:-\p{Lu}[\p{Ll}]+)?)$/u
const NOT_NAME = /^(?:the|of|and|for|on|in|at|university|institute|center|centre|ministry|department|school|faculty|council|committee|foundation|program|programme|office|agency|academy|society|association|session|panel|discussion|development|democracy|culture|policy|security)$/i

/** People named in labelled lines and lists of `text`, with the role their label gives. */
export function findLabelledPeople(text: string, organizations: readonly OrganizationMention[]): LabelledPerson[] {
  const found: LabelledPerson[] = []
  for (const match of text.matchAll(LABEL_LINE)) {
    const role = LABELS.find(([pattern]) => pattern.test(match[1]!.trim()))?.[1]
    if (!role) continue
    const lineEnd = match.index + match[0].length
    const rest = match[2]!
    const entries: Span[] = []
    if (rest.trim()) {
      // "Presenters: A (X); B (Y)": entries on the label's line, split at semicolons.
      let from = lineEnd - rest.length
      for (const part of rest.split(';')) { entries.push({ start: from, end: from + part.length }); from += part.length + 1 }
    } else {
      // "Speakers:" over one entry a line, until a blank line, a sentence or another label.
      let at = lineEnd + 1
      while (at < text.length) {
        let end = text.indexOf('\n', at)
        if (end < 0) end = text.length
        const line = text.slice(at, end)
        if (!line.trim() || line.split(/\s+/).length > 30 || /^[ \t]*[\p{L} -]{2,40}:/u.test(line) && !/\s[-–—]\s/.test(line.split(':')[0]!)) break
        entries.push({ start: at, end })
        at = end + 1
      }
    }
    for (const entry of entries) {
      const person = parseEntry(text, entry, organizations, role)
      if (person) found.push(person)
    }
  }
  return found
}

function parseEntry(text: string, entry: Span, organizations: readonly OrganizationMention[], role: Role): LabelledPerson | null {
  const raw = text.slice(entry.start, entry.end)
  // "Development – Professor A B, Chairman, X": a topic before a dash, or "A B – diplomat" after the name.
  const parts: Array<[number, string]> = []
  let offset = 0
  for (const piece of raw.split(/(\s[-–—]\s)/)) {
    if (!/^\s[-–—]\s$/.test(piece)) parts.push([offset, piece])
    offset += piece.length
  }
  for (let p = 0; p < parts.length; p++) {
    const [partOffset, part] = parts[p]!
    const lead = /^[\s\-*•]*/.exec(part)![0].length
    const honorific = HONORIFIC.exec(part.slice(lead))?.[0].length ?? 0
    const from = lead + honorific
    const stop = part.slice(from).search(/\s*[,(;]|$/)
    const candidate = part.slice(from, from + stop).trim()
    const words = candidate.split(/\s+/).filter(Boolean)
    if (words.length < 1 || words.length > 5) continue
    if (words.length === 1 && !honorific && !/\p{Lu}\.\s?\p{Lu}/u.test(candidate)) continue
    if (!words.every((w) => NAME_WORD.test(w) && !NOT_NAME.test(w))) continue
    if (!words.some((w) => /\p{Ll}/u.test(w) || /^\p{Lu}\./u.test(w))) continue
    const start = entry.start + partOffset + from
    const end = start + candidate.length
    // "Dr. A B (KNDA)" read as an organization named "A B" with its acronym: the list says it is a person.
    if (organizations.some((o) => o.start < end && o.end > start && !isMisreadName(o, candidate))) continue
    // The title and organization: the rest of this part, and the part after a dash that follows the name.
    const afterEnd = entry.start + (parts[p + 1] ? parts[p + 1]![0] + parts[p + 1]![1].length : partOffset + part.length)
    // "Professor, Department of X, Y University": the last organization of the entry is the person's.
    const affiliation = organizations.filter((o) => !o.nested && !o.bare && o.start >= end && o.end <= afterEnd).pop() ?? null
    const tail = text.slice(end, affiliation ? affiliation.start : afterEnd).replace(/^[\s,(–—-]+/, '')
    const position = tail.split(/,|\s[-–—]\s|\(/).map((s) => s.trim().replace(/\s+(?:of|at|in)(?:\s+the)?$/i, ''))
      .find((s) => s && !/^(?:the|mp|bb|psc|ndc|obe|mbe|cbe|phd|retd|\(retd\))$/i.test(s) && /\p{L}/u.test(s)) ?? null
    return { start, end, name: candidate, role, position: position && position.length <= 80 ? position : null, affiliation }
  }
  return null
}

function isMisreadName(o: OrganizationMention, name: string): boolean {
  return !!o.acronym && o.name === name
}

/**
 * Organizations that a labelled list shows to be people ("A B (KNDA)" read as a body named "A B"):
 * each gives way to its acronym alone.
 */
export function correctMisreadNames(text: string, organizations: readonly OrganizationMention[], labelled: readonly LabelledPerson[]): OrganizationMention[] {
  return organizations.map((o) => {
    const person = labelled.find((l) => l.start < o.end && l.end > o.start && isMisreadName(o, l.name))
    if (!person || !o.acronym) return o
    const at = text.indexOf(o.acronym, person.end)
    if (at < 0 || at > Math.max(o.end, person.end) + 4) return null
    return { ...o, start: at, end: at + o.acronym.length, name: o.acronym, acronym: null, canonical: null, head: null }
  }).filter((o): o is OrganizationMention => !!o)
}

/** Adds labelled people the general finder missed, and completes those it found. */
export function mergeLabelled(people: PersonMention[], labelled: readonly LabelledPerson[]): PersonMention[] {
  const out = [...people]
  for (const l of labelled) {
    const index = out.findIndex((p) => p.start < l.end && p.end > l.start)
    const affiliation = l.affiliation
    if (index >= 0) {
      let p = out[index]!
      // "Monirul Islam" inside "Sheikh Md Monirul Islam": the list's fuller name.
      if (p.start >= l.start && p.end <= l.end && (p.start > l.start || p.end < l.end)) p = out[index] = { ...p, start: l.start, end: l.end, name: l.name }
      if (!p.affiliation && affiliation) out[index] = { ...p, affiliation: affiliation.name, affiliationMention: affiliation, describedBy: [...p.describedBy, affiliation] }
      continue
    }
    out.push({
      start: l.start, end: l.end, name: l.name, position: l.position, affiliation: affiliation?.name ?? null,
      affiliationMention: affiliation, describedBy: affiliation ? [affiliation] : [], strong: true,
    })
  }
  return out.sort((a, b) => a.start - b.start)
}
