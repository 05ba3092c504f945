import { isMatchingWord, type QueryWord, wordsOf } from './search-terms.ts'

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

interface Segment {
  text: string
  matched: boolean
}

/** The text cut into words and what lies between them, each word marked when the query matches it. */
function segmentsOf(text: string, words: QueryWord[]): Segment[] {
  const memo = new Map<string, boolean>()
  const matches = (word: string) => {
    let hit = memo.get(word)
    if (hit === undefined) {
      hit = wordsOf(word).some((w) => words.some((q) => isMatchingWord(w, q)))
      memo.set(word, hit)
    }
    return hit
  }
  const segments: Segment[] = []
  let last = 0
  for (const m of text.matchAll(/[\p{L}\p{N}\p{M}'’ʼ]+/gu)) {
    if (m.index > last) segments.push({ text: text.slice(last, m.index), matched: false })
    segments.push({ text: m[0], matched: words.length > 0 && matches(m[0]) })
    last = m.index + m[0].length
  }
  if (last < text.length) segments.push({ text: text.slice(last), matched: false })
  return segments
}

const toHtml = (segments: Segment[]) =>
  segments.map((s) => (s.matched ? `<mark>${escapeHtml(s.text)}</mark>` : escapeHtml(s.text))).join('')

/** The whole text as HTML, escaped, with <mark> around the words the query matches. */
export function highlight(text: string, words: QueryWord[]): string {
  return toHtml(segmentsOf(text, words))
}

/**
 * Up to about `length` characters of the text around its first matched word, as escaped HTML
 * with the matches marked; the start of the text when no word of it matches.
 */
export function snippet(text: string, words: QueryWord[], length = 240): string {
  const flat = text.replace(/\s*\n\s*/g, ' · ').replace(/\s+/g, ' ').trim()
  const segments = segmentsOf(flat, words)
  let first = segments.findIndex((s) => s.matched)
  if (first < 0) first = 0
  // Some words of context before the first match, then as much as fits.
  let start = first
  let before = 0
  while (start > 0 && before + segments[start - 1]!.text.length < length / 3) before += segments[--start]!.text.length
  let end = start
  let size = 0
  while (end < segments.length && size + segments[end]!.text.length <= length) size += segments[end++]!.text.length
  if (end === start && end < segments.length) end++
  const cut = segments.slice(start, end)
  while (cut.length > 1 && !/[\p{L}\p{N}]/u.test(cut[0]!.text)) cut.shift()
  return `${start > 0 ? '… ' : ''}${toHtml(cut).trim()}${end < segments.length ? ' …' : ''}`
}
