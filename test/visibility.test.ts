import { beforeAll, expect, it } from 'vitest'
import { describeEachDialect } from './db.ts'
import { makeActivity, makeOrganization, makePerson, makePost, type Made } from './factories.ts'
import { linksOf, openPage, sectionHeaded, textOf, textsOf } from './html.ts'
import { useTestServer } from './server.ts'

// What an internal record hides, everywhere a reader or an integrator can look.
describeEachDialect('internal activities and participations, over HTTP', (dialect) => {
  const server = useTestServer(dialect)
  let speaker: Made, host: Made, insider: Made, sponsor: Made
  let closed: { id: number; slug: string }, open: { id: number; slug: string }
  let closedPost: { slug: string }, openPost: { slug: string }

  beforeAll(async () => {
    const { db } = server()
    speaker = await makePerson(db, { name: 'Aigerim Public' })
    insider = await makePerson(db, { name: 'Bolat Insider' })
    host = await makeOrganization(db, { name: 'Open Host Foundation' })
    sponsor = await makeOrganization(db, { name: 'Quiet Sponsor Fund' })
    closed = await makeActivity(db, {
      name: 'Closed strategy retreat', kind: 'meeting', startsOn: '2024-05-10', internal: true,
      participants: [[host, 'organizer'], [speaker, 'speaker'], [insider, 'participant'], [sponsor, 'supporter']],
    })
    open = await makeActivity(db, {
      name: 'Open seminar on migration', kind: 'seminar', startsOn: '2024-05-20',
      participants: [[host, 'organizer'], [speaker, 'speaker'], [insider, 'participant', { internal: true }],
        [sponsor, 'supporter', { internal: true }]],
    })
    closedPost = await makePost(db, { title: 'Retreat sets the strategy', activityId: closed.id, publishedAt: '2024-05-11T09:00:00.000Z' })
    openPost = await makePost(db, { title: 'Seminar on migration held', activityId: open.id, publishedAt: '2024-05-21T09:00:00.000Z' })
  })

  it('the home page and /news show the public post and activity only', async () => {
    const home = await openPage(server(), '/')
    expect(textsOf(sectionHeaded(home.root, 'h2', 'Latest news'), '.card h3')).toEqual(['Seminar on migration held'])
    expect(textsOf(sectionHeaded(home.root, 'h2', 'Recent activities'), 'li > a')).toEqual(['Open seminar on migration'])
    expect(home.html).not.toContain('retreat')

    const news = await openPage(server(), '/news')
    expect(textsOf(news.root, '.card h2')).toEqual(['Seminar on migration held'])
    expect(textsOf((await openPage(server(), '/news?kind=meeting')).root, '.card h2')).toEqual([])
  })

  it('the post about the internal activity, and the activity itself, are not found', async () => {
    for (const path of [`/news/${closedPost.slug}`, `/activities/${closed.slug}`]) {
      const { status, html } = await openPage(server(), path)
      expect(status, path).toBe(404)
      expect(html, path).not.toContain('Retreat sets the strategy')
    }
  })

  it('the public post names the public participants and leaves out the internal ones', async () => {
    const { status, root } = await openPage(server(), `/news/${openPost.slug}`)
    expect(status).toBe(200)
    const facts = root.querySelector('aside.facts')!
    expect(textsOf(facts, 'h3')).toEqual(['Organizers', 'Speakers'])
    expect(linksOf(facts, 'li a')).toEqual([
      { text: 'Open Host Foundation', href: `/organizations/${host.slug}` },
      { text: 'Aigerim Public', href: `/people/${speaker.slug}` },
    ])
    expect(textOf(root)).not.toMatch(/Bolat Insider|Quiet Sponsor Fund/)
  })

  it('a person page lists only the public activities the person publicly took part in', async () => {
    const { root } = await openPage(server(), `/people/${speaker.slug}`)
    const timeline = root.querySelector('section.timeline')!
    expect(textOf(timeline.querySelector('h2'))).toBe('Activities (1)')
    expect(linksOf(timeline, 'li > a')).toEqual([{ text: 'Open seminar on migration', href: `/news/${openPost.slug}` }])

    const hidden = await openPage(server(), `/people/${insider.slug}`)
    expect(hidden.status).toBe(200)
    expect(textOf(hidden.root.querySelector('section.timeline'))).toBe('Activities (0) No public activities are recorded yet.')
    expect(hidden.html).not.toMatch(/Open seminar|retreat/i)
  })

  it('an organization page lists only the public activities it publicly took part in', async () => {
    const { root } = await openPage(server(), `/organizations/${host.slug}`)
    const activities = sectionHeaded(root, 'h2', 'Activities')
    expect(textsOf(activities, 'h3')).toEqual(['As organizer (1)'])
    expect(linksOf(activities, 'li > a')).toEqual([{ text: 'Open seminar on migration', href: `/news/${openPost.slug}` }])

    const hidden = await openPage(server(), `/organizations/${sponsor.slug}`)
    expect(textsOf(sectionHeaded(hidden.root, 'h2', 'Activities'), 'p')).toEqual(['No public activities are recorded yet.'])
    expect(hidden.html).not.toMatch(/Open seminar|retreat/i)
  })

  it('/api/v1/posts and its filters leave out the internal activity and participations', async () => {
    const slugs = async (query: string) =>
      ((await (await server().get(`/api/v1/posts${query}`)).json()) as { data: { slug: string }[] }).data.map((p) => p.slug)
    expect(await slugs('')).toEqual([openPost.slug])
    expect(await slugs(`?person=${speaker.slug}`)).toEqual([openPost.slug])
    expect(await slugs(`?organization=${host.slug}`)).toEqual([openPost.slug])
    expect(await slugs(`?person=${insider.slug}`)).toEqual([])
    expect(await slugs(`?organization=${sponsor.slug}`)).toEqual([])
    expect(await slugs('?kind=meeting')).toEqual([])
    expect((await server().get(`/api/v1/posts/${closedPost.slug}`)).status).toBe(404)
  })

  it('/api/v1/posts/{slug} and /api/v1/activities list only the public participants', async () => {
    const post = await (await server().get(`/api/v1/posts/${openPost.slug}`)).json()
    expect(post.activity.participants.map((p: { slug: string; role: string }) => [p.role, p.slug]))
      .toEqual([['organizer', host.slug], ['speaker', speaker.slug]])

    const activities = await (await server().get('/api/v1/activities')).json()
    expect(activities.data.map((a: { slug: string }) => a.slug)).toEqual([open.slug])
    expect(activities.data[0].participants.map((p: { slug: string }) => p.slug)).toEqual([host.slug, speaker.slug])
    expect((await (await server().get(`/api/v1/activities?person=${insider.slug}`)).json()).data).toEqual([])
    expect((await server().get(`/api/v1/activities/${closed.slug}`)).status).toBe(404)
  })

  it('/api/v1/people/{slug} and /api/v1/organizations/{slug} count and list only public participation', async () => {
    const json = async (path: string) => (await server().get(path)).json()
    const publicPerson = await json(`/api/v1/people/${speaker.slug}`)
    expect(publicPerson.activityCount).toBe(1)
    expect(publicPerson.activities.map((a: { slug: string; role: string }) => [a.slug, a.role])).toEqual([[open.slug, 'speaker']])
    const hiddenPerson = await json(`/api/v1/people/${insider.slug}`)
    expect([hiddenPerson.activityCount, hiddenPerson.activities]).toEqual([0, []])

    const publicOrganization = await json(`/api/v1/organizations/${host.slug}`)
    expect(publicOrganization.activitiesByRole.map((g: { role: string; count: number; activities: { slug: string }[] }) =>
      [g.role, g.count, g.activities.map((a) => a.slug)])).toEqual([['organizer', 1, [open.slug]]])
    expect((await json(`/api/v1/organizations/${sponsor.slug}`)).activitiesByRole).toEqual([])
  })
})
