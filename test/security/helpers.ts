import { parse } from 'node-html-parser'
import { createApiToken } from '../../src/accounts/token.service.ts'
import { addUser } from '../../src/accounts/user.service.ts'
import { exportArchive } from '../../src/archive/index.ts'
import type { Db, UserRole } from '../../src/db/database.ts'
import type { TestServer } from '../server.ts'

export const PASSWORD = 'a long password'

export interface Account { id: number; email: string; role: UserRole }

let counter = 0
/** A new account of the role, with PASSWORD; emails are unique across a test file. */
export async function makeAccount(db: Db, role: UserRole, label: string = role): Promise<Account> {
  return addUser(db, { email: `${label}-${Date.now().toString(36)}${counter++}@example.org`, role, password: PASSWORD })
}

export async function makeToken(db: Db, account: Account, scope: 'read' | 'write') {
  return (await createApiToken(db, account.id, `${account.role} ${scope}`, scope)).token
}

/** A browser-like signed-in session: the cookie header to send and the CSRF token its forms carry. */
export interface SignedIn { cookie: string; csrf: string; account?: Account }

const cookiesOf = (response: Response) =>
  response.headers.getSetCookie().map((c) => c.split(';')[0]!).filter((c) => !c.endsWith('='))

const hiddenCsrf = (html: string) => parse(html).querySelector('input[name="_csrf"]')?.getAttribute('value') ?? ''

/** The sign-in form as a visitor gets it: the form cookie and its CSRF token. */
export async function openLoginForm(server: TestServer): Promise<SignedIn> {
  const response = await server.get('/admin/login')
  return { cookie: cookiesOf(response).join('; '), csrf: hiddenCsrf(await response.text()) }
}

export const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString()
export const FORM = 'application/x-www-form-urlencoded'

/** Signs in through POST /admin/login like a person would, and reads the session's CSRF token from a page. */
export async function signIn(server: TestServer, account: Account, password = PASSWORD): Promise<SignedIn> {
  const login = await openLoginForm(server)
  const response = await server.get('/admin/login', {
    method: 'POST', headers: { cookie: login.cookie, 'content-type': FORM },
    body: form({ _csrf: login.csrf, email: account.email, password, next: '' }),
  })
  const session = cookiesOf(response).find((c) => c.startsWith('chronicle_session='))
  if (response.status !== 303 || !session) throw new Error(`signing in ${account.email} failed: ${response.status}`)
  const page = await server.get('/admin/account', { headers: { cookie: session } })
  return { cookie: session, csrf: hiddenCsrf(await page.text()), account }
}

/**
 * Everything a refused request must leave alone: the whole archive as exported, the revision
 * log, accounts, tokens, sessions, audit entries and stored files. Timestamps that reading
 * itself refreshes (a token's or session's last use) are left out.
 */
export async function stateOf(db: Db) {
  const count = async (table: 'revision' | 'session' | 'audit_log' | 'stored_file' | 'login_attempt' | 'slug_redirect' | 'merge_record') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
  return {
    archive: await exportArchive(db),
    users: await db.selectFrom('app_user')
      .select(['id', 'email', 'name', 'role', 'password_hash', 'totp_secret', 'totp_enabled', 'disabled_at']).orderBy('id').execute(),
    tokens: await db.selectFrom('api_token').select(['id', 'user_id', 'name', 'scope', 'revoked_at']).orderBy('id').execute(),
    revisions: await count('revision'),
    sessions: await count('session'),
    audit: await count('audit_log'),
    files: await count('stored_file'),
    loginAttempts: await count('login_attempt'),
    redirects: await count('slug_redirect'),
    merges: await count('merge_record'),
  }
}

/**
 * The fields a browser would send with the form posting to `action`: inputs (checkboxes and radios
 * only when checked), textareas and selected options, in document order, plus the clicked button.
 */
export function formFields(html: string, action: string, button?: { name: string; value: string }): [string, string][] {
  const formElement = parse(html).querySelectorAll('form').find((f) => f.getAttribute('action') === action)
  if (!formElement) throw new Error(`no form posting to ${action}`)
  const fields: [string, string][] = []
  for (const element of formElement.querySelectorAll('input, textarea, select')) {
    const name = element.getAttribute('name')
    if (!name || element.hasAttribute('disabled')) continue
    const tag = element.tagName.toLowerCase()
    const type = (element.getAttribute('type') ?? 'text').toLowerCase()
    if (tag === 'input' && ['submit', 'button', 'file', 'image', 'reset'].includes(type)) continue
    if (tag === 'input' && ['checkbox', 'radio'].includes(type) && !element.hasAttribute('checked')) continue
    if (tag === 'textarea') fields.push([name, element.textContent.replace(/^\n/, '')])
    else if (tag === 'select') {
      const options = element.querySelectorAll('option')
      const chosen = options.find((o) => o.hasAttribute('selected')) ?? options[0]
      fields.push([name, chosen?.getAttribute('value') ?? chosen?.textContent ?? ''])
    } else fields.push([name, element.getAttribute('value') ?? (type === 'checkbox' || type === 'radio' ? 'on' : '')])
  }
  if (button) fields.push([button.name, button.value])
  return fields
}

/** The fields with some values replaced (or added). */
export function withFields(fields: [string, string][], changes: Record<string, string>) {
  const out = fields.map(([name, value]): [string, string] => [name, name in changes ? changes[name]! : value])
  for (const [name, value] of Object.entries(changes)) if (!fields.some(([n]) => n === name)) out.push([name, value])
  return new URLSearchParams(out).toString()
}
