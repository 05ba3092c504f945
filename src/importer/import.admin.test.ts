import { readFileSync } from 'node:fs'
import { type HTMLElement, parse } from 'node-html-parser'
import { beforeAll, describe, expect, it } from 'vitest'
import { describeEachDialect } from '../../test/db.ts'
import { makeOrganization, makePerson } from '../../test/factories.ts'
import { sectionHeaded, textOf, textsOf } from '../../test/html.ts'
import { type Account, FORM, formFields, makeAccount, type SignedIn, signIn, stateOf } from '../../test/security/helpers.ts'
import { type TestServer, useTestServer } from '../../test/server.ts'
import { nameKey } from '../lib/names.ts'
import { findOrganizationNames } from '../organizations/organization.repository.ts'
import { findPersonIdsByNameKey, findPersonNames } from '../people/person.repository.ts'
import { postStore } from '../news/post.store.ts'
import { countPendingImports, getImportItem, importPastedText, importSource } from './import.service.ts'
import { highlightSegments } from './import.admin.tsx'
import { readText } from './sources/text.ts'
import { readWxr } from './sources/wxr.ts'

// The review queue over HTTP, as a browser without JavaScript uses it: pages read, forms sent back
// with the fields the page holds.

/** A news text naming an archive person in another spelling, two new people and three organizations. */
const ROUND_TABLE = `On 15 April 2025 the Public Opinion Research Institute held a round table in Astana on youth and civic participation.
The discussion was moderated by Dr. B. Rakisheva, director of the Institute. Speakers included Aidos Nurlanov, professor at the L.N. Gumilyov Eurasian National University, and Marat Tulegenov of the Friedrich Ebert Foundation.`

/** The same kind of text, different enough to be an item of its own. */
const variant = (n: number, date = `${10 + n} May 2025`) => ROUND_TABLE.replace('15 April 2025', date).replace('youth', `youth (part ${n})`)

interface Page { status: number; location: string | null; html: string; root: HTMLElement }

async function pageOf(response: Response): Promise<Page> {
  const html = await response.text()
  return { status: response.status, location: response.headers.get('location'), html, root: parse(html) }
}

/** The review form's fields as the page has them, with some replaced, added (value) or removed (null). */
function reviewFields(page: Page, id: number, changes: Record<string, string | null> = {}) {
  const fields = formFields(page.html, `/admin/import/${id}`).filter(([name]) => !(name in changes))
  for (const [name, value] of Object.entries(changes)) if (value !== null) fields.push([name, value])
  return fields
}

/** The row of a proposed name in its table, found by the name as written. */
function rowOf(page: Page, written: string) {
  const row = page.root.querySelectorAll('table.import-entities tbody tr').find((r) => textOf(r.querySelector('.written')) === written)
  if (!row) throw new Error(`no row for ${written}`)
  return row
}

/** A textarea's value as a browser reads it: without the one newline that follows the start tag. */
const textareaOf = (page: Page) => page.root.querySelector('textarea[name=text]')!.text.replace(/^\n/, '')

const checkedChoice = (page: Page, field: string) =>
  page.root.querySelector(`input[type=radio][name="${field}"][checked]`)?.getAttribute('value') ?? null

describeEachDialect('import review queue in the admin', (dialect) => {
  const server = useTestServer(dialect, { security: { loginSlowdownMs: 0 } })
  let editor: SignedIn
  let author: SignedIn
  let editorAccount: Account
  let rakisheva: { id: number; slug: string }
  let university: { id: number; slug: string }

  const open = async (who: SignedIn, path: string) => pageOf(await server().get(path, { headers: { cookie: who.cookie } }))
  const send = async (who: SignedIn, path: string, fields: [string, string][] | Record<string, string>) => {
    const list = Array.isArray(fields) ? fields.filter(([name]) => name !== '_csrf') : Object.entries(fields)
    return pageOf(await server().get(path, {
      method: 'POST', headers: { cookie: who.cookie, 'content-type': FORM },
      body: new URLSearchParams([['_csrf', who.csrf], ...list]).toString(),
    }))
  }
  const paste = async (text: string) => (await importPastedText(server().db, text, { userId: editorAccount.id, role: 'editor', actor: editorAccount.email })).id

  beforeAll(async () => {
    const { db } = server()
    rakisheva = await makePerson(db, { name: 'Botagoz Rakisheva' })
    await makeOrganization(db, { name: 'Public Opinion Research Institute', country: 'KZ' })
    university = await makeOrganization(db, { name: 'Eurasian National University', country: 'KZ' })
    editorAccount = await makeAccount(db, 'editor')
    editor = await signIn(server(), editorAccount)
    author = await signIn(server(), await makeAccount(db, 'author'))
  })

  it('lists the pending items with their source, activity, names and counts by status', async () => {
    const file = readText(`On 2 March 2025 the Public Opinion Research Institute held a seminar in Almaty on survey methods. Dr. B. Rakisheva spoke.

On 9 March 2025 the Institute held a workshop in Astana on sampling. Aidos Nurlanov presented.
`, { markdown: false })
    const report = await importSource(server().db, file, { actor: 'test', sourceName: 'news-2025.txt' })
    expect(report.imported).toBe(2)

    const page = await open(editor, '/admin/import')
    expect(page.status).toBe(200)
    expect(textsOf(page.root, 'nav.tabs a')).toEqual(['To review (2)', 'Published (0)', 'Discarded (0)'])
    expect(page.root.querySelector('nav.tabs a[aria-current=page]')?.text).toBe('To review (2)')
    const rows = page.root.querySelectorAll('table.import-queue tbody tr')
    expect(rows).toHaveLength(2)
    const cells = rows.map((r) => r.querySelectorAll('td').map(textOf))
    expect(cells[0]![1]).toBe('news-2025.txt, item 1 (line 1)')
    expect(cells[0]![2]).toBe('2025-03-02, Seminar')
    expect(cells[1]![1]).toBe('news-2025.txt, item 2 (line 3)')
    expect(cells[1]![2]).toBe('2025-03-09, Workshop')
    expect(cells[0]![3]).toMatch(/^\d+ (person|people), \d+ organizations?$/)
    // Each title leads to its review page; the admin navigation has the queue.
    expect(rows.map((r) => r.querySelector('a')!.getAttribute('href'))).toEqual(report.itemIds.map((id) => `/admin/import/${id}`))
    expect(page.root.querySelector('nav.main a[aria-current=page]')?.text).toBe('Import')
    const pending = await countPendingImports(server().db)
    expect(pending).toBe(2)
    expect(textsOf((await open(editor, '/admin')).root, '.actions a')).toContain(`Imported news to review (${pending})`)
  })

  it('shows the source text with its highlights, escaped, and each proposed link with its confidence', async () => {
    const id = await paste(`${ROUND_TABLE}\nMarkup stays text: <b>bold</b> & <script>alert(1)</script>.`)
    const page = await open(editor, `/admin/import/${id}`)
    expect(page.status).toBe(200)
    const source = page.root.querySelector('.source-text')!
    const marked = (type: string) => source.querySelectorAll(`mark.hl-${type}`).map((m) => m.childNodes[0]!.text)
    expect(marked('date')).toEqual(['15 April 2025'])
    expect(marked('person')).toEqual(['B. Rakisheva', 'Aidos Nurlanov', 'Marat Tulegenov'])
    expect(marked('organization')).toContain('Public Opinion Research Institute')
    expect(marked('place')).toEqual(['Astana'])
    // The meaning is in words too: a legend, and hidden text in each mark for screen readers.
    expect(textOf(source.querySelector('mark.hl-person'))).toBe('B. Rakisheva (person)')
    expect(textsOf(page.root, '.hl-legend li')).toEqual(['Dates', 'People', 'Organizations', 'Places'])
    // The text as written, line break included, with nothing of it taken for markup.
    expect(source.querySelector('b, script')).toBeNull()
    expect(source.text).toContain('Foundation (organization).\nMarkup stays text: <b>bold</b> & <script>alert(1)</script>.')

    const person = rowOf(page, 'B. Rakisheva')
    expect(textOf(person.querySelectorAll('td')[0]!)).toBe('Links to Botagoz Rakisheva (75% — initials) to check')
    expect(person.querySelector('td a')!.getAttribute('href')).toBe(`/people/${rakisheva.slug}`)
    expect(textOf(person.querySelector('th'))).toBe('B. Rakisheva director, Public Opinion Research Institute')
    expect(checkedChoice(page, 'people.0.choice')).toBe(`link:${rakisheva.id}`)
    expect(person.querySelector('input[name="people.0.role.moderator"]')!.hasAttribute('checked')).toBe(true)
    expect(textOf(rowOf(page, 'Aidos Nurlanov').querySelectorAll('td')[0]!)).toMatch(/^New record/)
    expect(checkedChoice(page, 'people.1.choice')).toBe('new')
    expect(textOf(rowOf(page, 'Public Opinion Research Institute').querySelectorAll('td')[0]!))
      .toBe('Links to Public Opinion Research Institute (100% — same name)')
    // The activity's facts, ready to correct.
    expect(page.root.querySelector('select[name="activity.kind"] option[selected]')?.getAttribute('value')).toBe('round-table')
    expect(page.root.querySelector('input[name="activity.date"]')?.getAttribute('value')).toBe('2025-04-15')
    expect(page.root.querySelector('input[name="activity.city"]')?.getAttribute('value')).toBe('Astana')
    // Every form carries the session's CSRF token.
    for (const form of page.root.querySelectorAll('form[method=post]')) {
      expect(form.querySelector('input[name=_csrf]')?.getAttribute('value')).toBe(editor.csrf)
    }
  })

  it('refuses an author: the queue, an item and pasting, and no link to them', async () => {
    const id = await paste(variant(1))
    expect((await open(author, '/admin/import')).status).toBe(403)
    expect((await open(author, `/admin/import/${id}`)).status).toBe(403)
    const before = await stateOf(server().db)
    const pasted = await send(author, '/admin/import/paste', { text: variant(2) })
    expect(pasted.status).toBe(403)
    const published = await send(author, `/admin/import/${id}`, { _action: 'publish' })
    expect(published.status).toBe(403)
    expect(await stateOf(server().db)).toEqual(before)
    const dashboard = await open(author, '/admin')
    expect(dashboard.root.querySelector('a[href="/admin/import"]')).toBeNull()
  })

  it('keeps saved decisions: a reload shows them, and the post stays a draft', async () => {
    const id = await paste(variant(3))
    const page = await open(editor, `/admin/import/${id}`)
    const saved = await send(editor, `/admin/import/${id}`, reviewFields(page, id, {
      'people.2.choice': 'reject', 'people.1.role.speaker': null, 'people.1.role.discussant': '1',
      'organizations.1.choice': 'other', 'organizations.1.other': university.slug,
      'activity.name': 'Youth and civic participation', 'activity.date': '2025-05-14', _action: 'save',
    }))
    expect(saved.status).toBe(303)
    expect(saved.location).toBe(`/admin/import/${id}?notice=saved`)
    const again = await open(editor, saved.location!)
    expect(textOf(again.root.querySelector('p.notice'))).toBe('Your decisions were saved. The post is still a draft.')
    expect(checkedChoice(again, 'people.2.choice')).toBe('reject')
    expect(again.root.querySelector('input[name="people.1.role.discussant"]')!.hasAttribute('checked')).toBe(true)
    expect(again.root.querySelector('input[name="people.1.role.speaker"]')!.hasAttribute('checked')).toBe(false)
    expect(checkedChoice(again, 'organizations.1.choice')).toBe('other')
    // The address typed is resolved to the record, shown by its name.
    expect(again.root.querySelector('input[name="organizations.1.other"]')!.getAttribute('value')).toBe('Eurasian National University')
    expect(again.root.querySelector('input[name="organizations.1.otherId"]')!.getAttribute('value')).toBe(String(university.id))
    expect(again.root.querySelector('input[name="activity.name"]')!.getAttribute('value')).toBe('Youth and civic participation')
    expect(again.root.querySelector('input[name="activity.date"]')!.getAttribute('value')).toBe('2025-05-14')
    const item = await getImportItem(server().db, id)
    expect(item.status).toBe('pending')
    expect(item.post!.status).toBe('draft')
    expect(item.proposal.organizations[1]!.decision).toEqual({ action: 'link', id: university.id })
  })

  it('publishes: the accepted people and organizations with their roles, the rejected one nowhere', async () => {
    const { db } = server()
    const id = await paste(ROUND_TABLE)
    const page = await open(editor, `/admin/import/${id}`)
    const written = 'L.N. Gumilyov Eurasian National University'
    expect(textOf(rowOf(page, written).querySelector('.written'))).toBe(written)
    // Marat Tulegenov is rejected; the university is linked to the archive's record by its name, typed without suggestions.
    const published = await send(editor, `/admin/import/${id}`, reviewFields(page, id, {
      'people.2.choice': 'reject', 'organizations.1.choice': 'other', 'organizations.1.other': 'Eurasian National University',
      'organizations.1.role.partner': '1', _action: 'publish',
    }))
    expect(published.status).toBe(303)
    expect(published.location).toBe(`/admin/import/${id}?notice=published`)

    const done = await open(editor, published.location!)
    expect(textOf(done.root.querySelector('p.notice'))).toBe('Published.')
    const item = await getImportItem(db, id)
    expect(item.status).toBe('published')
    expect(item.reviewedBy).toBe(editorAccount.email)
    const link = done.root.querySelector('.import-done a[href^="/news/"]')!
    expect(link.getAttribute('href')).toBe(`/news/${item.post!.slug}`)
    // Read-only now: no form to change it, and who published it.
    expect(done.root.querySelector(`form[action="/admin/import/${id}"]`)).toBeNull()
    expect(textOf(done.root.querySelector('.import-done'))).toContain(`Published by ${editorAccount.email}`)
    // A name accepted as new leads to the record it became.
    const made = rowOf(done, 'Aidos Nurlanov').querySelector('td:nth-child(3) a')!
    expect(textOf(made)).toBe('Aidos Nurlanov')
    expect(made.getAttribute('href')).toMatch(/^\/people\/aidos-nurlanov/)

    const post = await pageOf(await server().get(`/news/${item.post!.slug}`))
    expect(post.status).toBe(200)
    const facts = post.root.querySelector('aside.facts')!
    const group = (heading: string) => textsOf(sectionHeaded(facts, 'h3', heading), 'li > a')
    expect(group('Moderators')).toEqual(['Botagoz Rakisheva'])
    expect(group('Speakers')).toEqual(['Aidos Nurlanov'])
    expect(group('Organizers')).toEqual(['Public Opinion Research Institute'])
    expect(group('Partners')).toEqual(['Eurasian National University'])
    expect(textOf(facts)).not.toContain('Tulegenov')
    expect(await findPersonIdsByNameKey(db, nameKey('Marat Tulegenov'))).toEqual([])
    // The linked records learnt the names as written.
    expect((await findOrganizationNames(db, university.id)).map((n) => n.name)).toContain(written)
    expect((await findPersonNames(db, rakisheva.id)).map((n) => n.name)).toContain('B. Rakisheva')
    // The queue lists it under Published.
    const queue = await open(editor, '/admin/import?status=published')
    expect(queue.root.querySelectorAll('table.import-queue tbody tr a').map((a) => a.getAttribute('href'))).toContain(`/admin/import/${id}`)
  })

  it('refuses to publish an item twice, and changes nothing', async () => {
    const id = await paste(variant(4))
    const page = await open(editor, `/admin/import/${id}`)
    const fields = reviewFields(page, id, { 'people.2.choice': 'reject', _action: 'publish' })
    expect((await send(editor, `/admin/import/${id}`, fields)).status).toBe(303)
    const before = await stateOf(server().db)
    const again = await send(editor, `/admin/import/${id}`, fields)
    expect(again.status).toBe(409)
    expect(textOf(again.root.querySelector('.error-summary'))).toContain(`This item was published already by ${editorAccount.email}`)
    expect(await stateOf(server().db)).toEqual(before)
    // Discarding it now is refused as well.
    const discard = await send(editor, `/admin/import/${id}/discard`, { confirm: '1' })
    expect(discard.status).toBe(409)
    expect(await stateOf(server().db)).toEqual(before)
  })

  it('points from the imported draft in the post editor to its review', async () => {
    const id = await paste(variant(17))
    const item = await getImportItem(server().db, id)
    const editorPage = await open(editor, `/admin/posts/${item.post!.id}`)
    const notice = editorPage.root.querySelectorAll('p.notice').find((p) => textOf(p).startsWith('This draft was imported'))!
    expect(textOf(notice)).toContain('(pasted text, pasted text)')
    expect(notice.querySelector('a')!.getAttribute('href')).toBe(`/admin/import/${id}`)
  })

  it('refuses a bad date with the message beside the field, keeps every choice, and changes nothing', async () => {
    const { db } = server()
    const id = await paste(variant(5))
    const page = await open(editor, `/admin/import/${id}`)
    const before = { item: await getImportItem(db, id), state: await stateOf(db) }
    const refused = await send(editor, `/admin/import/${id}`, reviewFields(page, id, {
      'activity.date': '15.05.2025', 'people.2.choice': 'reject', 'activity.city': 'Almaty', _action: 'publish',
    }))
    expect(refused.status).toBe(400)
    expect(textOf(refused.root.querySelector('.error-summary li'))).toBe('Activity, first day: a date is a calendar day written YYYY-MM-DD')
    expect(refused.root.querySelector('.error-summary a')!.getAttribute('href')).toBe('#f-activity-date')
    expect(textOf(refused.root.querySelector('#f-activity-date-error'))).toBe('a date is a calendar day written YYYY-MM-DD')
    expect(refused.root.querySelector('#f-activity-date')!.getAttribute('value')).toBe('15.05.2025')
    expect(refused.root.querySelector('#f-activity-date')!.getAttribute('aria-invalid')).toBe('true')
    expect(refused.root.querySelector('#f-activity-city')!.getAttribute('value')).toBe('Almaty')
    expect(checkedChoice(refused, 'people.2.choice')).toBe('reject')
    const after = await getImportItem(db, id)
    expect(after.proposal).toEqual(before.item.proposal)
    expect(after.status).toBe('pending')
    expect(await stateOf(db)).toEqual(before.state)
  })

  it('refuses a link to another record that names none, and a form opened before someone else saved', async () => {
    const { db } = server()
    const id = await paste(variant(6))
    const page = await open(editor, `/admin/import/${id}`)
    const before = await getImportItem(db, id)
    const nobody = await send(editor, `/admin/import/${id}`, reviewFields(page, id, {
      'people.1.choice': 'other', 'people.1.other': 'Nobody Of That Name', _action: 'save',
    }))
    expect(nobody.status).toBe(400)
    expect(textOf(nobody.root.querySelector('#f-people-1-other-error'))).toBe('no person is called “Nobody Of That Name”')
    expect(nobody.root.querySelector('#f-people-1-other')!.getAttribute('value')).toBe('Nobody Of That Name')
    expect(checkedChoice(nobody, 'people.1.choice')).toBe('other')
    expect((await getImportItem(db, id)).proposal).toEqual(before.proposal)

    // Another editor saves first; the form opened before is refused and comes back with its choices.
    expect((await send(editor, `/admin/import/${id}`, reviewFields(page, id, { 'people.0.choice': 'new', _action: 'save' }))).status).toBe(303)
    const stale = await send(editor, `/admin/import/${id}`, reviewFields(page, id, { 'people.2.choice': 'reject', _action: 'publish' }))
    expect(stale.status).toBe(409)
    expect(textOf(stale.root.querySelector('.error-summary'))).toContain('Someone else saved decisions for this item after you opened it')
    expect(checkedChoice(stale, 'people.2.choice')).toBe('reject')
    expect(checkedChoice(stale, 'people.0.choice')).toBe(`link:${rakisheva.id}`)
    const saved = await getImportItem(db, id)
    expect(saved.status).toBe('pending')
    expect(saved.proposal.people[0]!.decision).toEqual({ action: 'new' })
    expect(saved.proposal.people[2]!.decision).toEqual(before.proposal.people[2]!.decision)
    // Sent again from the refused page, the choices replace the other save.
    expect((await send(editor, `/admin/import/${id}`, reviewFields(stale, id, { _action: 'save' }))).status).toBe(303)
    expect((await getImportItem(db, id)).proposal.people[2]!.decision).toEqual({ action: 'reject' })
  })

  describe('pasting', () => {
    it('refuses an empty or too long text with the message, keeping what was typed', async () => {
      const before = await stateOf(server().db)
      const empty = await send(editor, '/admin/import/paste', { text: '  \n  ' })
      expect(empty.status).toBe(400)
      expect(textOf(empty.root.querySelector('#paste-text-error'))).toBe('Paste the text of a news item.')
      expect(textareaOf(empty)).toBe('  \n  ')
      const long = `${ROUND_TABLE} ${'Тот же текст, очень длинный. '.repeat(3500)}`
      const tooLong = await send(editor, '/admin/import/paste', { text: long })
      expect(tooLong.status).toBe(400)
      expect(textOf(tooLong.root.querySelector('#paste-text-error'))).toMatch(/^The text is longer than 100,000 characters/)
      expect(textareaOf(tooLong)).toBe(long)
      expect(await stateOf(server().db)).toEqual(before)
    })

    it('takes “the Institute” of a pasted text for the site’s own, which the archive knows', async () => {
      const pasted = await send(editor, '/admin/import/paste', { text: 'On 3 May 2025 Aliya Sarsenova, a researcher of the Institute, gave a lecture on survey ethics.' })
      const id = Number(/^\/admin\/import\/(\d+)/.exec(pasted.location ?? '')?.[1])
      const { proposal } = await getImportItem(server().db, id)
      expect(proposal.people[0]).toMatchObject({ name: 'Aliya Sarsenova', affiliation: 'Public Opinion Research Institute' })
      expect(proposal.organizations[0]!.decision.action).toBe('link')
    })

    it('makes a pasted Russian or Kazakh text a post in its language, and says so on the review page', async () => {
      for (const [text, lang, said] of [
        ['Круглый стол о доверии\n15 марта 2025 года в Алматы институт провёл круглый стол о доверии к институтам.', 'ru', 'Russian'],
        ['Сенім туралы дөңгелек үстел\n2025 жылғы 15 наурызда Алматыда институт дөңгелек үстел өткізді.', 'kk', 'Kazakh'],
      ] as const) {
        const pasted = await send(editor, '/admin/import/paste', { text })
        const review = await open(editor, pasted.location!)
        expect(review.root.querySelector('h1')?.text).toBe(text.split('\n')[0])
        expect(review.root.querySelectorAll('p.meta').map((p) => textOf(p)).join(' ')).toContain(`Written in ${said}, so the post is too.`)
        const id = Number(/^\/admin\/import\/(\d+)/.exec(pasted.location ?? '')?.[1])
        const post = (await getImportItem(server().db, id)).post!
        expect(post.lang).toBe(lang)
      }
    })

    it('opens the review of the pasted text, and the same text pasted again opens the same item', async () => {
      const form = await open(editor, '/admin/import/paste')
      expect(form.status).toBe(200)
      expect(form.root.querySelector('label[for=paste-text]')?.text).toBe('Text of one news item')
      const text = variant(7)
      const first = await send(editor, '/admin/import/paste', { text })
      expect(first.status).toBe(303)
      const id = Number(/^\/admin\/import\/(\d+)\?notice=pasted$/.exec(first.location ?? '')?.[1])
      expect(id).toBeGreaterThan(0)
      const second = await send(editor, '/admin/import/paste', { text: `\n${text}\n` })
      expect(second.status).toBe(303)
      expect(second.location).toBe(`/admin/import/${id}?notice=again`)
      const review = await open(editor, second.location!)
      expect(textOf(review.root.querySelector('p.notice'))).toBe('This text was pasted or imported before; here is its item.')
      expect(review.root.querySelectorAll('.source-text mark').length).toBeGreaterThan(3)
    })
  })

  it('discards an item after confirmation: its draft goes to the trash, the item is listed under Discarded', async () => {
    const { db } = server()
    const id = await paste(variant(8))
    const item = await getImportItem(db, id)
    const unconfirmed = await send(editor, `/admin/import/${id}/discard`, {})
    expect(unconfirmed.status).toBe(400)
    expect((await getImportItem(db, id)).status).toBe('pending')

    const discarded = await send(editor, `/admin/import/${id}/discard`, { confirm: '1' })
    expect(discarded.status).toBe(303)
    expect(discarded.location).toBe('/admin/import?notice=discarded')
    expect(await postStore.load(db, item.post!.id)).toBeNull()
    const drafts = await open(editor, '/admin/posts?status=draft')
    expect(drafts.html).not.toContain(item.post!.title)
    const listed = await open(editor, '/admin/import?status=discarded')
    expect(listed.root.querySelectorAll('table.import-queue tbody tr a').map((a) => a.getAttribute('href'))).toContain(`/admin/import/${id}`)
    const page = await open(editor, `/admin/import/${id}`)
    expect(textOf(page.root.querySelector('.import-done'))).toContain(`Discarded by ${editorAccount.email}`)
    expect(page.root.querySelector('form.import-discard')).toBeNull()
  })
})

describe('highlight segments', () => {
  it('cuts the text at the highlights, skipping any that overlap or fall outside it', () => {
    expect(highlightSegments('On 1 May, Ann met Bob.', [
      { start: 18, end: 21, type: 'person' }, { start: 3, end: 8, type: 'date' }, { start: 4, end: 6, type: 'place' },
      { start: 14, end: 99, type: 'person' },
    ])).toEqual([
      { text: 'On ', type: null }, { text: '1 May', type: 'date' }, { text: ', Ann met ', type: null },
      { text: 'Bob', type: 'person' }, { text: '.', type: null },
    ])
  })
})

describeEachDialect('reviewing a WordPress post', (dialect) => {
  const server = useTestServer(dialect, { security: { loginSlowdownMs: 0 } })

  it('shows the post’s categories and tags from the export beside its text', async () => {
    const { db } = server()
    const editor = await signIn(server(), await makeAccount(db, 'editor'))
    const wxr = readFileSync(new URL('./sources/fixtures/institute.wxr.xml', import.meta.url), 'utf8')
    const report = await importSource(db, readWxr(wxr, 'institute.wxr.xml'), { actor: 'test', sourceName: 'institute.wxr.xml' })
    const page = await pageOf(await server().get(`/admin/import/${report.itemIds[0]}`, { headers: { cookie: editor.cookie } }))
    expect(page.status).toBe(200)
    const terms = page.root.querySelector('.source-terms')!
    expect(textsOf(terms, 'dt')).toEqual(['Categories in the source', 'Tags in the source'])
    expect(textsOf(terms, 'dd')).toEqual(['Events, News & Events', 'water security, Central Asia'])
  })
})
