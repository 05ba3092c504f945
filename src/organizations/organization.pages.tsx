import { Hono } from 'hono'
import { feedAddresses } from '../feeds/feed.service.ts'
import { localPath, t } from '../i18n/locale.ts'
import type { MessageKey } from '../i18n/messages/index.ts'
import { publicationLine } from '../publications/views/publication-line.ts'
import { absoluteUrl, withContext } from '../web/jsonld.ts'
import { z } from 'zod'
import { ORGANIZATION_KINDS, PARTICIPATION_ROLES, type ParticipationRole } from '../lib/vocabulary.ts'
import { ActivityLine, Pager } from '../web/components.tsx'
import type { AppEnv } from '../web/env.ts'
import { countryName, formatNumber } from '../web/format.ts'
import { Layout } from '../web/layout.tsx'
import { pageParam, parseQuery, toPage, withQuery } from '../web/query.ts'
import { NotFoundError } from '../lib/errors.ts'
import { findOrganizationRedirect, getOrganizationProfile, listOrganizationsPage, type OrganizationProfile, PEOPLE_PAGE_SIZE,
  ROLE_PAGE_SIZE } from './organization.service.ts'

export const organizationPages = new Hono<AppEnv>()

const kindName = (kind: string | null) => (kind && (ORGANIZATION_KINDS as readonly string[]).includes(kind) ? t(`orgKind.${kind}` as MessageKey) : null)

// "As organizer", "As speaker"; a mention is no role to be "as".
const roleHeading = (role: ParticipationRole) => t(`orgRole.${role}` as MessageKey)

function organizationJsonLd(profile: OrganizationProfile) {
  const { organization: o } = profile
  return withContext({
    '@type': o.kind === 'university' ? 'CollegeOrUniversity' : o.kind === 'government' ? 'GovernmentOrganization'
      : o.kind === 'ngo' ? 'NGO' : o.kind === 'research' ? 'ResearchOrganization' : 'Organization',
    name: o.name, url: absoluteUrl(`/organizations/${o.slug}`),
    ...(profile.variants.length ? { alternateName: profile.variants } : {}),
    ...(o.website ? { sameAs: o.website } : {}),
    ...(o.country ? { address: { '@type': 'PostalAddress', addressCountry: o.country } } : {}),
    ...(profile.parent ? { parentOrganization: { '@type': 'Organization', name: profile.parent.name, url: absoluteUrl(`/organizations/${profile.parent.slug}`) } } : {}),
    ...(profile.children.length ? { subOrganization: profile.children.map((u) => ({ '@type': 'Organization', name: u.name, url: absoluteUrl(`/organizations/${u.slug}`) })) } : {}),
    member: profile.people.items.map((p) => ({ '@type': 'Person', name: p.name, url: absoluteUrl(`/people/${p.slug}`) })),
  })
}

const ProfileQuery = z.object({ page: pageParam, role: z.enum(PARTICIPATION_ROLES).optional(), peoplePage: pageParam })

organizationPages.get('/organizations', async (c) => {
  const { page } = parseQuery(c, z.object({ page: pageParam }))
  const list = await listOrganizationsPage(c.var.db, toPage(page, 50))
  return c.html(
    <Layout title={t('organizations.title')} section="organizations" description={t('organizations.description')}>
      <h1>{t('organizations.title')}</h1>
      <ul class="list">
        {list.items.map((o) => (
          <li>
            <a href={localPath(`/organizations/${o.slug}`)}>{o.name}</a>
            {(o.kind || o.country) && (
              <span class="muted"> — {[kindName(o.kind), countryName(o.country)].filter(Boolean).join(', ')}</span>
            )}
          </li>
        ))}
      </ul>
      <Pager page={list.page} hasMore={list.hasMore} href={(page) => withQuery(c, { page })} label={t('organizations.pages')} />
    </Layout>,
  )
})

organizationPages.get('/organizations/:slug', async (c) => {
  const query = parseQuery(c, ProfileQuery)
  const slug = c.req.param('slug')
  // An address that moved (a new slug, a merge) leads to where the organization is now.
  const profile = await getOrganizationProfile(c.var.db, slug,
    { role: query.role, page: toPage(query.page, ROLE_PAGE_SIZE), peoplePage: toPage(query.peoplePage, PEOPLE_PAGE_SIZE) })
    .catch(async (error: unknown) => {
      const target = error instanceof NotFoundError ? await findOrganizationRedirect(c.var.db, slug) : null
      if (target === null) throw error
      return target
    })
  if (typeof profile === 'string') return c.redirect(localPath(`/organizations/${encodeURIComponent(profile)}${new URL(c.req.url).search}`), 301)
  const { organization: org } = profile
  const facts = [kindName(org.kind), countryName(org.country)].filter(Boolean).join(' · ')
  return c.html(
    <Layout title={org.name} section="organizations" description={t('organization.description', { name: org.name })}
      jsonLd={organizationJsonLd(profile)} feeds={feedAddresses(`/organizations/${org.slug}`)}>
      <p class="meta"><a href={localPath('/organizations')}>{t('organizations.title')}</a></p>
      <h1>{org.name}</h1>
      {facts && <p class="lede">{facts}</p>}
      {profile.variants.length > 0 && <p class="meta">{t('organization.alsoKnown', { names: profile.variants.join(', ') })}</p>}
      {profile.parent && <p>{t('organization.partOf')} <a href={localPath(`/organizations/${profile.parent.slug}`)}>{profile.parent.name}</a></p>}
      {org.website && <p><a href={org.website} rel="nofollow noopener">{org.website.replace(/^https?:\/\//, '')}</a></p>}
      <div class="grid two">
        <section aria-labelledby="activities">
          <h2 id="activities">{t('organization.activities')}</h2>
          {profile.groups.length === 0 && <p class="muted">{t('organization.noActivities')}</p>}
          {profile.groups.map((group) => (
            <section aria-labelledby={`role-${group.role}`}>
              <h3 id={`role-${group.role}`}>{roleHeading(group.role)} <span class="muted">({formatNumber(group.count)})</span></h3>
              <ul class="list">{group.items.map((a) => <ActivityLine activity={a} />)}</ul>
              <Pager page={group.page} hasMore={group.hasMore}
                href={(page) => withQuery(c, { role: group.role, page })} label={t('organization.rolePages', { role: roleHeading(group.role) })} />
            </section>
          ))}
        </section>
        <div>
          <section aria-labelledby="people">
            <h2 id="people">{t('organization.people')}</h2>
            {profile.people.items.length
              ? <ul class="list">{profile.people.items.map((p) => (
                <li><a href={localPath(`/people/${p.slug}`)}>{p.name}</a>
                  {p.positions.length > 0 && <span class="muted"> — {p.positions.join('; ')}</span>}</li>
              ))}</ul>
              : <p class="muted">{t('organization.noPeople')}</p>}
            <Pager page={profile.people.page} hasMore={profile.people.hasMore}
              href={(page) => withQuery(c, { peoplePage: page })} label={t('organization.peoplePages')} />
          </section>
          {profile.children.length > 0 && (
            <section aria-labelledby="units">
              <h2 id="units">{t('organization.units')}</h2>
              <ul class="list">{profile.children.map((u) => <li><a href={localPath(`/organizations/${u.slug}`)}>{u.name}</a></li>)}</ul>
            </section>
          )}
          {profile.publications.length > 0 && (
            <section aria-labelledby="publications">
              <h2 id="publications">{t('organization.publications')}</h2>
              <ul class="list">{profile.publications.map(publicationLine)}</ul>
            </section>
          )}
        </div>
      </div>
    </Layout>,
  )
})
