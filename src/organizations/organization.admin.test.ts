import { beforeAll, expect, it } from 'vitest'
import { describeEachDialect } from '../../test/db.ts'
import { makeOrganization } from '../../test/factories.ts'
import { textOf, textsOf } from '../../test/html.ts'
import { type Client, formFields, signedIn } from '../../test/records-client.ts'
import { useTestServer } from '../../test/server.ts'
import { createPerson } from '../people/person.service.ts'
import { organizationStore } from './organization.store.ts'

describeEachDialect('the organizations admin', (dialect) => {
  const server = useTestServer(dialect, { security: { loginSlowdownMs: 2 } })
  let editor: Client

  beforeAll(async () => {
    editor = await signedIn(server(), 'editor')
  })

  const blank = { version: '', slug: '', name: '', variants: '', kind: '', country: '', parentId: '', parent: '', website: '' }

  it('adds an organization with acronyms and a parent typed by name, and finds it by its acronym', async () => {
    const { db } = server()
    const parent = await makeOrganization(db, { name: 'United Nations' })
    const created = await editor.post('/admin/organizations/new', {
      ...blank, name: 'United Nations Development Programme', variants: 'UNDP\nПРООН', kind: 'international', country: 'us',
      parent: 'united nations', website: 'https://www.undp.org',
    })
    expect(created.status).toBe(303)
    const id = Number(/\/admin\/organizations\/(\d+)\?notice=created$/.exec(created.location!)![1])
    expect(await organizationStore.load(db, id)).toMatchObject({
      slug: 'united-nations-development-programme', variants: ['UNDP', 'ПРООН'], kind: 'international', country: 'US',
      parentId: parent.id, website: 'https://www.undp.org',
    })
    const list = await editor.get('/admin/organizations?q=UNDP')
    expect(textsOf(list.root, 'table.data tbody td:first-child')).toEqual(['United Nations Development Programme'])
    const edit = await editor.get(`/admin/organizations/${id}`)
    expect(edit.root.querySelector('#parent')!.getAttribute('value')).toBe('United Nations')
    expect(edit.root.querySelector('#kind option[selected]')!.getAttribute('value')).toBe('international')
  })

  it('keeps everything typed and says what is wrong, field by field, and saves nothing', async () => {
    const { db } = server()
    const before = await db.selectFrom('organization').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    const refused = await editor.post('/admin/organizations/new', {
      ...blank, name: 'Bad Input Institute', variants: 'BII', country: 'Kazakhstan', website: 'ftp://example.org', parent: 'Nobody Knows This Body',
    })
    expect(refused.status).toBe(400)
    expect(refused.errors).toEqual(['Part of: no organization is called “Nobody Knows This Body”'])
    expect(refused.root.querySelector('#parent')!.getAttribute('value')).toBe('Nobody Knows This Body')
    const again = await editor.post('/admin/organizations/new', { ...formFields(refused.root, 'form[action="/admin/organizations/new"]'), parent: '' })
    expect(again.status).toBe(400)
    expect(again.errors).toEqual([
      'Country: a country is an ISO 3166-1 alpha-2 code such as KZ', 'Website: a web address starts with http:// or https://'])
    expect(textOf(again.root.querySelector('#country-error'))).toBe('a country is an ISO 3166-1 alpha-2 code such as KZ')
    expect(again.root.querySelector('#country')!.getAttribute('value')).toBe('Kazakhstan')
    expect(again.root.querySelector('#website')!.getAttribute('value')).toBe('ftp://example.org')
    expect(again.root.querySelector('#variants')!.text).toBe('BII')
    expect(await db.selectFrom('organization').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).toEqual(before)
  })

  it('refuses to make an organization part of itself', async () => {
    const { db } = server()
    const top = await makeOrganization(db, { name: 'Loop Top' })
    const page = await editor.get(`/admin/organizations/${top.id}`)
    const refused = await editor.post(`/admin/organizations/${top.id}`, { ...formFields(page.root, `form[action="/admin/organizations/${top.id}"]`), parent: 'Loop Top' })
    expect(refused.status).toBe(400)
    expect(refused.errors).toEqual(['Part of: an organization cannot be inside itself'])
  })

  it('shows both versions when someone saved meanwhile', async () => {
    const { db } = server()
    const organization = await makeOrganization(db, { name: 'Contested Institute' })
    const opened = await editor.get(`/admin/organizations/${organization.id}`)
    const fields = formFields(opened.root, `form[action="/admin/organizations/${organization.id}"]`)
    expect((await editor.post(`/admin/organizations/${organization.id}`, { ...fields, website: 'https://theirs.example.org' })).status).toBe(303)
    const stale = await editor.post(`/admin/organizations/${organization.id}`, { ...fields, country: 'KZ' })
    expect(stale.status).toBe(409)
    expect(textsOf(stale.root.querySelector('.conflict table')!, 'tbody th')).toEqual(['Country', 'Website'])
    expect(stale.root.querySelector('#country')!.getAttribute('value')).toBe('KZ')
    expect((await organizationStore.load(db, organization.id))!).toMatchObject({ website: 'https://theirs.example.org', country: null })
  })

  it('refuses to delete an organization people are affiliated with, saying so', async () => {
    const { db } = server()
    const organization = await makeOrganization(db, { name: 'Employer Institute' })
    await createPerson(db, { name: 'Employee Person', variants: [], honorific: null, degree: null, biography: null,
      affiliations: [{ organizationId: organization.id, position: null, startsOn: null, endsOn: null }] }, 'test')
    const refused = await editor.post(`/admin/organizations/${organization.id}/delete`)
    expect(refused.status).toBe(409)
    expect(refused.errors).toEqual(['Employer Institute was not deleted. This organization is named in 1 affiliations. Remove it there first, or merge it into another.'])
    expect(await organizationStore.load(db, organization.id)).not.toBeNull()
  })
})
