// Russian morphology for extraction: lemmas, name/organization tags, and the nominative of
// people's and organizations' names, on top of az (OpenCorpora dictionaries).
// The dictionaries load synchronously on first use (English-only runs never pay for them).
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { AzMorph, AzParse } from 'az'

const require = createRequire(import.meta.url)

let morphFn: AzMorph | null = null

/** az's analyser, loaded on first call: Az.load is replaced by a synchronous reader. */
function morph(): AzMorph {
  if (morphFn) return morphFn
  const Az = require('az') as typeof import('az').default
  const dicts = path.join(path.dirname(require.resolve('az')), '..', 'dicts')
  // Morph.init counts pending loads and finishes when the count reaches zero, so the reads
  // are queued while init registers them all, then run in order.
  const queue: Array<() => void> = []
  const original = Az.load
  Az.load = (url, type, callback) => {
    queue.push(() => {
      let data: string | Buffer
      try { data = fs.readFileSync(url, type === 'json' ? 'utf8' : null) } catch (err) { callback(err as Error); return }
      if (type === 'json') callback(null, JSON.parse(data as string))
      else { const b = data as Buffer; callback(null, b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)) }
    })
  }
  let failure: Error | null = null
  let done = false
  try {
    Az.Morph.init(dicts, (err) => { if (err) failure = err; else done = true })
    while (queue.length) queue.shift()!()
  } finally {
    Az.load = original
  }
  if (failure) throw failure
  if (!done) throw new Error('az dictionaries did not load')
  morphFn = Az.Morph
  return morphFn
}

const parseCache = new Map<string, AzParse[]>()
const CONFIG = { stutter: 0 }

/** az's parses of one word (case kept, so capitalised words get name readings), cached. */
function parses(word: string): AzParse[] {
  let list = parseCache.get(word)
  if (list) return list
  // No stutter search (repeated letters, "оооочень"): news text has none, and it is the
  // slowest part of a lookup (about 4x).
  list = morph()(word, CONFIG)
  if (parseCache.size > 200_000) parseCache.clear()
  parseCache.set(word, list)
  return list
}

const CASES = ['nomn', 'gent', 'datv', 'accs', 'ablt', 'loct'] as const
type Case = (typeof CASES)[number]
type Gender = 'masc' | 'femn'

/** The six main cases; loc2/gen2/voct fold into them. */
function caseOf(p: AzParse): Case | null {
  const t = p.tag
  if (t.nomn) return 'nomn'
  if (t.gent || t.gen2) return 'gent'
  if (t.datv) return 'datv'
  if (t.accs || t.acc2) return 'accs'
  if (t.ablt) return 'ablt'
  if (t.loct || t.loc2) return 'loct'
  if (t.voct) return 'nomn'
  return null
}

function isCyrillicWord(w: string) { return /^[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*$/.test(w) }

/**
 * Copies the capitalisation of `model` (Title, UPPER or lower, per hyphenated part) onto `word`,
 * and its spelling of ё: a text written without ё gets none from the dictionary.
 */
function copyCase(model: string, word: string): string {
  if (!/[ёЁ]/.test(model)) word = word.replace(/ё/g, 'е').replace(/Ё/g, 'Е')
  const mParts = model.split('-')
  const wParts = word.split('-')
  return wParts.map((w, i) => {
    const m = mParts[Math.min(i, mParts.length - 1)]!
    if (m.length > 1 && m === m.toUpperCase() && m !== m.toLowerCase()) return w.toUpperCase()
    if (m[0] && m[0] !== m[0].toLowerCase()) return w[0]!.toUpperCase() + w.slice(1).toLowerCase()
    return w.toLowerCase()
  }).join('-')
}

// ── lemma and wordInfo ──────────────────────────────────────────────────────────────

const lemmaCache = new Map<string, string>()

function bestParse(word: string): AzParse | null {
  return parses(word)[0] ?? null
}

function normalForm(p: AzParse, keepPOS = false): string {
  const n = p.normalize(keepPOS)
  return (n ? n.toString() : p.toString()).toLowerCase()
}

/** Lower-case dictionary form: "конференции" → "конференция"; non-Cyrillic words just lower-cased. */
export function lemma(word: string): string {
  const cached = lemmaCache.get(word)
  if (cached !== undefined) return cached
  let result = word.toLowerCase()
  if (/[А-Яа-яЁё]/.test(word)) {
    const p = bestParse(word)
    if (p) result = normalForm(p)
  }
  if (lemmaCache.size > 200_000) lemmaCache.clear()
  lemmaCache.set(word, result)
  return result
}

/**
 * Every lemma the word may have, place readings (Geox) first, then the likeliest:
 * "Астане" → ["астана", "астан"]. Hyphenated place names lemmatise as a whole or part by part.
 */
export function placeLemmas(word: string): string[] {
  const out: string[] = []
  const list = parses(word)
  const add = (s: string) => { if (!out.includes(s)) out.push(s) }
  // Participles stay participles (Объединённых → объединённый, not объединить).
  for (const p of list) if (p.tag.Geox) add(normalForm(p, true))
  for (const p of list) add(normalForm(p, true))
  if (word.includes('-')) add(word.split('-').map((w) => lemma(w)).join('-'))
  add(word.toLowerCase())
  return out
}

/**
 * True when az reads the word as a place (Geox) or does not know it (no dictionary reading),
 * and not as an adjective ("Новосибирском" is mostly "в Новосибирском университете").
 */
export function mayBePlace(word: string): boolean {
  const list = parses(word)
  if (list.some((p) => p.tag.ADJF && p.parser === 'Dictionary')) return false
  if (list.some((p) => p.tag.Geox)) return true
  if (word.includes('-')) return word.split('-').every((w) => w.length < 3 || mayBePlace(w))
  return !list.some((p) => p.parser === 'Dictionary')
}

export interface WordInfo {
  lemma: string
  firstName: boolean
  surname: boolean
  patronymic: boolean
  place: boolean
  organization: boolean
  caseName: string | null
}

const infoCache = new Map<string, WordInfo>()

/** The readings that count: dictionary ones if any, else predictions within half the best score. */
function credibleParses(word: string): AzParse[] {
  const list = parses(word)
  if (!list.length) return list
  const dict = list.filter((p) => p.score >= 0.99 && (p as { parser?: string }).parser === 'Dictionary')
  if (dict.length) return dict
  const top = list[0]!.score
  return list.filter((p) => p.score >= top * 0.5)
}

/** Lemma, proper-name tags (Name/Surn/Patr/Geox/Orgn) and the case of the likeliest reading. */
export function wordInfo(word: string): WordInfo {
  const cached = infoCache.get(word)
  if (cached) return cached
  let info: WordInfo
  if (!/[А-Яа-яЁё]/.test(word)) {
    info = { lemma: word.toLowerCase(), firstName: false, surname: false, patronymic: false, place: false, organization: false, caseName: null }
  } else {
    const list = credibleParses(word)
    const has = (g: string) => list.some((p) => Boolean(p.tag[g]))
    const top = list[0]
    info = {
      lemma: lemma(word),
      firstName: has('Name'),
      surname: has('Surn'),
      patronymic: has('Patr'),
      place: has('Geox'),
      organization: has('Orgn'),
      caseName: top ? caseOf(top) : null,
    }
  }
  if (infoCache.size > 200_000) infoCache.clear()
  infoCache.set(word, info)
  return info
}

// ── people ──────────────────────────────────────────────────────────────────────────

/** One way to read a word of a name: its case, the person's gender, and its nominative. */
interface Reading { case: Case; gender: Gender | null; nom: string; score: number; fixed?: boolean; firstName?: boolean }

/** The better of two readings of one word: higher score, then a declinable one (Анне → Анна, not "Anne"). */
function better(r: Reading, than: Reading | null): boolean {
  if (!than) return true
  if (r.score !== than.score) return r.score > than.score
  return !r.fixed && Boolean(than.fixed)
}

/** Women's first names that are also a man's name in the genitive (Арина / Арин). */
const COMMON_FEMALE = new Set(['арина', 'марина', 'карина', 'полина', 'алина', 'галина', 'ирина', 'кристина', 'валентина', 'руслана', 'диана', 'зарина', 'дарина', 'регина', 'милана', 'снежана', 'альбина', 'элеонора', 'анжелика', 'людмила', 'юлиана', 'ангелина', 'эвелина', 'каролина', 'владислава', 'ярослава', 'станислава', 'мирослава', 'богдана', 'злата', 'лада', 'алла', 'жанна', 'инна', 'эльвира', 'тамара', 'светлана', 'татьяна', 'наталья', 'оксана', 'роза', 'гульнара', 'динара', 'айгуль', 'асель', 'аида', 'камила', 'камилла', 'лейла', 'лейли', 'сабина', 'фарида', 'мадина', 'амина', 'алия', 'эльмира', 'гульмира', 'назира', 'зарема', 'нигора', 'дильноза', 'шахноза', 'малика', 'севара', 'лола'])

function nameLemma(p: AzParse): string {
  const n = p.inflect(['nomn', 'sing', 'Name', p.tag.femn ? 'femn' : 'masc'])
  return n ? n.toString().toLowerCase().replace(/ё/g, 'е') : ''
}

const MALE_PARTICLES = new Set(['оглы', 'оғлы', 'улы', 'ұлы', 'уулу', 'угли', 'ўғли', 'заде', 'зода'])
const FEMALE_PARTICLES = new Set(['кызы', 'қызы', 'гызы', 'кизи', 'қизи'])

/** Ending rules for surnames az does not know (Kazakh, Kyrgyz, Armenian, Georgian, Slavic). */
const STRONG_INDECLINABLE = /(?:ян|янц|дзе|швили|зода|заде|[иы]х|енко|ко)$/i

function surnameRules(w: string): Reading[] {
  const out: Reading[] = []
  const add = (c: Case, g: Gender | null, nom: string, score = 0.05) => out.push({ case: c, gender: g, nom, score })
  let m: RegExpMatchArray | null
  // Indeclinable: Ташчян, Беридзе, Гелашвили, Мухаммадзода, Шевченко, Черных, Седых.
  if (STRONG_INDECLINABLE.test(w)) {
    for (const c of CASES) { add(c, 'masc', w, 0.3); add(c, 'femn', w, 0.3) }
    return out
  }
  // A final vowel may be an indeclinable name (Гиви, Навои, Мамедли, Громыко, Нино)
  // or an inflected one (Асели → Асель, Дании → Дания, Толстому, Вяземского).
  if (/[уюоие]$/i.test(w) && !/(?:ого|его|ому|ему|ую|юю|ии|(?:ов|ев|ёв|ин|ын)[уе])$/i.test(w)) {
    for (const c of CASES) { add(c, 'masc', w, 0.04); add(c, 'femn', w, 0.025) }
  }
  if ((m = w.match(/^(.*[аеёиоуыэюя][бвгджзклмнпрстфхцчшщ])и$/i))) for (const c of ['gent', 'datv', 'loct'] as const) add(c, 'femn', m[1]! + 'ь', 0.035)
  if ((m = w.match(/^(.*[бвгджзклмнпрстфхцчшщ])ью$/i))) add('ablt', 'femn', m[1]! + 'ь', 0.035)
  if ((m = w.match(/^(.*)и[ие]$/i))) for (const c of ['gent', 'datv', 'loct'] as const) add(c, 'femn', m[1]! + 'ия', 0.035)
  if ((m = w.match(/^(.*)ией$/i))) add('ablt', 'femn', m[1]! + 'ия', 0.035)
  if ((m = w.match(/^(.*)ию$/i))) add('accs', 'femn', m[1]! + 'ия', 0.035)
  if ((m = w.match(/^(.*(?:ов|ев|ёв|ин|ын))$/i))) add('nomn', 'masc', m[1]!)
  if ((m = w.match(/^(.*(?:ов|ев|ёв|ин|ын))а$/i))) { add('gent', 'masc', m[1]!); add('accs', 'masc', m[1]!); add('nomn', 'femn', w) }
  if ((m = w.match(/^(.*(?:ов|ев|ёв|ин|ын))у$/i))) { add('datv', 'masc', m[1]!); add('accs', 'femn', m[1]! + 'а') }
  if ((m = w.match(/^(.*(?:ов|ев|ёв|ин|ын))ым$/i))) add('ablt', 'masc', m[1]!)
  if ((m = w.match(/^(.*(?:ов|ев|ёв|ин|ын))е$/i))) add('loct', 'masc', m[1]!)
  if ((m = w.match(/^(.*(?:ов|ев|ёв|ин|ын))ой$/i))) for (const c of ['gent', 'datv', 'ablt', 'loct'] as const) add(c, 'femn', m[1]! + 'а')
  if ((m = w.match(/^(.*[сц]к)ий$/i))) add('nomn', 'masc', w, 0.4)
  if ((m = w.match(/^(.*[сц]к)ого$/i))) { add('gent', 'masc', m[1]! + 'ий', 0.4); add('accs', 'masc', m[1]! + 'ий', 0.4) }
  if ((m = w.match(/^(.*[сц]к)ому$/i))) add('datv', 'masc', m[1]! + 'ий', 0.4)
  if ((m = w.match(/^(.*[сц]к)им$/i))) add('ablt', 'masc', m[1]! + 'ий', 0.4)
  if ((m = w.match(/^(.*[сц]к)ом$/i))) add('loct', 'masc', m[1]! + 'ий', 0.4)
  if ((m = w.match(/^(.*[сц]к)ая$/i))) add('nomn', 'femn', w, 0.4)
  if ((m = w.match(/^(.*[сц]к)ой$/i))) for (const c of ['gent', 'datv', 'ablt', 'loct'] as const) add(c, 'femn', m[1]! + 'ая', 0.4)
  if ((m = w.match(/^(.*[сц]к)ую$/i))) add('accs', 'femn', m[1]! + 'ая', 0.4)
  if (out.some((r) => r.score >= 0.05)) return out
  // Other adjectival surnames: Толстой, Толстого; -ий/-ой after other consonants.
  if ((m = w.match(/^(.*)ого$/i))) { add('gent', 'masc', m[1]! + 'ой', 0.03); add('accs', 'masc', m[1]! + 'ой', 0.03) }
  if ((m = w.match(/^(.*)ему$/i))) add('datv', 'masc', m[1]! + 'ий', 0.03)
  // A consonant-final stem (Нурлан, Гаман, Бахтиёр): a, у, ом/ем, е.
  if (/[бвгджзклмнпрстфхцчшщй]$/i.test(w)) { add('nomn', 'masc', w, 0.04); for (const c of CASES) add(c, 'femn', w, 0.02) }
  if ((m = w.match(/^(.*[бвгджзклмнпрстфхцчшщ])а$/i))) { add('gent', 'masc', m[1]!, 0.03); add('accs', 'masc', m[1]!, 0.03); add('nomn', 'femn', w, 0.03) }
  if ((m = w.match(/^(.*[бвгджзклмнпрстфхцчшщ])у$/i))) { add('datv', 'masc', m[1]!, 0.03); add('accs', 'femn', m[1]! + 'а', 0.03) }
  if ((m = w.match(/^(.*[бвгджзклмнпрстфхцчшщ])(?:ом|ем)$/i))) add('ablt', 'masc', m[1]!, 0.03)
  if ((m = w.match(/^(.*[бвгджзклмнпрстфхцчшщ])е$/i))) { add('loct', 'masc', m[1]!, 0.03); add('datv', 'femn', m[1]! + 'а', 0.02); add('loct', 'femn', m[1]! + 'а', 0.02) }
  if ((m = w.match(/^(.*[бвгджзклмнпрстфхцчшщ])(?:ы|и)$/i))) add('gent', 'femn', m[1]! + 'а', 0.03)
  if ((m = w.match(/^(.*[бвгджзклмнпрстфхцчшщ])(?:ой|ей)$/i))) add('ablt', 'femn', m[1]! + 'а', 0.03)
  return out
}

/** Readings of one word of a person's name, from az's Name/Surn/Patr parses and the ending rules. */
function nameReadings(word: string): Reading[] {
  const lower = word.toLowerCase()
  const out: Reading[] = []
  const list = parses(word)
  const top = list[0]?.score ?? 1
  const fixedForm = STRONG_INDECLINABLE.test(lower)
  for (const p of list) {
    const t = p.tag
    if (fixedForm && p.parser !== 'Dictionary') continue
    if ((t.ADJF && !t.Apro && !t.plur) && p.parser === 'Dictionary' && !(t.Name || t.Surn || t.Patr)) {
      // An adjectival surname az knows only as an adjective (Чёрного → Чёрный).
      const c = caseOf(p)
      const g: Gender | null = t.masc ? 'masc' : t.femn ? 'femn' : null
      const nom = c && g ? p.inflect(['nomn', 'sing', g]) : false
      if (nom && c) out.push({ case: c, gender: g, nom: nom.toString().toLowerCase(), score: 0.1 })
      continue
    }
    if (!(t.Name || t.Surn || t.Patr) || t.plur) continue
    const c = caseOf(p)
    if (!c) continue
    const gender: Gender | null = t.masc ? 'masc' : t.femn ? 'femn' : null
    let nom: AzParse | false = false
    if (c === 'nomn') nom = p
    else {
      // The kind stays: a patronymic's paradigm also holds the first name it comes from.
      const kind = t.Patr ? 'Patr' : t.Surn ? 'Surn' : 'Name'
      nom = p.inflect(gender ? ['nomn', 'sing', gender, kind] : ['nomn', 'sing', kind]) || p.inflect(['nomn', 'sing', kind]) || p.inflect(['nomn'])
    }
    if (!nom) continue
    const fixed = Boolean(t.Fixd)
    // Indeclinable readings carry a gender but fit any case equally.
    // az's frequencies say which reading is commonest in a corpus, not in this name: every
    // dictionary reading counts the same (ties go to the masculine genitive, see below) and
    // predictions for unknown words count less.
    const ratio = p.score / top
    let score = p.parser === 'Dictionary' ? (ratio >= 0.15 ? 1 : ratio) : 0.3 * ratio
    // Readings of the same word as a man's and a woman's first name (Давида, Ильхама, Арина):
    // the man's, unless the woman's name is a common one.
    if (t.Name && p.parser === 'Dictionary') score += gender === 'femn' ? (COMMON_FEMALE.has(nameLemma(p)) ? 0.01 : 0) : 0.005
    out.push({ case: c, gender, nom: fixed ? lower : nom.toString().toLowerCase(), score, fixed, firstName: Boolean(t.Name) && !t.Surn })
    // Indeclinable first names carry a less reliable gender (Зауре is tagged masculine).
    if (fixed && t.Name && gender) out.push({ case: c, gender: gender === 'masc' ? 'femn' : 'masc', nom: lower, score: score / 2, fixed })
  }
  for (const r of surnameRules(lower)) out.push(r)
  return out
}

const INITIALS = /^(?:[А-ЯЁA-Z][а-яёa-z]?\.\s*)+$/
const GLUED_INITIALS = /^((?:[А-ЯЁA-Z][а-яёa-z]?\.\s*)+)([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)*)$/
const GLUED_AFTER = /^([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)*)((?:\s*[А-ЯЁA-Z][а-яёa-z]?\.)+)$/

const personCache = new Map<string, string>()

export interface NameHint {
  /** The person's gender when the context tells it ("выступила"). */
  gender?: 'masc' | 'femn'
  /** The case the context requires ("доклад … " → gent), one of nomn gent datv accs ablt loct. */
  caseName?: string
}

/**
 * A person's name in the nominative: "Ботагоз Ракишевой" → "Ботагоз Ракишева",
 * "А. Ю. Скопина" → "А. Ю. Скопин", "Полада Бюльбюль оглы" → "Полад Бюльбюль оглы".
 * Initials, particles (оглы, кызы) and spacing stay as written; one case and one gender are
 * chosen for the whole name. With initials only, a form in -ова/-ина reads as a man's genitive
 * unless the hint says otherwise.
 */
export function personNominative(name: string, hint?: NameHint): string {
  const key = hint ? `${name}\u0000${hint.gender ?? ''}\u0000${hint.caseName ?? ''}` : name
  const cached = personCache.get(key)
  if (cached !== undefined) return cached
  const result = computePerson(name, hint)
  if (personCache.size > 100_000) personCache.clear()
  personCache.set(key, result)
  return result
}

interface Slot { text: string; word: string | null; readings: Reading[]; prefix: string; suffix: string }

function computePerson(name: string, hint?: NameHint): string {
  const parts = name.split(/(\s+)/)
  const slots: Slot[] = []
  let genderVote: Gender | null = hint?.gender ?? null
  for (const part of parts) {
    if (!part || /^\s+$/.test(part) || INITIALS.test(part)) { slots.push({ text: part, word: null, readings: [], prefix: '', suffix: '' }); continue }
    let prefix = ''
    let suffix = ''
    let core = part
    let m: RegExpMatchArray | null
    if ((m = part.match(GLUED_INITIALS))) { prefix = m[1]!; core = m[2]! }
    else if ((m = part.match(GLUED_AFTER))) { core = m[1]!; suffix = m[2]! }
    const lower = core.toLowerCase()
    if (MALE_PARTICLES.has(lower) || FEMALE_PARTICLES.has(lower)) {
      genderVote ??= MALE_PARTICLES.has(lower) ? 'masc' : 'femn'
      // The father's name before оглы/кызы stays as written (Полад Бюльбюль оглы).
      for (let k = slots.length - 1; k >= 0; k--) {
        if (slots[k]!.word) { slots[k] = { ...slots[k]!, word: null }; break }
      }
      slots.push({ text: part, word: null, readings: [], prefix: '', suffix: '' })
      continue
    }
    if (!isCyrillicWord(core)) { slots.push({ text: part, word: null, readings: [], prefix: '', suffix: '' }); continue }
    slots.push({ text: part, word: core, readings: hyphenReadings(core), prefix, suffix })
  }
  const words = slots.filter((s) => s.word)
  if (!words.length) return name
  let best: { c: Case; g: Gender; score: number } | null = null
  for (const g of ['masc', 'femn'] as const) {
    if (genderVote && g !== genderVote) continue
    for (const c of CASES) {
      if (hint?.caseName && hint.caseName !== c) continue
      let score = 0
      for (const s of words) {
        let top = 0
        // A declinable reading of this case says more than an indeclinable one fitting every case.
        for (const r of s.readings) if (r.case === c && (r.gender === g || r.gender === null) && r.score + (r.fixed ? 0 : 0.002) > top) top = r.score + (r.fixed ? 0 : 0.002)
        score += top > 0 ? top : -1
      }
      // Ties: a surname with initials only reads as a man's genitive ("доклады А. Ю. Скопина");
      // a full name as written, in the nominative ("Чинара Адамкулова", "Арина Гунько").
      score += words.length > 1
        ? (c === 'nomn' ? 0.003 : c === 'gent' ? 0.001 : 0) + (g === 'masc' ? 0.0005 : 0)
        : (g === 'masc' ? 0.002 : 0) + (c === 'nomn' ? 0.001 : c === 'gent' ? 0.0015 : 0)
      if (!best || score > best.score) best = { c, g, score }
    }
  }
  if (!best) return name
  const { c, g } = best
  return slots.map((s) => {
    if (!s.word) return s.text
    let pick: Reading | null = null
    for (const r of s.readings) if (r.case === c && (r.gender === g || r.gender === null) && better(r, pick)) pick = r
    if (!pick) return s.text
    return s.prefix + copyCase(s.word, pick.nom) + s.suffix
  }).join('')
}

/** Hyphenated names inflect part by part (Гаман-Голутвиной → Гаман-Голутвина). */
function hyphenReadings(word: string): Reading[] {
  const whole = nameReadings(word)
  if (!word.includes('-')) return whole
  const parts = word.split('-')
  const per = parts.map((p) => nameReadings(p))
  const combined: Reading[] = []
  for (const c of CASES) {
    for (const g of ['masc', 'femn'] as const) {
      let score = 0
      const noms: string[] = []
      let ok = true
      // Is the last part a first name in this case (Касым-Жомарта), not a surname (Гаман-Голутвиной)?
      let lastPick: Reading | null = null
      for (const r of per[parts.length - 1]!) if (r.case === c && (r.gender === g || r.gender === null) && better(r, lastPick)) lastPick = r
      const firstNames = lastPick !== null && (lastPick.firstName === true ||
        (lastPick.firstName === undefined && !/(?:ов|ев|ёв|ин|ын|ск|цк)(?:ий|ая|а)?$/.test(lastPick.nom)))
      for (let i = 0; i < parts.length; i++) {
        let pick: Reading | null = null
        for (const r of per[i]!) if (r.case === c && (r.gender === g || r.gender === null) && better(r, pick)) pick = r
        if (i < parts.length - 1) {
          // A first part that is itself a nominative of this gender stays as written, as in
          // Kazakh double first names (Касым-Жомартом → Касым-Жомарт); so does a part with no
          // reading of this case (Гаман- in Гаман-Голутвиной).
          let asWritten: Reading | null = null
          for (const r of per[i]!) if (r.case === 'nomn' && r.nom === parts[i]!.toLowerCase() && (r.gender === g || r.gender === null) && better(r, asWritten)) asWritten = r
          if (!pick || (firstNames && asWritten && asWritten.score >= pick.score)) {
            noms.push(parts[i]!.toLowerCase())
            score += firstNames ? asWritten?.score ?? 0 : 0
            continue
          }
        }
        if (!pick) { ok = false; break }
        noms.push(pick.nom)
        score += pick.score
      }
      if (ok) combined.push({ case: c, gender: g, nom: noms.join('-'), score: score / parts.length })
    }
  }
  return [...whole.filter((r) => r.score >= 0.5), ...combined]
}

// ── organizations ───────────────────────────────────────────────────────────────────

const orgCache = new Map<string, string>()

/**
 * An organization's name in the nominative: the head noun (the first noun) and the adjectives
 * before it that agree with it; everything after the head stays as written.
 * "Российской ассоциацией политической науки" → "Российская ассоциация политической науки".
 * Names opening with an acronym, a quote or a Latin word are returned unchanged.
 */
export function organizationNominative(name: string): string {
  const cached = orgCache.get(name)
  if (cached !== undefined) return cached
  const result = computeOrganization(name)
  if (orgCache.size > 100_000) orgCache.clear()
  orgCache.set(name, result)
  return result
}

function isAcronym(w: string) { return w.length > 1 && /^[А-ЯЁA-Z0-9][А-ЯЁA-Z0-9-]*[а-яё]{0,2}[А-ЯЁA-Z]*$/.test(w) && /[А-ЯЁA-Z].*[А-ЯЁA-Z]/.test(w) }

const ADJECTIVE_ENDING = /(?:ого|его|ому|ему|ыми|ими|ым|им|ом|ем|ой|ей|ою|ею|ую|юю|ых|их|ые|ие|ая|яя|ое|ее|ый|ий)$/i

/**
 * The written stem with the nominative's ending: az may pick another form of the same lexeme
 * (Высшей → высочайшая), but only the ending should change (Высшая).
 */
function keepStem(written: string, nominative: string): string {
  const m = written.match(ADJECTIVE_ENDING)
  const ending = nominative.match(/(?:ый|ий|ой|ая|яя|ое|ее|ые|ие)$/i)
  if (!m || !ending) return nominative
  const stem = written.slice(0, written.length - m[0].length)
  // Soft stems and the same lexeme's own stem: az's form is right (Третьем → третий).
  if (stem.endsWith('ь') || nominative.toLowerCase().startsWith(stem.toLowerCase())) return nominative
  return written.slice(0, written.length - m[0].length) + ending[0]
}

/** Kyrgyz, Uzbek and Azerbaijani words of institutions' names, not Russian nouns (Жогорку Кенеш). */
const FOREIGN_WORDS = new Set(['жогорку', 'олий', 'милли', 'кенеш', 'меджлис', 'мажлис', 'курултай', 'хурал', 'хурултай', 'жаргылык'])

/** Whether an adjective reading agrees with a reading of the next word (Третьем секторе). */
function agrees(adjective: AzParse[], next: string): boolean {
  const nextParses = parses(next)
  return adjective.some((a) => (a.tag.ADJF || a.tag.PRTF) && a.parser === 'Dictionary' && nextParses.some((n) =>
    (n.tag.NOUN || n.tag.ADJF || n.tag.PRTF) && caseOf(n) === caseOf(a) && n.tag.NMbr === a.tag.NMbr &&
    (a.tag.plur || !n.tag.GNdr || n.tag.GNdr === a.tag.GNdr || n.tag.GNdr === 'ms-f')))
}

function computeOrganization(name: string): string {
  const parts = name.split(/(\s+)/)
  // A word in parentheses is read without them and written back with them
  // (Российско-Таджикского (Славянского) университета).
  const inner = (i: number) => parts[i]!.replace(/^\((.+)\)$/, '$1')
  const rewrap = (i: number, w: string) => (parts[i]!.startsWith('(') && parts[i]!.endsWith(')') ? `(${w})` : w)
  const wordIdx: number[] = []
  for (let i = 0; i < parts.length; i++) if (parts[i] && !/^\s+$/.test(parts[i]!)) wordIdx.push(i)
  // Leading words up to and including the head noun.
  const lead: number[] = []
  let head = -1
  for (const i of wordIdx) {
    const w = inner(i)
    // A leading ordinal stays as written (IX Всероссийского конгресса, 5-й конференции).
    if (i === wordIdx[0] && /^(?:[IVXLC]+|\d+(?:-?[а-я]{1,3})?)$/.test(w)) continue
    if (!isCyrillicWord(w) || isAcronym(w)) break
    const ps = parses(w)
    const isNoun = ps.some((p) => p.tag.NOUN && caseOf(p))
    const isAdj = ps.some((p) => (p.tag.ADJF || p.tag.PRTF) && caseOf(p))
    const next = wordIdx[wordIdx.indexOf(i) + 1]
    const nextWord = next !== undefined ? inner(next) : null
    if (isAdj && nextWord && isCyrillicWord(nextWord) && !isAcronym(nextWord) && (!isNoun || ps[0]!.tag.ADJF || ps[0]!.tag.PRTF || agrees(ps, nextWord))) { lead.push(i); continue }
    if (isNoun) { head = i; break }
    break
  }
  if (head < 0) return name
  // Pick one case and number for the head that all the adjectives agree with.
  if (FOREIGN_WORDS.has(parts[head]!.toLowerCase())) return name
  // A proper name's reading (Мажилис as the plural of a first name "Мажилиса") is no head noun.
  let headParses = parses(parts[head]!).filter((p) => p.tag.NOUN && caseOf(p))
  const common = headParses.filter((p) => !(p.tag.Name || p.tag.Surn || p.tag.Patr))
  if (common.length) headParses = common
  let best: { p: AzParse; adj: AzParse[]; score: number } | null = null
  for (const hp of headParses) {
    const c = caseOf(hp)!
    const num = hp.tag.plur ? 'plur' : 'sing'
    const gender = hp.tag.GNdr as string | undefined
    const adj: AzParse[] = []
    // A name already in the nominative stays (Мажилис, predicted also as an accusative).
    let score = hp.score + (num === 'sing' ? 0.01 : 0) + (c === 'nomn' ? 0.05 : 0)
    for (const i of lead) {
      const fit = parses(inner(i)).find((p) => (p.tag.ADJF || p.tag.PRTF) && caseOf(p) === c && (num === 'plur' ? p.tag.plur : p.tag.sing && (!gender || p.tag[gender] || gender === 'ms-f')))
      if (!fit) { score -= 1; break }
      adj.push(fit)
      score += fit.score
    }
    if (adj.length !== lead.length) continue
    if (!best || score > best.score) best = { p: hp, adj, score }
  }
  if (!best) return name
  if (caseOf(best.p) === 'nomn') return name
  const num = best.p.tag.plur ? 'plur' : 'sing'
  const headNom = best.p.inflect(['nomn', num, ...best.p.tag.stat]) || best.p.inflect(['nomn', num])
  if (!headNom) return name
  const gender = headNom.tag.GNdr as string | undefined
  const out = parts.slice()
  out[head] = copyCase(parts[head]!, headNom.toString())
  for (let k = 0; k < lead.length; k++) {
    const a = best.adj[k]!
    const want = num === 'plur' ? ['nomn', 'plur'] : ['nomn', 'sing', gender && gender !== 'ms-f' ? gender : 'masc']
    // The adjective's fixed grammemes stay: "Высшей" → "Высшая", not "Высокая"; a participle stays one.
    const fixed = a.tag.stat.filter((g) => g !== 'masc' && g !== 'femn' && g !== 'neut' && g !== 'anim' && g !== 'inan')
    const nom = a.inflect([...want, ...fixed]) || a.inflect(want) || a.inflect(['nomn', num])
    const i = lead[k]!
    if (nom) out[i] = rewrap(i, copyCase(inner(i), keepStem(inner(i), nom.toString())))
  }
  return out.join('')
}
