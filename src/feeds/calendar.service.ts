import ical, { ICalCalendarMethod } from 'ical-generator'
import { tzlib_get_ical_block } from 'timezones-ical-library'
import type { Db } from '../db/database.ts'
import { findPostLinksOfActivities } from '../news/post.service.ts'
import { countryName, kindLabel } from '../web/format.ts'
import { findPublicActivitiesForCalendar, findPublicOrganizers } from './feed.repository.ts'
import { resolveScope, type ScopeRequest } from './feed.scope.ts'
import type { FeedLinks } from './feed.service.ts'

export const CALENDAR_TIME_ZONE = 'Asia/Almaty'
const CALENDAR_SIZE = 1000

const nextDay = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)

/**
 * The public activities in scope as an iCalendar feed. Activities are kept as dates, so they are
 * all-day events; the calendar names the institute's time zone for clients that show it.
 */
export async function buildCalendar(db: Db, request: ScopeRequest, links: FeedLinks, now = new Date()) {
  const scope = await resolveScope(db, request)
  const rows = await findPublicActivitiesForCalendar(db, { from: null, to: null, ...scope.filter }, CALENDAR_SIZE)
  const ids = rows.map((a) => a.id)
  const [posts, organizers] = await Promise.all([findPostLinksOfActivities(db, ids, now), findPublicOrganizers(db, ids)])
  const calendar = ical({
    name: request.type === 'all' ? 'Public Opinion Research Institute: activities' : `${scope.title}: activities`,
    description: `Activities from the Public Opinion Research Institute's archive${request.type === 'all' ? '' : ` — ${scope.title}`}.`,
    prodId: { company: 'Public Opinion Research Institute', product: 'Chronicle', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    // Current zone data: Kazakhstan moved to UTC+5 in March 2024, which older tables miss.
    timezone: { name: CALENDAR_TIME_ZONE, generator: (zone) => tzlib_get_ical_block(zone)[0] ?? null },
    url: links.url(scope.pagePath),
    ttl: 3600,
  })
  for (const a of rows) {
    const post = posts.get(a.id)
    const organizer = organizers.find((o) => o.activity_id === a.id)
    const url = links.url(post ? `/news/${post.slug}` : `/activities/${a.slug}`)
    calendar.createEvent({
      id: `${a.slug}@chronicle`,
      start: a.starts_on!,
      end: nextDay(a.ends_on ?? a.starts_on!),
      allDay: true,
      summary: a.name ?? post?.title ?? kindLabel(a.kind) ?? 'Activity',
      // ORGANIZER must be an email address in iCalendar, which we do not keep; the description says who.
      description: [kindLabel(a.kind), organizer ? `Organized by ${organizer.organization_name ?? organizer.person_name}` : null,
        post?.title, url].filter(Boolean).join('\n'),
      location: [a.city, countryName(a.country)].filter(Boolean).join(', ') || null,
      url,
      categories: a.kind ? [{ name: kindLabel(a.kind)! }] : [],
      stamp: new Date(a.updated_at),
      lastModified: new Date(a.updated_at),
    })
  }
  return calendar
}
