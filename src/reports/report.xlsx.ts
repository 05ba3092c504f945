import ExcelJS from 'exceljs'
import type { Cell, ReportDocument } from './report.document.ts'

const MAX_COLUMN_WIDTH = 60

interface Sheet {
  name: string
  columns: string[]
  rows: Cell[][]
}

/**
 * The report as a workbook: a first sheet with the title and the report's text, then one sheet per table (the
 * charts' tables included), header row bold and frozen; tables of one kind (the staff lists) share a sheet with
 * a column saying whose. Numbers stay numbers, for sums and filters.
 */
export async function writeXlsx(report: ReportDocument): Promise<Buffer> {
  const sheets = new Map<string, Sheet>()
  const about: string[][] = [[report.title], ...report.titleLines.map((line) => [line]), []]
  for (const section of report.sections) {
    for (const block of section.blocks) {
      if (block.type === 'paragraph') about.push([section.heading, block.text])
      else if (block.type === 'chart') {
        sheets.set(block.sheet, { name: `${block.sheet} ${block.chart.title}`, columns: block.chart.table.columns, rows: block.chart.table.rows })
      } else {
        const { sheet, columns, rows } = block.table
        const lead = sheet.column ? [sheet.column] : []
        const known = sheets.get(sheet.name) ?? { name: sheet.name, columns: [...lead, ...columns], rows: [] }
        for (const row of rows) known.rows.push(sheet.column ? [sheet.value ?? '', ...row] : row)
        sheets.set(sheet.name, known)
      }
    }
  }

  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Chronicle'
  workbook.title = report.title
  const names = new Set<string>()
  const front = workbook.addWorksheet(sheetName(report.aboutSheet, names))
  for (const row of about) front.addRow(row)
  front.getRow(1).font = { bold: true, size: 14 }
  front.getColumn(1).width = 32
  front.getColumn(2).width = 100
  front.getColumn(2).alignment = { wrapText: true, vertical: 'top' }

  for (const sheet of sheets.values()) {
    const worksheet = workbook.addWorksheet(sheetName(sheet.name, names), { views: [{ state: 'frozen', ySplit: 1 }] })
    worksheet.addRow(sheet.columns).font = { bold: true }
    for (const row of sheet.rows) worksheet.addRow(row.map((cell) => (cell === '' ? null : cell)))
    sheet.columns.forEach((column, i) => {
      const longest = sheet.rows.reduce((max, row) => Math.max(max, String(row[i] ?? '').length), column.length)
      const width = Math.min(MAX_COLUMN_WIDTH, Math.max(8, longest + 2))
      worksheet.getColumn(i + 1).width = width
      if (longest > MAX_COLUMN_WIDTH) worksheet.getColumn(i + 1).alignment = { wrapText: true, vertical: 'top' }
    })
    worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** A name Excel takes: at most 31 characters, none of : \ / ? * [ ], unique in the workbook. */
export function sheetName(wanted: string, taken: Set<string>) {
  const clean = wanted.replace(/[:\\/?*[\]]/g, ' ').replace(/\s+/g, ' ').trim().replace(/^'|'$/g, '') || 'Sheet'
  let name = clean.slice(0, 31).trim()
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${clean.slice(0, 31 - ` (${n})`.length).trim()} (${n})`
  taken.add(name.toLowerCase())
  return name
}
