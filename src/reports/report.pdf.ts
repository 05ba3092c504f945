import PDFDocument from 'pdfkit'
import { type Cell, cellText, type ReportDocument, type ReportSection, type ReportTable } from './report.document.ts'
import { chartPng, FONT_FILES } from './report.fonts.ts'

// A4 in points, with room at the foot for the page number.
const MARGIN = { top: 56, bottom: 64, left: 50, right: 50 }
const SIZE = { body: 10, table: 8, h1: 18, h2: 12.5, toc: 10 }
const PAD = 3
const RULE = '#c8c8c8'
const HEADER_FILL = '#eeeeee'

type Pdf = InstanceType<typeof PDFDocument>

// Fonts named by their files, never registered under other names: pdfkit caches a font by the name it was asked
// for, except a registered name whose font it already holds under the file's — that it parses again on every use.
const BODY = FONT_FILES.regular
const BOLD = FONT_FILES.bold

/**
 * The report as a PDF: a title page, a table of contents with page numbers and links, the sections (each part on a
 * new page, in the PDF outline too), tables whose header repeats on every page, the charts as PNG, and "n / N" at
 * the foot of every page but the title. DejaVu Sans is embedded, so Cyrillic and Kazakh letters print anywhere.
 */
export async function writePdf(report: ReportDocument): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4', margins: MARGIN, bufferPages: true, autoFirstPage: false,
    // Named here, the standard Helvetica (which the bundle cannot find) is never loaded.
    font: FONT_FILES.regular, lang: report.lang, displayTitle: true,
    info: { Title: report.title, Author: report.titleLines[0] ?? '', Creator: 'Chronicle' },
  })
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const ended = new Promise<void>((resolve, reject) => { doc.on('end', resolve); doc.on('error', reject) })

  titlePage(doc, report)
  const toc = reserveContents(doc, report.sections.length)
  const pageOf = new Map<string, number>()
  let part: ReturnType<Pdf['outline']['addItem']> | null = null
  for (const section of report.sections) {
    const first = section.blocks[0]
    // A heading stays with what follows it: a whole chart, or a few lines of text.
    heading(doc, section, first?.type === 'chart' ? 40 + chartHeight(doc, first.chart.width, first.chart.height) : 90)
    pageOf.set(section.id, currentPage(doc))
    if (section.level === 1) part = doc.outline.addItem(section.heading)
    else (part ?? doc.outline).addItem(section.heading)
    for (const block of section.blocks) {
      if (block.type === 'paragraph') paragraph(doc, block.text)
      else if (block.type === 'table') table(doc, block.table, report.locale)
      else chart(doc, chartPng(block.chart), block.chart.width, block.chart.height)
    }
  }
  writeContents(doc, report, toc, pageOf)
  numberPages(doc)
  doc.end()
  await ended
  return Buffer.concat(chunks)
}

const contentWidth = (doc: Pdf) => doc.page.width - MARGIN.left - MARGIN.right
const bottomOf = (doc: Pdf) => doc.page.height - MARGIN.bottom
const currentPage = (doc: Pdf) => doc.bufferedPageRange().count - 1

function titlePage(doc: Pdf, report: ReportDocument) {
  doc.addPage()
  doc.y = doc.page.height / 3
  doc.font(BOLD).fontSize(26).fillColor('#1a1a1a').text(report.title, MARGIN.left, doc.y, { width: contentWidth(doc) })
  doc.moveDown(0.8)
  doc.font(BODY).fontSize(13).fillColor('#333333')
  for (const line of report.titleLines) doc.text(line, { width: contentWidth(doc) }).moveDown(0.3)
}

const TOC_LINE = SIZE.toc * 1.55
const TOC_TITLE = 44

/** Blank pages for the table of contents, filled in once the sections' pages are known. */
function reserveContents(doc: Pdf, entries: number) {
  const perPage = Math.floor((doc.page.height - MARGIN.top - MARGIN.bottom) / TOC_LINE)
  const firstPage = Math.floor((doc.page.height - MARGIN.top - MARGIN.bottom - TOC_TITLE) / TOC_LINE)
  const pages = 1 + Math.max(0, Math.ceil((entries - firstPage) / perPage))
  doc.addPage()
  const start = currentPage(doc)
  for (let i = 1; i < pages; i++) doc.addPage()
  return { start, firstPage, perPage }
}

function writeContents(doc: Pdf, report: ReportDocument, toc: ReturnType<typeof reserveContents>, pageOf: Map<string, number>) {
  doc.switchToPage(toc.start)
  doc.font(BOLD).fontSize(SIZE.h1).fillColor('#1a1a1a').text(report.contents, MARGIN.left, MARGIN.top)
  let y = MARGIN.top + TOC_TITLE
  let page = toc.start
  let left = toc.firstPage
  const width = contentWidth(doc)
  for (const section of report.sections) {
    if (left === 0) {
      doc.switchToPage(++page)
      y = MARGIN.top
      left = toc.perPage
    }
    const indent = section.level === 1 ? 0 : 16
    const number = String((pageOf.get(section.id) ?? 0) + 1)
    doc.font(section.level === 1 ? BOLD : BODY).fontSize(SIZE.toc).fillColor('#1a1a1a')
    const numberWidth = doc.widthOfString(number)
    doc.text(section.heading, MARGIN.left + indent, y, {
      width: width - indent - 40, height: SIZE.toc * 1.3, ellipsis: true, lineBreak: true, goTo: section.id,
    })
    doc.text(number, MARGIN.left + width - numberWidth, y, { lineBreak: false, goTo: section.id })
    y += TOC_LINE
    left--
  }
}

function heading(doc: Pdf, section: ReportSection, keepWithNext: number) {
  if (section.level === 1) doc.addPage()
  // A heading at the foot of a page with its content on the next is of no use.
  else if (doc.y + keepWithNext > bottomOf(doc)) doc.addPage()
  else doc.moveDown(0.8)
  doc.addNamedDestination(section.id, 'XYZ', MARGIN.left, doc.y, null)
  doc.font(BOLD).fontSize(section.level === 1 ? SIZE.h1 : SIZE.h2).fillColor('#1a1a1a')
    .text(section.heading, MARGIN.left, doc.y, { width: contentWidth(doc) })
  doc.moveDown(section.level === 1 ? 0.6 : 0.4)
}

function paragraph(doc: Pdf, text: string) {
  doc.font(BODY).fontSize(SIZE.body).fillColor('#1a1a1a').text(text, MARGIN.left, doc.y, { width: contentWidth(doc), lineGap: 2 })
  doc.moveDown(0.6)
}

const chartHeight = (doc: Pdf, width: number, height: number) =>
  Math.min(height * (Math.min(contentWidth(doc), width) / width), bottomOf(doc) - MARGIN.top)

function chart(doc: Pdf, png: Buffer, width: number, height: number) {
  const shown = Math.min(contentWidth(doc), width)
  const tall = chartHeight(doc, width, height)
  if (doc.y + tall > bottomOf(doc)) doc.addPage()
  const y = doc.y
  doc.image(png, MARGIN.left, y, { fit: [shown, tall] })
  doc.y = y + tall + 6
}

interface Column {
  x: number
  width: number
}

/** A table drawn row by row; a row that does not fit goes to the next page under the header again. */
function table(doc: Pdf, t: ReportTable, locale: string) {
  const total = contentWidth(doc)
  const weights = t.widths ?? t.columns.map(() => 1)
  const sum = weights.reduce((a, b) => a + b, 0)
  let x = MARGIN.left
  const columns: Column[] = weights.map((w) => {
    const column = { x, width: (total * w) / sum }
    x += column.width
    return column
  })
  const lineHeight = doc.font(BODY).fontSize(SIZE.table).currentLineHeight(true)
  const numeric = t.columns.map((_, i) => t.rows.some((r) => typeof r[i] === 'number') && t.rows.every((r) => typeof r[i] === 'number' || r[i] === ''))
  const measure = widthMeasure(doc)
  const header = measureRow(doc, measure, t.columns, columns, locale, lineHeight, true)
  if (doc.y + header.height + lineHeight * 3 > bottomOf(doc)) doc.addPage()
  drawRow(doc, header, columns, numeric, true)
  for (const row of t.rows) {
    const measured = measureRow(doc, measure, row, columns, locale, lineHeight, false)
    if (doc.y + measured.height > bottomOf(doc)) {
      doc.addPage()
      drawRow(doc, header, columns, numeric, true)
    }
    drawRow(doc, measured, columns, numeric, false)
  }
  doc.moveDown(0.8)
}

interface MeasuredRow {
  texts: string[]
  /** Each cell's width on one line, or null when it wraps. */
  widths: (number | null)[]
  height: number
  bold: boolean
}

/**
 * Widths of table texts, remembered: places, kinds, roles and dates repeat on thousands of rows, and each
 * measurement lays the text out with the font again.
 */
function widthMeasure(doc: Pdf) {
  const known = new Map<string, number>()
  return (text: string, bold: boolean) => {
    const key = bold ? `b${text}` : `r${text}`
    let width = known.get(key)
    if (width === undefined) known.set(key, width = doc.font(bold ? BOLD : BODY).fontSize(SIZE.table).widthOfString(text))
    return width
  }
}

function measureRow(doc: Pdf, measure: ReturnType<typeof widthMeasure>, row: Cell[], columns: Column[], locale: string,
  lineHeight: number, bold: boolean): MeasuredRow {
  let height = lineHeight
  const texts: string[] = []
  const widths: (number | null)[] = []
  for (const [i, column] of columns.entries()) {
    const text = cellText(row[i] ?? '', locale)
    texts.push(text)
    // Most cells are one short line; measuring its width is much cheaper than wrapping it.
    const width = text && !text.includes('\n') ? measure(text, bold) : 0
    if (!text || (width > 0 && width <= column.width - 2 * PAD)) {
      widths.push(width)
      continue
    }
    widths.push(null)
    height = Math.max(height, doc.font(bold ? BOLD : BODY).fontSize(SIZE.table).heightOfString(text, { width: column.width - 2 * PAD }))
  }
  // A cell longer than a page is cut with an ellipsis rather than running over the foot.
  return { texts, widths, height: Math.min(height + 2 * PAD, bottomOf(doc) - MARGIN.top - 4 * lineHeight), bold }
}

function drawRow(doc: Pdf, row: MeasuredRow, columns: Column[], numeric: boolean[], bold: boolean) {
  const { height } = row
  const y = doc.y
  const width = columns.reduce((a, c) => a + c.width, 0)
  if (bold) doc.rect(MARGIN.left, y, width, height).fill(HEADER_FILL)
  doc.font(bold ? BOLD : BODY).fontSize(SIZE.table).fillColor('#1a1a1a')
  for (const [i, column] of columns.entries()) {
    const text = row.texts[i]!
    if (!text) continue
    const single = row.widths[i]
    if (single !== null && single !== undefined) {
      const left = numeric[i] ? column.x + column.width - PAD - single : column.x + PAD
      doc.text(text, left, y + PAD, { lineBreak: false })
    } else {
      doc.text(text, column.x + PAD, y + PAD, { width: column.width - 2 * PAD, height: height - 2 * PAD, ellipsis: true })
    }
  }
  doc.moveTo(MARGIN.left, y + height).lineTo(MARGIN.left + width, y + height).lineWidth(0.5).strokeColor(RULE).stroke()
  doc.x = MARGIN.left
  doc.y = y + height
}

/** "n / N" at the foot of every page but the title page. */
function numberPages(doc: Pdf) {
  const { start, count } = doc.bufferedPageRange()
  for (let i = start + 1; i < start + count; i++) {
    doc.switchToPage(i)
    // Writing below the bottom margin would start a new page; the margin is lifted for the number.
    const bottom = doc.page.margins.bottom
    doc.page.margins.bottom = 0
    const label = `${i + 1} / ${count}`
    doc.font(BODY).fontSize(9).fillColor('#555555')
    doc.text(label, (doc.page.width - doc.widthOfString(label)) / 2, doc.page.height - MARGIN.bottom / 2 - 4, { lineBreak: false })
    doc.page.margins.bottom = bottom
  }
}
