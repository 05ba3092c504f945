import { beforeAll, expect, it } from 'vitest'
import { describeEachDialect } from '../../test/db.ts'
import { makeActivity, makeOrganization, makePerson } from '../../test/factories.ts'
import { textOf, textsOf } from '../../test/html.ts'
import { type Client, formFields, signedIn } from '../../test/records-client.ts'
import { useTestServer } from '../../test/server.ts'
import { findRevisionsOf } from '../revisions/index.ts'
import { personStore } from './person.store.ts'

describeEachDialect('the people admin', (dialect) => {
  const server = useTestServer(dialect, { security: { loginSlowdownMs: 2 } })
  let editor: Client

  beforeAll(async () => {
    editor = await signedIn(server(), 'editor')
  })

  it('adds a person with variants and an affiliation chosen by typing the organization’s name, without JavaScript', async () => {
    const { db } = server()
    await makeOrganization(db, { name: 'Eurasian Research Institute' })
    const page = await editor.post('/admin/people/new', {
      version: '', name: 'Gulnara Seitova', variants: 'G. Seitova\r\n\r\nSeitova Gulnara ', honorific: 'Dr.', degree: '', biography: 'Works on migration.',
      slug: '', 'affiliations[0][organizationId]': '', 'affiliations[0][organization]': 'eurasian research institute',
      'affiliations[0][position]': 'Senior fellow', 'affiliations[0][from]': '2019-09-01', 'affiliations[0][to]': '',
      'affiliations[1][organizationId]': '', 'affiliations[1][organization]': '', 'affiliations[1][position]': '',
      'affiliations[1][from]': '', 'affiliations[1][to]': '', _action: 'save',
    })
    expect(page.status).toBe(303)
    const id = Number(/\/admin\/people\/(\d+)\?notice=created$/.exec(page.location!)![1])
    const person = (await personStore.load(db, id))!
    expect(person).toMatchObject({ slug: 'gulnara-seitova', name: 'Gulnara Seitova', variants: ['G. Seitova', 'Seitova Gulnara'], honorific: 'Dr.', degree: null })
    expect(person.affiliations).toMatchObject([{ position: 'Senior fellow', startsOn: '2019-09-01', endsOn: null }])
    const edit = await editor.get(page.location!)
    expect(textOf(edit.root.querySelector('.notice'))).toBe('Created.')
    expect(edit.root.querySelector('#affiliations-0-organization')!.getAttribute('value')).toBe('Eurasian Research Institute')
    const audit = await db.selectFrom('audit_log').selectAll().where('action', '=', 'person-created').where('target_id', '=', id).execute()
    expect(audit).toHaveLength(1)
  })

  it('shows the form again with every typed value and a clear message, and saves nothing, when input is wrong', async () => {
    const { db } = server()
    const before = await db.selectFrom('person').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    const page = await editor.post('/admin/people/new', {
      version: '', name: '   ', variants: 'Variant <b>one</b>', biography: 'A biography that must not be lost.',
      'affiliations[0][organization]': 'No Such Organization Anywhere', 'affiliations[0][position]': 'Chair',
      'affiliations[0][from]': '2020-01-01', 'affiliations[0][to]': '2019-01-01', _action: 'save',
    })
    expect(page.status).toBe(400)
    expect(page.errors).toEqual(['Affiliation 1, organization: no organization is called “No Such Organization Anywhere”; add it under Organizations first'])
    expect(page.root.querySelector('#affiliations-0-organization')!.getAttribute('value')).toBe('No Such Organization Anywhere')
    expect(page.root.querySelector('#biography')!.text).toBe('A biography that must not be lost.')
    expect(page.root.querySelector('#variants')!.text).toBe('Variant <b>one</b>')
    // With the organization known, the schema's problems come next, each at its field.
    await makeOrganization(db, { name: 'Known Organization' })
    const again = await editor.post('/admin/people/new', { ...formFields(page.root, 'form[action="/admin/people/new"]'),
      'affiliations[0][organization]': 'Known Organization', _action: 'save' })
    expect(again.status).toBe(400)
    expect(again.errors).toEqual(['Name: this cannot be empty', 'Affiliation 1, to: an affiliation cannot end before it starts'])
    expect(textOf(again.root.querySelector('#affiliations-0-to-error'))).toBe('an affiliation cannot end before it starts')
    expect(again.root.querySelector('#affiliations-0-position')!.getAttribute('value')).toBe('Chair')
    expect(await db.selectFrom('person').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).toEqual(before)
  })

  it('adds a row for another affiliation without JavaScript, keeping what was typed and saving nothing', async () => {
    const { db } = server()
    const before = await db.selectFrom('person').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    const page = await editor.post('/admin/people/new', {
      version: '', name: 'Row Adder', 'affiliations[0][organization]': 'Somewhere', 'affiliations[0][position]': 'Fellow', _action: 'more',
    })
    expect(page.status).toBe(200)
    expect(page.root.querySelector('#affiliations-0-position')!.getAttribute('value')).toBe('Fellow')
    expect(page.root.querySelector('#affiliations-1-organization')!.getAttribute('value')).toBe('')
    expect(page.root.querySelector('#name')!.getAttribute('value')).toBe('Row Adder')
    // Enter in a field presses the first submit button, which must save.
    expect(page.root.querySelector('form[action="/admin/people/new"] button[type=submit]')!.getAttribute('value')).toBe('save')
    expect(await db.selectFrom('person').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).toEqual(before)
  })

  it('shows a conflict with both versions instead of overwriting a newer save, then saves on purpose', async () => {
    const { db } = server()
    const person = await makePerson(db, { name: 'Conflict Person' })
    const opened = await editor.get(`/admin/people/${person.id}`)
    const fields = formFields(opened.root, `form[action="/admin/people/${person.id}"]`)
    expect(await editor.post(`/admin/people/${person.id}`, { ...fields, degree: 'PhD', _action: 'save' })).toMatchObject({ status: 303 })
    const stale = await editor.post(`/admin/people/${person.id}`, { ...fields, biography: 'My biography.', _action: 'save' })
    expect(stale.status).toBe(409)
    expect(stale.errors[0]).toMatch(/Someone else saved this record/)
    const table = stale.root.querySelector('.conflict table')!
    expect(textsOf(table, 'tbody th')).toEqual(['Degree', 'Biography'])
    expect(textOf(table.querySelector('tbody tr'))).toContain('PhD')
    expect(stale.root.querySelector('#biography')!.text).toBe('My biography.')
    expect((await personStore.load(db, person.id))!).toMatchObject({ degree: 'PhD', biography: null })
    const resubmit = await editor.post(`/admin/people/${person.id}`, { ...formFields(stale.root, `form[action="/admin/people/${person.id}"]`), _action: 'save' })
    expect(resubmit.status).toBe(303)
    expect((await personStore.load(db, person.id))!).toMatchObject({ degree: null, biography: 'My biography.' })
  })

  it('finds people by any of their names, with % and _ taken literally, and pages the list', async () => {
    const { db } = server()
    await makePerson(db, { name: 'Percent 100% Person' })
    await makePerson(db, { name: 'Under_score Person' })
    await makePerson(db, { name: 'Anar Somuncuoğlu', variants: ['Анар Сомунджуоглу'] })
    const names = async (q: string) => textsOf((await editor.get(`/admin/people?q=${encodeURIComponent(q)}`)).root, 'table.data tbody td:first-child')
    expect(await names('%')).toEqual(['Percent 100% Person'])
    expect(await names('_')).toEqual(['Under_score Person'])
    expect(await names('somuncuoglu')).toEqual(['Anar Somuncuoğlu'])
    expect(await names('Сомунджуоглу')).toEqual(['Anar Somuncuoğlu'])
    expect(await names("'; DROP TABLE person; --")).toEqual([])
    const at = new Date().toISOString()
    const paged = await db.insertInto('person').values(Array.from({ length: 55 }, (_, i) => ({
      slug: `paged-person-${i}`, name: `Paged Person ${String(i).padStart(2, '0')}`, created_at: at, updated_at: at,
    }))).returning(['id', 'name']).execute()
    await db.insertInto('person_name').values(paged.map((p) => ({ person_id: p.id, name: p.name, name_key: p.name.toLowerCase() }))).execute()
    const first = await editor.get('/admin/people?q=paged')
    expect(textsOf(first.root, 'table.data tbody td:first-child')).toHaveLength(50)
    const second = await editor.get(first.root.querySelector('a[rel=next]')!.getAttribute('href')!)
    expect(textsOf(second.root, 'table.data tbody td:first-child')).toEqual(['Paged Person 50', 'Paged Person 51', 'Paged Person 52', 'Paged Person 53', 'Paged Person 54'])
  })

  it('refuses to delete a person named in an activity, saying why; deletes one who is not, into the trash', async () => {
    const { db } = server()
    const busy = await makePerson(db, { name: 'Busy Speaker' })
    await makeActivity(db, { participants: [[busy, 'speaker']] })
    const refused = await editor.post(`/admin/people/${busy.id}/delete`)
    expect(refused.status).toBe(409)
    expect(refused.errors).toEqual(['Busy Speaker was not deleted. This person takes part in 1 activities and 0 publications. Remove them there first, or merge this person into another.'])
    expect(await personStore.load(db, busy.id)).not.toBeNull()
    const idle = await makePerson(db, { name: 'Idle Person' })
    const deleted = await editor.post(`/admin/people/${idle.id}/delete`)
    expect([deleted.status, deleted.location]).toEqual([303, '/admin/people?notice=deleted'])
    expect(await personStore.load(db, idle.id)).toBeNull()
    expect((await findRevisionsOf(db, 'person', idle.id)).at(-1)!.action).toBe('delete')
    const trash = await editor.get('/admin/trash')
    expect(textsOf(trash.root, 'table.data tbody td:first-child')).toContain('Idle Person')
  })

  it('shows the photo form, and the current photo from its stored file', async () => {
    const { db } = server()
    const person = await makePerson(db, { name: 'Photographed Person' })
    const page = await editor.get(`/admin/people/${person.id}`)
    const form = page.root.querySelector(`form[action="/admin/people/${person.id}/photo"]`)!
    expect(form.getAttribute('enctype')).toBe('multipart/form-data')
    expect(form.querySelector('input[type=file]')!.getAttribute('name')).toBe('photo')
    expect(page.root.querySelector('img.portrait')).toBeNull()
    const sha256 = 'a'.repeat(64)
    const { id } = await db.insertInto('stored_file').values({ sha256, size: 10, mime: 'image/png', created_at: new Date().toISOString() })
      .returning('id').executeTakeFirstOrThrow()
    await db.updateTable('person').set({ photo_file_id: id }).where('id', '=', person.id).execute()
    const withPhoto = await editor.get(`/admin/people/${person.id}`)
    expect(withPhoto.root.querySelector('img.portrait')!.getAttribute('src')).toBe(`/files/${sha256}`)
  })
})
