import { expect, it } from 'vitest'
import { describeEachDialect } from './db.ts'
import { DEMO_POST_SLUGS, GENDER_REPORT, INSTITUTE, RAKISHEVA_ACTIVITIES, ROUND_TABLE_POST, TURKIC_WORKSHOP } from './demo.ts'
import { type TestServer, useTestServer } from './server.ts'

interface Paged<T> {
  data: T[]
  page: number
  pageSize: number
  hasMore: boolean
  links: { next: string | null; prev: string | null }
}

interface Problem { type: string; title: string; status: number; detail: string; instance: string; code: string; errors?: string[] }

async function getJson<T = any>(server: TestServer, path: string): Promise<T> {
  const response = await server.get(path)
  expect(response.status, path).toBe(200)
  expect(response.headers.get('content-type'), path).toMatch(/^application\/json/)
  return response.json() as Promise<T>
}

async function getProblem(server: TestServer, path: string, status: number): Promise<Problem> {
  const response = await server.get(path)
  expect(response.status, path).toBe(status)
  expect(response.headers.get('content-type'), path).toBe('application/problem+json; charset=utf-8')
  return response.json() as Promise<Problem>
}

const slugsOf = (page: Paged<{ slug: string }>) => page.data.map((item) => item.slug)

describeEachDialect('read API over the demo archive', (dialect) => {
  const server = useTestServer(dialect, { demo: true })

  it('/api/v1/posts lists the ten posts newest first, with links to their pages', async () => {
    const posts = await getJson<Paged<any>>(server(), '/api/v1/posts')
    expect(slugsOf(posts)).toEqual(DEMO_POST_SLUGS)
    expect(posts).toMatchObject({ page: 1, pageSize: 20, hasMore: false, links: { next: null, prev: null } })
    expect(posts.data[0]).toEqual({
      slug: TURKIC_WORKSHOP.post,
      url: `${server().baseUrl}/news/${TURKIC_WORKSHOP.post}`,
      lang: 'en',
      title: TURKIC_WORKSHOP.title,
      summary: expect.stringContaining('was held in Astana'),
      publishedAt: '2024-09-20T09:00:00.000Z',
      activity: {
        slug: TURKIC_WORKSHOP.activity, kind: 'workshop', name: TURKIC_WORKSHOP.activityName, startsOn: '2024-09-20',
        endsOn: null, city: 'Astana', country: 'KZ',
      },
    })
  })

  it('/api/v1/posts pages by following links.next and links.prev', async () => {
    const seen: string[] = []
    let url: string | null = '/api/v1/posts?pageSize=4'
    const pages: Paged<{ slug: string }>[] = []
    while (url) {
      const page: Paged<{ slug: string }> = await getJson(server(), url)
      pages.push(page)
      seen.push(...slugsOf(page))
      url = page.links.next
    }
    expect(seen).toEqual(DEMO_POST_SLUGS)
    expect(pages.map((p) => [p.page, p.data.length, p.hasMore])).toEqual([[1, 4, true], [2, 4, true], [3, 2, false]])
    expect(pages[1]!.links.prev).toBe(`${server().baseUrl}/api/v1/posts?pageSize=4`)
    expect(pages[2]!.links.prev).toBe(`${server().baseUrl}/api/v1/posts?pageSize=4&page=2`)
  })

  it.each([
    ['year=2024', DEMO_POST_SLUGS],
    ['year=2023', []],
    ['kind=round-table', [ROUND_TABLE_POST.slug]],
    ['kind=meeting', ['public-council-agency-for-strategic-planning-first-meeting', 'taldau-talks-first-meeting',
      'consortium-on-family-gender-and-demographic-policy', 'expert-meeting-turkish-foreign-policy-in-eurasia']],
    ['person=botagoz-rakisheva', RAKISHEVA_ACTIVITIES.map(([post]) => post)],
    ['person=kalamkas-yessimova', [TURKIC_WORKSHOP.post, 'conference-on-the-works-of-k-khafizova',
      'expert-meeting-turkish-foreign-policy-in-eurasia']],
    ['organization=public-opinion-research-institute', [TURKIC_WORKSHOP.post, 'gender-equality-report-presented',
      'expert-meeting-turkish-foreign-policy-in-eurasia']],
    ['person=botagoz-rakisheva&kind=meeting', ['public-council-agency-for-strategic-planning-first-meeting',
      'taldau-talks-first-meeting', 'consortium-on-family-gender-and-demographic-policy']],
  ])('/api/v1/posts?%s gives the matching posts', async (query, expected) => {
    expect(slugsOf(await getJson(server(), `/api/v1/posts?${query}`))).toEqual(expected)
  })

  it('Botagoz Rakisheva has nine posts, and paging through them keeps the filter', async () => {
    const first = await getJson<Paged<{ slug: string }>>(server(), '/api/v1/posts?person=botagoz-rakisheva&pageSize=5')
    expect(first.data).toHaveLength(5)
    expect(first.links.next).toBe(`${server().baseUrl}/api/v1/posts?person=botagoz-rakisheva&pageSize=5&page=2`)
    const second = await getJson<Paged<{ slug: string }>>(server(), first.links.next!)
    expect([...slugsOf(first), ...slugsOf(second)]).toHaveLength(9)
    expect(second.hasMore).toBe(false)
  })

  it('/api/v1/posts/{slug} gives the body, the facts and the participants with their roles', async () => {
    const post = await getJson(server(), `/api/v1/posts/${TURKIC_WORKSHOP.post}`)
    expect(post).toMatchObject({
      slug: TURKIC_WORKSHOP.post, title: TURKIC_WORKSHOP.title, bodyFormat: 'markdown', publishedAt: '2024-09-20T09:00:00.000Z',
      links: [{ url: 'https://turkicacademy.org', label: null }, { url: 'https://opinions.kz', label: null }],
      activity: { slug: TURKIC_WORKSHOP.activity, kind: 'workshop', city: 'Astana', country: 'KZ', format: 'hybrid' },
      publications: [],
    })
    expect(post.body).toContain('The moderator of the event was Dr. Botagoz Rakisheva')
    const participants: { role: string; type: string; slug: string }[] = post.activity.participants
    expect(participants.filter((p) => p.role === 'organizer').map((p) => [p.type, p.slug]))
      .toEqual([['organization', 'turkic-academy'], ['organization', INSTITUTE]])
    expect(participants.find((p) => p.slug === 'botagoz-rakisheva')).toEqual({
      role: 'moderator', type: 'person', slug: 'botagoz-rakisheva', name: 'Botagoz Rakisheva', jobTitle: 'Director',
      affiliation: { slug: INSTITUTE, name: 'Public Opinion Research Institute' },
    })
    expect([...new Set(participants.map((p) => p.role))]).toEqual(['organizer', 'moderator', 'speaker', 'participant', 'mentioned'])

    const report = await getJson(server(), '/api/v1/posts/gender-equality-report-presented')
    expect(report.publications).toEqual([{
      slug: GENDER_REPORT, title: 'Public perception of gender equality and women’s empowerment in Kazakhstan', kind: 'report',
      publishedOn: '2024-03-05',
    }])
  })

  it('/api/v1/activities lists the ten activities with participants and their posts, and filters them', async () => {
    const all = await getJson<Paged<any>>(server(), '/api/v1/activities')
    expect(all.data).toHaveLength(10)
    expect(all.data.map((a) => a.posts[0]?.slug)).toEqual(DEMO_POST_SLUGS)
    expect(all.data[0]).toMatchObject({ slug: TURKIC_WORKSHOP.activity, startsOn: '2024-09-20', format: 'hybrid' })
    expect(all.data[0].participants).toHaveLength(30)

    expect(slugsOf(await getJson(server(), '/api/v1/activities?kind=round-table')))
      .toEqual(['2024-02-23-round-table-on-ethnocultural-enclaves'])
    expect((await getJson<Paged<any>>(server(), '/api/v1/activities?person=botagoz-rakisheva')).data).toHaveLength(9)
    expect((await getJson<Paged<any>>(server(), '/api/v1/activities?year=2024&organization=turkic-academy')).data.map((a) => a.slug))
      .toEqual([TURKIC_WORKSHOP.activity])
    const one = await getJson<Paged<any>>(server(), '/api/v1/activities?pageSize=1&page=10')
    expect(one).toMatchObject({ page: 10, hasMore: false, data: [{ slug: '2024-01-24-expert-meeting-turkish-foreign-policy-in-eurasia' }] })
  })

  it('/api/v1/activities/{slug} gives one activity with its posts', async () => {
    const activity = await getJson(server(), '/api/v1/activities/2024-02-23-round-table-on-ethnocultural-enclaves')
    expect(activity).toMatchObject({ kind: 'round-table', startsOn: '2024-02-23', posts: [{ slug: ROUND_TABLE_POST.slug }] })
    expect(activity.participants.filter((p: { role: string }) => p.role === 'speaker')).toHaveLength(5)
  })

  it('/api/v1/people lists the 31 people by name, with their affiliations', async () => {
    const people = await getJson<Paged<any>>(server(), '/api/v1/people')
    expect(people.data).toHaveLength(31)
    expect(people.hasMore).toBe(false)
    expect(people.data.find((p) => p.slug === 'botagoz-rakisheva')).toEqual({
      slug: 'botagoz-rakisheva', name: 'Botagoz Rakisheva', honorific: 'Dr.', degree: 'Candidate of Sociological Sciences',
      url: `${server().baseUrl}/people/botagoz-rakisheva`,
      affiliations: [{ organization: { slug: INSTITUTE, name: 'Public Opinion Research Institute' }, position: 'Director' }],
    })
    const firstTen = await getJson<Paged<any>>(server(), '/api/v1/people?pageSize=10')
    expect(slugsOf(firstTen)).toEqual(slugsOf(people).slice(0, 10))
    expect(firstTen.hasMore).toBe(true)
  })

  it('/api/v1/people/{slug} gives the profile with each activity and the role in it', async () => {
    const person = await getJson(server(), '/api/v1/people/botagoz-rakisheva')
    expect(person).toMatchObject({
      name: 'Botagoz Rakisheva', honorific: 'Dr.', degree: 'Candidate of Sociological Sciences',
      variants: ['Ракишева Ботагоз', 'Ботагоз Ракишева'],
      affiliations: [{ organization: { slug: INSTITUTE }, position: 'Director' }],
      activityCount: 9,
      activitiesPage: { page: 1, hasMore: false },
      publications: [{ slug: GENDER_REPORT, role: 'presenter', publishedOn: '2024-03-05' }],
    })
    expect(person.activities.map((a: { post: { slug: string }; role: string }) => [a.post.slug, a.role])).toEqual(RAKISHEVA_ACTIVITIES)
    expect(person.activities[0]).toMatchObject({ slug: TURKIC_WORKSHOP.activity, role: 'moderator', jobTitle: 'Director' })
  })

  it('/api/v1/organizations lists the 62 organizations', async () => {
    const first = await getJson<Paged<any>>(server(), '/api/v1/organizations')
    const second = await getJson<Paged<any>>(server(), first.links.next!)
    expect([...first.data, ...second.data]).toHaveLength(62)
    expect(second.hasMore).toBe(false)
    expect(first.data.find((o) => o.slug === INSTITUTE)).toEqual({
      slug: INSTITUTE, name: 'Public Opinion Research Institute', kind: 'research', country: 'KZ',
      url: `${server().baseUrl}/organizations/${INSTITUTE}`,
    })
  })

  it('/api/v1/organizations/{slug} gives its people and its activities grouped by role', async () => {
    const organization = await getJson(server(), `/api/v1/organizations/${INSTITUTE}`)
    expect(organization).toMatchObject({ name: 'Public Opinion Research Institute', kind: 'research', website: 'https://opinions.kz' })
    expect(organization.people).toEqual([
      { slug: 'botagoz-rakisheva', name: 'Botagoz Rakisheva', positions: ['Director'] },
      { slug: 'gulden-ashkenova', name: 'Gulden Ashkenova', positions: ['Deputy Director'] },
      { slug: 'kalamkas-yessimova', name: 'Kalamkas Yessimova', positions: ['Chief Researcher', 'scientific researcher'] },
    ])
    expect(organization.activitiesByRole.map((g: { role: string; count: number; activities: { post: { slug: string } }[] }) =>
      [g.role, g.count, g.activities.map((a) => a.post.slug)])).toEqual([
      ['organizer', 2, [TURKIC_WORKSHOP.post, 'expert-meeting-turkish-foreign-policy-in-eurasia']],
      ['mentioned', 1, ['gender-equality-report-presented']],
    ])
    expect(organization.publications).toEqual([expect.objectContaining({ slug: GENDER_REPORT, role: 'author' })])
  })

  it('/api/v1/publications/{slug} gives the method and the contributors', async () => {
    const publication = await getJson(server(), `/api/v1/publications/${GENDER_REPORT}`)
    expect(publication).toMatchObject({
      kind: 'report', publishedOn: '2024-03-05',
      method: {
        sampleSize: 3800, regions: '17 regions of Kazakhstan and three cities of republican significance',
        methods: ['mass-survey', 'expert-interviews', 'focus-groups'],
      },
      activity: { slug: '2024-03-05-gender-equality-report-presented', kind: 'presentation' },
      post: { slug: 'gender-equality-report-presented' },
    })
    expect(publication.contributors.map((c: { role: string; slug: string }) => [c.role, c.slug])).toEqual([
      ['author', INSTITUTE], ['commissioner', 'united-nations-development-program'], ['partner', 'un-women'],
      ['supporter', 'ministry-of-culture-and-information-of-the-republic-of-kazakhstan'], ['presenter', 'botagoz-rakisheva'],
    ])
  })

  it.each([
    ['/api/v1/posts/no-such-post', 'No post “no-such-post” was found.', 'post_not_found'],
    ['/api/v1/activities/no-such-activity', 'No activity “no-such-activity” was found.', 'activity_not_found'],
    ['/api/v1/people/no-such-person', 'No person “no-such-person” was found.', 'person_not_found'],
    ['/api/v1/organizations/no-such-organization', 'No organization “no-such-organization” was found.', 'organization_not_found'],
    ['/api/v1/publications/no-such-report', 'No publication “no-such-report” was found.', 'publication_not_found'],
    ['/api/v1/posts?person=nobody', 'No person “nobody” was found.', 'person_not_found'],
    ['/api/v1/activities?organization=nobody', 'No organization “nobody” was found.', 'organization_not_found'],
  ])('%s is a 404 problem that names what is missing', async (path, detail, code) => {
    const problem = await getProblem(server(), path, 404)
    expect(problem).toEqual({ type: 'about:blank', title: 'Not found', status: 404, detail, code, instance: new URL(path, 'http://x').pathname })
  })

  it('an unknown API path is a 404 problem, not an HTML page', async () => {
    const problem = await getProblem(server(), '/api/v1/no-such-endpoint', 404)
    expect(problem).toMatchObject({ title: 'Not found', status: 404, detail: 'No endpoint “/api/v1/no-such-endpoint” was found.' })
  })

  it.each([
    ['/api/v1/posts?year=abc', ['year must be a year such as 2024']],
    ['/api/v1/posts?kind=nonsense', [expect.stringMatching(/^kind must be one of conference, workshop/)]],
    ['/api/v1/posts?page=0', ['page starts at 1']],
    ['/api/v1/posts?pageSize=500', ['pageSize may be at most 100']],
    ['/api/v1/activities?year=abc&page=-1', ['page starts at 1', 'year must be a year such as 2024']],
    ['/api/v1/people?pageSize=0', [expect.stringMatching(/^pageSize/)]],
    ['/api/v1/organizations/public-opinion-research-institute?role=host', [expect.stringMatching(/^role: /)]],
  ])('%s is a 400 problem that lists each bad parameter', async (path, errors) => {
    const problem = await getProblem(server(), path, 400)
    expect(problem).toMatchObject({ type: 'about:blank', title: 'Bad request', status: 400, code: 'invalid_input', errors })
    expect(problem.detail).toBe(`Invalid query: ${problem.errors!.join('; ')}`)
  })
})
