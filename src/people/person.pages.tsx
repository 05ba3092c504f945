import { Hono } from 'hono'
import { feedAddresses } from '../feeds/feed.service.ts'
import { localPath, t } from '../i18n/locale.ts'
import { publicationLine } from '../publications/views/publication-line.ts'
import { absoluteUrl, withContext } from '../web/jsonld.ts'
import { z } from 'zod'
import { fileUrl, findStoredFilesByIds } from '../files/file.service.ts'
import { ActivityLine, Pager } from '../web/components.tsx'
import type { AppEnv } from '../web/env.ts'
import { formatDate, formatNumber } from '../web/format.ts'
import { Layout } from '../web/layout.tsx'
import { pageParam, parseQuery, toPage, withQuery } from '../web/query.ts'
import { NotFoundError } from '../lib/errors.ts'
import { findPersonRedirect, getPersonProfile, listPeoplePage, type PersonProfile, PROFILE_PAGE_SIZE } from './person.service.ts'

export const peoplePages = new Hono<AppEnv>()

function personJsonLd(profile: PersonProfile) {
  const { person } = profile
  return withContext({
    '@type': 'Person', name: person.name, url: absoluteUrl(`/people/${person.slug}`),
    ...(profile.variants.length ? { alternateName: profile.variants } : {}),
    ...(person.honorific ? { honorificPrefix: person.honorific } : {}),
    ...(person.degree ? { hasCredential: { '@type': 'EducationalOccupationalCredential', name: person.degree } } : {}),
    ...(person.biography ? { description: person.biography } : {}),
    jobTitle: [...new Set(profile.affiliations.map((a) => a.position).filter(Boolean))],
    affiliation: profile.affiliations.map((a) => ({ '@type': 'Organization', name: a.organization_name, url: absoluteUrl(`/organizations/${a.organization_slug}`) })),
  })
}

const PageQuery = z.object({ page: pageParam })

function period(from: string | null, to: string | null) {
  if (!from && !to) return null
  if (!from) return t('period.until', { to: formatDate(to) })
  return to ? t('period.range', { from: formatDate(from), to: formatDate(to) }) : t('period.from', { from: formatDate(from) })
}

peoplePages.get('/people', async (c) => {
  const { page } = parseQuery(c, PageQuery)
  const people = await listPeoplePage(c.var.db, toPage(page, 50))
  return c.html(
    <Layout title={t('people.title')} section="people" description={t('people.description')}>
      <h1>{t('people.title')}</h1>
      <ul class="list">
        {people.items.map((p) => (
          <li>
            <a href={localPath(`/people/${p.slug}`)}>{p.name}</a>
            {p.affiliations.length > 0 && (
              <span class="muted"> — {p.affiliations.slice(0, 2)
                .map((a) => [a.position, a.organization_name].filter(Boolean).join(', ')).join('; ')}</span>
            )}
          </li>
        ))}
      </ul>
      <Pager page={people.page} hasMore={people.hasMore} href={(page) => withQuery(c, { page })} label={t('people.pages')} />
    </Layout>,
  )
})

peoplePages.get('/people/:slug', async (c) => {
  const { page } = parseQuery(c, PageQuery)
  const slug = c.req.param('slug')
  // An address that moved (a new slug, a merge) leads to where the person is now.
  const profile = await getPersonProfile(c.var.db, slug, toPage(page, PROFILE_PAGE_SIZE)).catch(async (error: unknown) => {
    const target = error instanceof NotFoundError ? await findPersonRedirect(c.var.db, slug) : null
    if (target === null) throw error
    return target
  })
  if (typeof profile === 'string') return c.redirect(localPath(`/people/${encodeURIComponent(profile)}${new URL(c.req.url).search}`), 301)
  const { person } = profile
  const fullName = [person.honorific, person.name].filter(Boolean).join(' ')
  const photo = person.photo_file_id ? (await findStoredFilesByIds(c.var.db, [person.photo_file_id])).get(person.photo_file_id) : undefined
  return c.html(
    <Layout title={person.name} section="people" ogType="profile" jsonLd={personJsonLd(profile)}
      description={t('person.description', { name: person.name, count: profile.activityCount })} feeds={feedAddresses(`/people/${person.slug}`)}>
      <p class="meta"><a href={localPath('/people')}>{t('people.title')}</a></p>
      {photo && <img class="portrait" src={fileUrl(photo.sha256)} alt={person.name} />}
      <h1>{fullName}</h1>
      {person.degree && <p class="lede">{person.degree}</p>}
      {profile.variants.length > 0 && <p class="meta">{t('person.alsoWritten', { names: profile.variants.join(', ') })}</p>}
      <div class="grid two">
        <section class="timeline" aria-labelledby="activities">
          <h2 id="activities">{t('person.activities')} <span class="muted">({formatNumber(profile.activityCount)})</span></h2>
          {profile.timeline.length === 0 && <p class="muted">{t('person.noActivities')}</p>}
          {profile.timeline.map((year) => (
            <section aria-label={year.year === 'Undated' ? t('year.undated') : year.year}>
              <h3>{year.year === 'Undated' ? t('year.undated') : year.year}</h3>
              <ul class="list">
                {year.items.map((a) => <ActivityLine activity={a} role={a.role} jobTitle={a.job_title} />)}
              </ul>
            </section>
          ))}
          <Pager page={profile.activities.page} hasMore={profile.activities.hasMore}
            href={(page) => withQuery(c, { page })} label={t('person.activityPages')} />
        </section>
        <div>
          {person.biography && <section aria-labelledby="about"><h2 id="about">{t('person.about')}</h2><p>{person.biography}</p></section>}
          <section aria-labelledby="positions">
            <h2 id="positions">{t('person.positions')}</h2>
            {profile.affiliations.length
              ? <ul class="list">{profile.affiliations.map((a) => (
                <li>
                  {a.position && <>{a.position}, </>}
                  <a href={localPath(`/organizations/${a.organization_slug}`)}>{a.organization_name}</a>
                  {period(a.starts_on, a.ends_on) && <div class="meta">{period(a.starts_on, a.ends_on)}</div>}
                </li>
              ))}</ul>
              : <p class="muted">{t('person.noAffiliation')}</p>}
          </section>
          {profile.publications.length > 0 && (
            <section aria-labelledby="publications">
              <h2 id="publications">{t('person.publications')}</h2>
              <ul class="list">{profile.publications.map(publicationLine)}</ul>
            </section>
          )}
          <p class="downloads">{t('activityList.download')}{' '}
            <a href={localPath(`/people/${person.slug}/activities.csv`)} download>CSV</a>,{' '}
            <a href={localPath(`/people/${person.slug}/activities.docx`)} download>DOCX</a>
          </p>
          <p><a href={`/api/v1/people/${person.slug}`}>{t('person.json')}</a></p>
          <p class="meta">{t('footer.feeds')} <a href={`/people/${person.slug}/feed.xml`}>RSS</a> · <a href={`/people/${person.slug}/atom.xml`}>Atom</a> · <a href={`/people/${person.slug}/calendar.ics`}>iCalendar</a></p>
        </div>
      </div>
    </Layout>,
  )
})
