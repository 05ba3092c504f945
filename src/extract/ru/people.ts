// People in a Russian or Kazakh item: "В.Н. Гарбузов", "Ю.А.Зубаков", "Сейдуманов С.Т.", "Сергей
// Перевезенцев", "Мухаммадзода Парвиз Абдурахмон", "Полад Бюльбюль оглы", with the position and the
// organization in apposition ("директор Института Европы РАН д.и.н. Ал.А. Громыко", "И.С. Иванов,
// президент Российского совета по международным делам", "Сергей Уткин (ИМЭМО)"). Degrees and
// honorifics are left out; names come out in the nominative as written.
import { DEGREE, isPositionWord } from './lexicon.ts'
import { organizationNominative, personNominative, wordInfo } from './morph.ts'
import { headNoun, type RuOrganization } from './organizations.ts'
import { lookupCyrillicPlace } from './places.ts'
import { isAcronym, looksAdjective, type RuToken, type Span, tokenIndexAt } from './text.ts'
import { monthNumber } from './lexicon.ts'

export interface RuPerson extends Span {
  name: string
  /** Index of the person this mention refers to ("Александр Владимирович" → "А.В. Сидорович"); its own index otherwise. */
  ref: number
  position: string | null
  affiliation: RuOrganization | null
}

const UPPER = 'А-ЯЁӘҒҚҢӨҰҮҺІ'
const LOWER = 'а-яёәғқңөұүһі'
const WORD = `[${UPPER}][${LOWER}]+(?:-[${UPPER}][${LOWER}]+)?`
const INITIAL = `[${UPPER}][${LOWER}]?\\.\\s?`
const INITIALS_FIRST = new RegExp(`((?:${INITIAL}){1,3})(${WORD})`, 'gu')
const SURNAME_FIRST = new RegExp(`(${WORD})\\s+([${UPPER}]\\.\\s?[${UPPER}]\\.?)(?![\\p{L}])`, 'gu')
const PARTICLES = new Set(['оглы', 'кызы', 'улы', 'ұлы', 'қызы', 'уулу', 'угли', 'гызы'])
const CAP_WORD = new RegExp(`^${WORD}$`, 'u')

/** Spans of degrees, ranks and honorifics: "д.и.н.", "член-корреспондент РАН", "профессор", "госпожа". */
export function findDegrees(text: string, tokens: RuToken[]): Span[] {
  const spans: Span[] = []
  for (const t of tokens) {
    if (!t.word || spans.some((s) => s.end > t.start)) continue
    const m = DEGREE.exec(text.slice(t.start, t.start + 60))
    if (m) spans.push({ start: t.start, end: t.start + m[0].replace(/[\s,]+$/, '').length })
  }
  return spans
}

export { isPositionWord }

interface FindPeopleOptions { excluded: readonly Span[]; degrees: readonly Span[]; known?: ReadonlySet<string>; organizations?: readonly RuOrganization[]; blocked?: (t: Span) => boolean }

export function findRuPeople(text: string, tokens: RuToken[], organizations: readonly RuOrganization[], options: FindPeopleOptions): RuPerson[] {
  const blocked = [...options.excluded, ...organizations]
  const overlaps = (s: Span) => blocked.some((b) => b.start < s.end && s.start < b.end)
  const candidates: Array<Span & { raw: string; surnameFirst: boolean }> = []
  const add = (start: number, end: number, surnameFirst = false) => {
    const span = { start, end }
    if (overlaps(span) || candidates.some((c) => c.start < end && start < c.end)) return
    // "им. М.В. Ломоносова": an honoured name inside an organization's.
    if (/(?:им\.|имени)\s*$/u.test(text.slice(Math.max(0, start - 8), start))) return
    candidates.push({ start, end, raw: text.slice(start, end), surnameFirst })
  }
  for (const m of text.matchAll(INITIALS_FIRST)) {
    if (m.index > 0 && /[\p{L}.]/u.test(text[m.index - 1]!)) continue
    const surname = m[2]!
    if (monthNumber(surname) || headNoun(surname)) continue
    add(m.index, m.index + m[0].length)
  }
  for (const m of text.matchAll(SURNAME_FIRST)) {
    if (m.index > 0 && /[\p{L}.]/u.test(text[m.index - 1]!)) continue
    const surname = m[1]!
    if (monthNumber(surname) || headNoun(surname) || isPositionWord(surname)) continue
    add(m.index, m.index + m[0].length, true)
  }
  // Runs of two or three capitalised words (and a particle): "Сергей Уткин", "Мухаммадзода Парвиз Абдурахмон", "Полада Бюльбюль оглы".
  for (let i = 0; i < tokens.length; i++) {
    const nameWord = (t: RuToken) => t.cap && isNameWord(t) && !overlaps(t)
    if (!nameWord(tokens[i]!)) continue
    let j = i
    while (j < tokens.length && j - i < 3 && nameWord(tokens[j]!) && (j === i || tokens[j]!.start - tokens[j - 1]!.end <= 1)) j++
    if (tokens[j] && PARTICLES.has(tokens[j]!.lower) && j - i >= 1) j++
    if (j - i < 2) continue
    // The longest run that reads as a name from here; else try from the next word ("Грузии Гиги Церетели").
    for (let e = j; e - i >= 2; e--) {
      const run = tokens.slice(i, e)
      if (PARTICLES.has(run[run.length - 1]!.lower) && run.length < 2) break
      if (acceptRun(text, tokens, i, run, { ...options, organizations })) {
        add(run[0]!.start, run[run.length - 1]!.end)
        i = e - 1
        break
      }
    }
  }
  candidates.sort((a, b) => a.start - b.start)

  const people: RuPerson[] = []
  let previousCase: string = 'nomn'
  let previousEnd = -1
  for (const c of candidates) {
    const listed = previousEnd >= 0 && /^\s*(?:,|и|,\s*а\s+также|а\s+также)\s*$/u.test(text.slice(previousEnd, c.start))
    const caseName = listed ? previousCase : governingCase(text, tokens, c, organizations, options.degrees)
    previousCase = caseName
    previousEnd = c.end
    const name = personNominative(c.raw.replace(/\s+/g, ' '), { caseName })
    const { position, affiliation } = apposition(text, tokens, c, organizations, options.degrees, candidates)
    people.push({ start: c.start, end: c.end, name, ref: people.length, position, affiliation })
  }
  // "Александр Владимирович" after "А.В. Сидорович", "Перевезенцев" after "Сергей Перевезенцев": the same person.
  for (const p of people) {
    const words = p.name.split(/\s+/)
    const target = people.find((q) => q !== p && q.ref === people.indexOf(q) && q.start < p.start && sameInitials(words, q.name))
    if (target) p.ref = people.indexOf(target)
  }
  return people
}

function sameInitials(words: string[], other: string): boolean {
  if (words.length !== 2 || !wordInfo(words[1]!).patronymic) return false
  const initials = other.match(new RegExp(`[${UPPER}](?=[${LOWER}]?\\.)`, 'gu'))
  return !!initials && initials.length >= 2 && initials[0] === words[0]![0] && initials[1] === words[1]![0]
}

function acceptRun(text: string, tokens: RuToken[], i: number, run: RuToken[], options: FindPeopleOptions): boolean {
  const span = { start: run[0]!.start, end: run[run.length - 1]!.end }
  const infos = run.map((t) => wordInfo(t.text))
  const particle = run.some((t) => PARTICLES.has(t.lower))
  const flagged = infos.some((w) => w.firstName || w.surname || w.patronymic) || particle
  const cued = positionBefore(text, tokens, i, options.degrees, options.organizations) || /^\s*\((?!\d)/u.test(text.slice(span.end, span.end + 3))
  const known = options.known?.has(run.map((t) => t.lower).join(' ')) ?? false
  const lead = text.slice(Math.max(0, run[0]!.start - 40), run[0]!.start).trimEnd()
  const atSentenceStart = (lead === '' && run[0]!.start < 40) || /[.!?\n:«"]$/u.test(lead)
  const firstFlagged = infos[0]!.firstName || infos[0]!.surname
  if (!(flagged || cued || known)) return false
  if (atSentenceStart && !firstFlagged && !cued && !known) return false
  if (known) return true
  const anyFirstName = infos.some((w) => w.firstName) || particle
  // Places and adjectives are not names ("Центральная Азия", "Южном Кавказе"); "Наталья Космарская" is.
  const named = (k: number) => infos[k]!.firstName || infos[k]!.surname || infos[k]!.patronymic
  const place = (k: number) => (lookupCyrillicPlace(run[k]!.text) !== null || (infos[k]!.place && !cued)) && !named(k) && !(cued && run.some((_, m) => m !== k && named(m)))
  return !run.some((t, k) => place(k) ||
    (COMMON_CAPITALS.has(infos[k]!.lemma)) ||
    (looksAdjective(t.text) && !anyFirstName && !PARTICLES.has(t.lower)))
}

// Capitalised common nouns that run into names ("Российской Федерации Полада"): never part of one.
const COMMON_CAPITALS = new Set(['федерация', 'республика', 'россия', 'президент', 'правительство', 'парламент', 'совет', 'министр', 'посол', 'председатель',
  'государство', 'союз', 'азия', 'европа', 'восток', 'запад', 'кавказ', 'безопасность', 'содружество', 'ассамблея', 'народ', 'палата', 'бог', 'наука'])

const nameWordCache = new Map<string, boolean>()

function isNameWord(t: RuToken): boolean {
  const cached = nameWordCache.get(t.text)
  if (cached !== undefined) return cached
  const result = computeNameWord(t)
  if (nameWordCache.size > 100_000) nameWordCache.clear()
  nameWordCache.set(t.text, result)
  return result
}

function computeNameWord(t: RuToken): boolean {
  if (!t.word || !CAP_WORD.test(t.text) || isAcronym(t.text) || monthNumber(t.text) || headNoun(t.text)) return false
  if (isPositionWord(t.text) && !wordInfo(t.text).surname) return false
  return true
}

function positionBefore(text: string, tokens: RuToken[], i: number, degrees: readonly Span[], organizations: readonly RuOrganization[] = []): boolean {
  let k = i - 1
  while (k >= 0 && (degrees.some((d) => d.start <= tokens[k]!.start && tokens[k]!.end <= d.end) || tokens[k]!.text === ',')) k--
  if (k < 0) return false
  const t = tokens[k]!
  // "вице-председателя парламента Грузии Гиги Церетели": an organization in the genitive right before.
  const org = organizations.find((o) => o.end === t.end)
  if (org) {
    const lead = text.slice(Math.max(0, org.start - 40), org.start).trim().split(/\s+/).slice(-3)
    if (lead.some((w) => isPositionWord(w))) return true
  }
  if (degrees.some((d) => d.end === tokens[i - 1]?.end)) return true
  return isPositionWord(t.text) || (t.word && isAcronym(t.text)) || /[—–-]$/.test(t.text) && false
}

/**
 * The person's position and organization: before the name ("директор Института Европы РАН д.и.н. X"),
 * after it (", президент Российского совета …"), or in brackets ("(ИМЭМО)").
 */
function apposition(text: string, tokens: RuToken[], person: Span, organizations: readonly RuOrganization[], degrees: readonly Span[], people: readonly Span[]) {
  // Before: skip degrees and commas back to an organization that a position word governs.
  let cursor = person.start
  for (;;) {
    const trimmed = cursor - (/[\s,]*$/u.exec(text.slice(Math.max(0, cursor - 20), cursor))?.[0].length ?? 0)
    const degree = degrees.find((d) => d.end === trimmed)
    if (!degree) { cursor = trimmed; break }
    cursor = degree.start
  }
  const org = organizations.find((o) => o.end === cursor || (o.end <= cursor && /^[\s]*$/u.test(text.slice(o.end, cursor))))
  if (org) {
    const lead = text.slice(Math.max(0, org.start - 60), org.start)
    const m = new RegExp(`((?:[\\p{L}-]+\\s+){0,4}?)([\\p{L}-]+)\\s*$`, 'u').exec(lead)
    const words = lead.trim().split(/\s+/)
    const window = words.slice(-5)
    const positionAt = window.findIndex((w) => isPositionWord(w))
    const last = words[words.length - 1] ?? ''
    if (positionAt >= 0 && !/^(?:и|для|в|на|с|по|из|от|к|а|или)$/u.test(last.toLowerCase()) && !/[.;:)]$/.test(last)) {
      const slice = window.slice(withAdjectives(window, positionAt))
      void m
      return { position: cleanPosition(slice.join(' ')), affiliation: org }
    }
  }
  // Kazakh order: "ҚСЗИ директоры Асан Беков" — the organization, then the position, then the name.
  const lead = text.slice(Math.max(0, cursor - 40), cursor)
  const kazakh = /([\p{L}-]+)\s*$/u.exec(lead)
  if (kazakh && isPositionWord(kazakh[1]!)) {
    const positionStart = cursor - kazakh[0].length
    const owner = organizations.find((o) => o.end <= positionStart && /^\s*$/u.test(text.slice(o.end, positionStart)))
    if (owner) return { position: cleanPosition(kazakh[1]!), affiliation: owner }
  }
  // After: "(ИМЭМО)", "(Институт востоковедения РАН)".
  const after = text.slice(person.end, person.end + 3)
  if (/^\s*\(/u.test(after)) {
    const open = text.indexOf('(', person.end)
    const inside = organizations.find((o) => o.start > open && o.start - open <= 2 && text.slice(o.end).trimStart().startsWith(')'))
    if (inside) return { position: positionBeforeName(text, person, degrees), affiliation: inside }
  }
  // After: ", президент Российского совета по международным делам" up to the next person, a semicolon or the sentence end.
  const next = people.find((p) => p.start > person.end)
  let limit = text.slice(person.end, person.end + 600).search(/[;\n]|(?<!(?:^|[\s.])(?:им|\p{Lu}))\.\s+\p{Lu}|\.$/u)
  limit = limit < 0 ? text.length : person.end + limit
  if (next && next.start < limit) limit = next.start
  if (/^\s*[,–—-]/u.test(text.slice(person.end, person.end + 3))) {
    const org2 = organizations.find((o) => o.start > person.end && o.end <= limit)
    if (org2) {
      const between = text.slice(person.end, org2.start)
      const words = between.split(/[\s,]+/).filter(Boolean)
      const p = words.findIndex((w) => isPositionWord(w))
      if (p >= 0 && !/(?:^|\s)(?:и|для|в|на|из|от|а)\s*$/u.test(between)) return { position: cleanPosition(words.slice(p).join(' ')), affiliation: org2 }
    }
  }
  return { position: positionBeforeName(text, person, degrees), affiliation: null }
}

function positionBeforeName(text: string, person: Span, degrees: readonly Span[]): string | null {
  let cursor = person.start
  for (;;) {
    const trimmed = cursor - (/[\s,]*$/u.exec(text.slice(Math.max(0, cursor - 20), cursor))?.[0].length ?? 0)
    const degree = degrees.find((d) => d.end === trimmed)
    if (!degree) { cursor = trimmed; break }
    cursor = degree.start
  }
  const words = text.slice(Math.max(0, cursor - 50), cursor).trim().split(/\s+/)
  // The last three words hold the position ("выступила директор института"); its adjectives may lie before them.
  const from = Math.max(0, words.length - 3)
  const at = words.slice(from).findIndex((w) => isPositionWord(w))
  return at >= 0 ? cleanPosition(words.slice(withAdjectives(words, from + at)).join(' ')) : null
}

/** Where a position starts: its lower-case adjectives before the noun ("главный научный сотрудник"). */
function withAdjectives(words: readonly string[], at: number): number {
  let from = at
  while (from > 0 && /^[а-яё-]+$/u.test(words[from - 1]!) && looksAdjective(words[from - 1]!) && !looksVerbLike(words[from - 1]!)) from--
  return from
}

function cleanPosition(position: string): string | null {
  const cleaned = position.replace(/[\s,;:–—-]+$/u, '').replace(/^[\s,;:–—-]+/u, '').trim()
  return cleaned ? nominativePosition(cleaned.split(' ').map(kazakhNominative).join(' ')) : null
}

// Kazakh positions take the possessive after their organization ("институт директоры", "кафедра меңгерушісі").
const KAZAKH_POSITIONS = new Set(['директор', 'ректор', 'проректор', 'декан', 'президент', 'вице-президент', 'төраға', 'меңгеруші', 'қызметкер',
  'сарапшы', 'орынбасар', 'басшы', 'оқытушы', 'хатшы', 'елші', 'кеңесші', 'профессор', 'доцент', 'министр', 'әкім', 'бастық', 'жетекші', 'маман'])

function kazakhNominative(word: string): string {
  const lower = word.toLowerCase()
  for (const suffix of ['сы', 'сі', 'ы', 'і']) {
    if (lower.endsWith(suffix) && KAZAKH_POSITIONS.has(lower.slice(0, -suffix.length))) return word.slice(0, -suffix.length)
  }
  return word
}

/**
 * A position in the nominative, as a record states it, whatever case the sentence gave it: "лекция
 * профессора X" → профессор, "с главным научным сотрудником" → главный научный сотрудник. Only the
 * head and the adjectives before it change; the genitive after it stays ("заместителя директора").
 */
function nominativePosition(position: string): string {
  const words = position.split(' ')
  let head = 0
  while (head < words.length - 1 && looksAdjective(words[head]!)) head++
  const word = words[head]!
  if (!isPositionWord(word) || positionCase(word) === 'nomn') return position
  const inflected = head === 0 ? wordInfo(word).lemma : organizationNominative(words.slice(0, head + 1).join(' ')).toLowerCase()
  const first = words[0]!
  const cased = first[0] === first[0]!.toUpperCase() ? inflected.charAt(0).toUpperCase() + inflected.slice(1) : inflected
  return [cased, ...words.slice(head + 1)].join(' ')
}

const PREPOSITION_CASES: Record<string, string> = {
  с: 'ablt', со: 'ablt', у: 'gent', от: 'gent', для: 'gent', из: 'gent', без: 'gent', до: 'gent', после: 'gent', среди: 'gent', против: 'gent',
  к: 'datv', ко: 'datv', по: 'datv', о: 'loct', об: 'loct', при: 'loct', благодаря: 'datv',
}
// Nouns whose complement is a person in the genitive: "доклады А. Ю. Скопина", "выступление посла".
const GOVERNING_NOUNS = /^(?:доклад|выступлени|приветстви|лекци|слов|участи|сообщени|модераци|руководств|поддержк|инициатив|памят|книг|стат[ьеи]|монографи|работ|труд|исследовани|имени|речь|речи|обращени|презентаци|мнени|позици|визит)/u
const PRONOUNS = new Set(['его', 'ее', 'её', 'их', 'ему', 'ей', 'им', 'также', 'затем', 'же', 'уже', 'вчера', 'сегодня'])

/** The case the words before a name require: a position's own case, a preposition's, a noun's genitive ("доклады А. Ю. Скопина"); else nominative. */
function governingCase(text: string, tokens: RuToken[], person: Span, organizations: readonly RuOrganization[], degrees: readonly Span[]): string {
  let k = tokenIndexAt(tokens, person.start) - 1
  for (let steps = 0; k >= 0 && steps < 14; steps++) {
    const t = tokens[k]!
    const org = organizations.find((o) => o.start <= t.start && t.end <= o.end)
    if (org) { k = tokenIndexAt(tokens, org.start) - 1; continue }
    if (degrees.some((d) => d.start <= t.start && t.end <= d.end)) {
      // A degree in the genitive ("члена-корреспондента РАН") tells the case too.
      const info = wordInfo(t.text)
      if (t.word && /^(?:профессор|доцент|академик|член|посл)/iu.test(t.lower)) { const c = positionCase(t.text); if (c !== 'nomn') return c }
      k--; continue
    }
    if (t.text === ',') {
      // ", Арина Гунько — о …": a comma right before a name opens a new clause unless a title or a list leads to it.
      const before = tokens[k - 1]
      if (before && tokens[k + 1]?.start === person.start && !degrees.some((d) => d.end === before.end) && !isPositionWord(before.text)) return 'nomn'
      k--; continue
    }
    if (!t.word) return 'nomn'
    if (PRONOUNS.has(t.lower)) { k--; continue }
    if ((t.lower === 'в' || t.lower === 'на' || t.lower === 'и') && tokens[k + 1]?.cap && tokens[k + 1]!.start < person.start) { k--; continue }
    if (t.lower in PREPOSITION_CASES) return PREPOSITION_CASES[t.lower]!
    const info = wordInfo(t.text)
    if (isPositionWord(t.text) || /^посл[аеу]$/iu.test(t.text)) {
      // "заместитель председателя": the chain's first word governs.
      let first = k
      while (first > 0 && tokens[first - 1]!.word && (isPositionWord(tokens[first - 1]!.text) || looksAdjective(tokens[first - 1]!.text))) first--
      while (first < k && looksAdjective(tokens[first]!.text)) first++
      return positionCase(tokens[first]!.text)
    }
    // Capitalised words in the genitive before the name belong to an organization or a title ("Посла Азербайджанской Республики").
    if (t.cap && info.caseName && info.caseName !== 'nomn' && !info.firstName && !info.surname) { k--; continue }
    if (t.cap) return 'nomn'
    if (looksAdjective(t.text)) { k--; continue }
    if (GOVERNING_NOUNS.test(t.lower)) return 'gent'
    return 'nomn'
  }
  return 'nomn'
}

function looksVerbLike(word: string): boolean {
  return /(?:л|ла|ло|ли|лся|лась|лись|ть|ет|ют|ут|ит|ят)$/u.test(word)
}

/** A position noun's case by its ending against its lemma ("директора" → gent, though morphology prefers the plural). */
function positionCase(word: string): string {
  const lower = word.toLowerCase()
  const info = wordInfo(word)
  if (lower === info.lemma) return 'nomn'
  if (/[^аяь]$/u.test(info.lemma) || /ь$/u.test(info.lemma)) {
    if (/(?:а|я)$/u.test(lower)) return 'gent'
    if (/(?:у|ю)$/u.test(lower)) return 'datv'
    if (/(?:ом|ем|ём)$/u.test(lower)) return 'ablt'
    if (/е$/u.test(lower)) return 'loct'
  }
  return info.caseName ?? 'nomn'
}
