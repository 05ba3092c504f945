import { constants } from 'node:fs'
import { access, rename, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { type Command, InvalidArgumentError, Option } from 'commander'
import { loadConfig } from '../config.ts'
import { isLang, type Lang, LANGUAGES } from '../i18n/languages.ts'
import { InvalidInputError } from '../lib/errors.ts'
import { REPORT_FORMATS, type ReportFormat } from '../reports/report.document.ts'
import { withDatabase } from './context.ts'

function yearNumber(value: string) {
  const year = Number(value)
  if (!/^\d{4}$/.test(value) || year < 1900 || year > 2100) throw new InvalidArgumentError('a year is four digits from 1900 to 2100, such as 2024')
  return year
}

function language(value: string): Lang {
  if (!isLang(value)) throw new InvalidArgumentError(`the language is one of ${LANGUAGES.join(', ')}`)
  return value
}

export function registerReportCommands(program: Command) {
  program.command('report')
    .description('write the annual activity report of a year: summary figures, charts, activities by kind, the staff\'s activities, partners by country, publications')
    .requiredOption('--year <year>', 'the year, such as 2024', yearNumber)
    .addOption(new Option('--format <format>', 'the file format').choices(REPORT_FORMATS).makeOptionMandatory())
    .option('--lang <lang>', `the report's language: ${LANGUAGES.join(', ')}`, language, 'en' as Lang)
    .option('--internal', 'include internal activities and participations, marked (default: public records only)')
    .option('--institute <slug>', 'the organization whose staff the report is about (default: the INSTITUTE setting, else the one most people belong to)')
    .requiredOption('--out <file>', 'the file to write')
    .action(async (options: { year: number; format: ReportFormat; lang: Lang; internal?: boolean; institute?: string; out: string }) => {
      const out = resolve(options.out)
      await checkWritable(out)
      const started = performance.now()
      // Loaded here so that the other commands do not load the report's writers.
      const { renderReport } = await import('../reports/report.service.ts')
      const report = await withDatabase(({ db }) => renderReport(db, {
        year: options.year, lang: options.lang, internal: !!options.internal, institute: options.institute ?? loadConfig().institute,
      }, options.format))
      // Written beside the target and renamed, so a failure never leaves half a file.
      const temporary = `${out}.partial`
      try {
        await writeFile(temporary, report.body)
        await rename(temporary, out)
      } catch (error) {
        await rm(temporary, { force: true })
        throw new InvalidInputError(`Cannot write ${options.out}: ${(error as Error).message}`)
      }
      console.error(`Wrote the ${options.year} report (${options.format}, ${options.lang}${options.internal ? ', internal records included' : ''}, `
        + `${(report.body.length / 1024).toFixed(0)} KB) to ${options.out} in ${((performance.now() - started) / 1000).toFixed(1)} s.`)
    })
}

/** Refuses before any work a path whose folder is missing or read-only, or that names a folder. */
async function checkWritable(out: string) {
  const folder = dirname(out)
  const problem = await access(folder, constants.W_OK).then(() => null, (error: NodeJS.ErrnoException) =>
    (error.code === 'ENOENT' ? `the folder ${folder} does not exist` : `the folder ${folder} is not writable`))
  if (problem) throw new InvalidInputError(`Cannot write ${out}: ${problem}.`)
  const existing = await stat(out).catch(() => null)
  if (existing?.isDirectory()) throw new InvalidInputError(`Cannot write ${out}: it is a folder.`)
}
