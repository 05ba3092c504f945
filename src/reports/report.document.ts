import type { Chart } from '../insights/insight.types.ts'

// The annual report before it is written in a format: every text already in the report's language, every figure
// a number, so the PDF, DOCX, Markdown and XLSX writers lay out the same content and decide nothing.

export const REPORT_FORMATS = ['pdf', 'docx', 'md', 'xlsx'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

export const REPORT_CONTENT_TYPES: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  md: 'text/markdown; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

export type Cell = string | number

export interface ReportTable {
  columns: string[]
  rows: Cell[][]
  /** Relative column widths for page layouts; default equal. */
  widths?: number[]
  /**
   * For the workbook: tables sharing a sheet go on one sheet, each row led by `value` under `column` (the staff
   * lists become one sheet with a Person column instead of a sheet per person). Without it, a sheet of its own.
   */
  sheet: { name: string; column?: string; value?: string }
}

export type Block =
  | { type: 'paragraph'; text: string }
  | { type: 'table'; table: ReportTable }
  /** An SVG chart; page formats draw it, the others give its table under `sheet`. */
  | { type: 'chart'; chart: Chart; sheet: string }

export interface ReportSection {
  /** A stable anchor for links from the table of contents. */
  id: string
  heading: string
  /** 1: a part of the report, starting a new page in page formats; 2: a part within it. */
  level: 1 | 2
  blocks: Block[]
}

export interface ReportDocument {
  lang: string
  /** BCP 47 tag for formatting numbers as the report's language writes them. */
  locale: string
  year: number
  internal: boolean
  title: string
  /** The title page's lines under the title: the institute, the edition, the date. */
  titleLines: string[]
  /** The label of the table of contents. */
  contents: string
  /** The workbook's first sheet, with the title and the text. */
  aboutSheet: string
  sections: ReportSection[]
  /** Without extension: "activity-report-2024-en". */
  fileName: string
}

/** A number or text as the report's language writes it: "1 234" in Russian. */
export function cellText(cell: Cell, locale: string) {
  return typeof cell === 'number' ? formatCount(cell, locale) : cell
}

const numberFormats = new Map<string, Intl.NumberFormat>()
function formatCount(n: number, locale: string) {
  let format = numberFormats.get(locale)
  if (!format) numberFormats.set(locale, format = new Intl.NumberFormat(locale))
  return format.format(n)
}
