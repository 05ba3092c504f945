import { Hono } from 'hono'
import { z } from 'zod'
import { fileUrl, findStoredFilesByIds } from '../files/file.service.ts'
import { ActivityLine, Pager } from '../web/components.tsx'
import type { AppEnv } from '../web/env.ts'
import { formatDate, formatNumber } from '../web/format.ts'
import { Layout } from '../web/layout.tsx'
import { pageParam, parseQuery, toPage, withQuery } from '../web/query.ts'
import { NotFoundError } from '../lib/errors.ts'
import { findPersonRedirect, getPersonProfile, listPeoplePage, PROFILE_PAGE_SIZE } from './person.service.ts'

export const peoplePages = new Hono<AppEnv>()

const PageQuery = z.object({ page: pageParam })

function period(from: string | null, to: string | null) {
  if (!from && !to) return null
  return `${from ? formatDate(from) : '…'} – ${to ? formatDate(to) : 'now'}`
}

peoplePages.get('/people', async (c) => {
  const { page } = parseQuery(c, PageQuery)
  const people = await listPeoplePage(c.var.db, toPage(page, 50))
  return c.html(
    <Layout title="People" section="people" description="Researchers, speakers and partners in the institute's activities.">
      <h1>People</h1>
      <ul class="list">
        {people.items.map((p) => (
          <li>
            <a href={`/people/${p.slug}`}>{p.name}</a>
            {p.affiliations.length > 0 && (
              <span class="muted"> — {p.affiliations.slice(0, 2)
                .map((a) => [a.position, a.organization_name].filter(Boolean).join(', ')).join('; ')}</span>
            )}
          </li>
        ))}
      </ul>
      <Pager page={people.page} hasMore={people.hasMore} href={(page) => withQuery(c, { page })} label="People pages" />
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
  if (typeof profile === 'string') return c.redirect(`/people/${encodeURIComponent(profile)}${new URL(c.req.url).search}`, 301)
  const { person } = profile
  const fullName = [person.honorific, person.name].filter(Boolean).join(' ')
  const photo = person.photo_file_id ? (await findStoredFilesByIds(c.var.db, [person.photo_file_id])).get(person.photo_file_id) : undefined
  return c.html(
    <Layout title={person.name} section="people"
      description={`${person.name}: positions, affiliations and ${profile.activityCount} activities.`}>
      <p class="meta"><a href="/people">People</a></p>
      {photo && <img class="portrait" src={fileUrl(photo.sha256)} alt={person.name} />}
      <h1>{fullName}</h1>
      {person.degree && <p class="lede">{person.degree}</p>}
      {profile.variants.length > 0 && <p class="meta">Also written: {profile.variants.join(', ')}</p>}
      <div class="grid two">
        <section class="timeline" aria-labelledby="activities">
          <h2 id="activities">Activities <span class="muted">({formatNumber(profile.activityCount)})</span></h2>
          {profile.timeline.length === 0 && <p class="muted">No public activities are recorded yet.</p>}
          {profile.timeline.map((year) => (
            <section aria-label={year.year}>
              <h3>{year.year}</h3>
              <ul class="list">
                {year.items.map((a) => <ActivityLine activity={a} role={a.role} jobTitle={a.job_title} />)}
              </ul>
            </section>
          ))}
          <Pager page={profile.activities.page} hasMore={profile.activities.hasMore}
            href={(page) => withQuery(c, { page })} label="Activity pages" />
        </section>
        <div>
          {person.biography && <section aria-labelledby="about"><h2 id="about">About</h2><p>{person.biography}</p></section>}
          <section aria-labelledby="positions">
            <h2 id="positions">Positions and affiliations</h2>
            {profile.affiliations.length
              ? <ul class="list">{profile.affiliations.map((a) => (
                <li>
                  {a.position && <>{a.position}, </>}
                  <a href={`/organizations/${a.organization_slug}`}>{a.organization_name}</a>
                  {period(a.starts_on, a.ends_on) && <div class="meta">{period(a.starts_on, a.ends_on)}</div>}
                </li>
              ))}</ul>
              : <p class="muted">No affiliation is recorded.</p>}
          </section>
          {profile.publications.length > 0 && (
            <section aria-labelledby="publications">
              <h2 id="publications">Publications</h2>
              <ul class="list">{profile.publications.map((p) => (
                <li><a href={`/publications/${p.slug}`}>{p.title}</a><div class="meta">{p.role} · {formatDate(p.published_on)}</div></li>
              ))}</ul>
            </section>
          )}
          <p><a href={`/api/v1/people/${person.slug}`}>This profile as JSON</a></p>
        </div>
      </div>
    </Layout>,
  )
})
