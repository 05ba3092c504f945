// Organizations: capitalised phrases headed by an organization word (University, Institute,
// Ministry, Committee, …) with their "of / for / under the / at" chains, acronyms defined in
// parentheses, legal forms, well-known international organizations and names the caller already
// knows. Each mention keeps its span so that later stages can tell affiliations from participants.
import { countryCode, findPlaces, lookupCity } from './places.ts'
import {
  COUNTRY_ADJECTIVES, HONORIFICS, INTERNATIONAL_ORGANIZATIONS, LEGAL_FORMS, MONTHS, NOT_ACRONYMS, ORGANIZATION_HEADS, POSITIONS,
  STANDALONE_BODIES, SUBUNIT_HEADS, WEAK_HEADS, WEEKDAYS,
} from './lexicon.ts'
import { nameKey } from '../lib/names.ts'
import { overlapsAny, type Span, type Token } from './text.ts'

export interface KnownEntity { name: string; variants?: string[]; acronyms?: string[] }

export interface OrganizationMention extends Span {
  /** As written, without a leading "the" or a trailing "(ACRONYM)". */
  name: string
  acronym: string | null
  /** Name the mention is known under (a known or international organization), for merging. */
  canonical: string | null
  country: string | null
  /** Inside a longer name ("Russian Academy of Sciences" in "Institute … of the Russian Academy of Sciences"). */
  nested: boolean
  /** "the Institute": a reference to an organization named elsewhere. */
  bare: string | null
  head: string | null
}

export interface OrganizationOptions { known?: readonly KnownEntity[]; excluded?: readonly Span[] }

const START_SKIP = new Set(['the', 'a', 'an', 'on', 'in', 'at', 'this', 'that', 'these', 'during', 'within', 'among', 'each',
  'as', 'after', 'before', 'by', 'with', 'from', 'for', 'of', 'to', 'and', 'or', 'but', 'also', 'both', 'all', 'its', 'their',
  'our', 'his', 'her', 'organizers', 'organisers', 'partners', 'participants', 'experts', 'representatives', 'members',
  'today', 'yesterday', 'recently', 'meanwhile', 'moreover', 'besides', 'then', 'thus', 'however', 'furthermore',
  'read', 'source', 'photo', 'more', 'dear', 'congratulations', 'welcome'])
const STOP_COMPLEMENT = new Set(['was', 'were', 'is', 'are', 'be', 'been', 'being', 'has', 'have', 'had', 'will', 'would', 'can',
  'could', 'should', 'may', 'might', 'must', 'which', 'who', 'whom', 'whose', 'that', 'this', 'to', 'by', 'with', 'from', 'at',
  'as', 'during', 'within', 'including', 'where', 'when', 'while', 'on', 'into', 'through', 'about', 'after', 'before',
  'since', 'until', 'among', 'between', 'under', 'over', 'for', 'a', 'an', 'it', 'its', 'their', 'his', 'her', 'our', 'etc',
  'i.e', 'e.g', 'such', 'than', 'but', 'or', 'not', 'also', 'both'])

interface KnownName { tokens: string[]; canonical: string; international: boolean }

const BUILTIN: KnownName[] = INTERNATIONAL_ORGANIZATIONS.flatMap(([acronym, name, ...variants]) =>
  [name, ...variants, ...(acronym ? [acronym] : [])].map((spelling) => ({ tokens: wordsOf(spelling), canonical: name, international: true })))

function wordsOf(name: string) {
  return name.split(/\s+/).filter(Boolean)
}

function isHead(t: Token | undefined): boolean {
  // "Co-Chair", "Vice-Chair": a person's title, never the academic chair.
  if (!t || !t.word || /^(?:co|vice)-/.test(t.lower)) return false
  const last = t.lower.replace(/['’]s$/, '').split('-').pop()!
  return ORGANIZATION_HEADS.has(last) || ORGANIZATION_HEADS.has(t.lower)
}
const isLegal = (t: Token | undefined) => !!t && LEGAL_FORMS.has(t.lower)
/** "UNDP", and mixed-case ones with two or more capitals: "KazISS", "KazNU". */
const isAcronymToken = (t: Token | undefined) =>
  !!t && (t.upper || /^\p{Lu}[\p{L}\d&-]{1,9}$/u.test(t.text) && (t.text.match(/\p{Lu}/gu)?.length ?? 0) >= 2)
// "Heads of the Institute": a title in the plural is a title too.
const isTitleWord = (w: string) => POSITIONS.has(w) || w.endsWith('s') && POSITIONS.has(w.slice(0, -1))
const isPosition = (t: Token | undefined) => !!t && t.word && (isTitleWord(t.lower) || t.lower.includes('-') && isTitleWord(t.lower.slice(t.lower.lastIndexOf('-') + 1)))
const adjacent = (a: Token, b: Token) => b.start - a.end <= 1 && !/\n/.test('')

/** Finds organization mentions in `text` (already split into `tokens`). */
export function findOrganizations(text: string, tokens: Token[], options: OrganizationOptions = {}): OrganizationMention[] {
  const excluded = options.excluded ?? []
  const known = [...BUILTIN, ...(options.known ?? []).flatMap((k) =>
    [k.name, ...(k.variants ?? []), ...(k.acronyms ?? [])].filter((s) => s.trim()).map((spelling) =>
      ({ tokens: wordsOf(spelling), canonical: k.name, international: false })))]
  const knownByFirst = new Map<string, KnownName[]>()
  for (const k of known) {
    const first = k.tokens[0]!.toLowerCase()
    const list = knownByFirst.get(first) ?? []
    list.push(k)
    knownByFirst.set(first, list)
  }
  for (const list of knownByFirst.values()) list.sort((a, b) => b.tokens.length - a.tokens.length)

  const usable = (t: Token | undefined) => !!t && !overlapsAny(excluded, t)
  const wordAt = (i: number) => { const t = tokens[i]; return t && t.word && usable(t) ? t : undefined }
  // Honorifics, months and weekdays end a name: "the Institute Dr. A B", "the Institute on 4 March".
  const capAt = (i: number) => {
    const t = wordAt(i)
    if (!t || !(t.cap || t.upper || /^\d/.test(t.text)) || HONORIFICS.has(t.lower) || MONTHS.has(t.lower) || WEEKDAYS.has(t.lower)) return undefined
    return t
  }
  const lowerIs = (i: number, ...values: string[]) => { const t = tokens[i]; return !!t && values.includes(t.lower) }

  /** A known name starting at token i (case-sensitive for acronyms): returns its last token index. */
  function knownAt(i: number): { end: number; entry: KnownName } | null {
    const t = tokens[i]
    if (!t || !t.word) return null
    for (const entry of knownByFirst.get(t.lower) ?? []) {
      let ok = true
      for (let k = 0; k < entry.tokens.length; k++) {
        const token = tokens[i + k]
        const want = entry.tokens[k]!
        if (!token || !usable(token) || token.lower !== want.toLowerCase() || (k > 0 && !adjacent(tokens[i + k - 1]!, token))) { ok = false; break }
        // "WHO" the organization, "who" the pronoun.
        if (/^\p{Lu}{2,}$/u.test(want) && token.text !== want) { ok = false; break }
      }
      if (ok && entry.tokens.length === 1 && !/^\p{Lu}/u.test(t.text)) ok = false
      if (ok) return { end: i + entry.tokens.length - 1, entry }
    }
    return null
  }

  /** A run of capitalised words joined by single spaces: the core of a name. */
  function core(i: number): number {
    if (!capAt(i)) return -1
    let j = i
    for (;;) {
      // "Harvard Kennedy School's Belfer Center": the possessor is a name of its own.
      while (capAt(j + 1) && adjacent(tokens[j]!, tokens[j + 1]!) && !lowerIs(j + 1, 'and', 'of', 'the') && !(/['’]s$/.test(tokens[j]!.text) && isHead(tokens[j]))) j++
      // "L.N. Gumilyov Eurasian National University": a namesake's initials inside the name.
      if (tokens[j + 1]?.text === '.' && /^(?:\p{Lu}\.)*\p{Lu}$/u.test(tokens[j]!.text) && capAt(j + 2)) { j += 2; continue }
      break
    }
    // "&" inside a name: "Research & Development Centre".
    while (tokens[j + 1]?.text === '&' && capAt(j + 2)) { j += 2; while (capAt(j + 1) && adjacent(tokens[j]!, tokens[j + 1]!)) j++ }
    return j
  }

  const hasHeadIn = (from: number, to: number) => { for (let k = from; k <= to; k++) if (isHead(tokens[k]) || isLegal(tokens[k])) return true; return false }
  const lastHeadIn = (from: number, to: number) => { for (let k = to; k >= from; k--) if (isHead(tokens[k])) return k; return -1 }
  const positionCore = (from: number, to: number) => isPosition(tokens[to]) && !hasHeadIn(from, to)

  /** Lower-case complement after "of": "Consortium of research organizations in the field of family, gender and …". */
  function lowerComplement(i: number): number {
    let j = i - 1
    let words = 0
    for (let k = i; k < tokens.length && words < 14; k++) {
      const t = tokens[k]!
      if (!usable(t)) break
      if (t.text === ',') {
        const e = listContinues(k, true)
        if (e < 0) break
        words += e - k
        j = e
        k = e
        continue
      }
      if (!t.word) break
      if (STOP_COMPLEMENT.has(t.lower) || /(?:ed|ing)$/.test(t.lower) && !t.cap) break
      if (isPosition(t) && t.cap) break
      words++
      j = k
    }
    while (j >= i && ['the', 'and', 'of', 'in', ','].includes(tokens[j]!.lower)) j--
    return j
  }

  /** ", Family and Demographic Policy": a comma that continues an "X, Y and Z" list inside one name. */
  function listContinues(comma: number, lowercase = false): number {
    const part = (m: number) => { const w = wordAt(m); return w && (lowercase ? !w.cap || w.cap : w.cap || w.upper) ? w : undefined }
    let k = comma
    for (let guard = 0; guard < 8; guard++) {
      if (tokens[k]?.text !== ',') return -1
      const s = k + 1
      if (!part(s)) return -1
      let e = s
      while (part(e + 1) && e - s < 4 && adjacent(tokens[e]!, tokens[e + 1]!) && !['and', 'of', 'the', ','].includes(tokens[e + 1]!.lower) && !STOP_COMPLEMENT.has(tokens[e + 1]!.lower)) e++
      for (let m = s; m <= e; m++) if (isHead(tokens[m]) || knownAt(m)) return -1
      if (findPlaces(text.slice(tokens[s]!.start, tokens[e]!.end)).some((p) => p.start === 0 && p.end === tokens[e]!.end - tokens[s]!.start)) return -1
      if (lowerIs(e + 1, 'and') && part(e + 2)) {
        let f = e + 2
        while (part(f + 1) && f - e < 5 && adjacent(tokens[f]!, tokens[f + 1]!) && !STOP_COMPLEMENT.has(tokens[f + 1]!.lower) && !['and', 'of', 'the', 'in'].includes(tokens[f + 1]!.lower)) f++
        for (let m = e + 2; m <= f; m++) if (isHead(tokens[m])) return -1
        return f
      }
      k = e + 1
    }
    return -1
  }

  const mentions: OrganizationMention[] = []
  const add = (from: number, to: number, extra: Partial<OrganizationMention> = {}) => {
    let s = from
    while (s <= to && START_SKIP.has(tokens[s]!.lower) && s < to) s++
    const start = tokens[s]!.start
    // "the Agency’s activities": the possessive is not part of the name.
    const end = tokens[to]!.end - (/['’]s$/.test(tokens[to]!.text) ? 2 : 0)
    const name = text.slice(start, end).replace(/\s+/g, ' ')
    mentions.push({ start, end, name, acronym: null, canonical: null, country: null, nested: false, bare: null,
      head: lastHeadIn(s, to) >= 0 ? tokens[lastHeadIn(s, to)]!.lower.replace(/['’]s$/, '') : null, ...extra })
  }

  /** The index of the closing quote of a capitalised name quoted right after `k`, or -1. */
  const quotedNameAfter = (k: number) => {
    if (!/^["“«]$/.test(tokens[k + 1]?.text ?? '') || !tokens[k + 2]?.cap) return -1
    for (let q = k + 2; q < Math.min(tokens.length, k + 16); q++) {
      if (/^["”»]$/.test(tokens[q]!.text)) return q > k + 2 ? q : -1
      if (/^[.;:()]$/.test(tokens[q]!.text)) return -1
    }
    return -1
  }

  let i = 0
  while (i < tokens.length) {
    const t = tokens[i]!
    if (!t.word || !usable(t) || !(t.cap || t.upper)) { i++; continue }
    if (START_SKIP.has(t.lower) && !knownAt(i)) { i++; continue }
    if (!capAt(i)) { i++; continue }

    let coreEnd = core(i)
    // "Nazarbayev University Kadisha Dairova": a name after the head word is a person, not the organization.
    const lastHead = lastHeadIn(i, coreEnd)
    if (lastHead >= i && coreEnd - lastHead >= 2 && !hasHeadIn(lastHead + 1, coreEnd) && !isLegal(tokens[coreEnd])) coreEnd = lastHead
    const knownCore = knownAt(i)
    if (positionCore(i, coreEnd) && !(knownCore && knownCore.end === coreEnd)) {
      // A job title: "Vice-President", "UN Resident Coordinator". An acronym inside is still an organization.
      if (knownCore && knownCore.entry.international) add(i, knownCore.end, { canonical: knownCore.entry.canonical })
      i = coreEnd + 1
      continue
    }

    // Extend the core through "of / for / on / under the / at / in <country> / named after" chains.
    let end = coreEnd
    const nestedStarts: number[] = []
    let headSeen = hasHeadIn(i, coreEnd) || !!(knownCore && knownCore.end >= coreEnd)
    let j = end + 1
    for (let guard = 0; guard < 12; guard++) {
      const c = tokens[j]
      if (!c || !usable(c)) break
      let k = j
      let lower = false
      if (['of', 'for', 'on'].includes(c.lower)) {
        k = j + 1
        if (lowerIs(k, 'the')) k++
        if (/^\d/.test(tokens[k]?.text ?? '')) break
        lower = !capAt(k) && !!wordAt(k) && !lowerIs(k, 'the') && c.lower !== 'on'
      } else if (c.lower === 'under' && lowerIs(j + 1, 'the')) {
        k = j + 2
        if (lowerIs(k, 'auspices') && lowerIs(k + 1, 'of')) k += 2
        if (lowerIs(k, 'the')) k++
        // "… under the president of the Republic of X": the office, written in lower case, goes on with "of".
        if (!capAt(k) && isPosition(tokens[k]) && lowerIs(k + 1, 'of')) { end = k; j = k + 1; continue }
      } else if (c.lower === 'at' && headSeen) {
        k = j + 1
        if (lowerIs(k, 'the')) k++
        const e = core(k)
        if (e < 0 || !hasHeadIn(k, e) || positionCore(k, e)) break
      } else if (c.lower === 'in' && headSeen) {
        k = j + 1
        if (lowerIs(k, 'the')) k++
        const e = core(k)
        if (e < 0) break
        const place = text.slice(tokens[k]!.start, tokens[e]!.end)
        // "… Coordinator in Kazakhstan", and for offices abroad a city too: "OSCE Programme Office in Bishkek".
        const localOffice = /^(?:office|embassy|consulate|mission|branch|representation|representative office)$/.test(tokens[coreEnd]!.lower) || /office|embassy|consulate|mission|branch/.test(tokens[end]!.lower)
        if (!countryCode(place) && !(localOffice && lookupCity(place))) break
        end = e
        break
      } else if (c.lower === 'named' && lowerIs(j + 1, 'after')) {
        k = j + 2
      } else if (c.lower === 'and' && end > coreEnd) {
        k = j + 1
        const e = core(k)
        if (e < 0 || hasHeadIn(k, e) || knownAt(k)) break
        if (capAt(e + 1)) break
        // "… of Central Asia and Farhod Rahimov, Senior Expert at …": a person with a title, not the name's end.
        const described = /^\s*,\s*((?:[\p{L}-]+\s+){0,3}[\p{L}-]+)/u.exec(text.slice(tokens[e]!.end, tokens[e]!.end + 80))
        if (described && described[1]!.split(/\s+/).some((w) => POSITIONS.has(w.toLowerCase()))) break
      } else if (c.text === ',' && end > coreEnd) {
        const e = listContinues(j)
        if (e < 0) break
        end = e
        j = e + 1
        continue
      } else {
        break
      }
      if (lower) {
        if (end !== coreEnd) break
        const e = lowerComplement(k)
        if (e < k) break
        end = e
        j = e + 1
        continue
      }
      let e = core(k)
      if (e < 0) break
      // "Director of the Institute … of the Republic of Uzbekistan Eldor Aripov": the name ends with its country; a person follows.
      for (let m = k; m < e; m++) {
        const rest = e - m
        const personLike = (rest === 2 || rest === 3 && /^\p{Lu}\.?$/u.test(tokens[m + 2]!.text)) && !capAt(e + 1)
        if (personLike && countryCode(text.slice(tokens[k]!.start, tokens[m]!.end)) && !hasHeadIn(m + 1, e)) { e = m; break }
      }
      // "Association of Kyrgyz people of Kazakhstan": one lower-case word between capitalised parts.
      let e2 = e
      const inner = tokens[e + 1]
      if (inner && inner.word && !inner.cap && !STOP_COMPLEMENT.has(inner.lower) && !['and', 'of', 'the', 'in'].includes(inner.lower) &&
          lowerIs(e + 2, 'of') && capAt(e + 3)) {
        e2 = core(e + 3)
      }
      if (hasHeadIn(k, e) && !positionCore(k, e) || knownAt(k)?.end === e) nestedStarts.push(k)
      if (hasHeadIn(k, e2)) headSeen = true
      end = e2
      j = e2 + 1
    }

    // "Institute of Strategic Studies, Islamabad (ISSI)": the seat named before the acronym is part of the name.
    if (tokens[end + 1]?.text === ',' && capAt(end + 2) && tokens[end + 3]?.text === '(' && isAcronymToken(tokens[end + 4]) &&
        tokens[end + 5]?.text === ')' && hasHeadIn(i, end) && lookupCity(tokens[end + 2]!.text)) end += 2
    const chainText = text.slice(t.start, tokens[end]!.end)
    const single = i === end
    // "(ISIS)", and in square brackets "[ISIS]".
    const acronym = /^[([]$/.test(tokens[end + 1]?.text ?? '') && isAcronymToken(tokens[end + 2]) && /^[)\]]$/.test(tokens[end + 3]?.text ?? '') &&
      !NOT_ACRONYMS.has(tokens[end + 2]!.lower) ? tokens[end + 2]!.text : null
    const headIndex = lastHeadIn(i, end)
    // The head must stand in the name's own core: "Professor A B of X University" is a person and an organization.
    const strongHead = (() => {
      for (let k = i; k <= coreEnd; k++) if (isHead(tokens[k]) && !WEAK_HEADS.has(tokens[k]!.lower.split('-').pop()!)) return true
      return false
    })()
    const knownWhole = knownCore && knownCore.end === end ? knownCore : null
    const legal = isLegal(tokens[coreEnd]) || isLegal(tokens[i]) && coreEnd > i
    const weakOk = lastHeadIn(i, coreEnd) >= 0 && (acronym !== null || /^(?:UN|United Nations|World|International|European|Asian)\b/.test(chainText))
    const precededByThe = lowerIs(i - 1, 'the')

    // "the Friedrich-Ebert-Stiftung", "the Goethe-Institut": a name of its own, written as one compound word.
    const compoundName = single && /^\p{Lu}[\p{L}]*(?:-\p{Lu}[\p{L}]*)+$/u.test(t.text) && !isPosition(t)
    if (single && headIndex === i && !knownWhole && !compoundName) {
      // "the Institute", "the Senate": a body on its own or a reference to one named elsewhere.
      const word = t.lower.replace(/['’]s$/, '')
      if (STANDALONE_BODIES.has(word) && precededByThe) add(i, i)
      else if (precededByThe || lowerIs(i - 1, 'our') || word !== t.lower) add(i, i, { bare: word })
      i = end + 1
      continue
    }
    if (countryCode(chainText)) { i = end + 1; continue }
    // "the 14th Astana International Forum (AIF)", "the II Congress …": a numbered event, not an organization.
    if (EVENT_HEADS.test(tokens[coreEnd]!.text) && /(?:\b\d{1,3}(?:st|nd|rd|th)|\b[IVXL]{1,5})\s+$/.test(text.slice(Math.max(0, t.start - 10), t.start))) {
      i = acronym ? end + 4 : end + 1
      continue
    }
    // Public Foundation “Media Alliance of Tajikistan”, LLP «Qazaq Research»: a legal form, then the quoted name.
    const quoted = FORM_BEFORE_QUOTE.test(tokens[end]!.lower) ? quotedNameAfter(end) : -1
    if (quoted > end) {
      add(i, quoted)
      i = quoted + 1
      continue
    }
    // "Summer School", "Winter School": events, not organizations.
    if (/^(?:summer|winter|spring|autumn|fall)$/.test(t.lower) && coreEnd === i + 1 && /^school/.test(tokens[coreEnd]!.lower)) { i = end + 1; continue }
    if (knownWhole || strongHead || legal || weakOk || acronym) {
      // "UN System Staff College" is a body of its own; "UNDP in Kazakhstan" is UNDP.
      const knownPrefix = knownCore && knownCore.end >= coreEnd ? knownCore : null
      add(i, end, { acronym, canonical: knownWhole?.entry.canonical ?? knownPrefix?.entry.canonical ?? null })
      for (const s of nestedStarts) {
        const inner = knownAt(s)
        add(s, end, { nested: true, canonical: inner && inner.end >= end ? inner.entry.canonical : null })
        // "… under the auspices of UNESCO": the nested part is only the organization itself.
        if (inner && inner.end < end) add(s, inner.end, { nested: true, canonical: inner.entry.canonical })
      }
      i = acronym ? end + 4 : end + 1
      continue
    }
    // A lone acronym (TURKSOY), or a known name inside a longer capitalised run.
    if (knownCore) {
      add(i, knownCore.end, { canonical: knownCore.entry.canonical })
      i = knownCore.end + 1
      continue
    }
    // "DATE: 2009-12-16", "VENUE:": a label opening its line, not an acronym.
    const label = tokens[i + 1]?.text === ':' && /(?:^|\n)[ \t]*$/.test(text.slice(Math.max(0, t.start - 20), t.start))
    if (single && t.upper && !label && !t.text.includes('.') && t.text.length >= 3 && t.text.length <= 10 && !NOT_ACRONYMS.has(t.lower) &&
        !tokens[i - 1]?.upper && !tokens[i + 1]?.upper && !countryCode(t.text) && !lookupCity(t.text)) {
      add(i, i)
    }
    i = Math.max(i + 1, coreEnd + 1)
  }

  // "Institute of Oriental Studies …, Department of China": a sub-unit is part of the affiliation, not an organization.
  const kept = mentions.filter((m) => {
    if (!m.head || !SUBUNIT_HEADS.has(m.head) || m.nested) return true
    const before = text.slice(0, m.start)
    return !mentions.some((o) => o !== m && !o.nested && /^\s*,\s*$/.test(before.slice(o.end)))
  })
  for (const m of kept) {
    m.country = organizationCountry(text, m)
    if (/^['’]s\s/.test(text.slice(m.end, m.end + 3)) && kept.some((o) => o.start === m.end + 3)) m.nested = true
  }
  return kept
}

const EVENT_HEADS = /^(?:forum|conference|summit|congress|festival|week|olympiad|games|expo|exhibition|biennale|readings|symposium)$/i
/** Words after which a quoted name is the organization's own: "Public Foundation “…”", "LLP «…»". */
const FORM_BEFORE_QUOTE = /^(?:foundation|fund|association|union|society|company|corporation|centre|center|institute|agency|llp|llc|jsc|njsc|ojsc|cjsc|ngo|ooo|ip|pf|rse|ltd)$/

const REGION_OF = /\b(?:of|in)\s+(?:the\s+)?(?:Central\s+Asia|Eurasia|Europe|Asia|the\s+Caucasus|Caucasus|Middle\s+East|Balkans|Africa|Latin\s+America|Pacific|Caspian|Black\s+Sea|Baltic)\b/

/** The country an organization belongs to, when the text states it or the name makes it certain. */
export function organizationCountry(text: string, m: OrganizationMention): string | null {
  if (m.canonical && BUILTIN.some((b) => b.canonical === m.canonical)) return null
  // "AREL University (Turkey)"
  const after = /^\s*(?:\([^)]{1,12}\)\s*)?\(\s*([^()]{2,40}?)\s*\)/.exec(text.slice(m.end, m.end + 60))
  if (after) {
    // "(Turkey)", and "(Tashkent, Uzbekistan)": the last part is the country.
    const parts = after[1]!.split(',').map((p) => p.trim())
    const code = countryCode(after[1]!) ?? countryCode(parts[parts.length - 1]!)
    if (code) return code
  }
  const name = m.name
  const of = /\b(?:of|in)\s+(?:the\s+)?((?:Republic of\s+)?\p{Lu}[\p{L}-]+(?:\s+\p{Lu}[\p{L}-]+)?)\s*$/u.exec(name)
  if (of) {
    const code = countryCode(of[1]!)
    if (code) return code
  }
  for (const place of findPlaces(name)) {
    if (place.country) return place.country
  }
  // "American University of Central Asia" is in Bishkek: a named region or place outranks the adjective.
  if (REGION_OF.test(name)) return null
  for (const word of name.split(/\s(?:of|for|on|under|at|in)\s/)[0]!.split(/[\s-]+/)) {
    const code = COUNTRY_ADJECTIVES[word.toLowerCase()]
    if (code && /^\p{Lu}/u.test(word)) return code
  }
  const city = name.split(/\s+/).map((w) => lookupCity(w)).find((c) => c && c.population >= 100_000)
  return city?.country ?? null
}

/** A key under which two spellings of one organization meet: "UNDP in Kazakhstan" ~ "UNDP". */
export function organizationKey(m: Pick<OrganizationMention, 'name' | 'canonical'>): string {
  if (m.canonical) return nameKey(m.canonical)
  return nameKey(m.name.replace(/\s+in\s+(?:the\s+)?(?:Republic of\s+)?\p{Lu}[\p{L}-]+(?:\s+\p{Lu}[\p{L}-]+)?$/u, (all) =>
    countryCode(all.replace(/^\s+in\s+/, '')) ? '' : all))
}

export { SUBUNIT_HEADS }
