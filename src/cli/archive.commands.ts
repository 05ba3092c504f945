import { readFile, rename, writeFile } from 'node:fs/promises'
import { basename } from 'node:path'
import type { Command } from 'commander'
import { exportArchive, importFile, type ImportSummary, readImportFile } from '../archive/index.ts'
import { InvalidInputError } from '../lib/errors.ts'
import { withDatabase } from './context.ts'

const MAX_IMPORT_BYTES = 200 * 1024 * 1024

export function registerArchiveCommands(program: Command) {
  program.command('export-json')
    .description('write the whole archive as JSON (format: docs/archive-format.md)')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (options: { out?: string }) => {
      const archive = await withDatabase(({ db }) => exportArchive(db))
      const text = `${JSON.stringify(archive, null, 2)}\n`
      if (!options.out) return void process.stdout.write(text)
      // Written beside the target and renamed, so a failure never leaves half a file.
      const temporary = `${options.out}.partial`
      await writeFile(temporary, text)
      await rename(temporary, options.out)
      console.error(`Exported ${archive.posts.length} posts, ${archive.activities.length} activities, ` +
        `${archive.people.length} people, ${archive.organizations.length} organizations, ` +
        `${archive.publications.length} publications to ${options.out}`)
    })

  program.command('import-json')
    .description('import a Chronicle archive, or a list of activity records (shared/eval/FORMAT.md); - reads standard input')
    .argument('<file>', 'JSON file')
    .option('--publish', 'publish the posts made from activity records at once (default: drafts)')
    .action(async (file: string, options: { publish?: boolean }) => {
      const text = await readInput(file)
      const parsed = readImportFile(text, file === '-' ? 'standard input' : basename(file))
      const summary = await withDatabase(({ db }) => importFile(db, parsed, 'cli', { publish: !!options.publish }))
      console.log(describeSummary(summary, parsed.kind === 'records' && !options.publish))
    })
}

async function readInput(file: string) {
  if (file === '-') {
    const chunks: Buffer[] = []
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks).toString('utf8')
  }
  const buffer = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new InvalidInputError(`Cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`)
  })
  if (buffer.length > MAX_IMPORT_BYTES) throw new InvalidInputError(`${file} is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`)
  return buffer.toString('utf8')
}

export function describeSummary(s: ImportSummary, drafts: boolean) {
  const lines = [
    `Created: ${s.created.posts} posts${drafts && s.created.posts ? ' (drafts; use --publish to publish)' : ''}, ` +
      `${s.created.activities} activities, ${s.created.people} people, ${s.created.organizations} organizations, ` +
      `${s.created.publications} publications.`,
    `Linked to existing records: ${s.linked.people} people, ${s.linked.organizations} organizations.`,
  ]
  if (s.skipped) lines.push(`Already present, left as they were: ${s.skipped}.`)
  return [...lines, ...s.messages].join('\n')
}
