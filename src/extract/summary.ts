// The human-readable form of extracted records, as `chronicle extract` prints them.
import type { ActivityRecord } from '../archive/archive.schema.ts'
import { FORMAT_LABELS, KIND_LABELS } from '../lib/vocabulary.ts'

export function describeRecords(records: readonly ActivityRecord[]): string {
  if (!records.length) return 'No news items found.'
  return records.map((record, index) => describeRecord(record, index + 1, records.length)).join('\n\n')
}

function describeRecord(r: ActivityRecord, number: number, total: number): string {
  const firstLine = r.text.split('\n')[0]!.trim()
  const lines = [`Item ${number} of ${total}: ${firstLine.length > 90 ? `${firstLine.slice(0, 89)}…` : firstLine}`]
  const field = (label: string, value: string | null) => lines.push(`  ${label.padEnd(14)}${value ?? '—'}`)
  field('Date', r.date ? (r.endDate ? `${r.date} to ${r.endDate}` : r.date) : null)
  field('Kind', r.kind ? KIND_LABELS[r.kind] : null)
  field('Name', r.name)
  field('Place', [r.city, r.country].filter(Boolean).join(', ') || null)
  field('Format', r.format ? FORMAT_LABELS[r.format] : null)
  lines.push(`  People (${r.people.length})`)
  for (const p of r.people) {
    const about = [p.position, p.affiliation].filter(Boolean).join(', ')
    lines.push(`    ${p.name}${about ? ` — ${about}` : ''}${roles(p.roles)}`)
  }
  lines.push(`  Organizations (${r.organizations.length})`)
  for (const o of r.organizations) lines.push(`    ${o.name}${o.country ? ` (${o.country})` : ''}${roles(o.roles)}`)
  if (r.links.length) {
    lines.push('  Links')
    for (const link of r.links) lines.push(`    ${link}`)
  }
  return lines.join('\n')
}

const roles = (list: readonly string[]) => (list.length ? ` [${list.join(', ')}]` : '')
