import type { Child } from 'hono/jsx'
import { ROLE_HEADINGS, ROLE_LABELS, type ParticipationRole } from '../lib/vocabulary.ts'
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
  return a.name ?? a.post?.title ?? kindLabel(a.kind) ?? 'Activity'
}

export const activityHref = (a: ActivityItem) => (a.post ? `/news/${a.post.slug}` : `/activities/${a.slug}`)

export function ActivityLine(props: { activity: ActivityItem; role?: string; jobTitle?: string | null }) {
  const a = props.activity
  const place = formatPlace(a.city, a.country)
  return (
    <li>
      <div class="meta">
        <time datetime={a.starts_on ?? undefined}>{formatDateRange(a.starts_on, a.ends_on)}</time>
        {kindLabel(a.kind) && <> · {kindLabel(a.kind)}</>}
        {place && <> · {place}</>}
      </div>
      <a href={activityHref(a)}>{activityTitle(a)}</a>
      {props.role && (
        <div>
          <span class="role">{ROLE_LABELS[props.role as ParticipationRole] ?? props.role}</span>
          {props.jobTitle && <span class="muted"> · {props.jobTitle}</span>}
        </div>
      )}
    </li>
  )
}

export function Pager(props: { page: number; hasMore: boolean; href: (page: number) => string; label?: string }) {
  if (props.page === 1 && !props.hasMore) return null
  return (
    <nav class="pager" aria-label={props.label ?? 'Pages'}>
      {props.page > 1 ? <a href={props.href(props.page - 1)} rel="prev">← Newer</a> : <span />}
      <span class="muted">Page {props.page}</span>
      {props.hasMore ? <a href={props.href(props.page + 1)} rel="next">Older →</a> : <span />}
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
  const href = p.kind === 'person' ? `/people/${p.slug}` : `/organizations/${p.slug}`
  const about: Child[] = []
  if (p.jobTitle) about.push(p.jobTitle)
  if (p.affiliation) about.push(<a href={`/organizations/${p.affiliation.slug}`}>{p.affiliation.name}</a>)
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
      <h2 id="facts-heading">Facts</h2>
      <dl>
        {a.name && <><dt>Title</dt><dd>{a.name}</dd></>}
        <dt>{a.ends_on && a.ends_on !== a.starts_on ? 'Dates' : 'Date'}</dt>
        <dd><time datetime={a.starts_on ?? undefined}>{formatDateRange(a.starts_on, a.ends_on)}</time></dd>
        {kindLabel(a.kind) && <><dt>Kind</dt><dd>{kindLabel(a.kind)}</dd></>}
        {place && <><dt>Place</dt><dd>{place}</dd></>}
        {formatLabel(a.format) && <><dt>Format</dt><dd>{formatLabel(a.format)}</dd></>}
      </dl>
      {a.participants.map((group) => (
        <section>
          <h3>{ROLE_HEADINGS[group.role]}</h3>
          <ul>{group.parties.map((party) => <li><PartyLink party={party} /></li>)}</ul>
        </section>
      ))}
    </aside>
  )
}
