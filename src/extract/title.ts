// The activity's own name: a quoted title next to an event word or "on the topic", or the
// capitalised title between the event word and "was held".
import { findQuotes } from './text.ts'

const CUE_BEFORE = /(?:\b(?:conference|congress|symposium|workshop|seminar|webinar|round[- ]?table|forum|summit|lecture|talk|session|meeting|presentation|report|study|book|monograph|festival|school|discussion|panel|exhibition|training|course|master[- ]?class|competition|contest|dialogue|readings|research|survey|event)s?|\btopic|\btheme|\bthemed|\bentitled|\btitled|\btitle|\bcalled|\bheadlined|\bmotto|\bslogan)\b[^.“”"«»]{0,40}$/i
const UNQUOTED = /^(?:[\p{Lu}][\p{L}-]*\s+){0,5}?(?:Conference|Congress|Symposium|Workshop|Seminar|Webinar|Round[- ]?[Tt]able|Forum|Summit|Lecture|Session|Meeting|School|Readings)\s+(?:on\s+(?:the\s+(?:topic|theme)\s+(?:of\s+)?)?)?(\p{Lu}[^.]{3,200}?)\s+(?:was|were|will be|is|are)\s+(?:held|organi[sz]ed|hosted|convened|opened|took place)\b/u

const SEARCH_LIMIT = 4000

export function findTitle(text: string): string | null {
  const head = text.slice(0, SEARCH_LIMIT)
  for (const quote of findQuotes(head)) {
    const before = head.slice(Math.max(0, quote.start - 60), quote.start)
    if (!CUE_BEFORE.test(before)) continue
    // Public Foundation “Media Alliance of Tajikistan”: the name of an organization, not of the activity.
    if (/\b(?:foundation|fund|association|union|society|company|corporation|llp|llc|jsc|njsc|ojsc|ngo|pf|rse|ltd)\s*$/i.test(before)) continue
    const title = cleanTitle(head.slice(quote.start + 1, quote.end - 1))
    if (title) return title
  }
  const firstSentence = head.split(/\n/)[0] ?? ''
  const unquoted = UNQUOTED.exec(firstSentence)
  if (unquoted) return cleanTitle(unquoted[1]!)
  // An event card's "Topic: Media freedom and regional security."
  const labelled = /^\s*(?:topic|theme|title)\s*:\s*(.{3,200})$/im.exec(head)
  if (labelled) return cleanTitle(labelled[1]!)
  return null
}

function cleanTitle(title: string): string | null {
  let cleaned = title.replace(/\s+/g, ' ').replace(/^[\s"«»'‘’]+|[\s"«»'‘’.,;:]+$/g, '').trim()
  // A closing quote that ends a nested title stays; one without its opening quote goes.
  while (/[”.,;:]$/.test(cleaned) && (cleaned.split('“').length < cleaned.split('”').length || !cleaned.endsWith('”'))) {
    cleaned = cleaned.slice(0, -1).trimEnd()
  }
  cleaned = cleaned.replace(/^“(?!.*”)/, '')
  return cleaned.length >= 3 && /\p{L}/u.test(cleaned) ? cleaned : null
}
