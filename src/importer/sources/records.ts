import { ActivityRecordSchema } from '../../archive/archive.schema.ts'
import { bodyFromText } from '../../archive/record-text.ts'
import { formatPath, type Located } from '../../archive/json-file.ts'
import type { ItemProblem, SourceFile, SourceItem } from '../import.types.ts'
import { sourceHash } from './text.ts'

/**
 * Activity records (shared/eval/FORMAT.md) from a parsed JSON list. Each record is checked on its
 * own: a malformed one is reported with its line and left out, the others are imported.
 */
export function readRecords(file: Located<unknown[]>): SourceFile {
  const items: SourceItem[] = []
  const problems: ItemProblem[] = []
  file.value.forEach((value, index) => {
    const position = `item ${index + 1} (line ${file.lineOf([index])})`
    const parsed = ActivityRecordSchema.safeParse(value)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol')
      const at = path.length ? `${formatPath(path)}: ` : ''
      problems.push({ position: `item ${index + 1} (line ${file.lineOf([index, ...path])})`, reason: `${at}${issue.message}` })
      return
    }
    const record = parsed.data
    items.push({
      position, key: sourceHash(record.text), title: null, body: bodyFromText(record.text), text: record.text,
      publishedAt: null, categories: [], tags: [], attachments: [], record,
    })
  })
  return { format: 'records', items, problems }
}
