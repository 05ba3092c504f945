import { beforeAll, expect, it } from 'vitest'
import { networkScript } from '../src/web/assets.ts'
import { describeEachDialect } from './db.ts'
import { makeActivity, makeOrganization, makePerson, type Made } from './factories.ts'
import { openPage, textOf } from './html.ts'
import { useTestServer } from './server.ts'

// /insights/network over HTTP: what a reader finds in the drawing's links and the table of ties, in each language,
// with the filters as links, and a 400 that says what is wrong with a bad filter.

describeEachDialect('the collaboration network page', (dialect) => {
  const server = useTestServer(dialect)
  let saule: Made, marat: Made, hidden: Made, centre: Made

  beforeAll(async () => {
    const db = server().db
    saule = await makePerson(db, { name: 'Saule Abenova' })
    marat = await makePerson(db, { name: 'Marat Ospanov' })
    hidden = await makePerson(db, { name: 'Hidden Guest' })
    centre = await makeOrganization(db, { name: 'Astana Policy Centre', country: 'KZ' })
    await makeActivity(db, { kind: 'workshop', startsOn: '2024-04-10', participants: [[saule, 'speaker'], [marat, 'participant'], [centre, 'organizer']] })
    await makeActivity(db, { kind: 'workshop', startsOn: '2024-10-01', participants: [[saule, 'moderator'], [marat, 'speaker']] })
    await makeActivity(db, { kind: 'meeting', startsOn: '2023-05-05', participants: [[saule, 'participant'], [centre, 'partner']] })
    // The guest is only ever internal: in an internal activity, and by an internal participation.
    await makeActivity(db, { kind: 'meeting', startsOn: '2024-06-06', internal: true, participants: [[saule, 'participant'], [hidden, 'participant']] })
    await makeActivity(db, { kind: 'seminar', startsOn: '2024-07-07', participants: [[marat, 'speaker'], [hidden, 'speaker', { internal: true }]] })
  })

  const tiesOn = async (path: string) => {
    const page = await openPage(server(), path)
    return {
      ...page,
      ties: page.root.querySelectorAll('table.network-ties tbody tr').map((tr) => tr.querySelectorAll('td').map((td) => {
        const link = td.querySelector('a')
        return link ? `${textOf(link)} <${link.getAttribute('href')}>` : textOf(td)
      }).join(' | ')),
      nodes: page.root.querySelectorAll('svg.network a.node').map((a) => a.getAttribute('href')).sort(),
    }
  }

  it('draws who took part with whom, links each node to its profile, and lists the ties with their counts', async () => {
    const { status, root, html, ties, nodes } = await tiesOn('/insights/network')
    expect(status).toBe(200)
    expect(textOf(root.querySelector('h1'))).toBe('Collaboration network')
    // Counted from the activities above: Saule and Marat shared both workshops; Saule and the centre a workshop and a meeting.
    // The most connected first in each row, and among equals by name.
    expect(ties).toEqual([
      `Saule Abenova </people/${saule.slug}> | Astana Policy Centre </organizations/${centre.slug}> | 2`,
      `Saule Abenova </people/${saule.slug}> | Marat Ospanov </people/${marat.slug}> | 2`,
      `Astana Policy Centre </organizations/${centre.slug}> | Marat Ospanov </people/${marat.slug}> | 1`,
    ])
    expect(nodes).toEqual([`/organizations/${centre.slug}`, `/people/${marat.slug}`, `/people/${saule.slug}`])
    expect(html).not.toContain('Hidden Guest')
    expect(textOf(root.querySelector('#network-summary'))).toContain('Showing all 3 people and organizations with ties.')
    const script = root.querySelector(`script[src="${networkScript.path}"]`)
    expect(script).not.toBeNull()
    const served = await server().get(networkScript.path)
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toContain('javascript')
    // Each node says who it is to a screen reader, and lists its neighbours for the highlighting.
    const sauleNode = root.querySelector(`a.node[href="/people/${saule.slug}"]`)!
    expect(sauleNode.getAttribute('aria-label')).toBe('Saule Abenova (person): 3 activities')
    expect(sauleNode.getAttribute('data-neighbours')!.split(' ').sort()).toEqual([`o${centre.id}`, `p${marat.id}`].sort())
  })

  it('filters by year, kind and country with links that keep the other filters, and marks the chosen ones', async () => {
    const year = await tiesOn('/insights/network?year=2023')
    expect(year.status).toBe(200)
    expect(year.ties).toEqual([
      `Astana Policy Centre </organizations/${centre.slug}> | Saule Abenova </people/${saule.slug}> | 1`])
    const current = year.root.querySelectorAll('.network-filters a[aria-current]').map((a) => [textOf(a), a.getAttribute('href')])
    expect(current).toEqual([['2023', '/insights/network?year=2023'], ['All kinds', '/insights/network?year=2023'],
      ['All countries', '/insights/network?year=2023']])

    const kind = await tiesOn('/insights/network?kind=workshop')
    expect(kind.ties).toEqual([
      `Marat Ospanov </people/${marat.slug}> | Saule Abenova </people/${saule.slug}> | 2`,
      `Marat Ospanov </people/${marat.slug}> | Astana Policy Centre </organizations/${centre.slug}> | 1`,
      `Saule Abenova </people/${saule.slug}> | Astana Policy Centre </organizations/${centre.slug}> | 1`,
    ])
    const yearLinks = kind.root.querySelectorAll('.network-filter a').map((a) => a.getAttribute('href'))
    expect(yearLinks).toContain('/insights/network?year=2024&kind=workshop')
    expect(kind.root.querySelector('a[href="/insights/network"]')).not.toBeNull()

    // Marat's seminar had only an internal second participant: nothing public to draw.
    const empty = await tiesOn('/insights/network?kind=seminar')
    expect(empty.status).toBe(200)
    expect(empty.nodes).toEqual([])
    expect(textOf(empty.root.querySelector('.notice'))).toContain('No public activities with two or more taking part match these filters.')
    expect(empty.html).not.toContain('Hidden Guest')
  })

  it('answers in Russian and Kazakh with links that stay in the language', async () => {
    for (const [lang, title] of [['ru', 'Сеть сотрудничества'], ['kk', 'Ынтымақтастық желісі']] as const) {
      const { status, root, nodes } = await tiesOn(`/${lang}/insights/network?year=2024`)
      expect(status).toBe(200)
      expect(root.querySelector('html')?.getAttribute('lang')).toBe(lang)
      expect(textOf(root.querySelector('h1'))).toBe(title)
      expect(nodes).toEqual([`/${lang}/organizations/${centre.slug}`, `/${lang}/people/${marat.slug}`, `/${lang}/people/${saule.slug}`])
      expect(root.querySelectorAll('.network-filter a').every((a) => a.getAttribute('href')!.startsWith(`/${lang}/insights/network`))).toBe(true)
    }
  })

  it.each([
    ['/insights/network?year=twenty', 'year must be a year such as 2024'],
    ['/insights/network?kind=party', 'kind must be one of'],
    ['/insights/network?country=Kazakhstan', 'country must be a two-letter code such as KZ'],
    ['/insights/network?from=2024-05-01&to=2024-04-01', 'from must not be after to'],
    ['/insights/network?year=2024&from=2024-01-01', 'give either year or from/to, not both'],
    ['/insights/network?from=2024-02-30', 'must be a real calendar date'],
  ])('%s is a 400 that says what is wrong', async (path, message) => {
    const { status, html } = await openPage(server(), path)
    expect(status).toBe(400)
    expect(html).toContain(message)
  })
})
