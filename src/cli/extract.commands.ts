import { readFile, stat } from 'node:fs/promises'
import type { Command } from 'commander'
import { InvalidArgumentError } from 'commander'
import { describeRecords, extractRecords } from '../extract/index.ts'
import { loadIndexes } from '../importer/import.service.ts'
import { InvalidInputError } from '../lib/errors.ts'
import { decodeText, tooLarge } from '../lib/text-file.ts'
import { withDatabase } from './context.ts'

export { decodeText }

export const MAX_EXTRACT_BYTES = 10 * 1024 * 1024

export function registerExtractCommands(program: Command) {
  program.command('extract')
    .description('propose activity records from plain-text or Markdown news (shared/eval/FORMAT.md); - reads standard input')
    .argument('<file>', 'text or Markdown file')
    .option('--json', 'print the records as a JSON array')
    .option('--reference <date>', 'date that supplies the year when the text leaves it out (YYYY-MM-DD; default today)', referenceDate)
    .option('--home <name>', 'the publishing organization, which the text calls "the Institute"')
    .option('--archive', 'also find the people and organizations of the archive (DATABASE_URL) by their names, variants and acronyms')
    .action(async (file: string, options: { json?: boolean; reference?: Date; home?: string; archive?: boolean }) => {
      const text = decodeText(await readInput(file), file === '-' ? 'standard input' : file)
      const known = options.archive ? await withDatabase(async ({ db }) => (await loadIndexes(db)).known) : undefined
      const records = extractRecords(text, { reference: options.reference, home: options.home ?? null, known })
      process.stdout.write(options.json ? `${JSON.stringify(records, null, 2)}\n` : `${describeRecords(records)}\n`)
    })
}

export function referenceDate(value: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) throw new InvalidArgumentError('a date is written YYYY-MM-DD')
  const [year, month, day] = value.split('-').map(Number)
  return new Date(year!, month! - 1, day!, 12)
}

export async function readInput(file: string, maxBytes = MAX_EXTRACT_BYTES): Promise<Buffer> {
  if (file === '-') {
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of process.stdin) {
      size += (chunk as Buffer).length
      if (size > maxBytes) throw tooLarge('Standard input', maxBytes)
      chunks.push(chunk as Buffer)
    }
    return Buffer.concat(chunks)
  }
  const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
    throw new InvalidInputError(`Cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`)
  })
  if (info.isDirectory()) throw new InvalidInputError(`Cannot read ${file}: it is a directory, not a text file.`)
  if (info.size > maxBytes) throw tooLarge(file, maxBytes)
  return readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new InvalidInputError(`Cannot read ${file}: ${error.message}`)
  })
}

