import { stringify } from 'csv-stringify/sync'
import type { ActivityList } from './activity-list.service.ts'

/**
 * A person's activity list as CSV: one row per activity, newest year first; a blank row, then the publications
 * under a header of their own. UTF-8 with a byte order mark, without which Excel reads Cyrillic as Latin-1.
 */
export function writeActivityListCsv(list: ActivityList): string {
  const c = list.columns
  const records: string[][] = [[c.year, c.date, c.activity, c.kind, c.role, c.position, c.colleagues, c.place, c.posts,
    ...(list.internal ? [c.internal] : [])]]
  for (const year of list.years) {
    for (const r of year.rows) {
      records.push([r.year, r.date, r.activity, r.kind, r.role, r.position, r.colleagues, r.place,
        r.posts.map((p) => p.url).join(' '), ...(list.internal ? [r.internal ? c.internal : ''] : [])])
    }
  }
  if (list.publications.length) {
    const p = list.publicationColumns
    records.push([''], [p.year, p.citation, p.role, p.link])
    for (const publication of list.publications) records.push([publication.year, publication.citation, publication.role, publication.link.url])
  }
  return stringify(records, { bom: true, record_delimiter: 'windows' })
}
