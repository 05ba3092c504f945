import mammoth from 'mammoth'
import { beforeAll, expect, it, vi } from 'vitest'
import { describeEachDialect } from './db.ts'
import { buildReportArchive, type FixtureParty, KAZAKH_NAME, type ReportArchive } from './report-fixtures.ts'
import { makeAccount, signIn } from './security/helpers.ts'
import { useTestServer } from './server.ts'

vi.setConfig({ testTimeout: 60_000 })

/** RFC 4180 as Excel writes and reads it: quoted fields may hold commas, quotes (doubled) and line breaks. */
function parseCsv(text: string) {
  const rows: string[][] = [[]]
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++ } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') { rows.at(-1)!.push(field); field = '' } else if (ch === '\r' && text[i + 1] === '\n') {
      rows.at(-1)!.push(field); field = ''; rows.push([]); i++
    } else field += ch
  }
  if (field || rows.at(-1)!.length) rows.at(-1)!.push(field)
  return rows.filter((r, i) => i < rows.length - 1 || r.length)
}

describeEachDialect('a person’s activity list', (dialect) => {
  const server = useTestServer(dialect)
  let archive: ReportArchive
  beforeAll(async () => { archive = await buildReportArchive(server().db) })

  /** The person's public activities straight from the fixture's rows, newest first. */
  const publicActivitiesOf = (person: FixtureParty) => archive.activities
    .filter((a) => !a.internal && a.participants.some((p) => p.party.id === person.id && !p.internal))
    .sort((a, b) => b.startsOn.localeCompare(a.startsOn))

  it('CSV: UTF-8 with a byte order mark, by year newest first, role, position then, colleagues, place and news; public records only', async () => {
    const { aruzhan } = archive
    const response = await server().get(`/people/${aruzhan.slug}/activities.csv`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    // The slug is Cyrillic: a Latin name for old clients, the real one encoded for the rest.
    expect(response.headers.get('content-disposition'))
      .toMatch(new RegExp(`^attachment; filename="aruzhan-kasymova-activities\\.csv"; filename\\*=UTF-8''${encodeURIComponent(`${aruzhan.slug}-activities.csv`)}$`))
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const rows = parseCsv(new TextDecoder('utf-8').decode(bytes))
    expect(rows[0]).toEqual(['Year', 'Date', 'Activity', 'Kind', 'Role', 'Position at the time', 'Colleagues from the institute', 'Place', 'News'])
    const expected = publicActivitiesOf(aruzhan)
    const listed = rows.slice(1, 1 + expected.length)
    expect(listed.map((r) => [r[0], r[2]])).toEqual(expected.map((a) => [a.startsOn.slice(0, 4), a.name]))
    expect(rows.flat()).not.toContain('Closed Strategy Workshop')
    const conference = listed.find((r) => r[2] === KAZAKH_NAME)!
    const post = archive.activities.find((a) => a.name === KAZAKH_NAME)!.posts[0]!
    expect(conference).toEqual(['2024', '10–11 March 2024', KAZAKH_NAME, 'Conference', 'organizer', 'Director of the Opinion Institute',
      'Marat Seitkali', 'Astana, Kazakhstan', new URL(`/news/${post.slug}`, server().baseUrl).href])
    // Without a job title in the news, the position held then; the internal participation of a colleague stays hidden; a draft is no news.
    expect(listed.find((r) => r[2] === 'Autumn Seminar')).toEqual(['2024', '15 September 2024', 'Autumn Seminar', 'Seminar', 'speaker',
      'Director, Opinion Institute', '', 'Berlin, Germany', ''])
    // Then the publications, as citations.
    const publications = rows.slice(1 + expected.length)
    expect(publications[0]).toEqual([''])
    expect(publications[1]).toEqual(['Year', 'Publication', 'Role', 'Link'])
    const survey = archive.publications[0]!
    expect(publications[2]).toEqual(['2024', 'Аружан Қасымова. (2024). Public Opinion Survey 2024. Alpha University.', 'Prepared by',
      `${server().baseUrl}/publications/${survey.slug}`])
  })

  it('CSV: one row for two roles in one activity; an unknown person is a 404', async () => {
    const rows = parseCsv(await (await server().get(`/people/${archive.marat.slug}/activities.csv`)).text())
    expect(rows.filter((r) => r[2] === 'New Year Forum')).toEqual([
      // Timur is staff through the institute's unit.
      ['2024', '30 December 2024 – 2 January 2025', 'New Year Forum', 'Forum', 'moderator, speaker', 'Senior researcher, Opinion Institute', 'Timur Unitov',
        'Almaty, Kazakhstan', expect.stringMatching(/\/news\//)],
    ])
    expect((await server().get('/people/no-such-person/activities.csv')).status).toBe(404)
    expect((await server().get('/people/no-such-person/activities.docx')).status).toBe(404)
  })

  it('is public content: kept by the page cache with an ETag, a 304 for it, in the language of the address', async () => {
    const path = `/ru/people/${archive.aruzhan.slug}/activities.csv`
    const first = await server().get(path)
    const etag = first.headers.get('etag')
    expect(etag).toBeTruthy()
    const text = await first.text()
    const rows = parseCsv(text.replace(/^\uFEFF/, ''))
    expect(rows[0]![0]).toBe('Год')
    expect(rows[0]![5]).toBe('Должность на тот момент')
    expect(text).toContain(`${server().baseUrl}/ru/news/`)
    expect(text).toContain('Astana, Казахстан')
    const again = await server().get(path, { headers: { 'if-none-match': etag! } })
    expect(again.status).toBe(304)
    expect(again.headers.get('x-cache')).toBe('hit')
  })

  it('DOCX: a heading per year, the table and the citations, public records only', async () => {
    const response = await server().get(`/people/${archive.aruzhan.slug}/activities.docx`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    expect(response.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(`${archive.aruzhan.slug}-activities.docx`)}`)
    const buffer = Buffer.from(await response.arrayBuffer())
    const html = (await mammoth.convertToHtml({ buffer })).value
    expect(html).toContain('<h1>2025</h1>')
    expect(html).toContain('<h1>2024</h1>')
    expect(html.indexOf('<h1>2025</h1>')).toBeLessThan(html.indexOf('<h1>2024</h1>'))
    const text = (await mammoth.extractRawText({ buffer })).value.replace(/\s+/g, ' ')
    expect(text).toContain('Activities of Аружан Қасымова')
    expect(text).toContain(KAZAKH_NAME)
    expect(text).toContain('Аружан Қасымова. (2024). Public Opinion Survey 2024. Alpha University.')
    expect(text).not.toContain('Closed Strategy Workshop')
    // The news are links to the public post.
    const post = archive.activities.find((a) => a.name === KAZAKH_NAME)!.posts[0]!
    expect(html).toContain(`href="${new URL(`/news/${post.slug}`, server().baseUrl).href}"`)
  })

  it('the admin’s lists add internal records, marked, for editors only, never cached', async () => {
    const { aruzhan } = archive
    const path = `/admin/people/${aruzhan.id}/activities.csv`
    expect((await server().get(path)).status).toBe(303)
    const author = await signIn(server(), await makeAccount(server().db, 'author'))
    expect((await server().get(path, { headers: { cookie: author.cookie } })).status).toBe(403)
    const editor = await signIn(server(), await makeAccount(server().db, 'editor'))
    const response = await server().get(path, { headers: { cookie: editor.cookie } })
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const rows = parseCsv((await response.text()).replace(/^\uFEFF/, ''))
    expect(rows[0]!.at(-1)).toBe('Internal')
    const all = archive.activities.filter((a) => a.participants.some((p) => p.party.id === aruzhan.id))
    expect(rows.slice(1, 1 + all.length).map((r) => [r[2], r.at(-1)]))
      .toEqual(all.sort((a, b) => b.startsOn.localeCompare(a.startsOn)).map((a) => [a.name, a.internal ? 'Internal' : '']))
    // The colleague whose participation is internal is named here.
    expect(rows.find((r) => r[2] === 'Autumn Seminar')?.[6]).toBe('Dana Bekova')
    // A post about an internal activity is not public: it links to the admin.
    expect(rows.find((r) => r[2] === 'Closed Strategy Workshop')?.[8]).toMatch(new RegExp(`^${server().baseUrl}/admin/posts/\\d+$`))
    const docx = await server().get(`/admin/people/${aruzhan.id}/activities.docx?lang=kk`, { headers: { cookie: editor.cookie } })
    const text = (await mammoth.extractRawText({ buffer: Buffer.from(await docx.arrayBuffer()) })).value
    expect(text).toContain('Іс-шаралар: Аружан Қасымова')
    expect(text).toContain('Closed Strategy Workshop')
    expect((await server().get(`/admin/people/${aruzhan.id}/activities.csv?lang=de`, { headers: { cookie: editor.cookie } })).status).toBe(400)
    // The person editor links to both.
    const editorPage = await (await server().get(`/admin/people/${aruzhan.id}`, { headers: { cookie: editor.cookie } })).text()
    expect(editorPage).toContain(`href="/admin/people/${aruzhan.id}/activities.csv"`)
    expect(editorPage).toContain(`href="/admin/people/${aruzhan.id}/activities.docx"`)
  })

  it('the profile links to both downloads, in its language', async () => {
    const { slug } = archive.aruzhan
    const english = await (await server().get(`/people/${slug}`)).text()
    expect(english).toContain(`href="/people/${slug}/activities.csv"`)
    expect(english).toContain(`href="/people/${slug}/activities.docx"`)
    expect(english).toContain('Download the activity list:')
    const kazakh = await (await server().get(`/kk/people/${slug}`)).text()
    expect(kazakh).toContain(`href="/kk/people/${slug}/activities.csv"`)
    expect(kazakh).toContain('Іс-шаралар тізімін жүктеп алу:')
  })
})
