import { cellText, type ReportDocument, type ReportTable } from './report.document.ts'

/** The report as Markdown: headings, a list of contents linking to them, paragraphs, and every table (the charts' too). */
export function writeMarkdown(report: ReportDocument): string {
  const out: string[] = [`# ${escapeText(report.title)}`, '', ...report.titleLines.map((line) => `${escapeText(line)}  `), '']
  out.push(`## ${escapeText(report.contents)}`, '')
  for (const section of report.sections) {
    out.push(`${section.level === 1 ? '' : '  '}- [${escapeText(section.heading)}](#${section.id})`)
  }
  out.push('')
  for (const section of report.sections) {
    // An explicit anchor: renderers make heading ids differently, and Cyrillic headings worst of all.
    out.push(`<a id="${section.id}"></a>`, '', `${section.level === 1 ? '##' : '###'} ${escapeText(section.heading)}`, '')
    for (const block of section.blocks) {
      if (block.type === 'paragraph') out.push(escapeText(block.text), '')
      else if (block.type === 'table') out.push(...markdownTable(block.table, report.locale), '')
      else out.push(`**${escapeText(block.chart.title)}**`, '', ...markdownTable(block.chart.table, report.locale), '')
    }
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`
}

export function markdownTable(t: Pick<ReportTable, 'columns' | 'rows'>, locale: string) {
  const numeric = t.columns.map((_, i) => t.rows.some((r) => typeof r[i] === 'number') && t.rows.every((r) => typeof r[i] === 'number' || r[i] === ''))
  const line = (cells: string[]) => `| ${cells.map(escapeCell).join(' | ')} |`
  return [
    line(t.columns),
    `|${t.columns.map((_, i) => (numeric[i] ? ' ---: ' : ' --- ')).join('|')}|`,
    ...t.rows.map((row) => line(t.columns.map((_, i) => cellText(row[i] ?? '', locale)))),
  ]
}

// Text from the records may hold Markdown's own characters; they are shown as written.
const escapeText = (text: string) => text.replace(/([\\`*_[\]<>#|])/g, '\\$1')
const escapeCell = (text: string) => escapeText(text).replace(/\r?\n/g, ' ')
