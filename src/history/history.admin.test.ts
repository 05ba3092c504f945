import { beforeAll, expect, it } from 'vitest'
import { describeEachDialect } from '../../test/db.ts'
import { makeOrganization, makePerson } from '../../test/factories.ts'
import { textOf, textsOf } from '../../test/html.ts'
import { type Client, formFields, signedIn } from '../../test/records-client.ts'
import { useTestServer } from '../../test/server.ts'
import { organizationStore } from '../organizations/organization.store.ts'
import { personStore } from '../people/person.store.ts'
import { findRevisionsOf } from '../revisions/index.ts'

describeEachDialect('history, restore and the trash in the admin', (dialect) => {
  const server = useTestServer(dialect, { security: { loginSlowdownMs: 2 } })
  let editor: Client

  beforeAll(async () => {
    editor = await signedIn(server(), 'editor')
  })

  async function saveOrganization(id: number, changes: Record<string, string>) {
    const page = await editor.get(`/admin/organizations/${id}`)
    const saved = await editor.post(`/admin/organizations/${id}`, { ...formFields(page.root, `form[action="/admin/organizations/${id}"]`), ...changes })
    expect(saved.status).toBe(303)
  }

  it('shows every revision with who, when and a readable diff, and restores an earlier version', async () => {
    const { db } = server()
    const parent = await makeOrganization(db, { name: 'Academy of Sciences' })
    const created = await editor.post('/admin/organizations/new', { name: 'Institute of History', variants: '', kind: 'research', country: 'kz', parent: '', parentId: '', website: '', slug: '' })
    const id = Number(/\/admin\/organizations\/(\d+)/.exec(created.location!)![1])
    await saveOrganization(id, { name: 'Institute of History and Ethnology', parent: 'Academy of Sciences', parentId: '', variants: 'IHE' })
    await saveOrganization(id, { website: 'https://iie.kz' })

    const history = await editor.get(`/admin/history/organization/${id}`)
    expect(textOf(history.root.querySelector('h1'))).toBe('History of Institute of History and Ethnology organization')
    const revisions = history.root.querySelectorAll('article.revision')
    expect(revisions.map((r) => textOf(r.querySelector('h3')).replace(/, \d{4}-.*$/, ''))).toEqual([
      `Changed by ${editor.account.email}`, `Changed by ${editor.account.email}`, `Created by ${editor.account.email}`])
    const middle = revisions[1]!
    expect(textsOf(middle, 'tbody th')).toEqual(['Name', 'Name variants', 'Parent organization'])
    // The parent is named, not numbered; lists say what was added.
    expect(textOf(middle.querySelectorAll('tbody tr')[2]!)).toContain('Academy of Sciences')
    expect(textOf(middle.querySelectorAll('tbody tr')[1]!.querySelector('ins'))).toContain('IHE')
    expect(middle.querySelectorAll('tbody tr')[2]!.toString()).not.toContain(`#${parent.id}`)

    // The newest is the current version: only older ones offer a restore.
    const restoreForms = history.root.querySelectorAll('article.revision form')
    expect(restoreForms.map((f) => f.getAttribute('action'))).toHaveLength(2)
    const firstRevision = (await findRevisionsOf(db, 'organization', id))[0]!
    const confirm = await editor.get(`/admin/history/organization/${id}/restore/${firstRevision.id}`)
    expect(textOf(confirm.root.querySelector('h1'))).toBe('Restore Institute of History and Ethnology?')
    expect(textsOf(confirm.root, 'table.diff tbody th')).toEqual(['Name', 'Name variants', 'Parent organization', 'Website'])
    const restored = await editor.post(`/admin/history/organization/${id}/restore/${firstRevision.id}`)
    expect([restored.status, restored.location]).toEqual([303, `/admin/history/organization/${id}?notice=restored`])
    expect(await organizationStore.load(db, id)).toMatchObject({ name: 'Institute of History', variants: [], parentId: null, website: null, country: 'KZ' })
    expect((await findRevisionsOf(db, 'organization', id)).map((r) => r.action)).toEqual(['create', 'update', 'update', 'update'])
    const audit = await db.selectFrom('audit_log').select(['action', 'target_id']).where('action', '=', 'organization-restored').execute()
    expect(audit).toEqual([{ action: 'organization-restored', target_id: id }])
  })

  it('shows a long text changed word by word', async () => {
    const { db } = server()
    const person = await makePerson(db, { name: 'Biographed Person' })
    const page = await editor.get(`/admin/people/${person.id}`)
    const fields = formFields(page.root, `form[action="/admin/people/${person.id}"]`)
    const biography = 'She studied sociology in Almaty and has led surveys of youth attitudes across Central Asia since 2010.'
    await editor.post(`/admin/people/${person.id}`, { ...fields, biography, _action: 'save' })
    const again = await editor.get(`/admin/people/${person.id}`)
    await editor.post(`/admin/people/${person.id}`, { ...formFields(again.root, `form[action="/admin/people/${person.id}"]`),
      biography: biography.replace('youth attitudes', 'public trust'), _action: 'save' })
    const history = await editor.get(`/admin/history/person/${person.id}`)
    const words = history.root.querySelector('article.revision td.words')!
    expect(textsOf(words, 'del')).toEqual(['[removed: youth attitudes]'])
    expect(textsOf(words, 'ins')).toEqual(['[added: public trust]'])
    expect(textOf(words)).toContain('has led surveys of')
  })

  it('moves a deleted record to the trash, lists who deleted it, and restores it from there', async () => {
    const { db } = server()
    const organization = await makeOrganization(db, { name: 'Short-lived Foundation' })
    expect((await editor.post(`/admin/organizations/${organization.id}/delete`)).status).toBe(303)
    expect(await organizationStore.load(db, organization.id)).toBeNull()
    const trash = await editor.get('/admin/trash')
    const row = trash.root.querySelectorAll('table.data tbody tr').find((tr) => textOf(tr).includes('Short-lived Foundation'))!
    expect(textsOf(row, 'td').slice(0, 3)).toEqual(['Short-lived Foundation', 'organization', editor.account.email])
    const action = row.querySelector('form')!.getAttribute('action')!
    const restored = await editor.post(action)
    expect([restored.status, restored.location]).toEqual([303, `/admin/history/organization/${organization.id}?notice=restored`])
    expect(await organizationStore.load(db, organization.id)).toMatchObject({ name: 'Short-lived Foundation', slug: organization.slug })
    expect(textOf((await editor.get('/admin/trash')).root.querySelector('main'))).not.toContain('Short-lived Foundation')
    const audit = await db.selectFrom('audit_log').select('action').where('target_id', '=', organization.id).where('target_type', '=', 'organization').orderBy('id').execute()
    expect(audit.map((a) => a.action)).toEqual(['organization-deleted', 'organization-restored'])
  })

  it('refuses to restore over an address taken since, saying why', async () => {
    const { db } = server()
    const person = await makePerson(db, { name: 'Address Holder' })
    await editor.post(`/admin/people/${person.id}/delete`)
    await makePerson(db, { name: 'Address Holder' })
    const deletion = (await findRevisionsOf(db, 'person', person.id)).at(-1)!
    const refused = await editor.post(`/admin/trash/${deletion.id}/restore`)
    expect(refused.status).toBe(409)
    expect(refused.errors).toEqual([`The address “${person.slug}” is now used by another person; change that one’s address first.`])
    expect(await personStore.load(db, person.id)).toBeNull()
  })

  it('lists recent changes across records, newest first, in pages', async () => {
    const { db } = server()
    // Enough older changes for a second page.
    await db.insertInto('revision').values(Array.from({ length: 60 }, (_, i) => ({
      entity_type: 'person', entity_id: 999_000 + i, action: 'delete' as const, actor: 'old@example.org', at: '2020-01-01T00:00:00.000Z',
      before_json: JSON.stringify({ id: 999_000 + i, slug: `old-${i}`, name: `Old Person ${i}`, variants: [], affiliations: [] }), after_json: null,
    }))).execute()
    for (let i = 0; i < 3; i++) await makePerson(db, { name: `Recent Person ${i}` })
    const page = await editor.get('/admin/history')
    expect(textsOf(page.root, 'table.data tbody td:nth-child(4)').slice(0, 3)).toEqual(['Recent Person 2', 'Recent Person 1', 'Recent Person 0'])
    expect(page.root.querySelector('a[rel=next]')).not.toBeNull()
    const next = await editor.get('/admin/history?page=2')
    expect(next.status).toBe(200)
    expect(textsOf(next.root, 'table.data tbody tr').length).toBeGreaterThan(0)
  })

  it('is for editors: an author gets 403 and an anonymous visitor is sent to sign in', async () => {
    const { db } = server()
    const author = await signedIn(server(), 'author')
    const person = await makePerson(db, { name: 'Guarded Person' })
    const revision = (await findRevisionsOf(db, 'person', person.id))[0]!
    for (const path of ['/admin/history', `/admin/history/person/${person.id}`, '/admin/trash', '/admin/people', `/admin/people/${person.id}`,
      '/admin/organizations', `/admin/people/${person.id}/merge`]) {
      expect([path, (await author.get(path)).status]).toEqual([path, 403])
      const anonymous = await server().get(path)
      expect([path, anonymous.status, anonymous.headers.get('location')]).toEqual([path, 303, `/admin/login?next=${encodeURIComponent(path)}`])
    }
    const refused = await author.post(`/admin/history/person/${person.id}/restore/${revision.id}`)
    expect(refused.status).toBe(403)
    expect((await author.post(`/admin/trash/${revision.id}/restore`)).status).toBe(403)
  })
})
