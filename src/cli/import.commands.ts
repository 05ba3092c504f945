import { basename } from 'node:path'
import { Presets, SingleBar } from 'cli-progress'
import type { Command } from 'commander'
import { importFile, readImportFile } from '../archive/index.ts'
import { type ImportReport, importSource } from '../importer/import.service.ts'
import type { SourceFile } from '../importer/import.types.ts'
import { guessSourceFormat, parseSourceFormat, readSource, SOURCE_FORMATS, type SourceFormat } from '../importer/sources/index.ts'
import { decodeText } from '../lib/text-file.ts'
import { withDatabase } from './context.ts'
import { readInput, referenceDate } from './extract.commands.ts'
import { describeSummary } from './archive.commands.ts'

const MAX_IMPORT_BYTES = 200 * 1024 * 1024

interface ImportCommandOptions {
  format?: SourceFormat
  reference?: Date
  home?: string
  progress?: boolean
}

export function registerImportCommands(program: Command) {
  program.command('import')
    .description('import news into the review queue as drafts with proposed records: plain text or Markdown, ' +
      'activity records (JSON, shared/eval/FORMAT.md) or a WordPress export (WXR .xml); - reads standard input')
    .argument('<file>', 'file to import')
    .option('--format <format>', `${SOURCE_FORMATS.join(', ')} (default: from the file name, else from the content)`, parseSourceFormat)
    .option('--reference <date>', 'date that supplies the year when a text leaves it out (YYYY-MM-DD; default today)', referenceDate)
    .option('--home <name>', 'the publishing organization, which the texts call "the Institute"')
    // --progress first: then --no-progress leaves the default unset, and a terminal decides.
    .option('--progress', 'show the progress bar even when standard error is not a terminal')
    .option('--no-progress', 'no progress bar (shown by default when standard error is a terminal)')
    .action(async (file: string, options: ImportCommandOptions) => {
      const name = file === '-' ? 'standard input' : basename(file)
      const text = decodeText(await readInput(file, MAX_IMPORT_BYTES), name, MAX_IMPORT_BYTES)
      const source = readSource(text, name, options.format ?? guessSourceFormat(file, text))
      if (source !== 'archive') return run(source, name, options)
      // A whole archive is another thing: its records are finished, so they are imported as they are.
      const archive = readImportFile(text, name)
      const summary = await withDatabase(({ db }) => importFile(db, archive, 'cli', { publish: false }))
      console.log(describeSummary(summary, false))
    })
}

async function run(source: SourceFile, name: string, options: ImportCommandOptions) {
  const showProgress = options.progress ?? process.stderr.isTTY
  const bar = new SingleBar({
    format: 'Importing {bar} {value}/{total} items | {rate} items/s | {duration_formatted} elapsed, about {eta_formatted} left',
    stream: process.stderr,
    noTTYOutput: true,
    notTTYSchedule: 2000,
    etaBuffer: 200,
    hideCursor: true,
  }, Presets.shades_classic)
  const started = performance.now()
  const rate = (done: number) => (done / Math.max((performance.now() - started) / 1000, 0.001)).toFixed(1)
  const report = await withDatabase(({ db }) => importSource(db, source, {
    actor: 'cli', sourceName: name, reference: options.reference, home: options.home ?? null,
    onProgress: showProgress
      ? ({ done, total }) => {
        if (done === 0) bar.start(total, 0, { rate: '0.0' })
        else bar.update(done, { rate: rate(done) })
      }
      : undefined,
  })).finally(() => { if (showProgress) bar.stop() })
  const seconds = (performance.now() - started) / 1000
  console.log(describeReport(report, name, seconds))
  if (report.problems.length) process.exitCode = 1
}

export function describeReport(r: ImportReport, name: string, seconds: number) {
  const lines = [
    `${name}: ${r.items} ${r.items === 1 ? 'item' : 'items'} in ${seconds.toFixed(1)} s — ` +
      `${r.imported} imported as drafts for review, ${r.skipped} already imported (left as they were), ` +
      `${r.problems.length} with problems.`,
    `People proposed: ${r.people.new} new, ${r.people.linked} linked to existing records${unsure(r.people.unsure)}.`,
    `Organizations proposed: ${r.organizations.new} new, ${r.organizations.linked} linked to existing records${unsure(r.organizations.unsure)}.`,
  ]
  if (r.problems.length) {
    lines.push(`Problems (these items were not imported; the others were):`)
    for (const p of r.problems) lines.push(`  ${p.position}: ${p.reason}`)
  }
  if (r.imported) lines.push('Review the drafts at /admin/import.')
  return lines.join('\n')
}

const unsure = (n: number) => (n ? ` (${n} of the links less than sure: check them in the review)` : '')
