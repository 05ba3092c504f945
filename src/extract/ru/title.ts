// The activity's own title in a Russian or Kazakh item: the «quoted» theme next to an event word
// ("круглый стол «…»", "на тему «…»", "под девизом «…»", "доклад «…»"), not a quoted organization
// ("НОФ «Нораванк»", "гостиница «…»").

const CUE_BEFORE = /(?:кругл(?:ый|ого|ом|ым|ые|ых|ому|ыми)\s+стол[а-я]*|конференци[а-я]*|конгресс[а-я]*|семинар[а-я-]*|вебинар[а-я]*|тренинг[а-я]*|форум[а-я]*|лекци[а-я]*|заседани[а-я]*|сесси[а-я]*|презентаци[а-я]*|доклад[а-я]*|книг[а-я]*|монографи[а-я]*|исследовани[а-я]*|встреч[а-я]*|дискусси[а-я]*|чтени[а-я]*|школ[а-я]*|выставк[а-я]*|симпозиум[а-я]*|мастер-класс[а-я]*|тем[аеуыой]{0,2}|названием|девизом|девиз[а-я]*|слова|лозунгом|дөңгелек\s+үстел|тақырыб[а-я]*)\s*(?:[^.«»\n]{0,40})$/iu
const NOT_TITLE_BEFORE = /(?:фонд[а-я]*|ноф|оо|оф|тоо|ао|гостиниц[а-я]*|отел[а-я]*|журнал[а-я]*|газет[а-я]*|издательств[а-я]*|компани[а-я]*|кафедр[а-я]*|проект[а-я]*|программ[а-я]*|центр[а-я]*|ассоциаци[а-я]*|объединени[а-я]*|театр[а-я]*|зал[а-я]*)\s*$/iu
const QUOTE = /«((?:[^«»\n]|«[^«»\n]*»)*)»|“([^“”\n]*)”|"([^"\n]{3,300})"/g
const KIND_ONLY = /^(?:круглый\s+стол|семинар|конференция|форум|лекция|тренинг)$/iu

export function findRuTitle(text: string): string | null {
  const head = text.slice(0, 4000)
  for (const m of head.matchAll(QUOTE)) {
    const inner = (m[1] ?? m[2] ?? m[3] ?? '').trim()
    if (!inner || KIND_ONLY.test(inner)) continue
    const before = head.slice(Math.max(0, m.index - 60), m.index)
    if (NOT_TITLE_BEFORE.test(before)) continue
    // A quote right after another quote that was a kind word ("«круглый стол» «…»").
    const kindQuote = /«(?:круглый\s+стол|семинар|конференция|форум)»\s*$/iu.test(before)
    // Kazakh names the title before the event: «…» тақырыбында дөңгелек үстел, «…» атты конференция.
    const after = head.slice(m.index + m[0].length, m.index + m[0].length + 40)
    const kazakhCue = /^\s*(?:тақырыбында|тақырыбындағы|атты|деген|тақырыбы)(?![\p{L}])/iu.test(after)
    if (!kindQuote && !kazakhCue && !CUE_BEFORE.test(before)) continue
    const title = inner.replace(/\s+/g, ' ').replace(/[.,;:]+$/u, '').trim()
    if (title.length >= 3 && /\p{L}/u.test(title)) return title
  }
  return null
}
