import { beforeAll, expect, it } from 'vitest'
import { describeEachDialect } from '../../test/db.ts'
import { makeActivity, makeOrganization, makePerson } from '../../test/factories.ts'
import { textOf, textsOf } from '../../test/html.ts'
import { type Client, signedIn } from '../../test/records-client.ts'
import { useTestServer } from '../../test/server.ts'
import { createActivity } from '../activities/activity.service.ts'
import { exportArchive } from '../archive/index.ts'
import { createOrganization } from '../organizations/organization.service.ts'
import { organizationStore } from '../organizations/organization.store.ts'
import { createPerson } from '../people/person.service.ts'
import { personStore } from '../people/person.store.ts'
import { createPublication } from '../publications/publication.service.ts'

describeEachDialect('merging through the admin', (dialect) => {
  const server = useTestServer(dialect, { security: { loginSlowdownMs: 2 } })
  let editor: Client

  beforeAll(async () => {
    editor = await signedIn(server(), 'editor')
  })

  it('merges a duplicate person: confirms what moves, redirects the old address, and undoes to the same archive', async () => {
    const { db } = server()
    const institute = await makeOrganization(db, { name: 'Institute for Merge Tests' })
    const survivor = await createPerson(db, { name: 'Botagoz Rakisheva', variants: [], honorific: 'Dr.', degree: null, biography: null, affiliations: [] }, 'test')
    const duplicate = await createPerson(db, {
      name: 'Rakisheva B.', variants: ['B. Rakisheva'], honorific: null, degree: 'PhD', biography: null,
      affiliations: [{ organizationId: institute.id, position: 'Director', startsOn: null, endsOn: null }],
    }, 'test')
    const s = { ...survivor, kind: 'person' as const }, d = { ...duplicate, kind: 'person' as const }
    await makeActivity(db, { name: 'Seminar both attended', participants: [[s, 'speaker'], [d, 'speaker']] })
    await makeActivity(db, { name: 'Workshop of the duplicate', participants: [[d, 'moderator']] })
    await createPublication(db, { kind: 'report', title: 'Report by the duplicate', summary: null, publishedOn: null, activityId: null,
      sampleSize: null, regions: null, methods: [], contributors: [{ personId: duplicate.id, organizationId: null, role: 'author' }] }, 'test')
    const before = await exportArchive(db)

    // Without JavaScript: the survivor is typed by a variant of its name.
    const edit = await editor.get(`/admin/people/${duplicate.id}`)
    const form = edit.root.querySelector(`form[action="/admin/people/${duplicate.id}/merge"]`)!
    expect(form.getAttribute('method')).toBe('get')
    const confirm = await editor.get(`/admin/people/${duplicate.id}/merge?into=&into_name=${encodeURIComponent('rakisheva botagoz')}`)
    expect(confirm.status).toBe(400)
    expect(confirm.errors).toEqual(['The person to keep: no person is called “rakisheva botagoz”.'])
    const confirmed = await editor.get(`/admin/people/${duplicate.id}/merge?into=&into_name=${encodeURIComponent('Botagoz Rakisheva')}`)
    expect(confirmed.status).toBe(200)
    expect(textOf(confirmed.root.querySelector('h1'))).toBe('Merge Rakisheva B. into Botagoz Rakisheva?')
    const sections = Object.fromEntries(confirmed.root.querySelectorAll('main section[aria-label] h3')
      .map((h) => [textOf(h).replace(/ \(\d+\)$/, ''), textsOf(h.parentNode!, 'li')]))
    expect(sections['Activities that move']).toEqual(['2024-01-01 Workshop of the duplicate — as moderator'])
    expect(sections['Activities where both already appear in the same role (the survivor’s row is kept)']).toEqual(['2024-01-01 Seminar both attended — as speaker'])
    expect(sections['Affiliations that move']).toEqual(['Director, Institute for Merge Tests'])
    expect(sections['Publications that move']).toEqual(['Report by the duplicate — author'])
    expect(sections['Names that become the survivor’s variants']).toEqual(['Rakisheva B.', 'B. Rakisheva'])
    expect(sections['Empty fields filled from the duplicate']).toEqual(['degree: PhD'])
    expect(await personStore.load(db, duplicate.id)).not.toBeNull()

    const merged = await editor.post(`/admin/people/${duplicate.id}/merge`, { into: String(survivor.id) })
    expect([merged.status, merged.location]).toEqual([303, `/admin/people/${survivor.id}?notice=merged`])
    expect(await personStore.load(db, duplicate.id)).toBeNull()

    // The old public addresses lead to the survivor, the query string kept.
    const page = await server().get(`/people/${duplicate.slug}?page=1`)
    expect([page.status, page.headers.get('location')]).toEqual([301, `/people/${survivor.slug}?page=1`])
    const api = await server().get(`/api/v1/people/${duplicate.slug}`)
    expect([api.status, api.headers.get('location')]).toEqual([301, `/api/v1/people/${survivor.slug}`])
    const profile = await (await server().get(`/people/${survivor.slug}`)).text()
    expect(profile).toContain('Workshop of the duplicate')
    expect((await server().get('/people/no-one-at-all')).status).toBe(404)

    // The survivor's history offers the undo; the merged one's history says where it went.
    const history = await editor.get(`/admin/history/person/${survivor.id}`)
    const undoLink = history.root.querySelectorAll('a').find((a) => textOf(a) === 'Undo merge…')!
    const mergedHistory = await editor.get(`/admin/history/person/${duplicate.id}`)
    expect(textOf(mergedHistory.root.querySelector('.notice'))).toBe('This person was merged into Botagoz Rakisheva. It comes back by undoing the merge.')
    expect(mergedHistory.root.querySelectorAll('button').map(textOf)).not.toContain('Restore this version…')
    const trash = await editor.get('/admin/trash')
    expect(textOf(trash.root.querySelectorAll('table.data tbody tr').find((tr) => textOf(tr).includes('Rakisheva B.'))!))
      .toContain('Merged into Botagoz Rakisheva')

    const undoPage = await editor.get(undoLink.getAttribute('href')!)
    expect(textOf(undoPage.root.querySelector('h1'))).toBe('Undo the merge of Rakisheva B.?')
    const undone = await editor.post(undoLink.getAttribute('href')!)
    expect([undone.status, undone.location]).toEqual([303, `/admin/history/person/${survivor.id}?notice=unmerged`])
    expect(await exportArchive(db)).toEqual(before)
    expect((await server().get(`/people/${duplicate.slug}`)).status).toBe(200)
    const again = await editor.post(undoLink.getAttribute('href')!)
    expect(again.status).toBe(409)
    expect(again.errors).toEqual(['This merge was already undone.'])

    const actions = (await db.selectFrom('audit_log').select('action').where('target_type', '=', 'person').orderBy('id').execute()).map((a) => a.action)
    expect(actions.slice(-2)).toEqual(['person-merged', 'person-unmerged'])
  })

  it('merges a duplicate organization with its units, affiliations and affiliations at the time, and undoes it', async () => {
    const { db } = server()
    const survivor = await createOrganization(db, { name: 'TURKSOY', variants: [], kind: 'international', country: null, parentId: null, website: null }, 'test')
    const duplicate = await createOrganization(db, { name: 'International Organization of Turkic Culture', variants: ['ТЮРКСОЙ'], kind: null, country: 'TR', parentId: null, website: null }, 'test')
    await createOrganization(db, { name: 'TURKSOY Youth Council', variants: [], kind: null, country: null, parentId: duplicate.id, website: null }, 'test')
    const person = await createPerson(db, { name: 'Dusen Kaseinov', variants: [], honorific: null, degree: null, biography: null,
      affiliations: [{ organizationId: duplicate.id, position: 'Secretary General', startsOn: null, endsOn: null }] }, 'test')
    await createActivity(db, { kind: 'forum', name: 'Turkic forum', startsOn: '2024-03-01', endsOn: null, city: null, country: null, format: null, internal: false,
      participations: [
        { personId: null, organizationId: duplicate.id, role: 'partner', affiliationId: null, jobTitle: null, internal: false },
        { personId: person.id, organizationId: null, role: 'speaker', affiliationId: duplicate.id, jobTitle: null, internal: false },
      ] }, 'test')
    const before = await exportArchive(db)

    const confirm = await editor.get(`/admin/organizations/${duplicate.id}/merge?into=${survivor.id}&into_name=TURKSOY`)
    const headings = confirm.root.querySelectorAll('main section[aria-label] h3').map(textOf)
    expect(headings).toEqual(['Activities that move (1)', 'Affiliations that move (1)', 'Participants whose affiliation at the time moves (1)',
      'Units that move (1)', 'Names that become the survivor’s variants (2)', 'Empty fields filled from the duplicate (1)'])
    const merged = await editor.post(`/admin/organizations/${duplicate.id}/merge`, { into: String(survivor.id) })
    expect(merged.status).toBe(303)
    const page = await server().get(`/organizations/${duplicate.slug}`)
    expect([page.status, page.headers.get('location')]).toEqual([301, `/organizations/${survivor.slug}`])
    const api = await server().get(`/api/v1/organizations/${duplicate.slug}`)
    expect([api.status, api.headers.get('location')]).toEqual([301, `/api/v1/organizations/${survivor.slug}`])
    const profile = await (await server().get(`/organizations/${survivor.slug}`)).text()
    expect(profile).toContain('TURKSOY Youth Council')
    expect(profile).toContain('Dusen Kaseinov')
    expect((await organizationStore.load(db, survivor.id))!.variants).toEqual(['International Organization of Turkic Culture', 'ТЮРКСОЙ'])

    const [record] = await db.selectFrom('merge_record').select('id').where('entity_type', '=', 'organization').execute()
    expect((await editor.post(`/admin/merges/${record!.id}/undo`)).status).toBe(303)
    expect(await exportArchive(db)).toEqual(before)
  })

  it('refuses a merge into itself or into one of its own units, saying why, and changes nothing', async () => {
    const { db } = server()
    const person = await makePerson(db, { name: 'Lonely Person' })
    const self = await editor.get(`/admin/people/${person.id}/merge?into=${person.id}&into_name=${encodeURIComponent(person.slug)}`)
    expect(self.status).toBe(400)
    expect(self.errors).toEqual(['The person to keep: no person is called “' + person.slug + '”.'])
    const forced = await editor.post(`/admin/people/${person.id}/merge`, { into: String(person.id) })
    expect(forced.status).toBe(409)
    expect(forced.errors).toEqual(['A person cannot be merged into itself.'])
    const top = await makeOrganization(db, { name: 'Top Council' })
    const unit = await createOrganization(db, { name: 'Council Unit', variants: [], kind: null, country: null, parentId: top.id, website: null }, 'test')
    const before = await exportArchive(db)
    const refused = await editor.get(`/admin/organizations/${top.id}/merge?into=${unit.id}`)
    expect(refused.status).toBe(409)
    expect(refused.errors).toEqual(['Council Unit is part of Top Council. Change its parent organization first, or keep Top Council instead.'])
    expect(refused.root.querySelector('main form[method=post]')).toBeNull()
    expect((await editor.post(`/admin/organizations/${top.id}/merge`, { into: String(unit.id) })).status).toBe(409)
    expect(await exportArchive(db)).toEqual(before)
  })
})
