import { type Context, Hono } from 'hono'
import { z } from 'zod'
import { AdminLayout } from '../admin/layout.tsx'
import { LANGUAGE_NAMES, LANGUAGES, type Lang } from '../i18n/languages.ts'
import { runWithLocale } from '../i18n/locale.ts'
import { InvalidInputError } from '../lib/errors.ts'
import { requireRole } from '../web/auth.ts'
import type { AppEnv } from '../web/env.ts'
import { siteUrl } from '../web/urls.ts'
import { activityListFile, attachment } from './activity-list.pages.ts'
import { getActivityList } from './activity-list.service.ts'
import { REPORT_FORMATS, type ReportFormat } from './report.document.ts'
import { findActivityYears } from './report.repository.ts'

/** /admin/reports (the annual report in each format) and each person's activity list with internal records: editors. */
export const reportAdmin = new Hono<AppEnv>()
const editorOnly = requireRole('editor')
const ID = ':id{[0-9]{1,12}}'

const FORMAT_LABELS: Record<ReportFormat, string> = {
  pdf: 'PDF (to print or send)', docx: 'Word, DOCX (to edit)', md: 'Markdown (plain text)', xlsx: 'Excel, XLSX (the tables, a sheet each)',
}

interface ReportForm {
  year: string
  format: string
  lang: string
  internal: boolean
}

const ReportQuery = z.object({
  year: z.coerce.number({ message: 'Choose a year.' }).int('Choose a year.'),
  format: z.enum(REPORT_FORMATS, { message: `Choose a format: ${REPORT_FORMATS.join(', ')}.` }),
  lang: z.enum(LANGUAGES, { message: `Choose a language: ${LANGUAGES.join(', ')}.` }),
  internal: z.literal('1', { message: 'Internal records are either included (1) or not (left out).' }).optional(),
})

function ReportPage(props: { c: Context<AppEnv>; years: number[]; form: ReportForm; problems: string[] }) {
  const { years, form, problems } = props
  const s = props.c.var.session!
  return (
    <AdminLayout title="Annual report" section="reports" session={s}>
      <h1>Annual activity report</h1>
      <p class="lede">The year’s figures and charts (the same as the insights pages), its activities by kind with dates, places and
        the institute’s people and roles, each staff member’s activities, partners by country and publications with their survey method.</p>
      {problems.length > 0 && (
        <div class="error-summary" role="alert" tabindex={-1}>
          <h2>The report was not made: please correct this</h2>
          <ul>{problems.map((p) => <li>{p}</li>)}</ul>
        </div>
      )}
      {years.length === 0
        ? <p class="notice">No activity has a date yet, so there is no year to report on.</p>
        : (
          <form method="get" action="/admin/reports/download" class="report-form">
            <div class="field">
              <label for="year">Year</label>
              <p class="hint" id="year-hint">Years in which some activity took place.</p>
              <select id="year" name="year" aria-describedby="year-hint">
                {years.map((y) => <option value={String(y)} selected={form.year === String(y)}>{y}</option>)}
              </select>
            </div>
            <fieldset class="field">
              <legend>Format</legend>
              {REPORT_FORMATS.map((f) => (
                <label class="choice"><input type="radio" name="format" value={f} checked={form.format === f} /> {FORMAT_LABELS[f]}</label>
              ))}
            </fieldset>
            <div class="field">
              <label for="lang">Language of the report</label>
              <select id="lang" name="lang">
                {LANGUAGES.map((l) => <option value={l} lang={l} selected={form.lang === l}>{LANGUAGE_NAMES[l]}</option>)}
              </select>
            </div>
            <div class="field">
              <label class="choice"><input type="checkbox" name="internal" value="1" checked={form.internal} aria-describedby="internal-hint" />
                {' '}Include internal activities and participations</label>
              <p class="hint" id="internal-hint">Left out by default, as on the public site. Included, they are counted and marked “internal”: keep such a report inside the institute.</p>
            </div>
            <div class="actions"><button type="submit">Download the report</button></div>
          </form>
        )}
      <p class="hint">The same from the command line: <code>npx chronicle report --year {form.year || 'YYYY'} --format {form.format || 'pdf'} --lang {form.lang || 'en'}{form.internal ? ' --internal' : ''} --out FILE</code></p>
    </AdminLayout>
  )
}

reportAdmin.get('/reports', editorOnly, async (c) => {
  const years = await findActivityYears(c.var.db)
  const lastYear = String(new Date().getUTCFullYear() - 1)
  const year = years.map(String).includes(lastYear) ? lastYear : String(years[0] ?? '')
  return c.html(<ReportPage c={c} years={years} form={{ year, format: 'pdf', lang: 'en', internal: false }} problems={[]} />)
})

reportAdmin.get('/reports/download', editorOnly, async (c) => {
  const raw = c.req.query()
  const form: ReportForm = { year: raw.year ?? '', format: raw.format ?? '', lang: raw.lang ?? '', internal: raw.internal === '1' }
  const years = await findActivityYears(c.var.db)
  const parsed = ReportQuery.safeParse(raw)
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => i.message)
  if (parsed.success && !years.includes(parsed.data.year)) problems.push(`No activity took place in ${parsed.data.year}; choose one of the years listed.`)
  if (!parsed.success || problems.length) {
    c.status(400)
    return c.html(<ReportPage c={c} years={years} form={form} problems={problems} />)
  }
  const { year, format, lang, internal } = parsed.data
  // Loaded on the first report: the insights and the writers need not slow every start of the server.
  const { renderReport } = await import('./report.service.ts')
  const report = await renderReport(c.var.db, { year, lang, internal: internal === '1', institute: c.var.institute }, format)
  return c.body(new Uint8Array(report.body), 200, {
    'content-type': report.contentType,
    'content-disposition': attachment(report.fileName),
  })
})

// ---------------------------------------------------------------- a person's activity list, internal records included

const ListQuery = z.object({ lang: z.enum(LANGUAGES, { message: `lang must be one of ${LANGUAGES.join(', ')}` }).default('en') })

for (const format of ['csv', 'docx'] as const) {
  reportAdmin.get(`/people/${ID}/activities.${format}`, editorOnly, async (c) => {
    const query = ListQuery.safeParse(c.req.query())
    if (!query.success) throw new InvalidInputError(query.error.issues.map((i) => i.message).join('; '))
    const lang: Lang = query.data.lang
    const origin = c.var.publicUrl ?? new URL(c.req.url).origin
    // The admin speaks English; the list is in the language asked for, its links to the public pages in that language too.
    return runWithLocale({ lang, prefix: lang === 'en' ? '' : `/${lang}`, path: '/', origin }, async () => {
      const list = await getActivityList(c.var.db, { id: Number(c.req.param('id')) }, {
        internal: true, institute: c.var.institute, url: (path) => siteUrl(c, path),
      })
      return activityListFile(c, list, format)
    })
  })
}
