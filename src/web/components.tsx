import { html } from 'hono/html'
import type { Child } from 'hono/jsx'
import { localPath, t } from '../i18n/locale.ts'
import type { MessageKey } from '../i18n/messages/index.ts'
import { PARTICIPATION_ROLES, type ParticipationRole } from '../lib/vocabulary.ts'
import { formatDateRange, formatLabel, formatPlace, kindLabel } from './format.ts'

export interface ActivityItem {
  slug: string
  kind: string | null
  name: string | null
  starts_on: string | null
  ends_on: string | null
  city: string | null
  country: string | null
  post?: { slug: string; title: string } | null
}

/** How an activity is named in lists: its own name, else its news headline, else its kind. */
export function activityTitle(a: ActivityItem) {
  return a.name ?? a.post?.title ?? kindLabel(a.kind) ?? t('activity.fallback')
}

export const activityHref = (a: ActivityItem) => localPath(a.post ? `/news/${a.post.slug}` : `/activities/${a.slug}`)

const isRole = (role: string): role is ParticipationRole => (PARTICIPATION_ROLES as readonly string[]).includes(role)
/** "speaker", "спикер": one person's role in an activity. */
export const roleLabel = (role: string) => (isRole(role) ? t(`role.${role}` as MessageKey) : role)
/** "Speakers", "Спикеры": the heading over everyone in that role. */
export const roleHeading = (role: ParticipationRole) => t(`roles.${role}` as MessageKey)

/**
 * An activity in a list: dates, kind, place, its title linked, and the party's role in it. Written as
 * text, the same markup JSX would make: profiles list fifty, and hono/jsx took longer over them than
 * the database took to find them.
 */
export function ActivityLine(props: { activity: ActivityItem; role?: string; jobTitle?: string | null }) {
  const a = props.activity
  const place = formatPlace(a.city, a.country)
  const kind = kindLabel(a.kind)
  return html`<li><div class="meta"><time${a.starts_on ? html` datetime="${a.starts_on}"` : ''}>${formatDateRange(a.starts_on, a.ends_on)}</time>${
    kind ? html` · ${kind}` : ''}${place ? html` · ${place}` : ''}</div><a href="${activityHref(a)}">${activityTitle(a)}</a>${
    props.role ? html`<div><span class="role">${roleLabel(props.role)}</span>${
      props.jobTitle ? html`<span class="muted"> · ${props.jobTitle}</span>` : ''}</div>` : ''}</li>`
}

export function Pager(props: { page: number; hasMore: boolean; href: (page: number) => string; label?: string }) {
  if (props.page === 1 && !props.hasMore) return null
  return (
    <nav class="pager" aria-label={props.label ?? t('pager.label')}>
      {props.page > 1 ? <a href={props.href(props.page - 1)} rel="prev">{t('pager.newer')}</a> : <span />}
      <span class="muted">{t('pager.page', { page: props.page })}</span>
      {props.hasMore ? <a href={props.href(props.page + 1)} rel="next">{t('pager.older')}</a> : <span />}
    </nav>
  )
}

export interface FactsParty {
  kind: 'person' | 'organization'
  slug: string
  name: string
  affiliation: { slug: string; name: string } | null
  jobTitle: string | null
}

export function PartyLink(props: { party: FactsParty }) {
  const p = props.party
  const href = localPath(p.kind === 'person' ? `/people/${p.slug}` : `/organizations/${p.slug}`)
  const about: Child[] = []
  if (p.jobTitle) about.push(p.jobTitle)
  if (p.affiliation) about.push(<a href={localPath(`/organizations/${p.affiliation.slug}`)}>{p.affiliation.name}</a>)
  return (
    <>
      <a href={href}>{p.name}</a>
      {about.length > 0 && <span class="muted"> — {about.flatMap((x, i) => (i ? [', ', x] : [x]))}</span>}
    </>
  )
}

export interface FactsActivity extends ActivityItem {
  format: string | null
  participants: { role: ParticipationRole; parties: FactsParty[] }[]
}

/** Date, place, format, kind, and who took part in which role, each linked. */
export function FactsBox(props: { activity: FactsActivity }) {
  const a = props.activity
  const place = formatPlace(a.city, a.country)
  return (
    <aside class="facts" aria-labelledby="facts-heading">
      <h2 id="facts-heading">{t('facts.heading')}</h2>
      <dl>
        {a.name && <><dt>{t('facts.title')}</dt><dd>{a.name}</dd></>}
        <dt>{a.ends_on && a.ends_on !== a.starts_on ? t('facts.dates') : t('facts.date')}</dt>
        <dd><time datetime={a.starts_on ?? undefined}>{formatDateRange(a.starts_on, a.ends_on)}</time></dd>
        {kindLabel(a.kind) && <><dt>{t('facts.kind')}</dt><dd>{kindLabel(a.kind)}</dd></>}
        {place && <><dt>{t('facts.place')}</dt><dd>{place}</dd></>}
        {formatLabel(a.format) && <><dt>{t('facts.format')}</dt><dd>{formatLabel(a.format)}</dd></>}
      </dl>
      {a.participants.map((group) => (
        <section>
          <h3>{roleHeading(group.role)}</h3>
          <ul>{group.parties.map((party) => <li><PartyLink party={party} /></li>)}</ul>
        </section>
      ))}
    </aside>
  )
}
