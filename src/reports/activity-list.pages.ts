import { type Context, Hono } from 'hono'
import { transliterate } from 'transliteration'
import type { AppEnv } from '../web/env.ts'
import { siteUrl } from '../web/urls.ts'
import { writeActivityListCsv } from './activity-list.csv.ts'
import { type ActivityList, getActivityList } from './activity-list.service.ts'

/** /people/{slug}/activities.csv and .docx: a person's public activity list to download, in the page's language. */
export const activityListPages = new Hono<AppEnv>()

export const CSV_TYPE = 'text/csv; charset=utf-8'
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

/**
 * Content-Disposition for a download: slugs may be Cyrillic, which a header cannot carry as is, so a Latin
 * spelling for old clients and the name itself percent-encoded (RFC 6266, RFC 8187) for the rest.
 */
export function attachment(fileName: string) {
  const fallback = transliterate(fileName).replace(/'/g, '').replace(/[^A-Za-z0-9._-]+/g, '-')
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`
}

/** The list as a file: CSV at once, DOCX with its writer loaded on first use (docx is large). */
export async function activityListFile(c: Context<AppEnv>, list: ActivityList, format: 'csv' | 'docx') {
  const body = format === 'csv' ? writeActivityListCsv(list)
    : await (await import('./activity-list.docx.ts')).writeActivityListDocx(list)
  return c.body(typeof body === 'string' ? body : new Uint8Array(body), 200, {
    'content-type': format === 'csv' ? CSV_TYPE : DOCX_TYPE,
    'content-disposition': attachment(`${list.fileName}${list.internal ? '-internal' : ''}.${format}`),
  })
}

for (const format of ['csv', 'docx'] as const) {
  activityListPages.get(`/people/:slug/activities.${format}`, async (c) => {
    const list = await getActivityList(c.var.db, { slug: c.req.param('slug') }, {
      internal: false, institute: c.var.institute, url: (path) => siteUrl(c, path),
    })
    return activityListFile(c, list, format)
  })
}
