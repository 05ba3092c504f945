import {
  AlignmentType, Document, Footer, HeadingLevel, ImageRun, Packer, PageNumber, Paragraph, ShadingType, Table, TableCell,
  TableOfContents, TableRow, TextRun, WidthType,
} from 'docx'
import { type Cell, cellText, type ReportDocument, type ReportTable } from './report.document.ts'
import { chartPng } from './report.fonts.ts'

// Width of an A4 page's text in twentieths of a point, with Word's default margins: the tables' full width.
const TEXT_WIDTH = 9026
// Charts are placed at most this wide, in pixels at 96 per inch (about 16 cm).
const CHART_WIDTH = 600

/**
 * The report as a Word document to edit: real headings (Word's navigation pane and the table of contents read
 * them), a table of contents field Word fills in with page numbers, tables of text (not pictures), the charts as
 * images with their summary as alternative text, and "n / N" in the footer.
 */
export async function writeDocx(report: ReportDocument): Promise<Buffer> {
  const body: (Paragraph | Table | TableOfContents)[] = [
    new Paragraph({ text: report.contents, heading: HeadingLevel.TITLE }),
    new TableOfContents(report.contents, { hyperlink: true, headingStyleRange: '1-2' }),
  ]
  for (const section of report.sections) {
    body.push(new Paragraph({
      text: section.heading, heading: section.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
      pageBreakBefore: section.level === 1,
    }))
    for (const block of section.blocks) {
      if (block.type === 'paragraph') body.push(new Paragraph({ text: block.text, spacing: { after: 120 } }))
      else if (block.type === 'table') body.push(docxTable(block.table, report.locale), new Paragraph({ text: '' }))
      else {
        const { chart } = block
        const width = Math.min(CHART_WIDTH, chart.width)
        body.push(new Paragraph({ children: [new ImageRun({
          type: 'png', data: chartPng(chart),
          transformation: { width, height: Math.round((chart.height * width) / chart.width) },
          altText: { name: chart.id, title: chart.title, description: chart.summary },
        })] }))
      }
    }
  }
  const document = new Document({
    title: report.title, creator: 'Chronicle', description: report.titleLines.join(' · '),
    features: { updateFields: true },
    // 10 pt text: the tables are dense.
    styles: { default: { document: { run: { size: 20 } } } },
    sections: [
      { children: titlePage(report) },
      { footers: { default: pageNumberFooter() }, children: body },
    ],
  })
  return Packer.toBuffer(document)
}

function titlePage(report: ReportDocument) {
  return [
    new Paragraph({ text: '', spacing: { before: 3000 } }),
    new Paragraph({ text: report.title, heading: HeadingLevel.TITLE }),
    ...report.titleLines.map((line) => new Paragraph({ children: [new TextRun({ text: line, size: 28 })], spacing: { after: 120 } })),
  ]
}

export function pageNumberFooter() {
  return new Footer({ children: [new Paragraph({
    alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES] })],
  })] })
}

/** A table Word can edit: a header row repeated on each page, numbers to the right. */
export function docxTable(t: Pick<ReportTable, 'columns' | 'rows' | 'widths'>, locale: string) {
  const weights = t.widths ?? t.columns.map(() => 1)
  const sum = weights.reduce((a, b) => a + b, 0)
  const widths = weights.map((w) => Math.floor((TEXT_WIDTH * w) / sum))
  const numeric = t.columns.map((_, i) => t.rows.some((r) => typeof r[i] === 'number') && t.rows.every((r) => typeof r[i] === 'number' || r[i] === ''))
  // Body cells are as plain as Word allows (a paragraph of text, its size from the document's default): a busy
  // year has tens of thousands, and every option is an object to build and write.
  const cell = (value: Cell, i: number, header: boolean) => new TableCell(header
    ? { width: { size: widths[i]!, type: WidthType.DXA }, shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'EEEEEE' },
      children: [new Paragraph({ alignment: numeric[i] ? AlignmentType.RIGHT : undefined, children: [new TextRun({ text: cellText(value, locale), bold: true })] })] }
    : { children: [numeric[i] ? new Paragraph({ alignment: AlignmentType.RIGHT, text: cellText(value, locale) }) : new Paragraph(cellText(value, locale))] })
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, children: t.columns.map((c, i) => cell(c, i, true)) }),
      ...t.rows.map((row) => new TableRow({ children: t.columns.map((_, i) => cell(row[i] ?? '', i, false)) })),
    ],
  })
}
