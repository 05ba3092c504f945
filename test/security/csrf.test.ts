import { beforeAll, expect, it } from 'vitest'
import type { Editor } from '../../src/accounts/editor.ts'
import { createPostFromInput } from '../../src/news/post.write.ts'
import { createPublicationFromInput } from '../../src/publications/publication.write.ts'
import { describeEachDialect } from '../db.ts'
import { makePerson } from '../factories.ts'
import { useTestServer } from '../server.ts'
import { ADMIN_ROUTES, type AdminRoute, type Fixtures } from './admin-routes.ts'
import { type Account, form, FORM, makeAccount, openLoginForm, PASSWORD, signIn, type SignedIn, stateOf } from './helpers.ts'

const CSRF_MESSAGE = /This form has expired or was sent from another site, so nothing was changed/

/** Ways a forged request arrives: each must be refused with 403 before it changes anything. */
interface Forgery {
  name: string
  /** Headers and body for the row, given the victim's session and a token from another session. */
  build(row: AdminRoute, mine: SignedIn, foreign: SignedIn, fixtures: Fixtures): { headers: Record<string, string>; body?: string | FormData }
}

const fields = (row: AdminRoute, f: Fixtures) => row.form?.(f) ?? {}

function formBody(row: AdminRoute, f: Fixtures, token: string | null, headers: Record<string, string> = {}) {
  if (row.json !== undefined) {
    return { headers: { 'content-type': 'application/json', ...(token ? { 'x-csrf-token': token } : {}), ...headers }, body: JSON.stringify(row.json) }
  }
  return { headers: { 'content-type': FORM, ...headers }, body: form({ ...(token ? { _csrf: token } : {}), ...fields(row, f) }) }
}

const FORGERIES: Forgery[] = [
  { name: 'without a token', build: (row, _mine, _foreign, f) => formBody(row, f, null) },
  { name: 'with a token from another session', build: (row, _mine, foreign, f) => formBody(row, f, foreign.csrf) },
  { name: 'with an empty token', build: (row, _mine, _foreign, f) => formBody(row, f, '') },
  { name: 'with the right token sent from a foreign Origin', build: (row, mine, _foreign, f) => formBody(row, f, mine.csrf, { origin: 'https://attacker.example' }) },
  { name: 'with the right token and an Origin that is not an address', build: (row, mine, _foreign, f) => formBody(row, f, mine.csrf, { origin: 'attacker' }) },
  { name: 'with the right token, but cross-site by Sec-Fetch-Site', build: (row, mine, _foreign, f) => formBody(row, f, mine.csrf, { 'sec-fetch-site': 'cross-site' }) },
  {
    // A plain <form enctype="text/plain"> can post cross-site without a preflight; its body is not read for a token.
    name: 'as text/plain with the token in the body',
    build: (row, mine) => ({ headers: { 'content-type': 'text/plain' }, body: `_csrf=${mine.csrf}` }),
  },
  {
    name: 'as multipart with a token from another session',
    build: (row, _mine, foreign, f) => {
      const data = new FormData()
      data.set('_csrf', foreign.csrf)
      for (const [k, v] of Object.entries(fields(row, f))) data.set(k, v)
      data.set('file', new Blob(['%PDF-1.4\n'], { type: 'application/pdf' }), 'report.pdf')
      return { headers: {}, body: data }
    },
  },
]

const STATE_CHANGING = ADMIN_ROUTES.filter((r) => r.method === 'POST')

describeEachDialect('CSRF: forged admin requests are refused and change nothing', (dialect) => {
  const server = useTestServer(dialect, { security: { loginSlowdownMs: 2 } })
  let admin: Account, other: Account
  let fixtures: Fixtures

  beforeAll(async () => {
    const { db } = server()
    admin = await makeAccount(db, 'admin')
    other = await makeAccount(db, 'admin', 'other')
    const victim = await makeAccount(db, 'author', 'victim')
    const editor: Editor = { userId: admin.id, role: 'admin', actor: admin.email }
    fixtures = {
      db, victim,
      person: await makePerson(db, { name: 'Forgery Target' }),
      post: await createPostFromInput(db, { title: 'A post to protect', status: 'published' }, editor),
      publication: await createPublicationFromInput(db, { kind: 'report', title: 'A report to protect' }, editor),
      ownDraft: () => createPostFromInput(db, { title: 'Own draft' }, editor),
      freshPost: () => createPostFromInput(db, { title: 'Another post' }, editor),
      freshPublication: () => createPublicationFromInput(db, { kind: 'report', title: 'Another report' }, editor),
    }
  })

  for (const forgery of FORGERIES) {
    it(`every state-changing admin request ${forgery.name}`, async () => {
      const mine = await signIn(server(), admin)
      const foreign = await signIn(server(), other)
      expect(foreign.csrf).not.toBe(mine.csrf)
      const problems: string[] = []
      for (const row of STATE_CHANGING) {
        const path = await (row.path?.(fixtures, admin) ?? row.route)
        const { headers, body } = forgery.build(row, mine, foreign, fixtures)
        const before = await stateOf(server().db)
        const response = await server().get(path, { method: 'POST', headers: { cookie: mine.cookie, ...headers }, body })
        const text = await response.text()
        if (response.status !== 403) problems.push(`${row.method} ${path}: got ${response.status}, expected 403`)
        else if (!CSRF_MESSAGE.test(text)) problems.push(`${row.method} ${path}: 403 without the CSRF explanation`)
        if (JSON.stringify(await stateOf(server().db)) !== JSON.stringify(before)) problems.push(`${row.method} ${path}: refused, but the data changed`)
      }
      expect(problems).toEqual([])
      // The session survived every forged sign-out: the victim is still signed in.
      expect((await server().get('/admin/account', { headers: { cookie: mine.cookie } })).status).toBe(200)
    })
  }

  it('the sign-in form needs its own token too (double submit): a missing or foreign one is refused', async () => {
    const mine = await openLoginForm(server())
    const theirs = await openLoginForm(server())
    const before = await stateOf(server().db)
    const attempt = (cookie: string, csrf: string | null) => server().get('/admin/login', {
      method: 'POST', headers: { cookie, 'content-type': FORM },
      body: form({ ...(csrf === null ? {} : { _csrf: csrf }), email: admin.email, password: PASSWORD }),
    })
    expect((await attempt(mine.cookie, null)).status).toBe(403)
    expect((await attempt(mine.cookie, theirs.csrf)).status).toBe(403)
    expect((await attempt('', mine.csrf)).status).toBe(403)
    expect(await stateOf(server().db)).toEqual(before)
    expect((await attempt(mine.cookie, mine.csrf)).status).toBe(303)
  })

  it('no GET request changes anything, so links and images cannot act for a signed-in user', async () => {
    const mine = await signIn(server(), admin)
    const problems: string[] = []
    for (const row of ADMIN_ROUTES.filter((r) => r.method === 'GET')) {
      const path = await (row.path?.(fixtures, admin) ?? row.route)
      const before = await stateOf(server().db)
      const response = await server().get(path, { headers: { cookie: mine.cookie } })
      await response.arrayBuffer()
      if (JSON.stringify(await stateOf(server().db)) !== JSON.stringify(before)) problems.push(`GET ${path} changed the data`)
    }
    expect(problems).toEqual([])
  })
})
