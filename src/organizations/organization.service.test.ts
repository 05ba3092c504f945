import { parse } from 'node-html-parser'
import { expect, it } from 'vitest'
import { describeEachDialect, useTestDb } from '../../test/db.ts'
import { makeActivity, makeOrganization, makePerson } from '../../test/factories.ts'
import { linksOf, sectionHeaded, textsOf } from '../../test/html.ts'
import { createApp } from '../app.ts'
import { pageOf } from '../lib/pagination.ts'
import { personStore } from '../people/person.store.ts'
import { saveSnapshot } from '../revisions/index.ts'
import { getOrganizationProfile, PEOPLE_PAGE_SIZE, ROLE_PAGE_SIZE } from './organization.service.ts'

describeEachDialect('an organization profile a page at a time', (dialect) => {
  const t = useTestDb(dialect)

  it('lists its people by name twenty at a time, each once with every position, and each role group ten at a time', async () => {
    const db = t().db
    const centre = await makeOrganization(db, { name: 'Paged Research Centre' })
    // 25 people, named so that their order by name is not the order they were made in.
    const names = Array.from({ length: 25 }, (_, i) => `${String.fromCharCode(90 - i)}ara Paged`)
    for (const name of names) {
      const { id } = await makePerson(db, { name })
      const person = (await personStore.load(db, id))!
      const positions = name.startsWith('C') ? ['Fellow', 'Board member'] : ['Fellow']
      await saveSnapshot(db, personStore, {
        ...person, affiliations: positions.map((position) => ({ organizationId: centre.id, position, startsOn: null, endsOn: null })),
      }, { actor: 'test' })
    }
    for (let day = 10; day < 22; day++) await makeActivity(db, { startsOn: `2024-03-${day}`, participants: [[centre, 'organizer']] })

    const first = await getOrganizationProfile(db, centre.slug, { page: pageOf(1, ROLE_PAGE_SIZE) })
    const sorted = [...names].sort()
    expect(first.people.items.map((p) => p.name)).toEqual(sorted.slice(0, PEOPLE_PAGE_SIZE))
    expect(first.people.hasMore).toBe(true)
    expect(first.people.items.find((p) => p.name.startsWith('C'))!.positions).toEqual(['Fellow', 'Board member'])
    const second = await getOrganizationProfile(db, centre.slug, { page: pageOf(1, ROLE_PAGE_SIZE), peoplePage: pageOf(2, PEOPLE_PAGE_SIZE) })
    expect([second.people.items.map((p) => p.name), second.people.hasMore]).toEqual([sorted.slice(PEOPLE_PAGE_SIZE), false])
    expect(first.groups.map((g) => [g.role, g.count, g.items.length, g.hasMore])).toEqual([['organizer', 12, 10, true]])
    expect(first.groups[0]!.items[0]!.starts_on).toBe('2024-03-21')

    // The page says which page of people it shows, and links to the next in the reader's language.
    const app = createApp({ db })
    for (const prefix of ['', '/ru', '/kk']) {
      const root = parse(await (await app.fetch(new Request(`http://localhost${prefix}/organizations/${centre.slug}`))).text())
      const people = root.querySelector('nav.pager[aria-label] a[rel="next"]')
      expect(people, prefix).not.toBeNull()
      const pagers = root.querySelectorAll('nav.pager').map((n) => n.getAttribute('aria-label'))
      expect(pagers).toHaveLength(2)
      expect(new Set(pagers).size).toBe(2)
    }
    const english = parse(await (await app.fetch(new Request(`http://localhost/organizations/${centre.slug}?peoplePage=2`))).text())
    expect(textsOf(sectionHeaded(english, 'h2', 'People'), 'li')).toHaveLength(5)
    expect(linksOf(english, 'nav.pager[aria-label="People pages"] a').map((l) => l.href)).toEqual([`/organizations/${centre.slug}`])
  })
})
