// Segmentation: a text into news items. Items are separated by blank lines, but an item may span
// several paragraphs, and trailing fragments (a "Read more:" line, a link, a photo caption, a short
// name line) belong to the item above.
import { findDates } from './dates.ts'

export interface Segment { text: string; start: number; end: number }

interface Block extends Segment { fragment: boolean; dated: boolean; heading: boolean }

const MAX_FRAGMENT_WORDS = 14
const URL_LINE = /^(?:[-*•]\s*)?(?:<)?(?:https?:\/\/|www\.)\S+(?:>)?$/i
const TRAILER = /^(?:read more|more|source|sources|photo|photos|photo credit|video|link|links|details|more details|more information|for more information|see also|full text|download|registration|register here|contacts?)\b[^\n]{0,200}$/i
const REFERENCE = new Date(Date.UTC(2000, 0, 1))
// "## Speakers", "## Programme": a section of the item, not the headline of the next one.
const SECTION_HEADING = /^#{1,6}\s+(?:speakers|participants|guests|moderators?|organi[sz]ers|partners|programme|program|agenda|contacts?|photos?|gallery|links|documents|results|summary|background|about)\s*:?\s*$/i

/** Splits `text` into items, each the verbatim slice of the input from its first to its last paragraph. */
export function segmentItems(text: string): Segment[] {
  const blocks = splitBlocks(text)
  if (!blocks.length) return []
  const headings = blocks.some((b) => b.heading)
  const substantial = blocks.filter((b) => !b.fragment)
  // A feed whose items open with dates: an undated paragraph continues the item above it.
  const datedFeed = substantial.length > 1 && substantial.filter((b) => b.dated).length * 2 >= substantial.length

  const items: Block[][] = []
  let pendingTitle: Block[] = []
  for (const block of blocks) {
    const current = items[items.length - 1]
    const startsItem = headings ? block.heading : !block.fragment && (!datedFeed || block.dated || !current)
    if (block.heading || (block.fragment && !current && !headings)) {
      // A heading or a title line before the first item opens the next item.
      if (headings && block.heading) { items.push([...pendingTitle, block]); pendingTitle = []; continue }
      pendingTitle.push(block)
      continue
    }
    if (startsItem || !current) {
      items.push([...pendingTitle, block])
      pendingTitle = []
    } else {
      current.push(block)
    }
  }
  if (pendingTitle.length) {
    if (items.length) items[items.length - 1]!.push(...pendingTitle)
    else items.push(pendingTitle)
  }
  return items.map((group) => {
    const start = group[0]!.start, end = group[group.length - 1]!.end
    return { text: text.slice(start, end), start, end }
  })
}

function splitBlocks(text: string): Block[] {
  const blocks: Block[] = []
  const separator = /\n[ \t\r\f\v]*\n\s*/g
  let start = 0
  const add = (from: number, to: number) => {
    while (from < to && /\s/.test(text[from]!)) from++
    while (to > from && /\s/.test(text[to - 1]!)) to--
    if (to <= from) return
    const body = text.slice(from, to)
    blocks.push({ text: body, start: from, end: to, fragment: isFragment(body), dated: isDated(body), heading: /^#{1,6}\s/.test(body) && !SECTION_HEADING.test(body) })
  }
  for (const match of text.matchAll(separator)) {
    add(start, match.index)
    start = match.index + match[0].length
  }
  add(start, text.length)
  return blocks
}

/** A link, a "Read more" line, a caption or a name line: short, and not a sentence of its own. */
export function isFragment(block: string): boolean {
  const lines = block.split('\n').map((l) => l.trim()).filter(Boolean)
  if (lines.every((l) => URL_LINE.test(l) || TRAILER.test(l))) return true
  if (lines.length > 2) return false
  const words = block.split(/\s+/).filter(Boolean)
  if (words.length > MAX_FRAGMENT_WORDS) return false
  if (/^#{1,6}\s/.test(block)) return SECTION_HEADING.test(block)
  // A short line that ends a sentence and has a verb-like word is an item of its own ("The forum was postponed.").
  return !/[.!?]["”»]?$/.test(block.trim()) || words.length <= 3
}

function isDated(block: string): boolean {
  const firstSentence = block.slice(0, 240).split(/(?<=[.!?])\s+(?=\p{Lu})/u)[0] ?? ''
  if (findDates(firstSentence, REFERENCE).date !== null) return true
  // An event card: "Participants: …", "Organizers: …", "Date: 18 June 2024, Almaty."
  const labelled = /^\s*(?:date|dates|when|time)\s*:\s*(.+)$/im.exec(block.slice(0, 1000))
  return !!labelled && findDates(labelled[1]!, REFERENCE).date !== null
}
