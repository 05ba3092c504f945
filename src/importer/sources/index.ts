// Reading an import file, whatever its format, into news items: for `chronicle import` and the
// admin's upload alike.
import { extname } from 'node:path'
import { parseJsonFile } from '../../archive/json-file.ts'
import { InvalidInputError } from '../../lib/errors.ts'
import type { SourceFile } from '../import.types.ts'
import { readRecords } from './records.ts'
import { readText } from './text.ts'
import { readWxr } from './wxr.ts'

export const SOURCE_FORMATS = ['text', 'markdown', 'json', 'wxr'] as const
export type SourceFormat = (typeof SOURCE_FORMATS)[number]

export const SOURCE_FORMAT_LABELS: Record<SourceFormat, string> = {
  text: 'Plain text', markdown: 'Markdown', json: 'Activity records (JSON)', wxr: 'WordPress export (WXR, .xml)',
}

export function parseSourceFormat(value: string): SourceFormat {
  const lower = value.trim().toLowerCase()
  const format = lower === 'md' ? 'markdown' : lower === 'xml' ? 'wxr' : lower === 'txt' ? 'text' : lower
  if (!(SOURCE_FORMATS as readonly string[]).includes(format)) {
    throw new InvalidInputError(`The format is one of ${SOURCE_FORMATS.join(', ')}, not “${value}”.`)
  }
  return format as SourceFormat
}

/** The file name says the format; standard input or an unknown extension is told by its first characters. */
export function guessSourceFormat(fileName: string, text: string): SourceFormat {
  const extension = extname(fileName).toLowerCase()
  if (extension === '.xml' || extension === '.wxr') return 'wxr'
  if (extension === '.json') return 'json'
  if (extension === '.md' || extension === '.markdown') return 'markdown'
  if (extension === '.txt') return 'text'
  const start = text.trimStart()
  if (start.startsWith('<?xml') || start.startsWith('<rss')) return 'wxr'
  if (start.startsWith('[') || start.startsWith('{')) return 'json'
  return 'markdown'
}

/**
 * The file's news items, or `archive` for a JSON object: a whole Chronicle archive export, whose
 * records are finished and are imported as they are (`import-json`), not reviewed.
 */
export function readSource(text: string, fileName: string, format: SourceFormat): SourceFile | 'archive' {
  if (format === 'json') {
    const parsed = parseJsonFile(text, fileName)
    if (!Array.isArray(parsed.value)) return 'archive'
    return readRecords({ ...parsed, value: parsed.value })
  }
  const source = format === 'wxr' ? readWxr(text, fileName) : readText(text, { markdown: format === 'markdown' })
  if (!source.items.length && !source.problems.length) throw new InvalidInputError(`${fileName} holds no news items.`)
  return source
}
