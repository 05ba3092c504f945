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
  // A feed whose items open with dates: an undated paragraph continues the item above it, unless it
  // can stand as a news item of its own (a headline over a body, or a self-contained paragraph).
  const datedFeed = substantial.length > 1 && substantial.filter((b) => b.dated).length * 2 >= substantial.length

  const items: Block[][] = []
  let pendingTitle: Block[] = []
  blocks.forEach((block, i) => {
    const current = items[items.length - 1]
    const previous = i > 0 ? blocks[i - 1]! : undefined
    if (headings) {
      if (block.heading) { items.push([...pendingTitle, block]); pendingTitle = []; return }
      if (!current) { pendingTitle.push(block); return }
      current.push(block)
      return
    }
    if (block.fragment) {
      // A title or date line before the first item, or one that heads the block below it, opens the next item.
      if (!current || headsNext(block, previous, blocks[i + 1])) { pendingTitle.push(block); return }
      if (pendingTitle.length) { pendingTitle.push(block); return }
      current.push(block)
      return
    }
    const continues = !!current && !pendingTitle.length && (
      continuesList(block, previous) || opensAnaphorically(block, previous) ||
      (datedFeed && !block.dated && !standsAlone(block)))
    if (continues) { current.push(block); return }
    items.push([...pendingTitle, block])
    pendingTitle = []
  })
  if (pendingTitle.length) {
    if (items.length) items[items.length - 1]!.push(...pendingTitle)
    else items.push(pendingTitle)
  }
  return items.map((group) => {
    const start = group[0]!.start, end = group[group.length - 1]!.end
    return { text: text.slice(start, end), start, end }
  })
}

const LIST_LINE = /^\s*(?:[-*•–—▪●◦]|\d{1,2}[.)])\s+\S/
// Words that open a paragraph about something already introduced above.
const CONNECTIVE = /^(?:he|she|it|they|its|their|his|her|also|in addition|moreover|furthermore|besides|however|then|afterwards|after that|later|at the end|in conclusion|finally|meanwhile|as a result|among them|among others|in particular|during (?:the|this|his|her|their)|at the (?:event|meeting|seminar|conference|forum|session|round table|roundtable|workshop|lecture))\b/i
// "The report …", "This seminar …", "The participants …": an activity, document or its people, named before.
const ANAPHOR = /^(?:the|this|these|that|those|such)\s+(event|events|report|study|survey|book|document|memorandum|agreement|seminar|conference|meeting|round[- ]?table|workshop|lecture|forum|session|sessions|discussion|debate|webinar|panel|presentation|visit|delegation|participants|speakers|guests|attendees|audience|sides|parties|project|training|course|school|program|programme|exhibition|ceremony|talks)\b/i

/** A block carrying on a list or a cue that ended with ":" in the block above. */
function continuesList(block: Block, previous: Block | undefined): boolean {
  if (!previous || block.dated) return false
  const lines = block.text.split('\n').filter((l) => l.trim())
  // "Speakers:" over a list of names: short lines or list items, not a paragraph of its own.
  if (/:\s*$/.test(previous.text)) return lines.every((l) => LIST_LINE.test(l) || l.split(/\s+/).length <= 20)
  return lines.every((l) => LIST_LINE.test(l)) && LIST_LINE.test(previous.text.split('\n').pop() ?? '')
}

/** A paragraph that opens on a pronoun, a connective, or "the seminar" of the block above. */
function opensAnaphorically(block: Block, previous: Block | undefined): boolean {
  if (!previous || block.dated || hasHeadline(block.text)) return false
  const head = block.text.trimStart()
  if (CONNECTIVE.test(head)) return true
  const anaphor = ANAPHOR.exec(head)
  if (!anaphor) return false
  const noun = anaphor[1]!.toLowerCase().replace(/[- ]/g, '').replace(/s$/, '').slice(0, 6)
  return previous.text.toLowerCase().replace(/[- ]/g, '').includes(noun)
}

/** A first line that reads as a headline: short, no closing full stop, with a body below it. */
function hasHeadline(block: string): boolean {
  const lines = block.split('\n').map((l) => l.trim()).filter(Boolean)
  if (lines.length < 2) return false
  const first = lines[0]!
  const words = first.split(/\s+/).length
  return words <= 30 && !/[.;,:]$/.test(first) && lines.slice(1).some((l) => l.split(/\s+/).length >= 8)
}

/** A block that can be read as a news item of its own: a headline over a body, or several lines. */
function standsAlone(block: Block): boolean {
  if (hasHeadline(block.text)) return true
  return block.text.split('\n').filter((l) => l.trim()).length >= 3
}

const CONTENT_STOP = new Set(['the', 'and', 'for', 'with', 'from', 'into', 'that', 'this', 'was', 'were', 'are', 'has', 'have', 'been', 'will', 'its', 'their', 'our', 'held', 'took', 'place'])
function contentWords(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/\p{L}{3,}/gu) ?? []).filter((w) => !CONTENT_STOP.has(w)).map((w) => w.slice(0, 6)))
}

/** A lone date or title line that belongs to the block below it rather than the one above. */
function headsNext(block: Block, previous: Block | undefined, next: Block | undefined): boolean {
  if (!next || next.fragment || TRAILER.test(block.text) || block.text.split('\n').some((l) => URL_LINE.test(l.trim()))) return false
  if (/:\s*$/.test(previous?.text ?? '')) return false
  if (isDateLine(block.text)) return true
  // A title line shares more words with the item it heads than with the one it follows.
  const words = contentWords(block.text)
  if (words.size < 2) return false
  const overlap = (other: string) => [...contentWords(other)].filter((w) => words.has(w)).length
  return overlap(next.text.slice(0, 400)) > overlap(previous ? previous.text.slice(-400) : '')
}

/** "12.02.2024", "16 July 2013", "30.01.2018, 15:38", "6 October 2014 - 11:45": a date and little else. */
function isDateLine(line: string): boolean {
  if (line.includes('\n') || line.length > 60) return false
  if (findDates(line, REFERENCE).date === null) return false
  return line.replace(/\p{L}+/gu, (w) => (/^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|am|pm|gmt|utc)/i.test(w) ? '' : w))
    .replace(/[\d\s.,:/|–—-]/g, '').length <= 3
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
