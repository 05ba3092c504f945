import { createHash } from 'node:crypto'
import { bodyFromText } from '../../archive/record-text.ts'
import { segmentItems } from '../../extract/index.ts'
import type { SourceFile, SourceItem } from '../import.types.ts'

export const sourceHash = (text: string) => createHash('sha256').update(text).digest('hex')

const HEADING = /^#{1,6}\s+(.+?)\s*#*\s*$/

/**
 * News items of a plain-text or Markdown file, split as the extractor splits them. The key is the
 * hash of the item's text, as for activity records, so a text imported either way is found again.
 */
export function readText(text: string, options: { markdown: boolean }): SourceFile {
  const source = text.replace(/^\uFEFF/, '')
  const lineStarts = [0]
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) lineStarts.push(i + 1)
  const lineOf = (offset: number) => {
    let low = 0, high = lineStarts.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if (lineStarts[middle]! <= offset) low = middle
      else high = middle - 1
    }
    return low + 1
  }
  const items = segmentItems(source).filter((s) => s.text.trim()).map((segment, index) =>
    itemOf(segment.text, `item ${index + 1} (line ${lineOf(segment.start)})`, options))
  return { format: 'text', items, problems: [] }
}

/** A pasted text is one news item, whatever blank lines it holds; it may be Markdown. */
export const readPastedText = (text: string) => itemOf(text, 'pasted text', { markdown: true })

function itemOf(text: string, position: string, options: { markdown: boolean }): SourceItem {
  const lines = text.trim().split('\n')
  // A Markdown item that opens with a heading has its title; the extractor still reads the whole item.
  const heading = options.markdown ? HEADING.exec(lines[0]!) : null
  return {
    position,
    key: sourceHash(text),
    title: heading ? heading[1]!.trim() : null,
    body: options.markdown ? (heading ? lines.slice(1) : lines).join('\n').trim() : bodyFromText(text),
    text,
    publishedAt: null,
    categories: [], tags: [], attachments: [],
  }
}
