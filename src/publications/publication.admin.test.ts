import { parse } from 'node-html-parser'
import { beforeAll, expect, it } from 'vitest'
import { describeEachDialect } from '../../test/db.ts'
import { makeActivity, makeOrganization } from '../../test/factories.ts'
import { definitionsOf, sectionHeaded, textOf, textsOf } from '../../test/html.ts'
import { FORM, makeAccount, signIn, type SignedIn } from '../../test/security/helpers.ts'
import { useTestServer } from '../../test/server.ts'
import { SYSTEM_EDITOR } from '../accounts/editor.ts'
import { findRevisionsOf } from '../revisions/index.ts'
import { publicationStore } from './publication.store.ts'
import { updatePublicationFromInput } from './publication.write.ts'

describeEachDialect('publications admin over HTTP', (dialect) => {
  const server = useTestServer(dialect, { security: { loginSlowdownMs: 0 } })
  let editor: SignedIn, author: SignedIn
  let activityId = 0
  let partnerId = 0

  beforeAll(async () => {
    const { db } = server()
    editor = await signIn(server(), await makeAccount(db, 'editor'))
    author = await signIn(server(), await makeAccount(db, 'author'))
    activityId = (await makeActivity(db, { name: 'Presentation of the trust survey', kind: 'presentation', startsOn: '2024-04-02' })).id
    partnerId = (await makeOrganization(db, { name: 'Friedrich Ebert Foundation' })).id
  })

  function send(session: SignedIn, path: string, fields: [string, string][]) {
    const body = new URLSearchParams([['_csrf', session.csrf], ...fields])
    return server().get(path, { method: 'POST', headers: { cookie: session.cookie, 'content-type': FORM }, body: body.toString() })
  }
  const open = async (session: SignedIn, path: string) => {
    const response = await server().get(path, { headers: { cookie: session.cookie } })
    return { status: response.status, root: parse(await response.text()) }
  }
  const countPublications = async () =>
    Number((await server().db.selectFrom('publication').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
  const countAllRevisions = async () =>
    Number((await server().db.selectFrom('revision').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

  const fullForm = (): [string, string][] => [
    ['title', 'Trust in public institutions 2024'], ['kind', 'report'], ['slug', ''],
    ['summary', 'How far people trust courts, parliament and the police.'], ['publishedOn', '2024-04-02'],
    ['activity', 'Presentation of the trust survey (2024-04-02)'], ['activityId', ''],
    ['sampleSize', '1 200'], ['regions', 'All 17 regions, Astana, Almaty and Shymkent'],
    ['methods', 'mass-survey'], ['methods', 'focus-groups'], ['fieldworkFrom', '2024-03-01'], ['fieldworkTo', '2024-03-15'],
    ['contributors[0][type]', 'person'], ['contributors[0][name]', 'Aigerim Nurlanova'], ['contributors[0][id]', ''], ['contributors[0][role]', 'author'],
    ['contributors[1][type]', 'organization'], ['contributors[1][name]', 'Friedrich Ebert Foundation'], ['contributors[1][id]', ''],
    ['contributors[1][role]', 'supporter'],
    ['contributors[2][type]', 'person'], ['contributors[2][name]', ''], ['contributors[2][id]', ''], ['contributors[2][role]', 'author'],
  ]

  let createdId = 0

  it('creates a publication from the form, with method fields, activity and contributors shown on the public page', async () => {
    const fields = fullForm()
    fields[fields.findIndex(([k]) => k === 'contributors[1][id]')] = ['contributors[1][id]', String(partnerId)]
    const response = await send(editor, '/admin/publications', fields)
    expect(response.status).toBe(303)
    const location = response.headers.get('location')!
    expect(location).toMatch(/^\/admin\/publications\/\d+\?notice=created$/)
    createdId = Number(/(\d+)/.exec(location)![1])
    const saved = (await publicationStore.load(server().db, createdId))!
    expect(saved).toMatchObject({
      slug: 'trust-in-public-institutions-2024', activityId, sampleSize: 1200, methods: ['mass-survey', 'focus-groups'],
      fieldworkFrom: '2024-03-01', fieldworkTo: '2024-03-15',
    })
    expect(saved.contributors).toMatchObject([{ role: 'author', organizationId: null }, { role: 'supporter', organizationId: partnerId }])

    const page = parse(await (await server().get('/publications/trust-in-public-institutions-2024')).text())
    expect(definitionsOf(page.querySelector('#method + dl'))).toEqual({
      Sample: '1,200 respondents', Regions: 'All 17 regions, Astana, Almaty and Shymkent',
      Methods: 'Mass survey Focus group discussions', Fieldwork: '1–15 March 2024',
    })
    expect(textOf(sectionHeaded(page, 'h2', 'Presented').querySelector('a'))).toBe('Presentation of the trust survey')
    expect(textsOf(sectionHeaded(page, 'h2', 'Credits'), 'li')).toEqual(['Aigerim Nurlanova', 'Friedrich Ebert Foundation'])

    const edit = await open(editor, location)
    expect(edit.status).toBe(200)
    expect(textOf(edit.root.querySelector('.notice'))).toBe('Created.')
    expect(edit.root.querySelector('#activity')?.getAttribute('value')).toBe('Presentation of the trust survey (2024-04-02)')
    expect(edit.root.querySelector('input[name="activityId"]')?.getAttribute('value')).toBe(String(activityId))
    expect(edit.root.querySelectorAll('input[name="methods"][checked]').map((i) => i.getAttribute('value'))).toEqual(['mass-survey', 'focus-groups'])
    expect(edit.root.querySelector('#c-1-name')?.getAttribute('value')).toBe('Friedrich Ebert Foundation')
    expect(edit.root.querySelector('#c-1-role option[selected]')?.getAttribute('value')).toBe('supporter')
  })

  it('refuses bad input with every problem named, keeps everything typed, and changes nothing', async () => {
    const [publications, revisions] = [await countPublications(), await countAllRevisions()]
    const fields = fullForm().map(([k, v]): [string, string] => (
      k === 'title' ? [k, '  '] : k === 'sampleSize' ? [k, 'about a thousand'] : k === 'fieldworkTo' ? [k, '2024-02-01']
        : k === 'activity' ? [k, 'No such activity'] : [k, v]))
    const response = await send(editor, '/admin/publications', fields)
    expect(response.status).toBe(400)
    const root = parse(await response.text())
    expect(textsOf(root, '.error-summary li')).toEqual([
      'Presented at: no activity matches “No such activity”; choose one from the suggestions or give its slug',
      'Sample size: a sample size is a positive whole number, such as 1200',
      'Title: this cannot be empty',
      'Fieldwork to: fieldwork cannot end before it starts',
    ])
    expect(textOf(root.querySelector('#title-error'))).toBe('this cannot be empty')
    expect(root.querySelector('#sampleSize')?.getAttribute('value')).toBe('about a thousand')
    expect(root.querySelector('#regions')?.getAttribute('value')).toBe('All 17 regions, Astana, Almaty and Shymkent')
    expect(root.querySelector('#activity')?.getAttribute('value')).toBe('No such activity')
    expect(textOf(root.querySelector('#summary'))).toBe('How far people trust courts, parliament and the police.')
    expect(root.querySelectorAll('input[name="methods"][checked]').map((i) => i.getAttribute('value'))).toEqual(['mass-survey', 'focus-groups'])
    expect(root.querySelector('#c-0-name')?.getAttribute('value')).toBe('Aigerim Nurlanova')
    expect(root.querySelector('#c-1-type option[selected]')?.getAttribute('value')).toBe('organization')
    expect([await countPublications(), await countAllRevisions()]).toEqual([publications, revisions])
  })

  it('saves an edit made on the current version, with a revision', async () => {
    const edit = await open(editor, `/admin/publications/${createdId}`)
    const version = edit.root.querySelector('input[name="version"]')!.getAttribute('value')!
    const fields = fullForm().map(([k, v]): [string, string] => (k === 'sampleSize' ? [k, '1500'] : k === 'regions' ? [k, 'Astana only'] : [k, v]))
    const response = await send(editor, `/admin/publications/${createdId}`, [...fields, ['version', version]])
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe(`/admin/publications/${createdId}?notice=saved`)
    const page = parse(await (await server().get('/publications/trust-in-public-institutions-2024')).text())
    expect(definitionsOf(page.querySelector('#method + dl'))).toMatchObject({ Sample: '1,500 respondents', Regions: 'Astana only' })
    const history = await findRevisionsOf(server().db, 'publication', createdId)
    expect(history.at(-1)).toMatchObject({ action: 'update', actor: editor.account!.email })
  })

  it('a form opened on an older version shows a conflict with both versions and keeps what was typed', async () => {
    const edit = await open(editor, `/admin/publications/${createdId}`)
    const version = edit.root.querySelector('input[name="version"]')!.getAttribute('value')!
    // Someone else saves in between.
    const current = (await publicationStore.load(server().db, createdId))!
    await updatePublicationFromInput(server().db, createdId, {
      kind: 'report', title: 'Trust in institutions, revised', slug: current.slug, publishedOn: '2024-04-02',
    }, SYSTEM_EDITOR)
    const revisions = await countAllRevisions()
    const mine = fullForm().map(([k, v]): [string, string] => (k === 'title' ? [k, 'Trust 2024: my title'] : [k, v]))
    const response = await send(editor, `/admin/publications/${createdId}`, [...mine, ['version', version]])
    expect(response.status).toBe(409)
    const root = parse(await response.text())
    expect(textOf(root.querySelector('#conflict'))).toBe('Someone else saved this publication after you opened it')
    const rows = root.querySelectorAll('table.conflict tbody tr').map((tr) => tr.querySelectorAll('th, td').map(textOf))
    expect(rows.find((r) => r[0]!.startsWith('Title'))).toEqual(['Titlediffers', 'Trust in institutions, revised', 'Trust 2024: my title'])
    expect(root.querySelector('#title')?.getAttribute('value')).toBe('Trust 2024: my title')
    expect(await countAllRevisions()).toBe(revisions)
    expect((await publicationStore.load(server().db, createdId))!.title).toBe('Trust in institutions, revised')

    // The form now carries the newer version: saving again is a deliberate overwrite.
    const newer = root.querySelector('input[name="version"]')!.getAttribute('value')!
    expect(Number(newer)).toBeGreaterThan(Number(version))
    const again = await send(editor, `/admin/publications/${createdId}`, [...mine, ['version', newer]])
    expect(again.status).toBe(303)
    expect((await publicationStore.load(server().db, createdId))!.title).toBe('Trust 2024: my title')
  })

  it('lists and filters publications; % and _ in the filter match literally', async () => {
    const list = await open(editor, '/admin/publications?q=trust')
    expect(list.status).toBe(200)
    expect(textsOf(list.root, 'table.data tbody td:first-child')).toEqual(['Trust 2024: my title'])
    const literal = await open(editor, '/admin/publications?q=%25')
    expect(literal.root.querySelector('table.data')).toBeNull()
    expect(textOf(literal.root.querySelector('main p.muted'))).toBe('No publication matches these filters.')
  })

  it('the activity picker finds activities by name, with the label the form accepts', async () => {
    const response = await server().get('/admin/lookup?type=activity&q=trust%20survey', { headers: { cookie: editor.cookie } })
    expect(await response.json()).toEqual({ results: [{
      type: 'activity', id: activityId, label: 'Presentation of the trust survey (2024-04-02)', detail: expect.any(String),
    }] })
    const none = await server().get('/admin/lookup?type=activity&q=%25%25', { headers: { cookie: editor.cookie } })
    expect(await none.json()).toEqual({ results: [] })
  })

  it('an author gets 403 everywhere here, and nothing changes', async () => {
    const [publications, revisions] = [await countPublications(), await countAllRevisions()]
    expect((await open(author, '/admin/publications')).status).toBe(403)
    expect((await open(author, `/admin/publications/${createdId}`)).status).toBe(403)
    expect((await send(author, '/admin/publications', fullForm())).status).toBe(403)
    const fields = fullForm().map(([k, v]): [string, string] => (k === 'title' ? [k, 'Changed by an author'] : [k, v]))
    expect((await send(author, `/admin/publications/${createdId}`, fields)).status).toBe(403)
    expect((await send(author, `/admin/publications/${createdId}/delete`, [])).status).toBe(403)
    expect([await countPublications(), await countAllRevisions()]).toEqual([publications, revisions])
    expect((await publicationStore.load(server().db, createdId))!.title).toBe('Trust 2024: my title')
  })

  it('deleting moves the publication to the trash: gone from the site, kept in a delete revision', async () => {
    const response = await send(editor, `/admin/publications/${createdId}/delete`, [])
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/admin/publications?notice=deleted')
    expect(await publicationStore.load(server().db, createdId)).toBeNull()
    expect((await server().get('/publications/trust-in-public-institutions-2024')).status).toBe(404)
    const last = (await findRevisionsOf(server().db, 'publication', createdId)).at(-1)!
    expect(last.action).toBe('delete')
    expect(JSON.parse(last.before_json!)).toMatchObject({ title: 'Trust 2024: my title' })
    expect((await open(editor, `/admin/publications/${createdId}`)).status).toBe(404)
  })
})
