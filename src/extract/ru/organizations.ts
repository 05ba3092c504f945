// Organizations in a Russian or Kazakh item: an acronym (РАН, МГИМО, МосГУ, «НОФ «Нораванк»»), or a head
// noun (институт, ассоциация, министерство…) with the capitalised adjectives before it and its
// oblique-case tail ("Институт мировой экономики и политики", "Комитет Совета Федерации по
// международным делам", "Финансовый университет при Правительстве РФ"). Names come out in the
// nominative; a parent spelled inside a name ("Институт Европы РАН" → РАН) is listed beside it.
import { ACRONYM_PARENTS, COUNTRY_ACRONYMS, isPositionWord, NAME_COUNTRIES } from './lexicon.ts'
import { organizationNominative, wordInfo } from './morph.ts'
import { lookupCyrillicPlace } from './places.ts'
import { closingIndex, isAcronym, looksAdjective, looksVerb, oblique, type RuToken, type Span } from './text.ts'

export interface RuOrganization extends Span {
  /** Nominative name. */
  name: string
  /** Its acronym, from "Name (ACR)". */
  acronym: string | null
  country: string | null
  /** Found inside another name ("РАН" of "Институт Европы РАН"): never takes a role. */
  nested: boolean
  /** The organizations inside its name, by nominative name. */
  parents: string[]
  /** The case its head is written in (null for an acronym): a genitive name is governed by the word before it. */
  caseName: string | null
}

type Paradigm = readonly string[]
const MASC: Paradigm = ['', 'а', 'у', 'ом', 'е']
const FEM_IA: Paradigm = ['ия', 'ии', 'ию', 'ией']
const FEM_A: Paradigm = ['а', 'ы', 'е', 'у', 'ой', 'и']
const NEUT_O: Paradigm = ['о', 'а', 'у', 'ом', 'е']
const NEUT_IE: Paradigm = ['ие', 'ия', 'ию', 'ием', 'ии']
const HEADS: ReadonlyArray<readonly [string, Paradigm]> = [
  ...['институт', 'университет', 'совет', 'фонд', 'центр', 'комитет', 'союз', 'аппарат', 'факультет', 'парламент', 'мажилис', 'сенат',
    'секретариат', 'департамент', 'банк', 'колледж', 'отдел', 'клуб', 'филиал', 'консорциум', 'альянс', 'акимат', 'кенеш'].map((s) => [s, MASC] as const),
  ...['академ', 'ассоциац', 'организац', 'парт', 'корпорац', 'лаборатор', 'комисс', 'администрац', 'мисс', 'компан'].map((s) => [s, FEM_IA] as const),
  ['ассамбле', ['я', 'и', 'ю', 'ей']], ['музе', ['й', 'я', 'ю', 'ем', 'е']], ['курулта', ['й', 'я', 'ю', 'ем', 'е']],
  ...['палат', 'кафедр', 'служб', 'школ', 'библиотек', 'дум', 'академическ'].map((s) => [s, FEM_A] as const),
  ...['министерств', 'обществ', 'посольств', 'правительств', 'агентств', 'содружеств', 'сообществ', 'представительств', 'консульств',
    'издательств', 'ведомств'].map((s) => [s, NEUT_O] as const),
  ...['управлен', 'объединен', 'движен', 'учрежден', 'совещан', 'отделен', 'предприят'].map((s) => [s, NEUT_IE] as const),
  ['бюро', ['']],
]

const HEAD_FORMS = new Map<string, string>(HEADS.flatMap(([stem, endings]) => endings.map((e) => [stem + e, stem] as const)))

/** The lower-case head noun in the singular ("института", "ассоциацией"), or null. */
export function headNoun(word: string): string | null {
  const lower = word.toLowerCase().replace(/ё/g, 'е')
  const stem = HEAD_FORMS.get(lower)
  if (stem) return stem
  // "Горбачев-Фонд", "Фонд-Центр": a hyphenated name with a head.
  if (/-(?:фонд|центр|институт|клуб)(?:а|у|ом|е)?$/u.test(lower)) return 'фонд'
  return null
}

// Heads that are events when written in the plural or without a name of their own.
const EVENT_HEADS = new Set(['совещан'])
// Parents of these kinds end before "им." ("Дипломатическая академия МИД КР им. К. Дикамбаева").
const GOVERNMENT = /^(?:мид|министерств|правительств|парламент|администрац|аппарат|мажилис|сенат)/u
// Legal forms that open a name and are not organizations of their own: НОФ «Нораванк», НИУ ВШЭ.
const LEGAL_FORMS = new Set(['НОФ', 'ОО', 'ОФ', 'ОЮЛ', 'ТОО', 'АО', 'НАО', 'ОАО', 'ЗАО', 'ООО', 'ПАО', 'РОО', 'МОО', 'НКО', 'АНО', 'ПФ', 'ЧУ', 'НИУ', 'ФГБОУ', 'ФГАОУ', 'ФГБУН', 'ФГБУ', 'ГБОУ', 'НУО', 'ЧОУ', 'РГП', 'РГКП', 'ГУ', 'КГУ', 'ОФ'])
// Words that are never an organization, written in capitals: Roman numerals aside, media and units.
const NOT_ORGANIZATIONS = new Set(['СМИ', 'ИИ', 'ВВП', 'ЦА', 'ЦАР', 'НКЦ', 'PhD', 'ФИО', 'NAUKA', 'PDF', 'URL', 'ООН?'])
// Venues that carry an institution's name ("Зал Учёного совета РГГУ"): the hall, not an organization.
const BUILDING_BEFORE = /(?:зал[аеу]?|зале|залом|гостиниц[аеыу]|отел[ьяе]|дворц[аеу]|дворец|театр[аеу]?|здани[еия]|аудитори[ияю]|корпус[аеу]?|конференц-зал[аеу]?)\s*$/iu
const CAPITAL_TAIL = new Set(['федерация', 'республика', 'совет', 'безопасность', 'правительство', 'президент', 'министерство', 'парламент', 'академия',
  'наука', 'государство', 'содружество', 'союз', 'организация', 'сотрудничество', 'фонд', 'независимый', 'объединенный', 'наций', 'нация',
  'объединённый', 'ассамблея', 'народ', 'дело', 'кенеш', 'жогорку', 'верховный', 'конституционный', 'суд', 'сенат', 'мажилис', 'палата',
  'собрание', 'дума', 'национальный', 'государственный', 'европейский', 'евразийский', 'экономический', 'азиатский', 'развитие', 'банк',
  'агентство', 'комитет', 'народный', 'высший', 'образование', 'культура', 'искусство', 'история', 'право', 'литература'])

export interface FindOrganizationsOptions {
  /** Spans no name may overlap: quotes (activity titles), degrees ("член-корреспондент РАН"). */
  excluded?: readonly Span[]
}

export function findRuOrganizations(text: string, tokens: RuToken[], options: FindOrganizationsOptions = {}): RuOrganization[] {
  const excluded = options.excluded ?? []
  const inExcluded = (t: Span) => excluded.some((e) => e.start <= t.start && t.end <= e.end)
  const taken: boolean[] = tokens.map(() => false)
  const found: Array<{ from: number; to: number; head: number }> = []

  // Headlines in capitals ("АРМЯНСКИЕ ОБЩИНЫ…") are not read for names.
  const shouting = capitalLines(text)
  const inShouting = (t: Span) => shouting.some((l) => l.start <= t.start && t.end <= l.end)
  // Heads first, so "Институт Европы РАН" is one name; acronyms left over are names of their own.
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    if (!t.word || taken[i] || inExcluded(t) || inShouting(t)) continue
    let head = headNoun(t.text)
    if (!head && t.lower === 'жогорку' && tokens[i + 1] && headNoun(tokens[i + 1]!.text) === 'кенеш') head = 'кенеш'
    if (!head) continue
    // Capitalised or lower-case adjectives before the head: "Российская ассоциация", "военный факультет".
    let from = i
    while (from > 0 && i - from < 4) {
      const p = tokens[from - 1]!
      if (!p.word || taken[from - 1] || !looksAdjective(p.text) || inExcluded(p) || NOT_ADJECTIVES.test(p.lower)) break
      from--
    }
    // Lower-case adjectives before a capitalised head are not part of it ("новый Институт").
    while (from < i && !tokens[from]!.cap && (t.cap || tokens.slice(from, i).some((x) => x.cap))) from++
    if (BUILDING_BEFORE.test(text.slice(Math.max(0, tokens[from]!.start - 30), tokens[from]!.start))) continue
    const headAt = t.lower === 'жогорку' ? i + 1 : i
    let to = tail(tokens, headAt + 1, taken, inExcluded, head)
    to = bracketedAcronymAhead(tokens, to, taken)
    const capitalised = tokens[from]!.cap
    const anchored = capitalised || tokens.slice(i + 1, to).some((x) => x.cap || x.text === '«')
    if (!anchored) continue
    if (EVENT_HEADS.has(head) && to === headAt + 1) continue
    // A capitalised head alone is a common noun at a sentence start or a short reference ("Совет обсудил…", "стран Содружества").
    if (to === headAt + 1 && from === i && !/-/.test(t.text) && !followedByAcronym(tokens, i)) continue
    for (let k = from; k < to; k++) taken[k] = true
    found.push({ from, to, head: headAt })
  }
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    if (!t.word || taken[i] || inExcluded(t) || inShouting(t) || !isAcronym(t.text) || t.text in COUNTRY_ACRONYMS || NOT_ORGANIZATIONS.has(t.text)) continue
    // Initials of a name ("И.С."), not an acronym.
    if (tokens[i + 1]?.text === '.' && t.text.length <= 2) continue
    let to = i + 1
    if (LEGAL_FORMS.has(t.text) && tokens[to]?.text === '«') {
      const close = closingIndex(tokens, to, '»', 12)
      if (close > 0) to = close + 1
    }
    while (to < tokens.length && tokens[to]!.word && isAcronym(tokens[to]!.text) && !NOT_ORGANIZATIONS.has(tokens[to]!.text)) to++
    to = namedAfter(tokens, to)
    while (to < tokens.length && tokens[to]!.word && isAcronym(tokens[to]!.text)) to++
    for (let k = i; k < to; k++) taken[k] = true
    found.push({ from: i, to, head: i })
  }
  // Kazakh names end with their head: "Қазақстан стратегиялық зерттеулер институты", "…институтының".
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    if (!t.word || taken[i] || inExcluded(t) || !KAZAKH_HEAD.test(t.lower)) continue
    let from = i
    while (from > 0 && i - from < 6) {
      const p = tokens[from - 1]!
      if (!p.word || taken[from - 1] || inExcluded(p) || /^іс-шара/u.test(p.lower) || /(?:ды|ді|ты|ті|ны|ні|ған|ген|қан|кен)$/u.test(p.lower) || kazakhLocativePlace(p)) break
      from--
    }
    while (from < i && !tokens[from]!.cap) from++
    if (from === i && !t.cap) continue
    for (let k = from; k <= i; k++) taken[k] = true
    found.push({ from, to: i + 1, head: i })
  }
  found.sort((a, b) => a.from - b.from)

  const mentions: RuOrganization[] = []
  for (const f of found) {
    const start = tokens[f.from]!.start, end = tokens[f.to - 1]!.end
    const raw = text.slice(start, end)
    const name = nominative(raw, tokens.slice(f.from, f.to), f.head - f.from)
    const acronym = acronymAfter(text, end)
    const headToken = tokens[f.head]!
    const caseName = isAcronym(headToken.text) ? null : headCase(headToken.text)
    mentions.push({ start, end, name, acronym, country: countryOf(raw), nested: false, parents: parentsOf(tokens.slice(f.from, f.to), f.head - f.from, text), caseName })
  }
  return mentions
}

/** "Астанада", "Алматыда": where the event was, said before the organizer's name, is no part of it. */
function kazakhLocativePlace(t: RuToken): boolean {
  return t.cap && /(?:да|де|та|те)$/u.test(t.lower) && lookupCyrillicPlace(t.text) !== null
}

function followedByAcronym(tokens: RuToken[], i: number): boolean {
  return tokens[i + 1]?.text === '(' && isAcronym(tokens[i + 2]?.text ?? '')
}

/** "им. М.В. Ломоносова", "им.К.Дикамбаева", "имени А.М. Горчакова": the honoured name is part of the organization's. */
function namedAfter(tokens: RuToken[], to: number): number {
  const t = tokens[to]
  if (!t || !(t.lower === 'им' && tokens[to + 1]?.text === '.') && t.lower !== 'имени') return to
  let k = t.lower === 'им' ? to + 2 : to + 1
  let initials = 0
  while (tokens[k] && /^\p{Lu}[\p{Ll}]?$/u.test(tokens[k]!.text) && tokens[k + 1]?.text === '.') { k += 2; initials++ }
  if (tokens[k] && tokens[k]!.cap && tokens[k]!.word) return k + 1
  return initials ? to : to
}

/** The oblique-case words after a head: genitives, "по …", "при …", "с …", "в …" of embassies, acronyms, «quotes». */
function tail(tokens: RuToken[], i: number, taken: boolean[], inExcluded: (t: Span) => boolean, head: string): number {
  let k = i
  let last = i
  let capitalised = 0
  while (k < tokens.length) {
    const t = tokens[k]!
    if (taken[k] || inExcluded(t) && t.text !== '«') break
    // A quoted name right after the head: кафедра «Международные отношения и право».
    if (t.text === '«' && k === i) {
      const close = closingIndex(tokens, k, '»', 14)
      if (close > 0) { k = close + 1; last = k; continue }
      break
    }
    if (t.text === '(' && tokens[k + 1]?.lower === 'университет' && tokens[k + 2]?.text === ')') { k += 3; last = k; continue }
    if (!t.word) {
      // "Институт философии, политологии и религиоведения": a comma inside a list of genitives joined by "и".
      if (t.text === ',' && k > i && commaList(tokens, k + 1)) { k++; continue }
      break
    }
    const named = namedAfter(tokens, k)
    if (named > k) { k = named; last = k; continue }
    if (isAcronym(t.text)) {
      // An acronym after "и" is the next organization ("… исследований и НГУЭУ").
      if (tokens[k - 1]?.lower === 'и') break
      k++; last = k; capitalised++; continue
    }
    if (t.lower === 'и') {
      const next = tokens[k + 1]
      if (!next || !next.word || isAcronym(next.text) || (next.cap && headNoun(next.text)) || !(oblique(next.text) || looksAdjective(next.text))) break
      // "… Казахстана и Кыргызстана провели": both must be oblique, and so must what follows.
      k++; continue
    }
    if (t.lower === 'по' || t.lower === 'при' || t.lower === 'с' || t.lower === 'со') {
      const next = tokens[k + 1]
      if (!next?.word || (t.lower !== 'при' && looksVerb(next.text))) break
      if (t.lower === 'при' && !(next.cap && (headNoun(next.text) || /^президент/iu.test(next.text)))) break
      if ((t.lower === 'с' || t.lower === 'со') && tokens[last - 1] && !['по'].some(() => tokens.slice(i, k).some((x) => x.lower === 'по'))) break
      k++; continue
    }
    if (t.lower === 'в' || t.lower === 'во') {
      // "Посольство РФ в КР", "посольство Азербайджанской Республики в Российской Федерации", "Совещание … в Азии".
      const headText = tokens[i - 1]?.lower ?? ''
      void headText
      if (!/^(?:посольств|представительств|консульств|мисс|совещан)/u.test(head) && !tokens.slice(i, k).some((x) => x.lower === 'по')) break
      const next = tokens[k + 1]
      if (!next?.word || !next.cap) break
      const place = lookupCyrillicPlace(next.text)
      // "ОБСЕ провела в Ташкенте": a city after a name is where something happened.
      if (place?.city && !/^(?:посольств|представительств|консульств)/u.test(head)) break
      k++; continue
    }
    if (looksVerb(t.text)) break
    if (t.lower === 'жогорку') { k++; continue }
    // "Фонд публичной дипломатии А.М. Горчакова": a fund named after a person, in the genitive.
    if (head === 'фонд' && /^\p{Lu}$/u.test(t.text) && tokens[k + 1]?.text === '.') {
      let j = k
      while (tokens[j] && /^\p{Lu}[\p{Ll}]?$/u.test(tokens[j]!.text) && tokens[j + 1]?.text === '.') j += 2
      const surname = tokens[j]
      if (surname?.cap && surname.word && !isAcronym(surname.text)) { k = j + 1; last = k; continue }
      break
    }
    if (t.cap) {
      // A capitalised word after an acronym starts what follows ("Секретариатом АНК Дархан Мынбай").
      if (tokens[k - 1] && isAcronym(tokens[k - 1]!.text) && !isAcronym(t.text)) break
      const info = wordInfo(t.text)
      const next = tokens[k + 1]
      // A person after the name ("ректор Дипломатической академии МИД КР Чинара Адамкулова"): two capitalised words.
      // "Фонд Эберта", "Фонд Горчакова": a fund named after a person, in the genitive.
      // "Фонд Конрада Аденауэра", "Фонд Розы Люксембург": a first name in the genitive and the surname after it.
      // Not after a position: "директора Фонда Данияра Омарова" is the director's name.
      if (head === 'фонд' && k === i && info.firstName && info.caseName === 'gent' && next?.cap && next.word && !isAcronym(next.text) &&
        !(tokens[k + 2]?.cap && tokens[k + 2]!.word) && !(tokens[i - 2]?.word && isPositionWord(tokens[i - 2]!.text))) { k += 2; last = k; continue }
      if (head === 'фонд' && k === i && (info.surname || info.caseName === 'gent' || /(?:а|я)$/u.test(t.text)) && !info.place && !(next?.cap && next.word)) { k++; last = k; continue }
      if ((info.firstName || info.surname || info.patronymic) && !info.place && !CAPITAL_TAIL.has(info.lemma)) break
      if (/^\p{Lu}\.?$/u.test(t.text) || next?.text === '.' && /^\p{Lu}$/u.test(t.text)) break
      const previous = tokens[k - 1]
      const afterRepublic = previous && /^республик/iu.test(previous.text)
      const ok = info.place || CAPITAL_TAIL.has(info.lemma) || headNoun(t.text) !== null || afterRepublic ||
        (looksAdjective(t.text) && next?.cap && next.word)
      if (!ok || (!oblique(t.text) && !afterRepublic && !info.place)) break
      k++; last = k; capitalised++; continue
    }
    // Lower-case words of the tail: oblique nouns and adjectives.
    if (!oblique(t.text) && !looksAdjective(t.text)) break
    if (STOP_TAIL.has(t.lower)) break
    k++; last = k
  }
  void capitalised
  return last
}

// Lower-case words that end a name even in an oblique case: positions, event words, pronouns.
const STOP_TAIL = new Set(['его', 'ее', 'её', 'их', 'который', 'которого', 'которой', 'которых', 'этого', 'этой', 'того', 'той', 'всех',
  'года', 'году', 'г', 'числе', 'рамках', 'время', 'ходе', 'течение', 'связи', 'итогам', 'итогах', 'вопросам', 'темы', 'теме', 'участии', 'участием',
  'директора', 'председателя', 'президента', 'ректора', 'декана', 'профессора', 'доцента', 'академика', 'членов', 'члена', 'сотрудников', 'сотрудника',
  'студентов', 'магистрантов', 'представителей', 'экспертов', 'участников', 'лет', 'конференции', 'семинара', 'форума', 'круглого', 'заседания',
  'лекции', 'встречи', 'мероприятия', 'конгресса', 'стола', 'тренинга', 'сессии', 'вебинара', 'совместно', 'также', 'а', 'но', 'или'])

/** After a comma: lower-case oblique words up to "и" and one more: a list inside one name. */
function commaList(tokens: RuToken[], k: number): boolean {
  let seenAnd = false
  for (let n = 0; n < 12 && k < tokens.length; n++, k++) {
    const t = tokens[k]!
    if (t.lower === 'и') { if (seenAnd) return false; seenAnd = true; continue }
    if (t.text === ',' && !seenAnd) continue
    if (!t.word || t.cap) return seenAnd && n > 1
    if (!oblique(t.text) || STOP_TAIL.has(t.lower) || POSITION_START.test(t.lower)) return seenAnd && n > 1 && tokens[k - 1]!.lower !== 'и'
  }
  return seenAnd
}

const POSITION_START = /^(?:директор|заместител|председател|президент|ректор|декан|заведующ|руководител|профессор|доцент|член|сотрудник|советник|посол)/u

/** "Российская ассоциация политической науки (РАПН)": the acronym in brackets after a name. */
function acronymAfter(text: string, end: number): string | null {
  const m = /^\s*\(([^()\s,;]{2,12})\)/u.exec(text.slice(end, end + 20))
  return m && isAcronym(m[1]!) ? m[1]! : null
}

export function countryOf(name: string): string | null {
  for (const [pattern, code] of NAME_COUNTRIES) if (pattern.test(name)) return code
  return null
}

/** Organizations spelled inside a name: "Института США и Канады РАН" of a council, "Совета Федерации" of a committee, РАН, "при Правительстве РФ". */
function parentsOf(tokens: RuToken[], headAt: number, text: string): string[] {
  const parents: string[] = []
  const slice = (a: number, b: number) => text.slice(tokens[a]!.start, tokens[b - 1]!.end)
  for (let j = headAt + 1; j < tokens.length; j++) {
    const t = tokens[j]!
    if (!t.word) continue
    const previous = tokens[j - 1]!
    const viaPri = previous.lower === 'при'
    const capitalHead = t.cap && headNoun(t.text) && !isAcronym(t.text) && !/-/.test(t.text)
    const acronym = isAcronym(t.text) && !(t.text in COUNTRY_ACRONYMS) && !LEGAL_FORMS.has(t.text)
    const zhogorku = t.lower === 'жогорку'
    if (!(capitalHead || acronym || zhogorku) || previous.lower === 'жогорку') continue
    if (acronym && j > 0 && isAcronym(previous.text) && LEGAL_FORMS.has(previous.text)) continue
    if (acronym && previous.text === '.') continue
    // The parent runs to the end of the name, but not into "по …" (that belongs to the outer head), nor past "им." for ministries.
    let end = tokens.length
    for (let k = j + 1; k < tokens.length; k++) {
      const w = tokens[k]!
      if (w.lower === 'по' || w.lower === 'при' || w.text === ',' || w.text === '(') { end = k; break }
      if ((w.lower === 'им' || w.lower === 'имени') && (GOVERNMENT.test(t.lower) || isAcronym(t.text) && GOVERNMENT.test(t.lower))) { end = k; break }
      if (w.lower === 'им' || w.lower === 'имени') {
        // A parent acronym keeps its own honoured name only when nothing follows it ("МГУ им. М.В. Ломоносова").
        const named = namedAfter(tokens, k)
        if (named < tokens.length) { end = k; break }
        k = named - 1
        continue
      }
      if (isAcronym(w.text) && !(w.text in COUNTRY_ACRONYMS) && acronym === false && k > j + 1) continue
    }
    // A lone acronym inside the parent that is a parent of its own is taken on its own turn.
    if (acronym && ACRONYM_PARENTS[t.text]) { parents.push(ACRONYM_PARENTS[t.text]!); continue }
    if (acronym && /^МИД$/u.test(t.text)) {
      const e = tokens[j + 1] && tokens[j + 1]!.text in COUNTRY_ACRONYMS ? j + 2 : j + 1
      parents.push(slice(j, e))
      continue
    }
    if (acronym) {
      const e = end
      if (e - j === 1 || tokens.slice(j + 1, e).every((x) => x.text in COUNTRY_ACRONYMS || isAcronym(x.text) || x.text === '.' || x.cap || x.lower === 'им')) parents.push(slice(j, e))
      else parents.push(t.text)
      continue
    }
    if (viaPri && !(capitalHead || zhogorku)) continue
    if (end > j) parents.push(nominative(slice(j, end), tokens.slice(j, end), zhogorku ? 1 : 0))
    // A head's own acronym parents ("Институт Европы РАН" inside "директор Института Европы РАН") come on later turns.
  }
  return [...new Set(parents)]
}

// Participles and words that look like adjectives but open a position: "заведующая кафедрой".
const NOT_ADJECTIVES = /^(?:заведующ|управляющ|исполняющ|временно|ведущ|главн|старш|младш|который|которая|которое|которые|этот|эта|это|этой|этого|своей|своего|нашей|нашего|всех|всей|каждый|другой|другие|новый|новая)/u

const NOMINATIVE_ENDING: ReadonlyArray<readonly [Paradigm, string]> = [[MASC, ''], [FEM_IA, 'ия'], [FEM_A, 'а'], [NEUT_O, 'о'], [NEUT_IE, 'ие']]

/** The name in the nominative: morphology's, with the head noun checked against its own paradigm ("Мажилиса" → "Мажилис"). */
function nominative(raw: string, tokens: RuToken[], headAt: number): string {
  const kazakh = KAZAKH_HEAD.exec(raw.split(/\s+/).pop()!.toLowerCase())
  if (kazakh) {
    const words = raw.split(/\s+/)
    const last = words.pop()!
    return [...words, last.slice(0, kazakh[1]!.length) + kazakh[2]!].join(' ')
  }
  let name = organizationNominative(raw)
  const words = name.split(/\s+/)
  const rawWords = raw.split(/\s+/)
  if (words.length !== rawWords.length) return name
  // Words that morphology cannot know keep their spelling ("Жогорку").
  for (let k = 0; k < words.length; k++) if (rawWords[k]!.toLowerCase() === 'жогорку') words[k] = rawWords[k]!
  const head = tokens[headAt]
  if (head && head.word) {
    const k = rawWords.findIndex((w) => w === head.text || w.startsWith(head.text))
    if (k >= 0 && rawWords[k] === head.text) {
      const lower = head.lower.replace(/ё/g, 'е')
      for (const [stem, endings] of HEADS) {
        if (!lower.startsWith(stem) || !endings.includes(lower.slice(stem.length))) continue
        const ending = NOMINATIVE_ENDING.find(([p]) => p === endings)?.[1] ?? null
        const current = words[k]!.toLowerCase().replace(/ё/g, 'е')
        if (ending !== null && current !== stem + ending) words[k] = head.text.slice(0, stem.length) + ending
        break
      }
    }
  }
  name = words.join(' ')
  return name
}

/** "… на постсоветском пространстве (ИАЦ МГУ)": a few more words up to the name's bracketed acronym. */
function bracketedAcronymAhead(tokens: RuToken[], to: number, taken: boolean[]): number {
  for (let k = to; k < Math.min(tokens.length, to + 6); k++) {
    const t = tokens[k]!
    if (t.text === '(') {
      if (k === to) return to
      let j = k + 1
      while (tokens[j] && isAcronym(tokens[j]!.text)) j++
      return j > k + 1 && tokens[j]?.text === ')' ? k : to
    }
    if (!t.word || t.cap || taken[k] || looksVerb(t.text) || STOP_TAIL.has(t.lower)) return to
  }
  return to
}

/** Lines written in capitals (a shouted headline). */
function capitalLines(text: string): Span[] {
  const spans: Span[] = []
  let start = 0
  for (const line of text.split('\n')) {
    if (line.length >= 12 && !/\p{Ll}/u.test(line) && (line.match(/\p{Lu}/gu)?.length ?? 0) >= 12) spans.push({ start, end: start + line.length })
    start += line.length + 1
  }
  return spans
}

/** The case of a head noun by its ending in its paradigm ("Института" → gent), morphology's when the ending is ambiguous. */
function headCase(word: string): string | null {
  const lower = word.toLowerCase().replace(/ё/g, 'е')
  for (const [stem, endings] of HEADS) {
    if (!lower.startsWith(stem) || !endings.includes(lower.slice(stem.length))) continue
    const ending = lower.slice(stem.length)
    if (endings === MASC) return ({ '': 'nomn', а: 'gent', у: 'datv', ом: 'ablt', е: 'loct' } as Record<string, string>)[ending] ?? null
    if (endings === NEUT_O) return ({ о: 'nomn', а: 'gent', у: 'datv', ом: 'ablt', е: 'loct' } as Record<string, string>)[ending] ?? null
    if (endings === NEUT_IE) return ({ ие: 'nomn', ия: 'gent', ию: 'datv', ием: 'ablt', ии: 'loct' } as Record<string, string>)[ending] ?? null
    if (endings === FEM_IA) return ({ ия: 'nomn', ию: 'accs', ией: 'ablt' } as Record<string, string>)[ending] ?? 'gent'
    if (endings === FEM_A) return ({ а: 'nomn', у: 'accs', ой: 'ablt', ы: 'gent', и: 'gent' } as Record<string, string>)[ending] ?? 'loct'
    break
  }
  return wordInfo(word).caseName
}

// Kazakh head nouns at the end of a name, with their case endings: [stem][nominative ending][case ending].
const KAZAKH_HEAD = /^((?:институт|университет|орталы|қор|министрлі|академия|кеңес|қауымдасты|комитет|ұйым|агентті|палата|басқарма|департамент|коллед|мектеб|қауымдастығ))((?:ы|і|ғы|гі|сы|сі|ы))(?:ның|нің|на|не|нда|нде|нан|нен|мен|ымен|імен)?$/u
