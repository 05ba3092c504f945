// Roles from Russian and Kazakh cue words. A verb or noun cue ("организовали", "модерировала",
// "доклад", "прокомментировали") gives its role to the nearest entities of its sentence; a
// prepositional cue ("при поддержке", "совместно с", "по заказу", "по инициативе") only to the
// names right after it. A list after a colon ("Доклад прокомментировали: A; B; C") shares its cue.
import type { Role } from '../../lib/vocabulary.ts'
import type { Span } from './text.ts'

const POSTPOSITIONS: ReadonlyArray<readonly [RegExp, Role]> = [
  [/(?<![\p{L}])(?:қолдауымен|демеуімен|қолдауы\s+арқылы)(?![\p{L}])/u, 'supporter'],
  [/(?<![\p{L}])(?:бірлесіп|серіктестігімен|бірлесе\s+отырып)(?![\p{L}])/u, 'partner'],
  [/(?<![\p{L}])(?:тапсырысымен|тапсырысы\s+бойынша)(?![\p{L}])/u, 'commissioner'],
  [/(?<![\p{L}])(?:ұйымдастыруымен|бастамасымен)(?![\p{L}])/u, 'organizer'],
]

export interface RoleEntity extends Span {
  /** An affiliation or a name inside another: takes no role. */
  passive: boolean
  /** Only a prepositional cue right before it gives it a role (an organization in the genitive: "30-летию Содружества"). */
  governed: boolean
}

interface Cue { start: number; end: number; role: Role; forward: boolean }

// [pattern, role, forward-only]
const CUES: ReadonlyArray<readonly [RegExp, Role, boolean]> = [
  // Prepositional and object cues: only what follows.
  [/при\s+(?:финансовой\s+|информационной\s+|организационной\s+)?поддержке|под\s+эгидой|при\s+содействии/giu, 'supporter', true],
  [/совместно\s+с[о]?|в\s+партн[её]рстве\s+с[о]?|в\s+сотрудничестве\s+с[о]?/giu, 'partner', true],
  [/по\s+заказу|по\s+поручению|тапсырысымен|тапсырысы\s+бойынша|заказчик(?:ом)?\s+(?:выступил[аио]?|стал[аио]?)/giu, 'commissioner', true],
  [/по\s+инициативе|организатор(?:ом|ами|ы)?(?:\s+[а-яё]+){0,3}?\s*(?:[—–-]|:|выступил[аио]?|стал[аио]?|являются|является|был[аио]?)/giu, 'organizer', true],
  // A passive participle's agent follows it, in the instrumental: "была организована Казахстанско-Немецким университетом".
  [/организован[аоы]?|организованн[а-яё]+|проведен[аоы]?|проведён|проведенн[а-яё]+|подготовлен[аоы]?|подготовленн[а-яё]+/giu, 'organizer', true],
  [/пригласил[аи]?|среди\s+участников(?:\s+[а-яё]+)?(?:\s+(?:были|стали|был|была))?|в\s+числе\s+участников|участниками\s+(?:стали|были)|представители|в\s+состав[е]?\s+делегации/giu, 'participant', true],
  [/модератор(?:ом|ами|ы)?(?:\s+[а-яё]+){0,3}?\s*(?:[—–-]|:|выступил[аио]?|стал[аио]?|был[аио]?)/giu, 'moderator', true],
  [/лектор(?:ом|ами)?\s+(?:был[аио]?|выступил[аио]?|стал[аио]?)|спикер(?:ами|ы)?\s*(?:[—–-]|:|выступили|стали|были)|докладчик(?:ами|и)?\s*(?:[—–-]|:|выступили|стали|были)/giu, 'speaker', true],
  // Verb and noun cues: the nearest names on either side.
  [/(?:в\s+)?дискусси[а-яё]*\s+по\s+доклад[а-яё]*\s+(?:участвовал[аи]?|приняли\s+участие|выступили)?|прокомментировал[аи]?|комментари[а-яё]*\s+(?:к\s+)?доклад[а-яё]*|обсуждени[а-яё]+\s+доклад[а-яё]*\s+(?:участвовал[аи]?|приняли\s+участие)?/giu, 'discussant', false],
  [/организовал[аи]?|провел[аи]?|провёл|проводил[аи]?|проводит|подготовил[аи]?|собрался|собрал[аи]?(?:сь)?|созвал[аи]?|принимал[аи]?\s+(?:у\s+себя|гостей)|ұйымдастырды|өткізді/giu, 'organizer', false],
  [/модерировал[аи]?|модератор(?:ом|ами|ы)?|модераторы|жүргізді|жүргізуімен|вел[аи]?(?=\s)|вёл|ведущ(?:ий|ая|ими|ие)|председательствовал[аи]?/giu, 'moderator', false],
  [/поддержку\s+оказал[аи]?|поддержал[аи]?|спонсор(?:ом|ами)?/giu, 'supporter', false],
  [/партн[её]р(?:ом|ами|ы)?\s+(?:выступил[аио]?|стал[аио]?|являются|являлись|были)/giu, 'partner', false],
  [/выступил[аи]?|выступлени[а-яё]*|доклад(?:ом|ы|ами|ов)?|сделал[аи]?\s+доклад|докладчик[а-яё]*|лекци[а-яё]*|лектор[а-яё]*|приветственн[а-яё]+|приветстви[а-яё]*|открыл[аи]?|обратил(?:ся|ась|ись)|представил[аи]?|рассказал[аи]?|отметил[аи]?|подчеркнул[аи]?|заявил[аи]?|назвал[аи]?|говорил[аи]?|зачитал[аи]?|презентовал[аи]?|спикер[а-яё]*|тренер[а-яё]*|баяндама|баяндамасы|баяндама\s+жасады|сөз\s+сөйледі|сөйледі|ашты|дәріс\s+оқыды|таныстырды|құттықтау\s+сөз/giu, 'speaker', false],
  [/участвовал[аи]?|принял[аи]?\s+участие|приняли\s+участие|присутствовал[аи]?|представлял[аи]?|будут\s+представлять|представляли|посетил[аи]?|участник(?:ами|и|ов)?\s+(?:стали|были)|қатысты|қатысушылар|қатысуымен/giu, 'participant', false],
]

// Cues are whole words.
const WHOLE = CUES.map(([pattern, role, forward]) => [new RegExp(`(?:${pattern.source})(?![\\p{L}])`, 'giu'), role, forward] as const)

const LETTER = /\p{L}/u

export function findCues(text: string): Cue[] {
  const cues: Cue[] = []
  for (const [pattern, role, forward] of WHOLE) {
    pattern.lastIndex = 0
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      // A cue starts a word; after a false start, look again from the next letter.
      if (m.index > 0 && LETTER.test(text[m.index - 1]!)) { pattern.lastIndex = m.index + 1; continue }
      const end = m.index + m[0].trimEnd().length
      if (cues.some((c) => c.start < end && m.index < c.end)) continue
      cues.push({ start: m.index, end, role, forward })
    }
  }
  return cues.sort((a, b) => a.start - b.start)
}

/** Sentences; after a colon, semicolons separate list entries, not sentences. */
function sentenceSpans(text: string): Span[] {
  const spans: Span[] = []
  const re = /(?<!(?:^|[\s.])(?:им|\p{Lu}|[гт]|т\.г|ул|д|к|н|тыс|руб|см|др|проф|доц))[.!?](?=\s+[\p{Lu}«"(]|\s*$)|\n/gu
  let start = 0
  for (const m of text.matchAll(re)) {
    spans.push({ start, end: m.index + 1 })
    start = m.index + 1
  }
  if (start < text.length) spans.push({ start, end: text.length })
  // Split at semicolons unless a colon before them opens a list.
  const out: Span[] = []
  for (const s of spans) {
    const body = text.slice(s.start, s.end)
    if (body.includes(':')) { out.push(s); continue }
    let from = s.start
    for (const m of body.matchAll(/;/g)) { out.push({ start: from, end: s.start + m.index + 1 }); from = s.start + m.index + 1 }
    out.push({ start: from, end: s.end })
  }
  return out
}

/** Roles per entity, in the order given. */
export function assignRuRoles(text: string, entities: readonly RoleEntity[]): Role[][] {
  const cues = findCues(text)
  const sentences = sentenceSpans(text)
  const roles: Role[][] = entities.map(() => [])
  entities.forEach((e, index) => {
    if (e.passive) return
    const sentence = sentences.find((s) => s.start <= e.start && e.start < s.end) ?? { start: 0, end: text.length }
    const inSentence = cues.filter((c) => c.start >= sentence.start && c.end <= sentence.end)
    // Kazakh postpositions after the name: "… қорының қолдауымен", "… бірлесіп".
    const post = POSTPOSITIONS.find(([p]) => { p.lastIndex = 0; const m = p.exec(text.slice(e.end, e.end + 40)); return m !== null && m.index <= 6 })
    if (post) { roles[index] = [post[1]]; return }
    // A prepositional cue right before the name, or before the list the name belongs to.
    const forward = inSentence.filter((c) => c.forward && c.end <= e.start).pop()
    if (forward && chainBetween(text, forward.end, e.start, entities)) { roles[index] = [forward.role]; return }
    if (e.governed) return
    const free = inSentence.filter((c) => !c.forward)
    if (!free.length) return
    // A verb before a list the name belongs to ("Его подготовили A и B, поддержку оказал C").
    const before = free.filter((c) => c.end <= e.start).pop()
    if (before && chainBetween(text, before.end, e.start, entities)) { roles[index] = [before.role]; return }
    const distance = (c: Cue) => (c.end <= e.start ? e.start - c.end : c.start - e.end)
    const nearest = free.reduce((a, b) => (distance(b) < distance(a) ? b : a))
    roles[index] = [nearest.role]
  })
  return roles
}

/** Between a cue and a name: nothing, or other names, brackets, commas, "и", titles (a list after the cue). */
function chainBetween(text: string, from: number, to: number, entities: readonly Span[]): boolean {
  let gap = text.slice(from, to)
  if (gap.length > 400) return false
  // Blank out the entities in between, then their brackets and degrees and titles.
  for (const e of entities) {
    if (e.start >= from && e.end <= to) gap = gap.slice(0, e.start - from) + ' '.repeat(e.end - e.start) + gap.slice(e.end - from)
  }
  gap = gap.replace(/\([^()]*\)/g, ' ')
  const words = gap.split(/[\s,]+/).filter(Boolean)
  if (words.length > 12) return false
  return !words.some((w) => /[.;!?]$/.test(w) && w.length > 2) && words.filter((w) => !/^(?:и|а|также|:|—|–|-)$/u.test(w)).length <= 8
}
