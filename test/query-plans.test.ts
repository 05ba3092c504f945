import { expect, it } from 'vitest'
import { dueScheduledPostQuery } from '../src/news/post.repository.ts'
import { createPublication } from '../src/publications/publication.service.ts'
import { describeEachDialect, useTestDb } from './db.ts'
import { makeActivity, makeOrganization, makePerson, makePost } from './factories.ts'
import { explain, planProblems, plansOf } from './query-plans.ts'

// The pages that must cost the same however large the archive grows (issue 10): each query behind
// them reads one page of posts, activities and participations through an index, with no full scan
// and no sort of those tables. SQLite plans alike for ten rows and for a million; PostgreSQL is told
// to use an index wherever one serves, so that a test database of a few rows shows a big one's plan.

describeEachDialect('query plans of the pages that must not grow with the archive', (dialect) => {
  const t = useTestDb(dialect)

  it('read pages of the big tables by index, on every page and filter', async () => {
    const db = t().db
    const person = await makePerson(db, { name: 'Saule Planned' })
    const organization = await makeOrganization(db, { name: 'Planned Institute' })
    for (const [i, kind] of ['forum', 'lecture', 'meeting'].entries()) {
      const activity = await makeActivity(db, {
        kind, startsOn: `2024-0${i + 1}-10`, participants: [[organization, 'organizer'], [person, 'speaker'], [person, 'moderator']],
      })
      await makePost(db, { activityId: activity.id, publishedAt: `2024-0${i + 1}-11T10:00:00.000Z` })
    }
    const post = await makePost(db, { title: 'Planned forum news' })
    await createPublication(db, {
      kind: 'report', title: 'Planned report', summary: null, publishedOn: '2024-06-01', activityId: null, sampleSize: null, regions: null,
      methods: [], contributors: [{ personId: person.id, organizationId: null, role: 'author' }, { personId: null, organizationId: organization.id, role: 'publisher' }],
    }, 'test')

    const paths = [
      '/', '/news', '/news?kind=forum', '/news?year=2024', `/news/${post.slug}`,
      `/people/${person.slug}`, `/people/${person.slug}?page=2`, `/organizations/${organization.slug}`,
      `/organizations/${organization.slug}?role=organizer&page=2&peoplePage=2`, '/people', '/organizations', '/publications',
      '/api/v1/posts', '/api/v1/posts?kind=lecture', '/api/v1/posts?year=2024', `/api/v1/posts?person=${person.slug}`,
      `/api/v1/posts?organization=${organization.slug}&year=2024`, `/api/v1/posts?person=${person.slug}&organization=${organization.slug}`,
      '/api/v1/activities', '/api/v1/activities?kind=forum', '/api/v1/activities?year=2024', `/api/v1/activities?person=${person.slug}`,
      `/api/v1/activities?organization=${organization.slug}&year=2024`, '/api/v1/people', '/api/v1/organizations',
      `/api/v1/people/${person.slug}`, `/api/v1/organizations/${organization.slug}`,
    ]
    const pages = await plansOf(db, dialect, paths, true)
    expect(pages.filter((p) => p.status !== 200).map((p) => `${p.path} answered ${p.status}`)).toEqual([])
    const problems = pages.flatMap((page) => page.queries.flatMap((query) => {
      const found = planProblems(dialect, query)
      return found.length ? [`${page.path}\n  ${query.sql}\n  ${query.plan.join('\n  ')}`] : []
    }))
    expect(problems).toEqual([])
    // The list behind each filter leads with the index made for it.
    const planOf = (path: string, table: RegExp) => pages.find((p) => p.path === path)!.queries.find((q) => table.test(q.sql))!.plan.join('\n')
    expect(planOf(`/api/v1/posts?person=${person.slug}`, /post_person/)).toMatch(/post_person_newest/)
    expect(planOf('/news?kind=forum', /activity_kind/)).toMatch(/post_kind_published/)
    expect(planOf(`/people/${person.slug}`, /"pa"\."person_id"/)).toMatch(/participation_person_listed/)
  })

  it("reads the scheduled posts' own index for the scheduler's question, asked every 30 seconds", async () => {
    const db = t().db
    await makePost(db, { publishedAt: '2024-01-11T10:00:00.000Z' })
    const plan = await explain(db, dialect, dueScheduledPostQuery(db, '2024-06-01T00:00:00.000Z').compile(), true)
    expect(plan.join('\n')).toMatch(/post_scheduled/)
  })
})

// Issue 11: the collaboration network reads a whole period's participations, so it is not a page of constant cost;
// but a year, a kind or a country finds its activities by index and their parties from one covering index.
describeEachDialect('query plans of the collaboration network', (dialect) => {
  const t = useTestDb(dialect)

  it('finds the activities of a year, a kind or a country by index, and their parties from participation_network', async () => {
    const db = t().db
    const [person, organization] = [await makePerson(db, { name: 'Network Planned' }), await makeOrganization(db, { name: 'Network Planned Centre' })]
    await makeActivity(db, { kind: 'forum', startsOn: '2024-03-10', participants: [[organization, 'organizer'], [person, 'speaker']] })
    const pages = await plansOf(db, dialect, ['/insights/network?year=2024', '/insights/network?kind=forum', '/insights/network?country=KZ'], true)
    expect(pages.map((p) => p.status)).toEqual([200, 200, 200])
    const planOf = (path: string) => pages.find((p) => p.path === path)!.queries.find((q) => /"pa"\."role"/.test(q.sql))!.plan.join('\n')
    for (const page of pages) {
      // Looked up activity by activity, never walked from end to end.
      expect(planOf(page.path), page.path).toMatch(dialect === 'sqlite' ? /SEARCH pa USING COVERING INDEX participation_network \(activity_id=/ : /participation_network/)
      expect(planOf(page.path), page.path).not.toMatch(dialect === 'sqlite' ? /SCAN pa\b/ : /Seq Scan/)
    }
    // SQLite without statistics reads the activities (100,000 rows at 100,000 posts) rather than the two index ranges.
    if (dialect === 'postgres') expect(planOf('/insights/network?year=2024')).toMatch(/activity_ends_on/)
    expect(planOf('/insights/network?kind=forum')).toMatch(/activity_kind_starts_on/)
    expect(planOf('/insights/network?country=KZ')).toMatch(/activity_country_starts_on/)
  })
})
