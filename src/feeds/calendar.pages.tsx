import { Hono } from 'hono'
import { z } from 'zod'
import { findUpcomingActivities } from '../activities/activity.repository.ts'
import { findPostLinksOfActivities } from '../news/post.service.ts'
import { ActivityLine, activityHref, activityTitle } from '../web/components.tsx'
import type { AppEnv } from '../web/env.ts'
import { formatMonth, kindLabel, weekdayNames } from '../web/format.ts'
import { localPath, t } from '../i18n/locale.ts'
import { Layout } from '../web/layout.tsx'
import { parseQuery } from '../web/query.ts'
import { siteUrl } from '../web/urls.ts'
import { findPublicActivitiesForCalendar } from './feed.repository.ts'

export const calendarPages = new Hono<AppEnv>()

const MonthQuery = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month is written YYYY-MM, e.g. 2024-09').optional(),
})

// The institute's calendar days are Astana's: UTC+5.
const ASTANA_OFFSET_MS = 5 * 3_600_000
const todayInAstana = (now = new Date()) => new Date(now.getTime() + ASTANA_OFFSET_MS).toISOString().slice(0, 10)
// Long events still show in the months they reach into, up to this many days after they start.
const LONGEST_EVENT_DAYS = 62

function shiftMonth(month: string, by: number) {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const d = new Date(Date.UTC(y, m - 1 + by, 1))
  return d.toISOString().slice(0, 7)
}

/** The weeks (Monday first) covering the month, each day as YYYY-MM-DD or null outside the month. */
function weeksOf(month: string) {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const first = new Date(Date.UTC(y, m - 1, 1))
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate()
  const lead = (first.getUTCDay() + 6) % 7
  const cells: (string | null)[] = [...Array(lead).fill(null),
    ...Array.from({ length: days }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`)]
  while (cells.length % 7) cells.push(null)
  return Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7))
}

calendarPages.get('/calendar', async (c) => {
  const today = todayInAstana()
  const month = parseQuery(c, MonthQuery).month ?? today.slice(0, 7)
  const monthEnd = `${month}-31`
  const from = new Date(Date.parse(`${month}-01T00:00:00Z`) - LONGEST_EVENT_DAYS * 86_400_000).toISOString().slice(0, 10)
  const [inRange, upcoming] = await Promise.all([
    findPublicActivitiesForCalendar(c.var.db, { from, to: monthEnd }, 500),
    findUpcomingActivities(c.var.db, today, 10),
  ])
  const monthActivities = inRange.filter((a) => (a.ends_on ?? a.starts_on!) >= `${month}-01`)
  const posts = await findPostLinksOfActivities(c.var.db, [...monthActivities, ...upcoming].map((a) => a.id))
  const withPost = <T extends { id: number }>(a: T) => ({ ...a, post: posts.get(a.id) ?? null })
  const on = (day: string) => monthActivities.filter((a) => a.starts_on! <= day && (a.ends_on ?? a.starts_on!) >= day).map(withPost)
  const title = formatMonth(month)
  const [previous, next] = [shiftMonth(month, -1), shiftMonth(month, 1)]
  const ics = siteUrl(c, '/calendar.ics')
  return c.html(
    <Layout title={t('calendar.pageTitle', { month: title })} section="calendar" description={t('calendar.description')}>
      <h1>{t('calendar.title')}</h1>
      <p>{t('calendar.subscribe')} <a href={ics.replace(/^https?:/, 'webcal:')}>{t('calendar.addToApp')}</a> · <a href="/calendar.ics">{t('calendar.download')}</a></p>
      <div class="grid two">
        <section aria-labelledby="month-heading">
          <div class="month-nav">
            <a href={localPath(`/calendar?month=${previous}`)} rel="prev">← {formatMonth(previous)}</a>
            <h2 id="month-heading">{title}</h2>
            <a href={localPath(`/calendar?month=${next}`)} rel="next">{formatMonth(next)} →</a>
          </div>
          <table class="month">
            <caption class="visually-hidden">{t('calendar.caption', { month: title })}</caption>
            <thead><tr>{weekdayNames().map((d) => <th scope="col">{d}</th>)}</tr></thead>
            <tbody>
              {weeksOf(month).map((week) => (
                <tr>{week.map((day) => day
                  ? (
                    <td class={day === today ? 'today' : undefined}>
                      <span class="day">{Number(day.slice(8))}</span>
                      {on(day).length > 0 && (
                        <ul>{on(day).map((a) => (
                          <li><a href={activityHref(a)}>{activityTitle(a)}</a>
                            {kindLabel(a.kind) && <span class="muted"> · {kindLabel(a.kind)}</span>}</li>
                        ))}</ul>
                      )}
                    </td>
                  )
                  : <td class="outside" />)}</tr>
              ))}
            </tbody>
          </table>
          {monthActivities.length === 0 && <p class="muted">{t('calendar.none', { month: title })}</p>}
        </section>
        <section aria-labelledby="upcoming">
          <h2 id="upcoming">{t('calendar.upcoming')}</h2>
          {upcoming.length
            ? <ul class="list">{upcoming.map((a) => <ActivityLine activity={withPost(a)} />)}</ul>
            : <p class="muted">{t('calendar.noUpcoming')}</p>}
        </section>
      </div>
    </Layout>,
  )
})
