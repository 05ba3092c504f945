import { Hono } from 'hono'
import { z } from 'zod'
import { PARTICIPATION_ROLES, type ParticipationRole, ROLE_HEADINGS, ROLE_LABELS } from '../lib/vocabulary.ts'
import { ActivityLine, Pager } from '../web/components.tsx'
import type { AppEnv } from '../web/env.ts'
import { countryName, formatDate, formatNumber } from '../web/format.ts'
import { Layout } from '../web/layout.tsx'
import { pageParam, parseQuery, toPage, withQuery } from '../web/query.ts'
import { NotFoundError } from '../lib/errors.ts'
import { findOrganizationRedirect, getOrganizationProfile, listOrganizationsPage, ROLE_PAGE_SIZE } from './organization.service.ts'

export const organizationPages = new Hono<AppEnv>()

const KIND_NAMES: Record<string, string> = {
  university: 'University', government: 'Government body', ngo: 'Non-governmental organization',
  international: 'International organization', company: 'Company', media: 'Media', research: 'Research institute',
  other: 'Organization',
}

// "As organizer", "As speaker"; a mention is no role to be "as".
const roleHeading = (role: ParticipationRole) => (role === 'mentioned' ? 'Mentioned' : `As ${ROLE_LABELS[role]}`)

const ProfileQuery = z.object({ page: pageParam, role: z.enum(PARTICIPATION_ROLES).optional() })

organizationPages.get('/organizations', async (c) => {
  const { page } = parseQuery(c, z.object({ page: pageParam }))
  const list = await listOrganizationsPage(c.var.db, toPage(page, 50))
  return c.html(
    <Layout title="Organizations" section="organizations" description="Partners, hosts and affiliations in the institute's activities.">
      <h1>Organizations</h1>
      <ul class="list">
        {list.items.map((o) => (
          <li>
            <a href={`/organizations/${o.slug}`}>{o.name}</a>
            {(o.kind || o.country) && (
              <span class="muted"> — {[o.kind ? KIND_NAMES[o.kind] : null, countryName(o.country)].filter(Boolean).join(', ')}</span>
            )}
          </li>
        ))}
      </ul>
      <Pager page={list.page} hasMore={list.hasMore} href={(page) => withQuery(c, { page })} label="Organization pages" />
    </Layout>,
  )
})

organizationPages.get('/organizations/:slug', async (c) => {
  const query = parseQuery(c, ProfileQuery)
  const slug = c.req.param('slug')
  // An address that moved (a new slug, a merge) leads to where the organization is now.
  const profile = await getOrganizationProfile(c.var.db, slug, { role: query.role, page: toPage(query.page, ROLE_PAGE_SIZE) })
    .catch(async (error: unknown) => {
      const target = error instanceof NotFoundError ? await findOrganizationRedirect(c.var.db, slug) : null
      if (target === null) throw error
      return target
    })
  if (typeof profile === 'string') return c.redirect(`/organizations/${encodeURIComponent(profile)}${new URL(c.req.url).search}`, 301)
  const { organization: org } = profile
  const facts = [org.kind ? KIND_NAMES[org.kind] : null, countryName(org.country)].filter(Boolean).join(' · ')
  return c.html(
    <Layout title={org.name} section="organizations" description={`${org.name}: people and activities with the institute.`}>
      <p class="meta"><a href="/organizations">Organizations</a></p>
      <h1>{org.name}</h1>
      {facts && <p class="lede">{facts}</p>}
      {profile.variants.length > 0 && <p class="meta">Also known as: {profile.variants.join(', ')}</p>}
      {profile.parent && <p>Part of <a href={`/organizations/${profile.parent.slug}`}>{profile.parent.name}</a></p>}
      {org.website && <p><a href={org.website} rel="nofollow noopener">{org.website.replace(/^https?:\/\//, '')}</a></p>}
      <div class="grid two">
        <section aria-labelledby="activities">
          <h2 id="activities">Activities</h2>
          {profile.groups.length === 0 && <p class="muted">No public activities are recorded yet.</p>}
          {profile.groups.map((group) => (
            <section aria-labelledby={`role-${group.role}`}>
              <h3 id={`role-${group.role}`}>{roleHeading(group.role)} <span class="muted">({formatNumber(group.count)})</span></h3>
              <ul class="list">{group.items.map((a) => <ActivityLine activity={a} />)}</ul>
              <Pager page={group.page} hasMore={group.hasMore}
                href={(page) => withQuery(c, { role: group.role, page })} label={`${ROLE_HEADINGS[group.role]} pages`} />
            </section>
          ))}
        </section>
        <div>
          <section aria-labelledby="people">
            <h2 id="people">People</h2>
            {profile.people.length
              ? <ul class="list">{profile.people.map((p) => (
                <li><a href={`/people/${p.slug}`}>{p.name}</a>
                  {p.positions.length > 0 && <span class="muted"> — {p.positions.join('; ')}</span>}</li>
              ))}</ul>
              : <p class="muted">No one is recorded as affiliated.</p>}
          </section>
          {profile.children.length > 0 && (
            <section aria-labelledby="units">
              <h2 id="units">Units and bodies</h2>
              <ul class="list">{profile.children.map((u) => <li><a href={`/organizations/${u.slug}`}>{u.name}</a></li>)}</ul>
            </section>
          )}
          {profile.publications.length > 0 && (
            <section aria-labelledby="publications">
              <h2 id="publications">Publications</h2>
              <ul class="list">{profile.publications.map((p) => (
                <li><a href={`/publications/${p.slug}`}>{p.title}</a><div class="meta">{p.role} · {formatDate(p.published_on)}</div></li>
              ))}</ul>
            </section>
          )}
        </div>
      </div>
    </Layout>,
  )
})
