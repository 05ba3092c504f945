import { parseFeed } from '@rowanmanning/feed-parser'
import ICAL from 'ical.js'
import { expect, it } from 'vitest'
import { describeEachDialect } from './db.ts'
import { makeActivity, makePerson, makePost } from './factories.ts'
import { useTestServer } from './server.ts'

async function fetchText(server: ReturnType<ReturnType<typeof useTestServer>>, path: string, type: RegExp) {
  const response = await server.get(path)
  expect(response.status, path).toBe(200)
  expect(response.headers.get('content-type')).toMatch(type)
  return response.text()
}

function calendarEvents(text: string) {
  const component = new ICAL.Component(ICAL.parse(text))
  return { component, events: component.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)) }
}

describeEachDialect('feeds and calendars, read by real parsers', (dialect) => {
  const server = useTestServer(dialect, { demo: true })

  it('RSS and Atom list the ten demo posts newest first, with links and full text', async () => {
    for (const [path, type] of [['/feed.xml', /application\/rss\+xml/], ['/atom.xml', /application\/atom\+xml/]] as const) {
      const feed = parseFeed(await fetchText(server(), path, type))
      expect(feed.items, path).toHaveLength(10)
      const first = feed.items[0]!
      expect(first.title).toMatch(/^Turkic Academy and the Institute hold a workshop/)
      expect(first.url).toBe(`${server().baseUrl}/news/turkic-world-symbols-values-ideas-workshop`)
      expect(first.published?.toISOString()).toBe('2024-09-20T09:00:00.000Z')
      expect(first.content).toContain('Askhat Kesikbayev')
      const dates = feed.items.map((i) => i.published!.getTime())
      expect(dates).toEqual([...dates].sort((a, b) => b - a))
    }
  })

  it('JSON Feed is version 1 with the same items', async () => {
    const feed = JSON.parse(await fetchText(server(), '/feed.json', /application\/feed\+json/))
    expect(feed.version).toMatch(/^https:\/\/jsonfeed\.org\/version\/1/)
    expect(feed.items).toHaveLength(10)
    expect(feed.items[0].url).toBe(`${server().baseUrl}/news/turkic-world-symbols-values-ideas-workshop`)
    expect(feed.items[0].content_html).toContain('<p>')
  })

  it('a person’s feed has only the news of their activities', async () => {
    const feed = parseFeed(await fetchText(server(), '/people/botagoz-rakisheva/feed.xml', /rss/))
    expect(feed.items).toHaveLength(9)
    const somuncuoglu = parseFeed(await fetchText(server(), '/people/anar-somuncuoglu/atom.xml', /atom/))
    expect(somuncuoglu.items.map((i) => i.title)).toEqual(['Expert meeting with Anar Somuncuoğlu on Turkish foreign policy in Eurasia'])
  })

  it('an organization’s and a kind’s feeds follow them', async () => {
    const undp = JSON.parse(await fetchText(server(), '/organizations/united-nations-development-program/feed.json', /feed\+json/))
    expect(undp.items.map((i: { url: string }) => i.url)).toEqual([`${server().baseUrl}/news/gender-equality-report-presented`])
    const roundTables = parseFeed(await fetchText(server(), '/news/kind/round-table/feed.xml', /rss/))
    expect(roundTables.items.map((i) => i.url)).toEqual([`${server().baseUrl}/news/round-table-on-ethnocultural-enclaves`])
  })

  it('the calendar has every public activity as an all-day event in Asia/Almaty', async () => {
    const { component, events } = calendarEvents(await fetchText(server(), '/calendar.ics', /text\/calendar/))
    expect(events).toHaveLength(10)
    expect(component.getFirstPropertyValue('x-wr-timezone')).toBe('Asia/Almaty')
    const zone = component.getFirstSubcomponent('vtimezone')!
    expect(zone.getFirstPropertyValue('tzid')).toBe('Asia/Almaty')
    // Kazakhstan has kept UTC+5 since March 2024.
    expect(String(zone.getFirstSubcomponent('standard')!.getFirstPropertyValue('tzoffsetto'))).toBe('+05:00')
    const workshop = events.find((e) => e.summary === 'Community of Turkic-speaking Countries: Symbols, Values, Ideas')!
    expect(workshop.startDate.isDate).toBe(true)
    expect(workshop.startDate.toString()).toBe('2024-09-20')
    expect(workshop.endDate.toString()).toBe('2024-09-21')
    expect(workshop.location).toBe('Astana, Kazakhstan')
    expect(workshop.component.getFirstPropertyValue('url')).toBe(`${server().baseUrl}/news/turkic-world-symbols-values-ideas-workshop`)
    expect(new Set(events.map((e) => e.uid)).size).toBe(10)
  })

  it('per-person and per-organization calendars, and multi-day events end the day after their last day', async () => {
    const { events } = calendarEvents(await fetchText(server(), '/people/botagoz-rakisheva/calendar.ics', /text\/calendar/))
    expect(events).toHaveLength(9)
    const person = await makePerson(server().db, { name: 'Calendar Person' })
    const activity = await makeActivity(server().db, { name: 'Two-day forum', kind: 'forum', startsOn: '2025-05-21', participants: [[person, 'speaker']] })
    await server().db.updateTable('activity').set({ ends_on: '2025-05-22' }).where('id', '=', activity.id).execute()
    const mine = calendarEvents(await fetchText(server(), `/people/${person.slug}/calendar.ics`, /text\/calendar/)).events
    expect(mine.map((e) => [e.summary, e.startDate.toString(), e.endDate.toString()])).toEqual([['Two-day forum', '2025-05-21', '2025-05-23']])
    const { events: org } = calendarEvents(await fetchText(server(), '/organizations/turkic-academy/calendar.ics', /text\/calendar/))
    expect(org.map((e) => e.startDate.toString())).toEqual(['2024-09-20'])
  })

  it('internal activities and drafts stay out of feeds and calendars', async () => {
    const person = await makePerson(server().db, { name: 'Private Speaker' })
    const closed = await makeActivity(server().db, { name: 'Closed meeting', internal: true, startsOn: '2025-06-01', participants: [[person, 'speaker']] })
    await makePost(server().db, { title: 'Closed meeting news', activityId: closed.id, publishedAt: '2025-06-02T09:00:00.000Z' })
    await makePost(server().db, { title: 'Draft news', status: 'draft' })
    const rss = parseFeed(await fetchText(server(), '/feed.xml', /rss/))
    expect(rss.items.map((i) => i.title)).not.toContain('Closed meeting news')
    expect(rss.items.map((i) => i.title)).not.toContain('Draft news')
    const { events } = calendarEvents(await fetchText(server(), `/people/${person.slug}/calendar.ics`, /text\/calendar/))
    expect(events).toHaveLength(0)
  })

  it('unknown people, organizations and kinds are 404s', async () => {
    for (const path of ['/people/nobody/feed.xml', '/organizations/nothing/calendar.ics', '/news/kind/party/atom.xml']) {
      expect((await server().get(path)).status, path).toBe(404)
    }
  })
})

describeEachDialect('the calendar page', (dialect) => {
  const server = useTestServer(dialect, { demo: true })

  it('shows a month with each activity on its day, linked to its news, and a subscribe link', async () => {
    const { openPage, textOf } = await import('./html.ts')
    const { status, root } = await openPage(server(), '/calendar?month=2024-04')
    expect(status).toBe(200)
    expect(textOf(root.querySelector('#month-heading'))).toBe('April 2024')
    const days = Object.fromEntries(root.querySelectorAll('table.month td').filter((td) => td.querySelector('li'))
      .map((td) => [textOf(td.querySelector('.day')), td.querySelectorAll('li a').map((a) => a.getAttribute('href'))]))
    expect(days).toEqual({
      9: ['/news/public-council-agency-for-strategic-planning-first-meeting'],
      16: ['/news/guest-lecture-on-diaspora-policy'],
      19: ['/news/strategic-session-sustainable-development-2030'],
      25: ['/news/conference-on-the-works-of-k-khafizova'],
    })
    expect(root.querySelector('a[rel="next"]')?.getAttribute('href')).toBe('/calendar?month=2024-05')
    expect(root.querySelector('a[href^="webcal:"]')?.getAttribute('href')).toMatch(/^webcal:\/\/.+\/calendar\.ics$/)
  })

  it('lists upcoming activities, and refuses a malformed month with a clear message', async () => {
    const { openPage, textOf } = await import('./html.ts')
    await makeActivity(server().db, { name: 'Future forum', kind: 'forum', startsOn: '2099-01-15' })
    const { root } = await openPage(server(), '/calendar?month=2099-01')
    expect(textOf(root.querySelector('section[aria-labelledby="upcoming"]'))).toContain('Future forum')
    expect(textOf(root.querySelector('table.month'))).toContain('Future forum')
    const bad = await server().get('/calendar?month=2024-13')
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('month is written YYYY-MM')
  })
})
