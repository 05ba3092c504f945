import { currentLocale, localPath, t } from '../i18n/locale.ts'
import type { ParticipantGroup } from '../activities/activity.service.ts'

// schema.org descriptions of what each page shows, for search engines and other readers of JSON-LD.

const CONTEXT = 'https://schema.org'

/** An absolute address of a site path in the reader's language. */
export const absoluteUrl = (path: string) => currentLocale().origin + localPath(path)

export function publisher() {
  return { '@type': 'Organization', name: t('site.name'), url: absoluteUrl('/') }
}

export function webSite() {
  return {
    '@context': CONTEXT, '@type': 'WebSite', name: t('site.name'), url: absoluteUrl('/'), inLanguage: currentLocale().lang,
    potentialAction: { '@type': 'SearchAction', target: `${absoluteUrl('/search')}?q={query}`, 'query-input': 'required name=query' },
  }
}

const party = (p: ParticipantGroup['parties'][number]) => p.kind === 'person'
  ? { '@type': 'Person', name: p.name, url: absoluteUrl(`/people/${p.slug}`),
    ...(p.affiliation ? { affiliation: { '@type': 'Organization', name: p.affiliation.name, url: absoluteUrl(`/organizations/${p.affiliation.slug}`) } } : {}),
    ...(p.jobTitle ? { jobTitle: p.jobTitle } : {}) }
  : { '@type': 'Organization', name: p.name, url: absoluteUrl(`/organizations/${p.slug}`) }

const ATTENDANCE: Record<string, string> = {
  'in-person': 'https://schema.org/OfflineEventAttendanceMode',
  online: 'https://schema.org/OnlineEventAttendanceMode',
  hybrid: 'https://schema.org/MixedEventAttendanceMode',
}

export interface EventFacts {
  slug: string
  name: string | null
  kind: string | null
  starts_on: string | null
  ends_on: string | null
  city: string | null
  country: string | null
  format: string | null
  participants: ParticipantGroup[]
}

/** An activity as a schema.org Event: organizers, performers (speakers, moderators…), place and attendance mode. */
export function event(a: EventFacts, name: string, url: string) {
  const inRole = (...roles: string[]) => a.participants.filter((g) => roles.includes(g.role)).flatMap((g) => g.parties.map(party))
  const place = a.city || a.country
    ? { '@type': 'Place', name: [a.city, a.country].filter(Boolean).join(', '),
      address: { '@type': 'PostalAddress', ...(a.city ? { addressLocality: a.city } : {}), ...(a.country ? { addressCountry: a.country } : {}) } }
    : null
  const location = a.format === 'online' ? { '@type': 'VirtualLocation', url } : place
  return {
    '@type': 'Event', name, url,
    ...(a.starts_on ? { startDate: a.starts_on } : {}), ...(a.ends_on ? { endDate: a.ends_on } : a.starts_on ? { endDate: a.starts_on } : {}),
    eventStatus: 'https://schema.org/EventScheduled',
    ...(a.format && ATTENDANCE[a.format] ? { eventAttendanceMode: ATTENDANCE[a.format] } : {}),
    ...(location ? { location } : {}),
    organizer: inRole('organizer'),
    performer: inRole('speaker', 'moderator', 'discussant'),
    attendee: inRole('participant'),
    funder: inRole('commissioner', 'supporter'),
  }
}

export function withContext<T extends object>(thing: T) {
  return { '@context': CONTEXT, ...thing }
}
