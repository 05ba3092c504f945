import { parse } from 'node-html-parser'
import { generateSecret } from 'otplib'
import { beforeAll, expect, it } from 'vitest'
import type { Editor } from '../../src/accounts/editor.ts'
import { adminRoutes } from '../../src/admin/admin.routes.tsx'
import { writeApi } from '../../src/api/write.api.ts'
import type { UserRole } from '../../src/db/database.ts'
import { createPostFromInput } from '../../src/news/post.write.ts'
import { createPublicationFromInput } from '../../src/publications/publication.write.ts'
import { describeEachDialect } from '../db.ts'
import { makePerson } from '../factories.ts'
import { useTestServer } from '../server.ts'
import { ADMIN_ROUTES, type AdminRoute, type Fixtures, type MinimumRole, routesOf, rowKey } from './admin-routes.ts'
import {
  type Account, form, FORM, makeAccount, makeToken, openLoginForm, PASSWORD, signIn, type SignedIn, stateOf,
} from './helpers.ts'

const RANK: Record<MinimumRole, number> = { anonymous: 0, author: 1, editor: 2, admin: 3 }
const editorOf = (a: Account): Editor => ({ userId: a.id, role: a.role, actor: a.email })

/**
 * Who calls: nobody; an admin who gave the password but not yet the two-factor code (as good as
 * nobody); and a signed-in account of each role.
 */
type Caller = 'anonymous' | 'admin without code' | UserRole
const CALLERS: Caller[] = ['anonymous', 'admin without code', 'author', 'editor', 'admin']
const rankOf = (caller: Caller) => (caller === 'anonymous' || caller === 'admin without code' ? 0 : RANK[caller])

it('the admin matrix has a row for every admin route, and nothing else', () => {
  const inRouter = routesOf(adminRoutes, '/admin')
  const inTable = [...new Set(ADMIN_ROUTES.map(rowKey))].sort()
  // A failure here names the routes to add to test/security/admin-routes.ts, with their least role.
  expect({ missingFromTable: inRouter.filter((r) => !inTable.includes(r)), goneFromRouter: inTable.filter((r) => !inRouter.includes(r)) })
    .toEqual({ missingFromTable: [], goneFromRouter: [] })
})

describeEachDialect('authorization matrix: admin routes', (dialect) => {
  const server = useTestServer(dialect, { security: { loginSlowdownMs: 2 } })
  const accounts = {} as Record<'author' | 'editor' | 'admin' | 'halfway' | 'victim', Account>
  let fixtures: Fixtures

  beforeAll(async () => {
    const { db } = server()
    for (const role of ['author', 'editor', 'admin'] as const) accounts[role] = await makeAccount(db, role)
    accounts.victim = await makeAccount(db, 'author', 'victim')
    accounts.halfway = await makeAccount(db, 'admin', 'halfway')
    // Two-factor sign-in on: the password alone leaves the session waiting for the code.
    await db.updateTable('app_user').set({ totp_enabled: 1, totp_secret: generateSecret() }).where('id', '=', accounts.halfway.id).execute()
    const byEditor = editorOf(accounts.editor)
    const person = await makePerson(db, { name: 'Matrix Person' })
    const post = await createPostFromInput(db, { title: 'An editor’s post', status: 'published' }, byEditor)
    const publication = await createPublicationFromInput(db, { kind: 'report', title: 'Matrix report' }, byEditor)
    fixtures = {
      db, victim: accounts.victim, person, post, publication,
      ownDraft: (me) => createPostFromInput(db, { title: 'A draft of one’s own' }, editorOf(me ?? accounts.author)),
      freshPost: () => createPostFromInput(db, { title: 'A post to delete' }, byEditor),
      freshPublication: () => createPublicationFromInput(db, { kind: 'report', title: 'A report to delete' }, byEditor),
    }
  })

  /** A session for the caller; anonymous visitors get the sign-in form's cookie, so CSRF passes and the role check decides. */
  async function sessionOf(caller: Caller): Promise<SignedIn> {
    if (caller === 'anonymous') return openLoginForm(server())
    if (caller === 'admin without code') {
      const login = await openLoginForm(server())
      const response = await server().get('/admin/login', {
        method: 'POST', headers: { cookie: login.cookie, 'content-type': FORM },
        body: form({ _csrf: login.csrf, email: accounts.halfway.email, password: PASSWORD, next: '' }),
      })
      const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('chronicle_session='))!
      const page = await server().get('/admin/login/code', { headers: { cookie } })
      const csrf = parse(await page.text()).querySelector('input[name="_csrf"]')?.getAttribute('value') ?? ''
      return { cookie, csrf, account: accounts.halfway }
    }
    return signIn(server(), accounts[caller])
  }

  function request(row: AdminRoute, path: string, who: SignedIn) {
    const headers: Record<string, string> = { cookie: who.cookie }
    let body: string | undefined
    if (row.method === 'POST' && row.json !== undefined) {
      Object.assign(headers, { 'content-type': 'application/json', 'x-csrf-token': who.csrf })
      body = JSON.stringify(row.json)
    } else if (row.method === 'POST') {
      headers['content-type'] = FORM
      body = form({ _csrf: who.csrf, ...row.form?.(fixtures) })
    }
    return server().get(path, { method: row.method, headers, body })
  }

  /** What went wrong with one row, or null when the answer is the expected one. */
  function judge(row: AdminRoute, caller: Caller, status: number, location: string | null) {
    const allowed = rankOf(caller) >= RANK[row.role]
    if (allowed) {
      const refusedLike = status === 401 || status === 403 || (status === 303 && location?.startsWith('/admin/login?'))
      const fine = row.ok ? row.ok.includes(status) : row.method === 'GET' ? status === 200 : status < 500 && !refusedLike
      return fine ? null : `allowed, expected ${row.ok?.join('|') ?? (row.method === 'GET' ? 200 : 'a non-refusal')}`
    }
    if (caller === 'anonymous' || caller === 'admin without code') {
      const target = caller === 'anonymous' ? '/admin/login?next=' : '/admin/login/code'
      if (row.method === 'GET') return status === 303 && location?.startsWith(target) ? null : `expected 303 to ${target}…`
      return status === 401 ? null : 'expected 401'
    }
    return status === 403 ? null : 'expected 403'
  }

  for (const caller of CALLERS) {
    it(`${caller}: every admin route answers as its least role says, and a refusal changes nothing`, async () => {
      const problems: string[] = []
      let who = await sessionOf(caller)
      for (const row of ADMIN_ROUTES) {
        const path = await (row.path?.(fixtures, who.account ?? null) ?? row.route)
        const allowed = rankOf(caller) >= RANK[row.role]
        const before = allowed ? null : await stateOf(server().db)
        const response = await request(row, path, who)
        await response.arrayBuffer()
        const problem = judge(row, caller, response.status, response.headers.get('location'))
        if (problem) problems.push(`${row.method} ${path}${row.note ? ` (${row.note})` : ''} [${row.role}]: got ${response.status}, ${problem}`)
        if (before) {
          const after = await stateOf(server().db)
          try {
            expect(after).toEqual(before)
          } catch {
            problems.push(`${row.method} ${path}: refused, but the data changed`)
          }
        }
        if (allowed && row.endsSession) who = await sessionOf(caller)
      }
      expect(problems).toEqual([])
    })
  }
})

/** The write API's routes, with the least role each needs (authors: their own posts only). */
interface ApiRoute {
  method: 'POST' | 'PATCH' | 'DELETE'
  route: string
  note?: string
  role: UserRole
  /** Makes what the request needs and gives its path. */
  path(f: ApiFixtures, me: Account): Promise<string> | string
  body?: () => object
}

interface ApiFixtures {
  editorPost(): Promise<string>
  ownPost(me: Account): Promise<string>
  activity(): Promise<string>
  person(): Promise<string>
  organization(): Promise<string>
  publication(): Promise<string>
}

let unique = 0
const name = (what: string) => `${what} ${Date.now().toString(36)}${unique++}`

const API_ROUTES: ApiRoute[] = [
  { method: 'POST', route: '/api/v1/posts', note: 'a draft', role: 'author', path: () => '/api/v1/posts', body: () => ({ title: name('API draft') }) },
  { method: 'POST', route: '/api/v1/posts', note: 'published', role: 'editor', path: () => '/api/v1/posts', body: () => ({ title: name('API news'), status: 'published' }) },
  { method: 'PATCH', route: '/api/v1/posts/:slug', note: 'own draft', role: 'author', path: async (f, me) => `/api/v1/posts/${await f.ownPost(me)}`, body: () => ({ summary: 'Changed.' }) },
  { method: 'PATCH', route: '/api/v1/posts/:slug', note: 'publishing own draft', role: 'editor', path: async (f, me) => `/api/v1/posts/${await f.ownPost(me)}`, body: () => ({ status: 'published' }) },
  { method: 'PATCH', route: '/api/v1/posts/:slug', note: 'someone else’s post', role: 'editor', path: async (f) => `/api/v1/posts/${await f.editorPost()}`, body: () => ({ summary: 'Changed.' }) },
  { method: 'DELETE', route: '/api/v1/posts/:slug', note: 'own draft', role: 'author', path: async (f, me) => `/api/v1/posts/${await f.ownPost(me)}` },
  { method: 'DELETE', route: '/api/v1/posts/:slug', note: 'someone else’s post', role: 'editor', path: async (f) => `/api/v1/posts/${await f.editorPost()}` },
  { method: 'POST', route: '/api/v1/activities', role: 'editor', path: () => '/api/v1/activities', body: () => ({ kind: 'seminar', name: name('API seminar') }) },
  { method: 'PATCH', route: '/api/v1/activities/:slug', role: 'editor', path: async (f) => `/api/v1/activities/${await f.activity()}`, body: () => ({ city: 'Almaty' }) },
  { method: 'DELETE', route: '/api/v1/activities/:slug', role: 'editor', path: async (f) => `/api/v1/activities/${await f.activity()}` },
  { method: 'POST', route: '/api/v1/people', role: 'editor', path: () => '/api/v1/people', body: () => ({ name: name('API Person') }) },
  { method: 'PATCH', route: '/api/v1/people/:slug', role: 'editor', path: async (f) => `/api/v1/people/${await f.person()}`, body: () => ({ degree: 'PhD' }) },
  { method: 'DELETE', route: '/api/v1/people/:slug', role: 'editor', path: async (f) => `/api/v1/people/${await f.person()}` },
  { method: 'POST', route: '/api/v1/organizations', role: 'editor', path: () => '/api/v1/organizations', body: () => ({ name: name('API Organization') }) },
  { method: 'PATCH', route: '/api/v1/organizations/:slug', role: 'editor', path: async (f) => `/api/v1/organizations/${await f.organization()}`, body: () => ({ country: 'KZ' }) },
  { method: 'DELETE', route: '/api/v1/organizations/:slug', role: 'editor', path: async (f) => `/api/v1/organizations/${await f.organization()}` },
  { method: 'POST', route: '/api/v1/publications', role: 'editor', path: () => '/api/v1/publications', body: () => ({ kind: 'report', title: name('API report') }) },
  { method: 'PATCH', route: '/api/v1/publications/:slug', role: 'editor', path: async (f) => `/api/v1/publications/${await f.publication()}`, body: () => ({ summary: 'Changed.' }) },
  { method: 'DELETE', route: '/api/v1/publications/:slug', role: 'editor', path: async (f) => `/api/v1/publications/${await f.publication()}` },
]

const SUCCESS = { POST: 201, PATCH: 200, DELETE: 204 } as const

it('the write API matrix has a row for every write route', () => {
  const inRouter = routesOf(writeApi, '/api/v1')
  expect(inRouter).toEqual([...new Set(API_ROUTES.map(rowKey))].sort())
})

describeEachDialect('authorization matrix: write API', (dialect) => {
  const server = useTestServer(dialect)
  const tokens = new Map<string, { token: string | null; account: Account; role: UserRole | null; scope: 'read' | 'write' | null }>()
  let f: ApiFixtures

  beforeAll(async () => {
    const { db } = server()
    const made = {} as Record<UserRole, Account>
    for (const role of ['author', 'editor', 'admin'] as const) made[role] = await makeAccount(db, role)
    tokens.set('no token', { token: null, account: made.author, role: null, scope: null })
    tokens.set('admin, read scope', { token: await makeToken(db, made.admin, 'read'), account: made.admin, role: 'admin', scope: 'read' })
    for (const role of ['author', 'editor', 'admin'] as const) {
      tokens.set(`${role}, write scope`, { token: await makeToken(db, made[role], 'write'), account: made[role], role, scope: 'write' })
    }
    const editor = editorOf(made.editor)
    const { createActivityFromInput } = await import('../../src/activities/activity.write.ts')
    const { createPersonFromInput } = await import('../../src/people/person.write.ts')
    const { createOrganizationFromInput } = await import('../../src/organizations/organization.write.ts')
    f = {
      editorPost: async () => (await createPostFromInput(db, { title: name('Editor’s post') }, editor)).slug,
      ownPost: async (me) => (await createPostFromInput(db, { title: name('Own draft') }, editorOf(me))).slug,
      activity: async () => (await createActivityFromInput(db, { kind: 'seminar', name: name('Seminar') }, editor)).slug,
      person: async () => (await createPersonFromInput(db, { name: name('Person') }, editor)).slug,
      organization: async () => (await createOrganizationFromInput(db, { name: name('Organization') }, editor)).slug,
      publication: async () => (await createPublicationFromInput(db, { kind: 'report', title: name('Report') }, editor)).slug,
    }
  })

  for (const caller of ['no token', 'admin, read scope', 'author, write scope', 'editor, write scope', 'admin, write scope']) {
    it(`${caller}: every write route answers as its least role says, and a refusal changes nothing`, async () => {
      const { token, account, role, scope } = tokens.get(caller)!
      const problems: string[] = []
      for (const row of API_ROUTES) {
        const path = await row.path(f, account)
        const allowed = scope === 'write' && RANK[role!] >= RANK[row.role]
        const before = allowed ? null : await stateOf(server().db)
        const response = await server().get(path, {
          method: row.method,
          headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(row.body ? { 'content-type': 'application/json' } : {}) },
          body: row.body ? JSON.stringify(row.body()) : undefined,
        })
        const expected = allowed ? SUCCESS[row.method] : token ? 403 : 401
        if (response.status !== expected) {
          problems.push(`${row.method} ${row.route}${row.note ? ` (${row.note})` : ''} [${row.role}]: got ${response.status}, expected ${expected}: ${await response.text()}`)
        } else if (!allowed) {
          expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/)
          await response.arrayBuffer()
          if (JSON.stringify(await stateOf(server().db)) !== JSON.stringify(before)) problems.push(`${row.method} ${path}: refused, but the data changed`)
        } else {
          await response.arrayBuffer()
        }
      }
      expect(problems).toEqual([])
    })
  }
})
