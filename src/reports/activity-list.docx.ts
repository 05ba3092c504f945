import {
  Document, ExternalHyperlink, HeadingLevel, Packer, PageOrientation, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun,
  WidthType,
} from 'docx'
import type { ActivityList, ListLink } from './activity-list.service.ts'
import { pageNumberFooter } from './report.docx.ts'

// A4 landscape less Word's default margins, in twentieths of a point: eight columns need the width.
const TEXT_WIDTH = 16838 - 2 * 1440
const WIDTHS = [2, 3, 1.5, 1.5, 2, 2, 1.6, 2]

/** A person's activity list as a Word document: a heading and a table per year, the news as links, then the publications. */
export async function writeActivityListDocx(list: ActivityList): Promise<Buffer> {
  const c = list.columns
  const columns = [c.date, c.activity, c.kind, c.role, c.position, c.colleagues, c.place, c.posts]
  const weights = list.internal ? [...WIDTHS, 1] : WIDTHS
  const sum = weights.reduce((a, b) => a + b, 0)
  const widths = weights.map((w) => Math.floor((TEXT_WIDTH * w) / sum))
  const text = (value: string, bold = false) => new TextRun({ text: value, bold, size: 17 })
  const cell = (i: number, children: Paragraph[], header = false) => new TableCell({
    width: { size: widths[i]!, type: WidthType.DXA }, children,
    shading: header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'EEEEEE' } : undefined,
  })
  const links = (items: ListLink[]) => (items.length ? items : [null]).map((link) => new Paragraph({
    children: link ? [new ExternalHyperlink({ link: link.url, children: [new TextRun({ text: link.title, style: 'Hyperlink', size: 17 })] })] : [],
  }))

  const body: (Paragraph | Table)[] = [
    new Paragraph({ text: list.title, heading: HeadingLevel.TITLE }),
    new Paragraph({ text: list.note, spacing: { after: 240 } }),
  ]
  if (!list.years.length) body.push(new Paragraph({ text: list.noActivities }))
  for (const year of list.years) {
    body.push(new Paragraph({ text: year.year, heading: HeadingLevel.HEADING_1 }))
    body.push(new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: widths,
      rows: [
        new TableRow({ tableHeader: true, children: [...columns, ...(list.internal ? [c.internal] : [])]
          .map((label, i) => cell(i, [new Paragraph({ children: [text(label, true)] })], true)) }),
        ...year.rows.map((r) => new TableRow({ children: [
          ...[r.date, r.activity, r.kind, r.role, r.position, r.colleagues, r.place].map((value, i) => cell(i, [new Paragraph({ children: [text(value)] })])),
          cell(7, links(r.posts)),
          ...(list.internal ? [cell(8, [new Paragraph({ children: [text(r.internal ? c.internal : '')] })])] : []),
        ] })),
      ],
    }))
  }
  if (list.publications.length) {
    body.push(new Paragraph({ text: list.publicationsHeading, heading: HeadingLevel.HEADING_1 }))
    for (const p of list.publications) {
      body.push(new Paragraph({ spacing: { after: 120 }, children: [
        new ExternalHyperlink({ link: p.link.url, children: [new TextRun({ text: p.citation, style: 'Hyperlink' })] }),
        new TextRun({ text: ` — ${p.role}` }),
      ] }))
    }
  }
  const document = new Document({
    title: list.title, creator: 'Chronicle',
    sections: [{
      properties: { page: { size: { orientation: PageOrientation.LANDSCAPE, width: 11906, height: 16838 } } },
      footers: { default: pageNumberFooter() },
      children: body,
    }],
  })
  return Packer.toBuffer(document)
}
