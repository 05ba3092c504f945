// People: capitalised names with the cues news texts give them — honorifics and degrees before,
// a position or an affiliation beside ("Dr. A B, Vice-President of X", "A B (X, Country)",
// "Speaker of the Senate, A B"), initials ("M.B. Syzdykova"), a verb of taking part after, or a name
// already confirmed elsewhere. Organization names, places and quoted titles are never people.
import {
  DEGREE_ABBREVIATIONS, DEGREE_NOUNS, DEGREE_SUBJECTS, HONORIFICS, MONTHS, NOT_NAME_WORDS, ORGANIZATION_HEADS,
  POSITION_MODIFIERS, POSITIONS, WEEKDAYS,
} from './lexicon.ts'
import type { OrganizationMention } from './organizations.ts'
import { countryCode, findPlaces, type PlaceMention } from './places.ts'
import { insideAny, overlapsAny, type Span, splitSentences, type Token } from './text.ts'
import { nameKey } from '../lib/names.ts'

export interface PersonMention extends Span {
  name: string
  position: string | null
  /** The organization the person belongs to, as written. */
  affiliation: string | null
  affiliationMention: OrganizationMention | null
  /** Organization mentions that describe the person (affiliations), not the activity. */
  describedBy: OrganizationMention[]
  strong: boolean
  /** "Tokayev's advisor A B": named as someone's possessor, not as a participant. */
  possessor?: boolean
}

export interface PeopleOptions {
  quotes?: readonly Span[]
  /** Name keys (lib/names nameKey) of people already known: the archive's, or confirmed elsewhere in the text. */
  knownNames?: ReadonlySet<string>
}

const PARTICLES = new Set(['van', 'von', 'de', 'da', 'del', 'der', 'bin', 'ibn', 'al', 'el', 'ul', 'uly', 'kyzy', 'ogly', 'le', 'di'])
const DESCRIPTORS = new Set(['figure', 'poet', 'writer', 'artist', 'activist', 'politician', 'statesman', 'scholar', 'composer',
  'author', 'singer', 'painter', 'philanthropist', 'entrepreneur', 'businessman', 'businesswoman', 'colleague', 'guest',
  'scientist', 'academician', 'hero', 'veteran', 'laureate', 'winner', 'graduate', 'alumnus', 'alumna'])
const SEPARATORS = new Set([',', '-', '–', '—'])
const VERB_AFTER = /^\s*(?:\([^)]*\)\s*)?(?:,[^,]{0,120},\s*)?(?:has\s+|have\s+|had\s+|was\s+|were\s+|will\s+)?(?:took part|take part|takes part|participated|attended|made|gave|delivered|presented|spoke|moderated|chaired|opened|noted|said|stressed|emphasi[sz]ed|highlighted|told|shared|held|organi[sz]ed|joined|visited|met|commented|outlined|introduced|addressed|welcomed|concluded|lectured|discussed|answered|underlined|pointed out|reported|announced|received|signed|became|is|was|were)\b/
const NAME_BEFORE = /(?:\bby|\bi\.e\.|\bnamely|\bwere|\bwas|\bincluding|\bincluded|\bfeatured|\bfeaturing|\bwith|\bbrought\s+together|:)\s*(?:the\s+)?$/

// "A B OBE, Professor, X": British honours between a name and its title.
const POSTNOMINAL_WORDS = new Set(['OBE', 'CBE', 'MBE', 'KBE', 'DBE', 'GBE', 'FRS', 'FBA', 'FRSE', 'QC', 'KC'])
// "X was represented by A, director, and B": the list that follows names X's people.
const REPRESENTED_BY = /^\s*(?:was|were|is|are|will\s+be)\s+represented\s+by\s/
/** Whether `between` is "was represented by" and a list up to the person: no clause ends on the way, only initials' dots. */
const representedBy = (between: string) => REPRESENTED_BY.test(between) && !/[;:()]|(?<!\b\p{Lu})\./u.test(between)
// "The delegation was led by A, Chairman, and also comprised B": members of a delegation named before.
const DELEGATION_MEMBERS = /\b(?:the|this|its|their)\s+(?:\p{Lu}[\p{L}-]*\s+){0,4}delegation\s+(?:was\s+(?:led|headed)\s+by|(?:also\s+)?(?:comprised|included|consisted\s+of))\b/iu
// "X, Islamabad (ISSI) sent a four-member delegation", "X's delegation", "X delegation".
const DELEGATION_SENT = /^(?:\s*,\s*\p{Lu}[\p{L}-]+)?\s*(?:\([^()]{1,20}\)\s*)?(?:(?:[’']s)?\s+delegation\b|\s+(?:sent|dispatched)\s+(?:an?\s+)?(?:[\p{L}-]+\s+){0,2}delegation\b)/u

/** Spans of academic degrees: "Master of Public Administration", "Candidate of Sociological Sciences", "PhD". */
export function findDegrees(tokens: Token[]): Span[] {
  const spans: Span[] = []
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    if (DEGREE_ABBREVIATIONS.has(t.lower.replace(/\.$/, ''))) {
      const dot = tokens[i + 1]?.text === '.' && tokens[i + 1]!.start === t.end
      spans.push({ start: t.start, end: dot ? t.end + 1 : t.end })
      continue
    }
    if (!DEGREE_NOUNS.has(t.lower) || tokens[i + 1]?.lower !== 'of') continue
    let j = i + 1
    while (tokens[j + 1] && DEGREE_SUBJECTS.has(tokens[j + 1]!.lower)) j++
    // The subject ends on a noun, not on "and" or "of".
    while (j > i + 1 && ['and', 'of', 'in', 'the'].includes(tokens[j]!.lower)) j--
    if (j === i + 1) continue
    let end = tokens[j]!.end
    if (tokens[j + 1]?.text === '(' && DEGREE_ABBREVIATIONS.has(tokens[j + 2]?.lower ?? '') && tokens[j + 3]?.text === ')') end = tokens[j + 3]!.end
    spans.push({ start: t.start, end })
    i = j
  }
  return spans
}

function isNameWord(t: Token | undefined): boolean {
  if (!t || !t.word || !t.cap) return false
  const lower = t.lower
  if (NOT_NAME_WORDS.has(lower) || ORGANIZATION_HEADS.has(lower) || POSITIONS.has(lower) || MONTHS.has(lower) ||
      WEEKDAYS.has(lower) || HONORIFICS.has(lower) || DEGREE_ABBREVIATIONS.has(lower)) return false
  if (ORGANIZATION_HEADS.has(lower.split('-').pop()!)) return false
  if (/\d/.test(t.text)) return false
  // Acronyms (UNDP) are organizations; but initials (M.B) pass below.
  if (t.upper && !/^(?:\p{Lu}\.)*\p{Lu}$/u.test(t.text)) return false
  return /\p{Ll}/u.test(t.text) || /^(?:\p{Lu}\.)*\p{Lu}$/u.test(t.text)
}

const isInitial = (t: Token | undefined) => !!t && /^(?:\p{Lu}\.)*\p{Lu}$/u.test(t.text)
const isPositionWord = (t: Token | undefined) => !!t && t.word && (POSITIONS.has(t.lower) || POSITIONS.has(t.lower.split('-').pop()!))

/** The last word of "Chairman of the Board (of Directors)": a body inside an organization, named in titles. */
const GOVERNING_BODIES = new Set(['board', 'directors', 'trustees', 'governors', 'presidium'])

export function findPeople(
  text: string, tokens: Token[], organizations: readonly OrganizationMention[], places: readonly PlaceMention[],
  degrees: readonly Span[], options: PeopleOptions = {},
): PersonMention[] {
  const quotes = options.quotes ?? []
  const topOrganizations = organizations.filter((o) => !o.nested)
  const blocked = [...organizations, ...degrees]
  const sentences = splitSentences(text)
  const sentenceOf = (position: number) => sentences.find((s) => position >= s.start && position < s.end) ?? { start: 0, end: text.length }
  const orgAtToken = (k: number) => topOrganizations.find((o) => tokens[k] && o.start === tokens[k]!.start)
  const orgEndingAt = (k: number) => topOrganizations.find((o) => tokens[k] && o.end === tokens[k]!.end)
  const placeAt = (k: number) => places.find((p) => tokens[k] && p.start === tokens[k]!.start)
  const inDegree = (k: number) => !!tokens[k] && insideAny(degrees, tokens[k]!.start)

  // 1. Runs of name words: "Askhat Kesikbayev", "M.B. Syzdykova", "Kim En Un", "Ludwig van Beethoven".
  interface Run { from: number; to: number; start: number; end: number; name: string; initials: boolean; title?: string }
  const runs: Run[] = []
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    if (!isNameWord(t) || overlapsAny(blocked, t)) continue
    let j = i
    let words = 1
    for (;;) {
      let k = j + 1
      if (tokens[k]?.text === '.' && isInitial(tokens[j]) && tokens[k]!.start === tokens[j]!.end) k++
      const next = tokens[k]
      if (!next || next.start - tokens[k - 1]!.end > 1 || text.slice(tokens[k - 1]!.end, next.start).includes('\n')) break
      if (PARTICLES.has(next.lower) && isNameWord(tokens[k + 1])) { j = k + 1; words += 2; continue }
      if (!isNameWord(next) || overlapsAny(blocked, next)) break
      j = k
      words++
      if (words > 4) break
    }
    let title: string | undefined
    // "Minister of Science and Higher Education Sayasat Nurbek": the portfolio's words run into the name.
    if (words >= 3 && ['of', 'for', 'and'].includes(tokens[i - 1]?.lower ?? '') && j - i + 1 === words) {
      let p = i - 2
      while (p >= 0 && p > i - 12 && tokens[p]!.word && (tokens[p]!.cap || ['of', 'for', 'and', 'the'].includes(tokens[p]!.lower)) && !isPositionWord(tokens[p])) p--
      if (p >= 0 && isPositionWord(tokens[p]) && tokens[p]!.cap) {
        let s = p
        while (s - 1 >= 0 && tokens[s - 1]!.cap && (POSITION_MODIFIERS.has(tokens[s - 1]!.lower) || isPositionWord(tokens[s - 1]))) s--
        title = text.slice(tokens[s]!.start, tokens[j - 2]!.end)
        i = j - 1
        words = 2
      }
    }
    const start = tokens[i]!.start, end = tokens[j]!.end
    const initials = isInitial(tokens[i])
    if (words < 2 || words > 4 || isInitial(tokens[j])) { i = j; continue }
    // Inside quoted titles only initials and a surname ("the works of K. Khafizova") name a person.
    if (insideAny(quotes, start) && !initials) { i = j; continue }
    const name = text.slice(start, end).replace(/\s+/g, ' ')
    const place = findPlaces(name)
    if (place.length && place.some((p) => p.end - p.start >= name.length - 1) || countryCode(name)) { i = j; continue }
    runs.push({ from: i, to: j, start, end, name, initials, title })
    i = j
  }

  // 2. What surrounds each run.
  const runStartsAt = (k: number) => runs.find((r) => r.from === k)
  const skipTitlesBack = (k: number) => {
    // Back over honorifics ("Dr.", "Professor") and degrees to the token before them.
    let m = k
    for (;;) {
      if (tokens[m]?.text === '.' && HONORIFICS.has(tokens[m - 1]?.lower ?? '')) { m -= 2; continue }
      if (tokens[m] && HONORIFICS.has(tokens[m]!.lower) && tokens[m]!.cap) { m--; continue }
      if (inDegree(m)) { const d = degrees.find((s) => s.start <= tokens[m]!.start && tokens[m]!.start < s.end)!; while (m >= 0 && tokens[m]!.start >= d.start) m--; continue }
      return m
    }
  }
  const skipTitlesForward = (k: number) => {
    let m = k
    for (;;) {
      if (tokens[m] && HONORIFICS.has(tokens[m]!.lower) && tokens[m]!.cap) { m++; if (tokens[m]?.text === '.') m++; continue }
      if (inDegree(m)) { const d = degrees.find((s) => s.start <= tokens[m]!.start && tokens[m]!.start < s.end)!; while (m < tokens.length && tokens[m]!.start < d.end) m++; continue }
      return m
    }
  }

  /** `remote`: the organization is named elsewhere in the item (by its acronym here), so this is no mention of it. */
  interface Position { position: string | null; org: OrganizationMention | null; end: number; remote?: boolean }

  /** "Vice-President of the Turkic Academy", "a scientific researcher of the Institute", "UN Resident Coordinator in Kazakhstan". */
  function positionForward(k: number): Position | null {
    let m = k
    if (['a', 'an', 'the'].includes(tokens[m]?.lower ?? '')) m++
    const first = m
    let last = -1
    while (tokens[m] && tokens[m]!.word) {
      const t = tokens[m]!
      const org = orgAtToken(m)
      // An organization starts here, unless it is an acronym inside a title ("UN Resident Coordinator").
      if (org && !isPositionWord(t) && !(org.end === t.end && t.upper && tokens[m + 1]?.cap)) break
      if (isPositionWord(t)) last = m
      else if (!(POSITION_MODIFIERS.has(t.lower) || t.cap || t.upper)) break
      if (ORGANIZATION_HEADS.has(t.lower) && !isPositionWord(t)) break
      m++
    }
    if (last < first) return null
    let end = last
    // "Vice-Rector for International Affairs", "Deputy Minister of Foreign Affairs": a portfolio, not an organization.
    const the = tokens[end + 2]?.lower === 'the' ? 1 : 0
    if (['of', 'for'].includes(tokens[end + 1]?.lower ?? '') && tokens[end + 2 + the]?.cap && !orgAtToken(end + 2 + the) && !placeAt(end + 2 + the)) {
      let e = end + 2 + the
      // "Minister of Ecology and Natural Resources": after "and" the portfolio goes on, though its words look like a name.
      while (tokens[e + 1] && (tokens[e + 1]!.cap || tokens[e + 1]!.lower === 'and' && tokens[e + 2]?.cap) && tokens[e + 1]!.word && !orgAtToken(e + 1) &&
        (tokens[e]!.lower === 'and' || !runs.some((r) => r.from === e + 1))) e++
      if (tokens[e]!.lower === 'and') e--
      if (!ORGANIZATION_HEADS.has(tokens[e]!.lower)) end = e
    }
    // "… Coordinator in Kazakhstan"
    if (tokens[end + 1]?.lower === 'in') {
      const p = placeAt(end + 2) ?? placeAt(end + 3)
      if (p && p.country && !p.city && p.start === tokens[end + 2]?.start) { while (tokens[end + 1] && tokens[end + 1]!.end <= p.end) end++ }
    }
    let org: OrganizationMention | null = organizations.find((o) => o.start >= tokens[first]!.start && o.end <= tokens[end]!.end && o.canonical) ?? null
    let n = end + 1
    // "… of Foreign Affairs of Kazakhstan"
    if (tokens[n]?.lower === 'of' && placeAt(n + 1)?.country && !placeAt(n + 1)?.city) {
      const p = placeAt(n + 1)!
      while (tokens[end + 1] && tokens[end + 1]!.end <= p.end) end++
      n = end + 1
    }
    // "Senior Researcher for the Department of X": "for" before an organization names the employer.
    if (['of', 'at', 'in', 'from'].includes(tokens[n]?.lower ?? '') || tokens[n]?.lower === 'for' && orgAtToken(tokens[n + 1]?.lower === 'the' ? n + 2 : n + 1)) {
      n++
      if (tokens[n]?.lower === 'the') n++
      const o = orgAtToken(n)
      if (o) { org = o; while (tokens[n] && tokens[n]!.end < o.end) n++ }
    }
    const position = text.slice(tokens[first]!.start, tokens[end]!.end)
    return { position, org, end: org ? n : end }
  }

  /** The title that ends right before a name: "the Deputy Director of the X", "Speaker of the Senate", "Politologist". */
  function positionBackward(from: number, to: number): Position | null {
    if (to < from) return null
    let m = to
    let titleEnd = to
    let org: OrganizationMention | null = null
    let remote = false
    const o = orgEndingAt(to)
    const body = !o && GOVERNING_BODIES.has(tokens[to]?.lower ?? '')
      ? /\b(?:of|at)\s+(?:the\s+)?(?:(?:Management|Supervisory|Executive|Editorial|Academic|Scientific)\s+)?Board(?:\s+of\s+(?:Directors|Trustees|Governors))?$|\bof\s+the\s+Presidium$/.exec(text.slice(Math.max(0, tokens[to]!.end - 80), tokens[to]!.end))
      : null
    if (body) {
      // "Chairman of the Board A B": the title names a body of the organization, not the organization.
      let p = to
      while (p > from && tokens[p]!.start > tokens[to]!.end - body[0].length) p--
      m = p - 1
    } else if (o) {
      let p = to
      while (p >= from && tokens[p]!.start >= o.start) p--
      if (tokens[p]?.lower === 'the') p--
      if (!['of', 'at', 'in', 'from'].includes(tokens[p]?.lower ?? '') || p <= from) return null
      org = o
      m = p - 1
    }
    if (!isPositionWord(tokens[m])) return null
    let s = m
    while (s - 1 >= from) {
      const t = tokens[s - 1]!
      if (!t.word || ['the', 'a', 'an', 'and', 'by', 'of', 'was', 'were', 'is', 'famous', 'well-known', 'renowned'].includes(t.lower)) break
      // "KazISS chief research fellow A B": the organization's acronym is the affiliation, not part of the title.
      const byAcronym = !org && t.cap ? topOrganizations.find((o) => o.acronym === t.text) : undefined
      if (byAcronym) { org = byAcronym; remote = true; break }
      // "the Institute’s director A B": the possessive names the organization, the title starts after it.
      if (/['’]s$/.test(t.text)) {
        const owner = !org ? organizations.find((o) => o.end === t.end - 2 || o.end === t.end) : undefined
        if (owner) org = owner
        break
      }
      if (!(POSITION_MODIFIERS.has(t.lower) || isPositionWord(t) || t.cap && !runs.some((r) => r.to === s - 1))) break
      s--
    }
    if (body) titleEnd = to
    else titleEnd = m
    return { position: text.slice(tokens[s]!.start, tokens[titleEnd]!.end), org, end: to, remote }
  }

  /** Token index where the chunk ending at `to` begins: after the previous comma, bracket, colon or sentence start. */
  function chunkStart(to: number, floor: number) {
    let s = to
    while (s - 1 >= 0 && tokens[s - 1]!.start >= floor && ![',', ';', '(', ')', ':', '–', '—', '.'].includes(tokens[s - 1]!.text)) s--
    return s
  }

  const found: PersonMention[] = []
  const runStrength = new Map<Run, number>()
  for (const run of runs) {
    const sentence = sentenceOf(run.start)
    const firstTokenOfSentence = tokens.findIndex((t) => t.start >= sentence.start)
    let strong = run.initials
    let cue = strong
    const before = skipTitlesBack(run.from - 1)
    if (before !== run.from - 1) strong = cue = true
    let position: string | null = run.title ?? null
    if (run.title) strong = cue = true
    let affiliation: OrganizationMention | null = null
    let affiliationText: string | null = null
    const describedBy: OrganizationMention[] = []

    // A title right before the name: "Rector of Satbayev University A B", "Deputy Director A B".
    // On the line above is another list entry's title ("- A, director\n- B"), not this name's.
    const sameLine = !!tokens[before] && !text.slice(tokens[before]!.end, run.start).includes('\n')
    const adjacentTitle = sameLine && !SEPARATORS.has(tokens[before]?.text ?? '') && (isPositionWord(tokens[before]) || !!orgEndingAt(before) || GOVERNING_BODIES.has(tokens[before]?.lower ?? '')) &&
      positionBackward(chunkStart(before, sentence.start), before)
    if (adjacentTitle) {
      position = adjacentTitle.position
      affiliation = adjacentTitle.org
      if (adjacentTitle.org && !adjacentTitle.remote) describedBy.push(adjacentTitle.org)
      strong = cue = true
    }
    // Pre-apposition: "…, the Deputy Director of X, Master of Sociology A B"; "founder of X, professor at Y - Professor A B".
    if (!adjacentTitle && (SEPARATORS.has(tokens[before]?.text ?? '') || (before !== run.from - 1 && isPositionWord(tokens[before])))) {
      let to = SEPARATORS.has(tokens[before]?.text ?? '') ? before - 1 : before
      let chosen: Position | null = null
      for (let guard = 0; guard < 4 && to >= firstTokenOfSentence; guard++) {
        const from = chunkStart(to, sentence.start)
        const parsed = positionBackward(from, to)
        if (!parsed) break
        // "A, Senior Fellow of X, B": a title right after another name is that name's, not this one's.
        // Past a degree or honorific ("…, Master of Sociology A B") the comma list is a run of titles, not of names.
        if (before === run.from - 1 && tokens[from - 1]?.text === ',' && runs.some((r) => r !== run && r.to === from - 2)) break
        if (!chosen || !chosen.org || parsed.org) chosen = parsed.org || !chosen ? parsed : chosen
        if (parsed.org) describedBy.push(parsed.org)
        // A chunk holding another name ends the walk: the titles before it are that person's.
        if (runs.some((r) => r !== run && r.from >= from && r.to <= to)) break
        if (tokens[from - 1]?.text !== ',') break
        to = from - 2
      }
      if (chosen) {
        position = chosen.position
        affiliation = chosen.org
        strong = cue = true
      }
    }

    // After the name: "(X, Country)", ", Vice-President of X", ", X (Country)", " of X".
    let k = run.to + 1
    if (POSTNOMINAL_WORDS.has(tokens[k]?.text ?? '')) k++
    if (tokens[k]?.text === '(') {
      const close = tokens.findIndex((t, idx) => idx > k && t.text === ')')
      const org = orgAtToken(k + 1)
      if (org) {
        affiliation ??= org
        affiliationText = affiliationOf(k + 1, close < 0 ? tokens.length : close)
        cue = true
      } else if (placeAt(k + 1)) cue = true
      for (const o of topOrganizations) if (o.start > tokens[k]!.start && (close < 0 || o.end <= tokens[close]!.end)) describedBy.push(o)
    } else if (tokens[k]?.text === ',') {
      let m = skipTitlesForward(k + 1)
      if (m !== k + 1 && tokens[m]?.text === ',') m = skipTitlesForward(m + 1)
      if (tokens[m]?.lower === 'the' && orgAtToken(m + 1)) m++
      const titled = positionForward(m)
      const org = titled ? undefined : orgAtToken(m)
      if (org && !affiliation) {
        affiliation = org
        affiliationText = affiliationOf(m, tokens.length)
        cue = true
        for (const o of topOrganizations) if (o.start >= org.start && o.end <= org.start + (affiliationText?.length ?? 0) + 1) describedBy.push(o)
      } else if (!org) {
        const parsed = titled
        if (parsed && !claimedByNext(parsed.end)) {
          position ??= parsed.position
          if (parsed.org) { affiliation ??= parsed.org; describedBy.push(parsed.org) }
          // "A, Professor, Danube Water Academy": the organization after the title, in apposition.
          const apposed = !parsed.org && tokens[parsed.end + 1]?.text === ',' ? orgAtToken(tokens[parsed.end + 2]?.lower === 'the' ? parsed.end + 3 : parsed.end + 2) : undefined
          if (apposed) { affiliation ??= apposed; describedBy.push(apposed) }
          cue = true
        }
      }
    } else if (['of', 'from'].includes(tokens[k]?.lower ?? '')) {
      const org = orgAtToken(tokens[k + 1]?.lower === 'the' ? k + 2 : k + 1)
      if (org) { affiliation ??= org; describedBy.push(org); cue = true }
    }

    // Names that come with a verb of taking part, or after "by", "i.e.", "were".
    if (!cue && VERB_AFTER.test(text.slice(run.end, run.end + 160))) cue = true
    if (!cue && NAME_BEFORE.test(text.slice(Math.max(sentence.start, run.start - 30), run.start))) cue = true
    if (!cue && options.knownNames?.has(nameKey(run.name))) cue = true
    // "the poet and public figure A B", "the famous expert A B".
    const previous = tokens[run.from - 1]
    if (!cue && previous && previous.word && !previous.cap && (DESCRIPTORS.has(previous.lower) || POSITIONS.has(previous.lower))) cue = true
    runStrength.set(run, cue ? (strong ? 2 : 1) : 0)
    if (!cue) continue
    found.push({
      start: run.start, end: run.end, name: run.name, position,
      affiliation: affiliationText ?? affiliation?.name ?? null, affiliationMention: affiliation, describedBy, strong,
    })
  }

  // 3. Lists: "A B and C D took part", "Experts - A B, C D (X), …": a name beside a person is a person.
  for (let pass = 0; pass < 2; pass++) {
    for (const run of runs) {
      if (runStrength.get(run)) continue
      const neighbour = found.find((p) => {
        const gap = p.end <= run.start ? text.slice(p.end, run.start) : run.end <= p.start ? text.slice(run.end, p.start) : null
        return gap !== null && /^\s*(?:\([^()]{0,200}\)\s*)?(?:,|and|, and)\s*$/.test(gap)
      })
      if (!neighbour) continue
      runStrength.set(run, 1)
      found.push({ start: run.start, end: run.end, name: run.name, position: null, affiliation: null, affiliationMention: null, describedBy: [], strong: false })
    }
  }
  found.sort((a, b) => a.start - b.start)

  // "Research staff of the X, i.e. A B and C D": the list's affiliation.
  for (const person of found) {
    if (person.affiliation) continue
    const lead = text.slice(sentenceOf(person.start).start, person.start)
    const group = /\b(?:staff|researchers?|employees|members|experts|representatives|scholars|team|delegation|fellows|faculty|colleagues)\s+(?:of|from)\s+(?:the\s+)?$/
    const org = topOrganizations.filter((o) => o.end <= person.start && o.start >= sentenceOf(person.start).start).pop()
    const between = org ? text.slice(org.end, person.start) : ''
    const leadToOrg = org ? lead.slice(0, org.start - sentenceOf(person.start).start) : ''
    if (org && (group.test(leadToOrg) && /^(?:[’']s)?\s*(?:,|:|–|-|i\.e\.|namely)?\s*(?:(?:i\.e\.|namely)\s*)?(?:[\p{L}.\s-]+?(?:,|and)\s*)*$/u.test(between) ||
        representedBy(between))) {
      person.affiliation = org.name
      person.affiliationMention = org
      person.describedBy.push(org)
    }
    // "X sent a delegation … The delegation was led by A and comprised B, C": the sender's people.
    const sender = !person.affiliation && DELEGATION_MEMBERS.test(lead) ? delegationSender(person.start) : null
    if (sender) { person.affiliation = sender.name; person.affiliationMention = sender; person.describedBy.push(sender) }
    // "…, led by the poet A B": the organization the clause belongs to.
    const led = /,\s*(?:led|headed|chaired|directed|founded)\s+by\s+(?:the\s+)?(?:[\p{Ll}\s-]+\s)?$/u.exec(lead)
    if (!person.affiliation && led) {
      const before = topOrganizations.filter((o) => o.end <= sentenceOf(person.start).start + led.index).pop()
      if (before && sentenceOf(before.start) === sentenceOf(person.start)) {
        person.affiliation = before.name
        person.affiliationMention = before
      }
    }
  }
  // "former Foreign Minister A B's advisor C D": A B is named, as the one C D advises.
  for (const person of found) {
    if (!/['’]s$/.test(person.name) || !/^\s+\p{Ll}/u.test(text.slice(person.end, person.end + 3))) continue
    person.name = person.name.slice(0, -2)
    person.end -= 2
    person.possessor = true
  }
  return found

  /** The organization that sent "a delegation" in the text before `before`, or null. */
  function delegationSender(before: number): OrganizationMention | null {
    for (const o of topOrganizations.filter((m) => m.end <= before).reverse()) {
      if (DELEGATION_SENT.test(text.slice(o.end, Math.min(before, o.end + 100)))) return o
    }
    return null
  }

  /** Whether the title ending at token `end` is followed by another name it describes instead. */
  function claimedByNext(end: number) {
    let m = end + 1
    if (!SEPARATORS.has(tokens[m]?.text ?? '')) return false
    m = skipTitlesForward(m + 1)
    const next = runStartsAt(m)
    // "A, Senior Fellow of X, B, Head of Y": the next name has a title of its own, so this one is A's.
    return !!next && !(tokens[next.to + 1]?.text === ',' && positionForward(next.to + 2))
  }

  /** "Institute of X, Department of Y" up to the first place, bracket or non-organization part. */
  function affiliationOf(k: number, stop: number): string | null {
    const first = orgAtToken(k)
    if (!first) return null
    let end = first.end
    let m = k
    while (m < stop && tokens[m]!.end <= end) m++
    while (m < stop && tokens[m]?.text === ',') {
      const next = orgAtToken(m + 1)
      const subunit = tokens[m + 1] && /^(?:Department|Faculty|Chair|Laboratory|Division|Sector|Centre|Center)$/.test(tokens[m + 1]!.text)
      if (next) end = next.end
      else if (subunit) {
        let e = m + 1
        while (e + 1 < stop && tokens[e + 1]!.word) e++
        end = tokens[e]!.end
      } else break
      while (m + 1 < stop && tokens[m + 1]!.end <= end) m++
      m++
    }
    return text.slice(first.start, end).replace(/\s+/g, ' ')
  }
}
