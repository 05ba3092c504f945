import { parse } from 'node-html-parser'
import { beforeAll, expect, it } from 'vitest'
import { createApp } from '../../src/app.ts'
import { MAX_BODY_BYTES } from '../../src/api/write.api.ts'
import { createPostFromInput } from '../../src/news/post.write.ts'
import { createTestDatabase, describeEachDialect } from '../db.ts'
import { GENDER_REPORT, INSTITUTE, TURKIC_WORKSHOP } from '../demo.ts'
import { useTestServer } from '../server.ts'
import { ADMIN_ROUTES, type Fixtures } from './admin-routes.ts'
import { type Account, makeAccount, makeToken, signIn, type SignedIn } from './helpers.ts'

/** What every response must carry, whatever made it: a page, an error, the API, a file. */
function headerProblems(headers: Headers) {
  const problems: string[] = []
  const csp = headers.get('content-security-policy') ?? ''
  const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]))
  if (directives.get('script-src')?.join(' ') !== "'self'") problems.push(`script-src is ${directives.get('script-src')?.join(' ')}`)
  if (directives.get('style-src')?.join(' ') !== "'self'") problems.push(`style-src is ${directives.get('style-src')?.join(' ')}`)
  if (directives.get('default-src')?.join(' ') !== "'self'") problems.push('default-src is not self')
  if (directives.get('frame-ancestors')?.join(' ') !== "'none'") problems.push('frame-ancestors is not none')
  if (directives.get('base-uri')?.join(' ') !== "'self'") problems.push('base-uri is not self')
  if (directives.get('form-action')?.join(' ') !== "'self'") problems.push('form-action is not self')
  if (/unsafe-(inline|eval)/.test(csp)) problems.push('the CSP allows unsafe-inline or unsafe-eval')
  if (headers.get('x-content-type-options') !== 'nosniff') problems.push('no X-Content-Type-Options: nosniff')
  if (headers.get('x-frame-options') !== 'DENY') problems.push(`X-Frame-Options is ${headers.get('x-frame-options')}`)
  if (headers.get('referrer-policy') !== 'strict-origin-when-cross-origin') problems.push(`Referrer-Policy is ${headers.get('referrer-policy')}`)
  if (headers.get('x-powered-by')) problems.push('X-Powered-By is sent')
  return problems
}

const isJson = (text: string) => {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

/** What the CSP would block or what would need 'unsafe-inline': inline scripts, handlers, style attributes and elements. */
function inlineCode(html: string) {
  const root = parse(html)
  const problems: string[] = []
  for (const script of root.querySelectorAll('script')) {
    // A JSON-LD data block is never run, so the CSP allows it; it must stay JSON with no "<" that could close it.
    if (script.getAttribute('type') === 'application/ld+json') {
      if (script.text.includes('<') || !isJson(script.text)) problems.push('a JSON-LD block that is not plain JSON')
    } else if (!script.getAttribute('src') || script.text.trim()) problems.push('an inline <script>')
  }
  if (root.querySelectorAll('style').length) problems.push('a <style> element')
  for (const element of root.querySelectorAll('*')) {
    for (const name of Object.keys(element.attributes)) {
      if (name.toLowerCase() === 'style') problems.push(`a style attribute on <${element.tagName.toLowerCase()}>`)
      if (name.toLowerCase().startsWith('on')) problems.push(`an ${name} attribute on <${element.tagName.toLowerCase()}>`)
    }
    for (const name of ['href', 'src', 'action', 'formaction']) {
      if (/^\s*javascript:/i.test(element.getAttribute(name) ?? '')) problems.push(`a javascript: ${name}`)
    }
  }
  return [...new Set(problems)]
}

describeEachDialect('security headers on every response', (dialect) => {
  const server = useTestServer(dialect, { demo: true, security: { loginSlowdownMs: 2 } })
  let admin: Account
  let session: SignedIn
  let fixtures: Fixtures

  beforeAll(async () => {
    const { db } = server()
    admin = await makeAccount(db, 'admin')
    session = await signIn(server(), admin)
    const editor = { userId: admin.id, role: admin.role, actor: admin.email }
    const post = await createPostFromInput(db, { title: 'Headers post' }, editor)
    const person = (await db.selectFrom('person').select(['id', 'slug']).orderBy('id').executeTakeFirstOrThrow())
    const publication = (await db.selectFrom('publication').select(['id', 'slug']).orderBy('id').executeTakeFirstOrThrow())
    fixtures = {
      db, victim: admin, post, person, publication,
      ownDraft: async () => post, freshPost: async () => post, freshPublication: async () => publication,
    }
  })

  const cases: [string, () => Promise<Response>][] = [
    ['the home page', () => server().get('/')],
    ['a post', () => server().get(`/news/${TURKIC_WORKSHOP.post}`)],
    ['a publication', () => server().get(`/publications/${GENDER_REPORT}`)],
    ['an organization', () => server().get(`/organizations/${INSTITUTE}`)],
    ['a 404 page', () => server().get('/no-such-page')],
    ['a 400 page', () => server().get('/news?page=abc')],
    ['the stylesheet', async () => {
      const href = parse(await (await server().get('/')).text()).querySelector('link[rel=stylesheet]')!.getAttribute('href')!
      return server().get(href)
    }],
    ['the sign-in page', () => server().get('/admin/login')],
    ['the redirect to sign in', () => server().get('/admin/posts')],
    ['a CSRF refusal', () => server().get('/admin/logout', { method: 'POST', headers: { cookie: session.cookie } })],
    ['a role refusal', async () => server().get('/admin/users', { headers: { cookie: (await signIn(server(), await makeAccount(server().db, 'author'))).cookie } })],
    ['an admin page', () => server().get('/admin/account', { headers: { cookie: session.cookie } })],
    ['the read API', () => server().get('/api/v1/posts')],
    ['a read API 400', () => server().get('/api/v1/posts?year=abc')],
    ['an API 404', () => server().get('/api/v1/nothing-here')],
    ['a write API 401', () => server().get('/api/v1/posts', { method: 'POST', body: '{}' })],
    ['a write API 201', async () => server().get('/api/v1/people', {
      method: 'POST', body: JSON.stringify({ name: 'Header Person' }),
      headers: { authorization: `Bearer ${await makeToken(server().db, admin, 'write')}`, 'content-type': 'application/json' },
    })],
    ['a write API 413', async () => server().get('/api/v1/people', {
      method: 'POST', body: 'x'.repeat(MAX_BODY_BYTES + 1),
      headers: { authorization: `Bearer ${await makeToken(server().db, admin, 'write')}`, 'content-type': 'application/json' },
    })],
    ['the health check', () => server().get('/healthz')],
    ['the readiness check', () => server().get('/readyz')],
  ]

  it.each(cases)('%s', async (_name, fetchIt) => {
    const response = await fetchIt()
    await response.arrayBuffer()
    expect(headerProblems(response.headers)).toEqual([])
  })

  it('public pages and every admin page need no inline script or style, so the CSP can forbid them', async () => {
    const problems: string[] = []
    const publicPaths = ['/', '/news', `/news/${TURKIC_WORKSHOP.post}`, `/activities/${TURKIC_WORKSHOP.activity}`, '/people',
      '/organizations', `/organizations/${INSTITUTE}`, '/publications', `/publications/${GENDER_REPORT}`]
    const adminPaths = await Promise.all(ADMIN_ROUTES.filter((r) => r.method === 'GET').map((r) => r.path?.(fixtures, admin) ?? r.route))
    for (const path of [...publicPaths, ...adminPaths]) {
      const response = await server().get(path, { headers: path.startsWith('/admin') ? { cookie: session.cookie } : {} })
      if (!response.headers.get('content-type')?.startsWith('text/html')) continue
      for (const problem of inlineCode(await response.text())) problems.push(`${path}: ${problem}`)
    }
    expect(problems).toEqual([])
  })
})

it('a server error (the database gone) is a page with the same headers', async () => {
  const database = await createTestDatabase('sqlite')
  const app = createApp({ db: database.db })
  await database.drop()
  for (const path of ['/news', '/api/v1/posts']) {
    const response = await app.request(path)
    expect(response.status).toBe(500)
    expect(headerProblems(response.headers)).toEqual([])
  }
})
