// A readable difference between two snapshots of a record, field by field: what an editor
// looking at a revision wants to know. Pure functions, no I/O: names come from a lookup.

export interface DiffPart {
  op: 'same' | 'ins' | 'del'
  text: string
}

export type FieldChange =
  | { field: string; label: string; kind: 'value'; before: string | null; after: string | null }
  | { field: string; label: string; kind: 'text'; parts: DiffPart[] }
  | { field: string; label: string; kind: 'list'; added: string[]; removed: string[] }

/** Names of the records a snapshot refers to by id; undefined when the record no longer exists. */
export interface NameLookup {
  person(id: number): string | undefined
  organization(id: number): string | undefined
  activity(id: number): string | undefined
}

export const NO_NAMES: NameLookup = { person: () => undefined, organization: () => undefined, activity: () => undefined }

type Reference = 'person' | 'organization' | 'activity'

// Which id fields name which kind of record.
const REFERENCES: Record<string, Reference> = {
  personId: 'person', organizationId: 'organization', parentId: 'organization', affiliationId: 'organization',
  activityId: 'activity',
}

const LABELS: Record<string, string> = {
  slug: 'Address (slug)', variants: 'Name variants', parentId: 'Parent organization', photoFileId: 'Photo',
  publishedAt: 'Published at', publishedOn: 'Published on', activityId: 'Activity', participations: 'Participants',
  authorId: 'Author', sampleSize: 'Sample size', fieldworkFrom: 'Fieldwork from', fieldworkTo: 'Fieldwork to',
  startsOn: 'Starts on', endsOn: 'Ends on', lang: 'Language', internal: 'Internal only', affiliationId: 'Affiliation',
  personId: 'Person', organizationId: 'Organization', jobTitle: 'Job title', fileName: 'File name',
}

// Text this long, or on several lines, is compared word by word rather than as a whole.
const LONG_TEXT = 80

export function fieldLabel(field: string) {
  return LABELS[field] ?? (field.charAt(0).toUpperCase() + field.slice(1).replace(/([A-Z])/g, ' $1').toLowerCase())
}

function reference(kind: Reference, id: number, names: NameLookup) {
  const name = names[kind](id)
  return name ?? `${kind} #${id} (no longer exists)`
}

/** One value as a reader sees it; ids of people, organizations and activities become their names. */
export function formatValue(field: string, value: unknown, names: NameLookup): string | null {
  if (value === null || value === undefined || value === '') return null
  if (typeof value === 'boolean') return value ? 'yes' : 'no'
  if (typeof value === 'number' && REFERENCES[field]) return reference(REFERENCES[field], value, names)
  if (typeof value === 'number' && /FileId$|^fileId$/.test(field)) return `file #${value}`
  if (Array.isArray(value)) return value.map((v) => formatItem(v, names)).join('; ')
  if (typeof value === 'object') return formatItem(value, names)
  return String(value)
}

/**
 * One element of a list: a participant, an affiliation, a contributor, a link. The person or
 * organization comes first, then the rest in the snapshot's order.
 */
export function formatItem(item: unknown, names: NameLookup): string {
  if (item === null || typeof item !== 'object') return String(item)
  const entries = Object.entries(item as Record<string, unknown>)
  const party = entries.filter(([k, v]) => (k === 'personId' || k === 'organizationId') && typeof v === 'number')
    .map(([k, v]) => reference(REFERENCES[k]!, v as number, names))
  const rest = entries.filter(([k]) => k !== 'personId' && k !== 'organizationId').flatMap(([k, v]) => {
    if (v === null || v === undefined || v === '' || v === false) return []
    if (v === true) return [fieldLabel(k).toLowerCase()]
    if (typeof v === 'number' && REFERENCES[k]) return [`${fieldLabel(k).toLowerCase()}: ${reference(REFERENCES[k], v, names)}`]
    if (k === 'startsOn' || k === 'from' || k === 'fieldworkFrom') return [`from ${String(v)}`]
    if (k === 'endsOn' || k === 'to' || k === 'fieldworkTo') return [`to ${String(v)}`]
    return [String(v)]
  })
  return party.length ? `${party.join(', ')}${rest.length ? ` — ${rest.join(', ')}` : ''}` : rest.join(', ')
}

const isLong = (...texts: (string | null)[]) => texts.some((t) => t !== null && (t.length > LONG_TEXT || t.includes('\n')))

/** Items only in `after` and only in `before`, counting repeats. */
export function diffLists(before: string[], after: string[]) {
  const left = [...before]
  const added: string[] = []
  for (const item of after) {
    const at = left.indexOf(item)
    if (at >= 0) left.splice(at, 1)
    else added.push(item)
  }
  return { added, removed: left }
}

// An empty list and no list at all read the same.
const emptied = (v: unknown) => (v === undefined || v === null || (Array.isArray(v) && v.length === 0) ? null : v)

const asObject = (snapshot: unknown): Record<string, unknown> =>
  snapshot && typeof snapshot === 'object' ? (snapshot as Record<string, unknown>) : {}

/**
 * The changes from one snapshot to the next, in the snapshot's field order. A missing side
 * (creation, deletion) counts as a record with every field empty.
 */
export function diffSnapshots(before: unknown, after: unknown, names: NameLookup = NO_NAMES): FieldChange[] {
  const a = asObject(before), b = asObject(after)
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((f) => f !== 'id')
  const changes: FieldChange[] = []
  for (const field of fields) {
    const x = a[field], y = b[field]
    if (JSON.stringify(emptied(x)) === JSON.stringify(emptied(y))) continue
    const label = fieldLabel(field)
    if (Array.isArray(x) || Array.isArray(y)) {
      const { added, removed } = diffLists(((x ?? []) as unknown[]).map((v) => formatItem(v, names)),
        ((y ?? []) as unknown[]).map((v) => formatItem(v, names)))
      // A reordering changes no item: say so rather than show nothing.
      if (!added.length && !removed.length) {
        changes.push({ field, label, kind: 'value', before: formatValue(field, x, names), after: formatValue(field, y, names) })
      } else {
        changes.push({ field, label, kind: 'list', added, removed })
      }
      continue
    }
    const from = formatValue(field, x, names), to = formatValue(field, y, names)
    if (typeof (x ?? y) === 'string' && isLong(from, to)) {
      changes.push({ field, label, kind: 'text', parts: collapseUnchanged(diffWords(from ?? '', to ?? '')) })
    } else {
      changes.push({ field, label, kind: 'value', before: from, after: to })
    }
  }
  return changes
}

// ---------------------------------------------------------------- words

const tokenize = (text: string) => text.match(/\s+|[^\s]+/g) ?? []

// Beyond this many cells the table would cost too much memory: the changed middle is shown replaced whole.
const MAX_CELLS = 4_000_000

/**
 * A word-level difference: runs of unchanged, deleted and inserted text, white space kept, so
 * that joining the 'same' and 'del' parts gives `before` and the 'same' and 'ins' parts `after`.
 */
export function diffWords(before: string, after: string): DiffPart[] {
  const a = tokenize(before), b = tokenize(after)
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start++
  let endA = a.length, endB = b.length
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) { endA--; endB-- }
  const parts: DiffPart[] = []
  const push = (op: DiffPart['op'], text: string) => {
    if (!text) return
    const last = parts.at(-1)
    if (last?.op === op) last.text += text
    else parts.push({ op, text })
  }
  push('same', a.slice(0, start).join(''))
  const midA = a.slice(start, endA), midB = b.slice(start, endB)
  const n = midA.length, m = midB.length
  if (n * m > MAX_CELLS) {
    push('del', midA.join(''))
    push('ins', midB.join(''))
  } else {
    // Longest common subsequence, read from the end so that the walk below goes forwards.
    const width = m + 1
    const table = new Uint32Array((n + 1) * width)
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        table[i * width + j] = midA[i] === midB[j]
          ? table[(i + 1) * width + j + 1]! + 1
          : Math.max(table[(i + 1) * width + j]!, table[i * width + j + 1]!)
      }
    }
    let i = 0, j = 0
    while (i < n || j < m) {
      if (i < n && j < m && midA[i] === midB[j]) { push('same', midA[i]!); i++; j++ }
      // Deletions first, so that a replaced word reads "old new".
      else if (i < n && (j === m || table[(i + 1) * width + j]! >= table[i * width + j + 1]!)) { push('del', midA[i]!); i++ }
      else { push('ins', midB[j]!); j++ }
    }
  }
  push('same', a.slice(endA).join(''))
  return joinChanges(parts)
}

/**
 * Changes separated by white space only become one change: "youth attitudes" → "public trust"
 * reads better than word by word. The space goes to both sides, so both texts stay whole.
 */
function joinChanges(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = []
  let del = '', ins = ''
  const flush = () => {
    if (del) out.push({ op: 'del', text: del })
    if (ins) out.push({ op: 'ins', text: ins })
    del = ins = ''
  }
  for (const [k, part] of parts.entries()) {
    if (part.op === 'del') del += part.text
    else if (part.op === 'ins') ins += part.text
    else if ((del || ins) && /^\s+$/.test(part.text) && parts[k + 1] && parts[k + 1]!.op !== 'same') {
      del += part.text
      ins += part.text
    } else {
      flush()
      out.push({ ...part })
    }
  }
  flush()
  return out
}

const CONTEXT_WORDS = 12

/** Long unchanged stretches shortened to a few words either side of each change, so a long body's diff stays readable. */
export function collapseUnchanged(parts: DiffPart[], context = CONTEXT_WORDS): DiffPart[] {
  return parts.map((part, k) => {
    if (part.op !== 'same') return part
    const words = tokenize(part.text)
    const keep = context * 2 // words and the spaces between them
    const first = k === 0, last = k === parts.length - 1
    if (first && words.length > keep) return { op: 'same', text: `… ${words.slice(-keep).join('').trimStart()}` }
    if (last && words.length > keep) return { op: 'same', text: `${words.slice(0, keep).join('').trimEnd()} …` }
    if (!first && !last && words.length > keep * 2 + 1) {
      return { op: 'same', text: `${words.slice(0, keep).join('').trimEnd()} … ${words.slice(-keep).join('').trimStart()}` }
    }
    return part
  })
}

/** The ids of people, organizations and activities a snapshot refers to, to look their names up at once. */
export function referencedIds(...snapshots: unknown[]) {
  const ids: Record<Reference, Set<number>> = { person: new Set(), organization: new Set(), activity: new Set() }
  const visit = (value: unknown, key?: string) => {
    if (Array.isArray(value)) value.forEach((v) => visit(v))
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, k)
    else if (typeof value === 'number' && key && REFERENCES[key]) ids[REFERENCES[key]].add(value)
  }
  snapshots.forEach((s) => visit(s))
  return { person: [...ids.person], organization: [...ids.organization], activity: [...ids.activity] }
}
