// The kind of activity a Russian or Kazakh item reports: the first event word outside quoted titles
// and umbrella events ("в рамках форума"); "в формате круглого стола" decides over the word before it.
import type { Kind } from '../../lib/vocabulary.ts'

const KINDS: ReadonlyArray<readonly [RegExp, Kind]> = [
  [/кругл(?:ый|ого|ом|ым|ые|ых|ому|ыми)\s+стол|дөңгелек\s+үстел/iu, 'round-table'],
  [/стратегическ[а-я]+\s+сесси/iu, 'strategic-session'],
  [/семинар|вебинар|семинар-тренинг/iu, 'seminar'],
  [/тренинг|воркшоп|мастерск[а-я]+|мастер-класс|практикум/iu, 'workshop'],
  [/конференц|конгресс|съезд|бьеннале|симпозиум/iu, 'conference'],
  [/форум/iu, 'forum'],
  [/лекци|дәріс/iu, 'lecture'],
  [/презентаци|таныстырылым/iu, 'presentation'],
  [/заседани|экспертн[а-я]+\s+встреч|визит[а-я]*\s+делегаци|делегаци[а-я]*\s[^.!?\n]{0,80}?(?:посетил|прибыл|находил)|с\s+(?:рабочим|официальным)\s+визитом|совещани|отырыс|кеңес\s+отырысы/iu, 'meeting'],
  [/торжественн[а-я]+\s+церемони/iu, 'other'],
]
const ALL = new RegExp(KINDS.map(([r]) => `(?:${r.source})`).join('|'), 'giu')
const QUOTED = /«[^«»\n]*»|"[^"\n]*"|“[^“”\n]*”/g
const UMBRELLA = /(?:в\s+рамках|в\s+ходе|на\s+полях|в\s+программ[уеы])\s+(?:[\p{L}-]+(?:ого|его|ой|ей|ых|их|[IVX]+)\s+|[IVX]+\s+|\d+-?[а-я]*\s+){0,3}$/iu

function kindOf(word: string): Kind | null {
  for (const [pattern, kind] of KINDS) if (pattern.test(word)) return kind
  return null
}

export function findRuKind(text: string): Kind | null {
  // A quoted kind word is the kind ("прошел «круглый стол» «…»"); other quotes are titles.
  const masked = text.replace(QUOTED, (q) => (kindOf(q) && q.length < 20 ? q : ' '.repeat(q.length)))
  const format = /в\s+формате\s+([\p{L}\s-]{3,30})/iu.exec(masked)
  const formatKind = format ? kindOf(format[1]!) : null
  if (formatKind) return formatKind
  for (const m of masked.matchAll(ALL)) {
    // A named umbrella event ("в рамках Фестиваля", "Форум … in capitals mid-sentence" as part of a name) is not the activity.
    if (UMBRELLA.test(masked.slice(Math.max(0, m.index - 60), m.index))) continue
    const word = /^[\p{L}-]+/u.exec(masked.slice(m.index))?.[0] ?? m[0]
    // "Совещание по взаимодействию…" in capitals mid-sentence is an organization's name.
    if (/^Совещани/u.test(word) && !/(?:^|[.!?\n]\s*)$/u.test(masked.slice(Math.max(0, m.index - 3), m.index))) continue
    // Plural mentions are a series or other events ("серии круглых столов").
    if (/^(?:круглых|конференций|семинаров|форумов|лекций|заседаний)$/iu.test(word)) continue
    const kind = kindOf(m[0])
    if (kind) return kind
  }
  return null
}
