import { expect, it } from 'vitest'
import { describeEachDialect } from './db.ts'
import {
  DEMO_POST_SLUGS, GENDER_REPORT, INSTITUTE, RAKISHEVA_ACTIVITIES, ROUND_TABLE_POST, TURKIC_WORKSHOP,
} from './demo.ts'
import { makePost } from './factories.ts'
import { definitionsOf, linksOf, openPage, sectionHeaded, textOf, textsOf } from './html.ts'
import { useTestServer } from './server.ts'

const newsHrefs = (slugs: string[]) => slugs.map((slug) => `/news/${slug}`)

describeEachDialect('public pages of the demo archive, over HTTP', (dialect) => {
  const server = useTestServer(dialect, { demo: true })

  it('home shows the latest news and the recent activities, each linked to its post', async () => {
    const { status, root } = await openPage(server(), '/')
    expect(status).toBe(200)
    expect(textOf(root.querySelector('h1'))).toBe('News and activities')
    const latest = sectionHeaded(root, 'h2', 'Latest news')
    expect(linksOf(latest, '.card h3 a').map((l) => l.href)).toEqual(newsHrefs(DEMO_POST_SLUGS.slice(0, 6)))
    expect(textOf(latest.querySelector('.card h3'))).toBe(TURKIC_WORKSHOP.title)
    expect(textOf(latest.querySelector('.card .meta'))).toBe('20 September 2024 · Workshop')
    expect(linksOf(latest, 'a').at(-1)).toEqual({ text: 'All news →', href: '/news' })
    const recent = sectionHeaded(root, 'h2', 'Recent activities')
    expect(linksOf(recent, 'li > a')).toEqual([
      { text: TURKIC_WORKSHOP.activityName, href: `/news/${TURKIC_WORKSHOP.post}` },
      { text: 'International dialogue and culture of mutual understanding in the works of K. Khafizova',
        href: '/news/conference-on-the-works-of-k-khafizova' },
      { text: 'Sustainable Development of Kazakhstan until 2030', href: '/news/strategic-session-sustainable-development-2030' },
      { text: 'New stage of diaspora policy of the Republic of Kazakhstan', href: '/news/guest-lecture-on-diaspora-policy' },
      { text: 'First meeting of the renewed Public Council at the Agency for Strategic Planning and Reforms',
        href: '/news/public-council-agency-for-strategic-planning-first-meeting' },
    ])
    expect(textOf(recent.querySelector('li .meta'))).toBe('20 September 2024 · Workshop · Astana, Kazakhstan')
  })

  it('/news lists all ten demo posts, newest first, on one page', async () => {
    const { status, root } = await openPage(server(), '/news')
    expect(status).toBe(200)
    expect(linksOf(root, '.cards .card h2 a').map((l) => l.href)).toEqual(newsHrefs(DEMO_POST_SLUGS))
    expect(root.querySelector('nav.pager')).toBeNull()
    expect(textsOf(root, 'select[name=year] option')).toEqual(['All years', '2024'])
    expect(root.querySelector('form.filters a[href="/news"]')).toBeNull()
  })

  it('/news filters by kind of activity: a round table gives exactly the round-table post', async () => {
    const { status, root } = await openPage(server(), '/news?kind=round-table')
    expect(status).toBe(200)
    expect(linksOf(root, '.card h2 a')).toEqual([{ text: ROUND_TABLE_POST.title, href: `/news/${ROUND_TABLE_POST.slug}` }])
    expect(textOf(root.querySelector('select[name=kind] option[selected]'))).toBe('Round table')
    expect(linksOf(root, 'form.filters a')).toEqual([{ text: 'Clear filters', href: '/news' }])

    const meetings = await openPage(server(), '/news?kind=meeting')
    expect(linksOf(meetings.root, '.card h2 a').map((l) => l.href)).toEqual(newsHrefs([
      'public-council-agency-for-strategic-planning-first-meeting', 'taldau-talks-first-meeting',
      'consortium-on-family-gender-and-demographic-policy', 'expert-meeting-turkish-foreign-policy-in-eurasia',
    ]))
  })

  it('/news filters by year, and says so when a year has no news', async () => {
    const year2024 = await openPage(server(), '/news?year=2024&kind=')
    expect(year2024.status).toBe(200)
    expect(year2024.root.querySelectorAll('.card')).toHaveLength(10)
    expect(textOf(year2024.root.querySelector('select[name=year] option[selected]'))).toBe('2024')

    const year2023 = await openPage(server(), '/news?year=2023')
    expect(year2023.status).toBe(200)
    expect(year2023.root.querySelectorAll('.card')).toHaveLength(0)
    expect(textOf(year2023.root.querySelector('.notice'))).toBe('No news matches these filters. Show all news.')
  })

  it.each([
    ['/news?year=abc', /year must be a year such as 2024/],
    ['/news?kind=nonsense', /kind must be one of conference, workshop, round-table/],
    ['/news?page=0', /page starts at 1/],
    ['/news?page=2.5', /page must be a whole number/],
  ])('%s is a 400 page that says what is wrong', async (path, message) => {
    const { status, root } = await openPage(server(), path)
    expect(status).toBe(400)
    expect(textOf(root.querySelector('h1'))).toBe('Bad request')
    expect(textOf(root.querySelector('main'))).toMatch(message)
    expect(root.querySelector('nav.main')).not.toBeNull()
  })

  it('/news/{slug} shows the facts box: date, place, format, kind and who took part, by role, each linked', async () => {
    const { status, root } = await openPage(server(), `/news/${TURKIC_WORKSHOP.post}`)
    expect(status).toBe(200)
    expect(textOf(root.querySelector('h1'))).toBe(TURKIC_WORKSHOP.title)
    const facts = root.querySelector('aside.facts')!
    expect(definitionsOf(facts.querySelector('dl'))).toEqual({
      Title: TURKIC_WORKSHOP.activityName, Date: '20 September 2024', Kind: 'Workshop', Place: 'Astana, Kazakhstan',
      Format: 'Hybrid',
    })
    expect(textsOf(facts, 'h3')).toEqual(['Organizers', 'Moderators', 'Speakers', 'Participants', 'Also mentioned'])
    expect(linksOf(sectionHeaded(facts, 'h3', 'Organizers'), 'li > a')).toEqual([
      { text: 'Turkic Academy', href: '/organizations/turkic-academy' },
      { text: 'Public Opinion Research Institute', href: `/organizations/${INSTITUTE}` },
    ])
    const moderators = sectionHeaded(facts, 'h3', 'Moderators')
    expect(linksOf(moderators, 'li > a')).toEqual([
      { text: 'Botagoz Rakisheva', href: '/people/botagoz-rakisheva' },
      { text: 'Gulden Ashkenova', href: '/people/gulden-ashkenova' },
      { text: 'Kalamkas Yessimova', href: '/people/kalamkas-yessimova' },
      { text: 'Nurgul Khaidarova', href: '/people/nurgul-khaidarova' },
    ])
    expect(textsOf(moderators, 'li')).toEqual([
      'Botagoz Rakisheva — Director, Public Opinion Research Institute',
      'Gulden Ashkenova — Deputy Director, Public Opinion Research Institute',
      'Kalamkas Yessimova — Chief Researcher, Public Opinion Research Institute',
      'Nurgul Khaidarova — Politologist',
    ])
    expect(textsOf(sectionHeaded(facts, 'h3', 'Speakers'), 'li')).toEqual(['Askhat Kesikbayev — Vice-President, Turkic Academy'])
    expect(sectionHeaded(facts, 'h3', 'Participants').querySelectorAll('li')).toHaveLength(19)
  })

  it('every link in a facts box leads to a page that exists', async () => {
    const { root } = await openPage(server(), `/news/${TURKIC_WORKSHOP.post}`)
    const hrefs = [...new Set(linksOf(root, 'aside.facts a').map((l) => l.href!))]
    expect(hrefs.length).toBeGreaterThan(30)
    const statuses = await Promise.all(hrefs.map(async (href) => [href, (await server().get(href)).status]))
    expect(statuses.filter(([, status]) => status !== 200)).toEqual([])
  })

  it('a post links the publication presented at its activity', async () => {
    const { root } = await openPage(server(), '/news/gender-equality-report-presented')
    expect(linksOf(sectionHeaded(root, 'h2', 'Publications'), 'a')).toEqual([{
      text: 'Public perception of gender equality and women’s empowerment in Kazakhstan', href: `/publications/${GENDER_REPORT}`,
    }])
  })

  it('/people/botagoz-rakisheva shows her position, degree and nine activities by year, with her role in each', async () => {
    const { status, root } = await openPage(server(), '/people/botagoz-rakisheva')
    expect(status).toBe(200)
    expect(textOf(root.querySelector('h1'))).toBe('Dr. Botagoz Rakisheva')
    expect(textOf(root.querySelector('.lede'))).toBe('Candidate of Sociological Sciences')
    const positions = sectionHeaded(root, 'h2', 'Positions and affiliations')
    expect(textsOf(positions, 'li')).toEqual(['Director, Public Opinion Research Institute'])
    expect(linksOf(positions, 'a')).toEqual([{ text: 'Public Opinion Research Institute', href: `/organizations/${INSTITUTE}` }])
    const timeline = root.querySelector('section.timeline')!
    expect(textOf(timeline.querySelector('h2'))).toBe('Activities (9)')
    expect(textsOf(timeline, 'h3')).toEqual(['2024'])
    const items = timeline.querySelectorAll('li')
    expect(items.map((li) => [li.querySelector('a')?.getAttribute('href'), textOf(li.querySelector('.role'))]))
      .toEqual(RAKISHEVA_ACTIVITIES.map(([post, role]) => [`/news/${post}`, role]))
    expect(textOf(items[0]!)).toBe(
      `20 September 2024 · Workshop · Astana, Kazakhstan ${TURKIC_WORKSHOP.activityName} moderator · Director`)
    expect(linksOf(sectionHeaded(root, 'h2', 'Publications'), 'a').map((l) => l.href)).toEqual([`/publications/${GENDER_REPORT}`])
  })

  it('/organizations/public-opinion-research-institute shows its people and its activities grouped by role', async () => {
    const { status, root } = await openPage(server(), `/organizations/${INSTITUTE}`)
    expect(status).toBe(200)
    expect(textOf(root.querySelector('h1'))).toBe('Public Opinion Research Institute')
    expect(textOf(root.querySelector('.lede'))).toBe('Research institute · Kazakhstan')
    const people = sectionHeaded(root, 'h2', 'People')
    expect(textsOf(people, 'li')).toEqual([
      'Botagoz Rakisheva — Director',
      'Gulden Ashkenova — Deputy Director',
      'Kalamkas Yessimova — Chief Researcher; scientific researcher',
    ])
    expect(linksOf(people, 'a').map((l) => l.href)).toEqual(
      ['/people/botagoz-rakisheva', '/people/gulden-ashkenova', '/people/kalamkas-yessimova'])
    const activities = sectionHeaded(root, 'h2', 'Activities')
    expect(textsOf(activities, 'h3')).toEqual(['As organizer (2)', 'Mentioned (1)'])
    expect(linksOf(sectionHeaded(activities, 'h3', 'As organizer (2)'), 'li > a').map((l) => l.href))
      .toEqual(newsHrefs([TURKIC_WORKSHOP.post, 'expert-meeting-turkish-foreign-policy-in-eurasia']))
    expect(linksOf(sectionHeaded(activities, 'h3', 'Mentioned (1)'), 'li > a').map((l) => l.href))
      .toEqual(newsHrefs(['gender-equality-report-presented']))
  })

  it('/publications/{slug} shows the sample, the regions and the three methods', async () => {
    const { status, root } = await openPage(server(), `/publications/${GENDER_REPORT}`)
    expect(status).toBe(200)
    expect(textOf(root.querySelector('h1'))).toBe('Public perception of gender equality and women’s empowerment in Kazakhstan')
    const method = definitionsOf(sectionHeaded(root, 'h2', 'Method').querySelector('dl'))
    expect(method.Sample).toBe('3,800 respondents')
    expect(method.Regions).toBe('17 regions of Kazakhstan and three cities of republican significance')
    expect(textsOf(sectionHeaded(root, 'h2', 'Method'), 'dd li')).toEqual(['Mass survey', 'Expert interviews', 'Focus group discussions'])
    const credits = root.querySelector('aside.facts')!
    expect(textsOf(credits, 'h3')).toEqual(['Prepared by', 'Commissioned by', 'In partnership with', 'With the support of', 'Presented by'])
    expect(linksOf(sectionHeaded(credits, 'h3', 'Presented by'), 'a')).toEqual([{ text: 'Botagoz Rakisheva', href: '/people/botagoz-rakisheva' }])
    expect(linksOf(sectionHeaded(root, 'h2', 'Presented'), 'a').map((l) => l.href)).toEqual(['/news/gender-equality-report-presented'])
  })

  it.each([
    ['/no-such-page', 'No page “/no-such-page” was found.'],
    ['/news/no-such-post', 'No post “no-such-post” was found.'],
    ['/people/no-such-person', 'No person “no-such-person” was found.'],
    ['/organizations/no-such-organization', 'No organization “no-such-organization” was found.'],
    ['/publications/no-such-report', 'No publication “no-such-report” was found.'],
  ])('%s is a 404 page that says what was missing and links onward', async (path, message) => {
    const { status, root } = await openPage(server(), path)
    expect(status).toBe(404)
    expect(textOf(root.querySelector('h1'))).toBe('We could not find that page')
    expect(textOf(root.querySelector('.lede'))).toBe(message)
    expect(linksOf(root, 'main li a').map((l) => l.href)).toEqual(['/news', '/people', '/organizations', '/'])
  })

  const everyKindOfPage = ['/', '/news', `/news/${TURKIC_WORKSHOP.post}`, '/people', '/people/botagoz-rakisheva',
    '/organizations', `/organizations/${INSTITUTE}`, '/publications', `/publications/${GENDER_REPORT}`,
    '/calendar', '/insights', '/news?year=abc', '/no-such-page']

  it('every page is a full HTML document with one layout and the same navigation', async () => {
    const titles = new Set<string>()
    for (const path of everyKindOfPage) {
      const { html, headers, root } = await openPage(server(), path)
      expect(html.startsWith('<!DOCTYPE html>'), path).toBe(true)
      expect(headers.get('content-type'), path).toBe('text/html; charset=UTF-8')
      expect(root.querySelector('html')?.getAttribute('lang'), path).toBe('en')
      expect(root.querySelector('meta[name=viewport]')?.getAttribute('content'), path).toBe('width=device-width, initial-scale=1')
      const title = textOf(root.querySelector('head title'))
      expect(title, path).toMatch(/Public Opinion Research Institute/)
      titles.add(title)
      expect(root.querySelectorAll('h1'), path).toHaveLength(1)
      expect(linksOf(root, 'header nav.main a'), path).toEqual([
        { text: 'Home', href: '/' }, { text: 'News', href: '/news' }, { text: 'Calendar', href: '/calendar' },
        { text: 'People', href: '/people' },
        { text: 'Organizations', href: '/organizations' }, { text: 'Publications', href: '/publications' },
        { text: 'Insights', href: '/insights' },
      ])
      expect(root.querySelector('footer.site-footer'), path).not.toBeNull()
    }
    // A title names its page, so tabs and bookmarks tell pages apart.
    expect(titles.size).toBe(everyKindOfPage.length)
  })

  it('the navigation marks the section the reader is in', async () => {
    const current = async (path: string) => textsOf((await openPage(server(), path)).root, 'nav.main a[aria-current=page]')
    expect(await current('/')).toEqual(['Home'])
    expect(await current(`/news/${TURKIC_WORKSHOP.post}`)).toEqual(['News'])
    expect(await current('/people/botagoz-rakisheva')).toEqual(['People'])
    expect(await current(`/organizations/${INSTITUTE}`)).toEqual(['Organizations'])
    expect(await current(`/publications/${GENDER_REPORT}`)).toEqual(['Publications'])
    expect(await current('/insights?year=2024')).toEqual(['Insights'])
  })

  it('the stylesheet every page links is served, cacheable, as CSS', async () => {
    const { root } = await openPage(server(), '/')
    const href = root.querySelector('link[rel=stylesheet]')!.getAttribute('href')!
    const response = await server().get(href)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/css; charset=utf-8')
    expect(response.headers.get('cache-control')).toContain('immutable')
    expect(await response.text()).toContain('.facts')
  })

  it.each(['/', `/news/${TURKIC_WORKSHOP.post}`, '/no-such-page', '/api/v1/posts'])('%s carries the security headers', async (path) => {
    const response = await server().get(path)
    const csp = response.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
    expect(response.headers.get('x-frame-options')).toBe('DENY')
    expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/)
  })
})

describeEachDialect('news pages, over HTTP', (dialect) => {
  const server = useTestServer(dialect)
  const titles: string[] = []

  it('pages through the news twenty at a time, newest first, keeping the filter', async () => {
    const { db } = server()
    for (let day = 1; day <= 25; day++) {
      const title = `Report of 2023 day ${day}`
      await makePost(db, { title, publishedAt: `2023-03-${String(day).padStart(2, '0')}T09:00:00.000Z` })
      titles.unshift(title)
    }
    await makePost(db, { title: 'A post of 2022', publishedAt: '2022-06-01T09:00:00.000Z' })

    const first = await openPage(server(), '/news?year=2023')
    expect(textsOf(first.root, '.card h2')).toEqual(titles.slice(0, 20))
    expect(textsOf(first.root, 'nav.pager > *')).toEqual(['', 'Page 1', 'Older →'])
    const older = first.root.querySelector('nav.pager a[rel=next]')!.getAttribute('href')!
    expect(older).toBe('/news?year=2023&page=2')

    const second = await openPage(server(), older)
    expect(textsOf(second.root, '.card h2')).toEqual(titles.slice(20))
    expect(textsOf(second.root, 'nav.pager > *')).toEqual(['← Newer', 'Page 2', ''])
    expect(second.root.querySelector('nav.pager a[rel=prev]')!.getAttribute('href')).toBe('/news?year=2023')

    const all = await openPage(server(), '/news?page=2')
    expect(textsOf(all.root, '.card h2')).toEqual([...titles.slice(20), 'A post of 2022'])
    expect(textsOf(all.root, 'select[name=year] option')).toEqual(['All years', '2023', '2022'])
  })

  it('leaves out drafts and posts scheduled for later', async () => {
    const { db } = server()
    const draft = await makePost(db, { title: 'A draft nobody should read', status: 'draft' })
    const scheduled = await makePost(db, { title: 'Tomorrow’s news', status: 'scheduled', publishedAt: '2999-01-01T09:00:00.000Z' })
    const news = await openPage(server(), '/news?page=1')
    const shown = textsOf(news.root, '.card h2')
    expect(shown).toHaveLength(20)
    expect(shown).not.toContain('A draft nobody should read')
    expect(shown).not.toContain('Tomorrow’s news')
    expect((await server().get(`/news/${draft.slug}`)).status).toBe(404)
    expect((await server().get(`/news/${scheduled.slug}`)).status).toBe(404)
  })
})
