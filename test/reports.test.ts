import { execFile } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { promisify } from 'node:util'
import ExcelJS from 'exceljs'
import mammoth from 'mammoth'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { filtersOf } from '../src/insights/insight.filters.ts'
import { getInsights } from '../src/insights/insight.service.ts'
import { findInstitute } from '../src/insights/institute.ts'
import { buildReport, renderReport } from '../src/reports/report.service.ts'
import type { ReportFormat } from '../src/reports/report.document.ts'
import type { Lang } from '../src/i18n/languages.ts'
import { runChronicle, useTempDir } from './cli.ts'
import { describeEachDialect, useTestDb } from './db.ts'
import { buildReportArchive, expectedFigures, KAZAKH_LETTERS, KAZAKH_NAME, type ReportArchive } from './report-fixtures.ts'

// PDF, DOCX and XLSX writing and the CLI's Node processes take seconds.
vi.setConfig({ testTimeout: 120_000 })

const run = promisify(execFile)
const file = useTempDir()
let files = 0

/** The PDF's text as Debian's pdftotext reads it, laid out as on the page; pages end with a form feed. */
async function pdfText(pdf: Buffer) {
  const path = file(`report-${files++}.pdf`)
  writeFileSync(path, pdf)
  return (await run('pdftotext', ['-layout', path, '-'], { maxBuffer: 64 * 1024 * 1024 })).stdout
}

const docxText = async (docx: Buffer) => (await mammoth.extractRawText({ buffer: docx })).value.replace(/\s+/g, ' ')

async function workbook(xlsx: Buffer) {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(xlsx as unknown as ArrayBuffer)
  return book
}

/** A sheet's rows below its header as plain values. */
function rowsOf(book: ExcelJS.Workbook, name: string) {
  const sheet = book.getWorksheet(name)
  if (!sheet) throw new Error(`no sheet ${name}; the sheets are ${book.worksheets.map((w) => w.name).join(', ')}`)
  const rows: unknown[][] = []
  sheet.eachRow((row, number) => { if (number > 1) rows.push((row.values as unknown[]).slice(1)) })
  return rows
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const change = (value: number, previous: number) => (value === previous ? '0' : `${value > previous ? '+' : '−'}${Math.abs(value - previous)}`)

describeEachDialect('the annual activity report', (dialect) => {
  const db = useTestDb(dialect)
  let archive: ReportArchive
  beforeAll(async () => { archive = await buildReportArchive(db().db) })

  const render = (format: ReportFormat, options: { year?: number; lang?: Lang; internal?: boolean } = {}) =>
    renderReport(db().db, { year: options.year ?? 2024, lang: options.lang ?? 'en', internal: !!options.internal, institute: null }, format)

  /** The summary rows as the report must print them: the direct counts of 2024 against those of 2023. */
  function summaryRows(internal: boolean) {
    const now = expectedFigures(archive, 2024, internal)
    const before = expectedFigures(archive, 2023, internal)
    return ([['Activities', now.activities.length, before.activities.length], ['Published news', now.posts, before.posts],
      ['People taking part', now.people, before.people], ['Partner organizations', now.partners, before.partners],
      ['Partner countries', now.countries, before.countries], ['Publications', now.publications, before.publications]] as const)
      .map(([label, value, previous]) => [label, value, previous, change(value, previous)] as const)
  }

  it('takes the institute the most people belong to, and its summary figures are the direct counts and the insights’ own', async () => {
    for (const internal of [false, true]) {
      const report = await buildReport(db().db, { year: 2024, lang: 'en', internal, institute: null })
      expect(report.titleLines[0]).toBe('Opinion Institute')
      const table = report.sections[0]!.blocks.find((b) => b.type === 'table')
      expect(table?.type === 'table' && table.table.rows).toEqual(summaryRows(internal).map((r) => [...r]))
      // The figures /insights shows for the same year and visibility.
      const insights = await getInsights(db().db, filtersOf({ year: 2024 }, internal), await findInstitute(db().db))
      const h = insights.headline
      expect([h.activities, h.posts, h.people, h.partners, h.countries, h.publications].map((f) => [f.value, f.previous]))
        .toEqual(summaryRows(internal).map((r) => [r[1], r[2]]))
    }
    // The fixture is not one where leaving internal records out changes nothing.
    expect(summaryRows(true)).not.toEqual(summaryRows(false))
  })

  it('PDF: title, contents with the right page numbers, "n / N" on the pages, figures and names; internal records left out', async () => {
    const text = await pdfText((await render('pdf')).body)
    const pages = text.split('\f').slice(0, -1)
    expect(pages.length).toBeGreaterThan(4)
    expect(pages[0]).toContain('Annual activity report 2024')
    expect(pages[0]).toContain('Public edition: public records only.')
    // Every page but the title page carries its number out of the total.
    for (let n = 2; n <= pages.length; n++) expect(pages[n - 1]).toMatch(new RegExp(`\\b${n} ?/ ?${pages.length}\\s*$`))
    expect(pages[0]).not.toMatch(/1 ?\/ ?\d+/)
    // The contents name each part with the page it starts on.
    expect(pages[1]).toContain('Contents')
    for (const heading of ['Summary', 'Charts', 'Activities by kind', 'Activities of the staff', 'Partners by country', 'Publications']) {
      const page = Number(new RegExp(`^\\s*${heading}\\s+(\\d+)\\s*$`, 'm').exec(pages[1]!)?.[1])
      expect(page, heading).toBeGreaterThan(2)
      expect(pages[page - 1]!.trimStart().startsWith(heading), `${heading} on page ${page}`).toBe(true)
    }
    for (const [label, value, previous, delta] of summaryRows(false)) {
      expect(text).toMatch(new RegExp(`${label}\\s+${value}\\s+${previous}\\s+${escape(delta)}`))
    }
    for (const name of ['Аружан Қасымова', 'Marat Seitkali', 'New Year Forum', 'Autumn Seminar', 'Alpha University', 'Public Opinion Survey 2024']) {
      expect(text.replace(/\s+/g, ' ')).toContain(name)
    }
    for (const hidden of ['Closed Strategy Workshop', 'Delta Ministry', 'Dana Bekova']) expect(text).not.toContain(hidden)
  })

  it('PDF with --internal: internal activities and participations counted and marked', async () => {
    const text = await pdfText((await render('pdf', { internal: true })).body)
    expect(text).toContain('Internal edition')
    for (const shown of ['Closed Strategy Workshop', 'Delta Ministry', 'Dana Bekova']) expect(text).toContain(shown)
    for (const [label, value, previous, delta] of summaryRows(true)) {
      expect(text).toMatch(new RegExp(`${label}\\s+${value}\\s+${previous}\\s+${escape(delta)}`))
    }
    expect(text).toMatch(/Closed Strategy Workshop.*internal/)
  })

  it('PDF in Kazakh: the interface in Kazakh and every Kazakh letter kept (embedded font)', async () => {
    const text = await pdfText((await render('pdf', { lang: 'kk' })).body)
    expect(text.replace(/\s+/g, ' ')).toContain('2024 жылғы қызмет туралы есеп')
    expect(text).toContain('Мазмұны')
    expect(text).toContain('Негізгі көрсеткіштер')
    const words = text.replace(/\s+/g, ' ')
    for (const word of KAZAKH_NAME.split(/[\s,:]+/)) expect(words).toContain(word)
    for (const letter of KAZAKH_LETTERS) expect(text).toContain(letter)
    expect(text).toContain('Аружан Қасымова')
  })

  it('DOCX: headings, a contents field, the figures and lists as editable text, internal records only with --internal', async () => {
    const docx = (await render('docx')).body
    const text = await docxText(docx)
    expect(text).toContain('Annual activity report 2024')
    for (const [label, value, previous, delta] of summaryRows(false)) expect(text).toContain(`${label} ${value} ${previous} ${delta}`)
    for (const name of ['Аружан Қасымова', KAZAKH_NAME, 'New Year Forum', 'Gamma Agency', 'Mass survey, Focus group discussions']) expect(text).toContain(name)
    expect(text).not.toContain('Closed Strategy Workshop')
    const html = (await mammoth.convertToHtml({ buffer: docx })).value
    for (const heading of ['Summary', 'Activities by kind', 'Activities of the staff', 'Partners by country', 'Publications']) {
      // Each heading carries the bookmark the contents link to.
      expect(html).toMatch(new RegExp(`<h1>(<a id="[^"]+"></a>)?${heading}</h1>`))
    }
    expect(html).toMatch(/<h2>(<a id="[^"]+"><\/a>)?Аружан Қасымова — Director<\/h2>/)
    // The contents are filled in already, linking to the headings, before Word updates the page numbers.
    expect(html).toMatch(/<a href="#[^"]+">Activities of the staff\s*<\/a>/)
    // The charts are pictures in the document.
    expect(html).toMatch(/<img [^>]*src="data:image\/png;base64,/)
    // A contents field over both heading levels, and page numbers "n / N" in the footer, as Word reads them.
    const docxPath = file(`report-${files++}.docx`)
    writeFileSync(docxPath, docx)
    const part = async (name: string) => (await run('unzip', ['-p', docxPath, name], { maxBuffer: 64 * 1024 * 1024 })).stdout
    expect(await part('word/document.xml')).toMatch(/TOC (\\h )?\\o &quot;1-2&quot;/)
    const footers = await part('word/footer*.xml')
    expect(footers).toMatch(/PAGE/)
    expect(footers).toMatch(/NUMPAGES/)
    const internal = await docxText((await render('docx', { internal: true })).body)
    for (const [label, value, previous, delta] of summaryRows(true)) expect(internal).toContain(`${label} ${value} ${previous} ${delta}`)
    expect(internal).toContain('Closed Strategy Workshop')
  })

  it('XLSX: a sheet per table, header rows, numbers as numbers, as many rows as the store has', async () => {
    for (const internal of [false, true]) {
      const book = await workbook((await render('xlsx', { internal })).body)
      const names = book.worksheets.map((w) => w.name)
      expect(names.slice(0, 2)).toEqual(['Report', 'Summary'])
      for (const sheet of ['Kinds', 'Activities', 'Staff', 'Countries', 'Partners', 'Publications']) expect(names).toContain(sheet)
      expect(names.some((n) => n.startsWith('Chart 1'))).toBe(true)
      expect(rowsOf(book, 'Summary').map((r) => r.slice(0, 4))).toEqual(summaryRows(internal).map((r) => [...r]))
      const expected = expectedFigures(archive, 2024, internal)
      const activities = rowsOf(book, 'Activities')
      expect(activities.map((r) => r[2]).sort()).toEqual(expected.activities.map((a) => a.name).sort())
      expect(rowsOf(book, 'Kinds').reduce((sum, r) => sum + (r[1] as number), 0)).toBe(expected.activities.length)
      expect(rowsOf(book, 'Partners')).toHaveLength(expected.partners)
      // One row per staff member and activity, both roles of one in one row.
      const staffRows = new Set(expected.activities.flatMap((a) => a.participants
        .filter((p) => p.party.staff && p.role !== 'mentioned' && (internal || !p.internal)).map((p) => `${p.party.name} ${a.name}`)))
      const staff = rowsOf(book, 'Staff')
      expect(staff.map((r) => `${r[0]} ${r[2]}`).sort()).toEqual([...staffRows].sort())
      expect(staff.find((r) => r[2] === 'New Year Forum')?.[4]).toBe('moderator, speaker')
      expect(book.getWorksheet('Summary')!.getRow(1).font?.bold).toBe(true)
      expect(book.getWorksheet('Summary')!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
      const publications = rowsOf(book, 'Publications')
      expect(publications).toHaveLength(expected.publications)
      expect(publications[0]![3]).toBe('Mass survey, Focus group discussions. Sample: 1,200 respondents. Regions: Astana, Almaty. Fieldwork: 1 February – 15 March 2024')
    }
  })

  it('Markdown: tables, and an activity spanning New Year in both years', async () => {
    const y2024 = (await render('md')).body.toString('utf8')
    expect(y2024).toContain('# Annual activity report 2024')
    for (const [label, value, previous, delta] of summaryRows(false)) expect(y2024).toContain(`| ${label} | ${value} | ${previous} | ${delta} |`)
    expect(y2024).toContain('| 30 December 2024 – 2 January 2025 | New Year Forum | Almaty, Kazakhstan | Marat Seitkali (moderator, speaker); Timur Unitov (participant) |')
    const y2025 = (await render('md', { year: 2025 })).body.toString('utf8')
    expect(y2025).toContain('New Year Forum')
    expect(y2025).toContain('Next Year Lecture')
    expect(y2025).toContain(`| Activities | ${expectedFigures(archive, 2025, false).activities.length} | ${expectedFigures(archive, 2024, false).activities.length} |`)
    const y2023 = (await render('md', { year: 2023 })).body.toString('utf8')
    expect(y2023).not.toContain('New Year Forum')
  })

  it('a year without activities gives a short, valid report saying so, in every format', async () => {
    const say = 'No activities are recorded for 2031.'
    const pdf = await pdfText((await render('pdf', { year: 2031 })).body)
    expect(pdf).toContain(say)
    expect(pdf.split('\f').length - 1).toBeLessThanOrEqual(3)
    expect(await docxText((await render('docx', { year: 2031 })).body)).toContain(say)
    const book = await workbook((await render('xlsx', { year: 2031 })).body)
    expect(book.worksheets.map((w) => w.name)).toEqual(['Report'])
    expect(JSON.stringify(rowsOf(book, 'Report'))).toContain(say)
    expect((await render('md', { year: 2031, lang: 'ru' })).body.toString('utf8')).toContain('За 2031 год мероприятий не зарегистрировано.')
  })

  it('chronicle report writes the file through the real command line', async () => {
    const out = file(`cli-${dialect}.md`)
    const result = await runChronicle(db().url, ['report', '--year', '2024', '--format', 'md', '--lang', 'ru', '--internal', '--out', out])
    expect(result.stderr).toMatch(/Wrote the 2024 report \(md, ru, internal records included/)
    expect(result.code).toBe(0)
    const text = readFileSync(out, 'utf8')
    expect(text).toContain('# Отчёт о деятельности за 2024 год')
    expect(text).toContain('Closed Strategy Workshop')
    expect(text).toContain(`| Мероприятия | ${expectedFigures(archive, 2024, true).activities.length} |`)
  })
})

describeEachDialect('chronicle report refuses bad input clearly and writes nothing', (dialect) => {
  const db = useTestDb(dialect)
  const out = file(`refused-${dialect}.pdf`)
  const cases: [string[], RegExp][] = [
    [['--year', '24', '--format', 'pdf', '--out', out], /a year is four digits from 1900 to 2100/],
    [['--year', '2024', '--format', 'rtf', '--out', out], /Allowed choices are pdf, docx, md, xlsx/],
    [['--year', '2024', '--format', 'pdf', '--lang', 'de', '--out', out], /the language is one of en, ru, kk/],
    [['--year', '2024', '--format', 'pdf', '--out', '/no/such/folder/report.pdf'], /Cannot write \/no\/such\/folder\/report\.pdf: the folder \/no\/such\/folder does not exist/],
    [['--year', '2024', '--format', 'pdf', '--institute', 'no-such-organization', '--out', out], /No organization “no-such-organization” was found/],
    [['--format', 'pdf', '--out', out], /required option '--year <year>' not specified/],
  ]
  // Arguments are checked before the database is opened, so one engine would do; both run, as every CLI test here does.
  it.each(cases)('%j', async (args, message) => {
    const result = await runChronicle(db().url, ['report', ...args])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(message)
    expect(existsSync(out)).toBe(false)
  })
})

describe('sheet names', () => {
  it('are cut to 31 characters, cleaned and unique', async () => {
    const { sheetName } = await import('../src/reports/report.xlsx.ts')
    const taken = new Set<string>()
    expect(sheetName('Chart 1 Activities per month by kind of activity', taken)).toBe('Chart 1 Activities per month by')
    expect(sheetName('Chart 1 Activities per month by kind', taken)).toBe('Chart 1 Activities per mont (2)')
    expect(sheetName('a/b:c?', taken)).toBe('a b c')
  })
})
