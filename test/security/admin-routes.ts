import type { Hono } from 'hono'
import { SYSTEM_EDITOR } from '../../src/accounts/editor.ts'
import { importPastedText } from '../../src/importer/import.service.ts'
import type { Db } from '../../src/db/database.ts'
import { makeOrganization, makePerson } from '../factories.ts'
import type { Account } from './helpers.ts'

/**
 * Every admin route with the least role that may use it: the authorization matrix and the CSRF
 * test both read this table. A new admin route needs a row here; the matrix test lists routes
 * the router has and this table lacks.
 */

export type MinimumRole = 'anonymous' | 'author' | 'editor' | 'admin'

export interface Fixtures {
  db: Db
  /** An account the matrix may change (disable, enable, role); nobody signs in with it. */
  victim: Account
  /** Records made by an editor: someone else's, for an author. */
  post: { id: number; slug: string }
  person: { id: number; slug: string }
  publication: { id: number; slug: string }
  /** A draft post of the signed-in account (or of an author, for anonymous visitors). */
  ownDraft(me: Account | null): Promise<{ id: number }>
  /** A record made fresh, for routes that use it up (delete). */
  freshPost(): Promise<{ id: number }>
  freshPublication(): Promise<{ id: number }>
}

export interface AdminRoute {
  method: 'GET' | 'POST'
  /** The route as the router has it, e.g. /admin/posts/:id; the key that ties the row to the router. */
  route: string
  /** What the row checks, when the same route appears twice (own and someone else's post). */
  note?: string
  role: MinimumRole
  /** The concrete path; default: the route itself. */
  path?: (f: Fixtures, me: Account | null) => string | Promise<string>
  /** Form fields, besides _csrf; chosen so that an allowed request changes little or nothing. */
  form?: (f: Fixtures) => Record<string, string>
  /** A JSON body instead of a form (sent with the X-CSRF-Token header). */
  json?: unknown
  /** Statuses an allowed request may get; default 200 for GET, anything below 500 that is not a refusal for POST. */
  ok?: number[]
  /** An allowed request ends the session (sign out, sign in again), so the matrix signs in afresh after it. */
  endsSession?: boolean
}

const NO_SUCH_ID = 987654321

export const ADMIN_ROUTES: AdminRoute[] = [
  // Signing in and out: open to everyone.
  { method: 'GET', route: '/admin/login', role: 'anonymous', ok: [200, 303] },
  { method: 'POST', route: '/admin/login', role: 'anonymous', form: () => ({ email: 'nobody@example.org', password: 'not the password' }), ok: [401], endsSession: true },
  { method: 'GET', route: '/admin/login/code', role: 'anonymous', ok: [200, 303] },
  { method: 'POST', route: '/admin/login/code', role: 'anonymous', form: () => ({ code: '000000' }), ok: [303, 401] },
  { method: 'POST', route: '/admin/logout', role: 'anonymous', ok: [303], endsSession: true },

  // The dashboard and the islands every form uses.
  { method: 'GET', route: '/admin', role: 'author' },
  { method: 'POST', route: '/admin/preview', role: 'author', json: { markdown: '**bold**' }, ok: [200] },
  { method: 'GET', route: '/admin/lookup', role: 'author', path: () => '/admin/lookup?type=any&q=matrix' },

  // One's own account.
  { method: 'GET', route: '/admin/account', role: 'author' },
  { method: 'POST', route: '/admin/account/password', role: 'author', form: () => ({ current: 'wrong', password: 'another long password', confirm: 'another long password' }), ok: [400] },
  { method: 'POST', route: '/admin/account/sign-out-everywhere', role: 'author', ok: [303], endsSession: true },
  { method: 'POST', route: '/admin/account/totp/start', role: 'author', ok: [200] },
  { method: 'POST', route: '/admin/account/totp/confirm', role: 'author', form: () => ({ code: '000000' }), ok: [400] },
  { method: 'POST', route: '/admin/account/totp/disable', role: 'author', ok: [303] },
  { method: 'POST', route: '/admin/account/tokens', role: 'author', form: () => ({ name: 'matrix token', scope: 'read' }), ok: [200] },
  { method: 'POST', route: '/admin/account/tokens/:id/revoke', role: 'author', path: () => `/admin/account/tokens/${NO_SUCH_ID}/revoke`, ok: [404] },

  // Posts: authors their own drafts, editors everything.
  { method: 'GET', route: '/admin/posts', role: 'author', path: () => '/admin/posts?q=%25&status=draft' },
  { method: 'GET', route: '/admin/posts/new', role: 'author' },
  { method: 'POST', route: '/admin/posts/new', role: 'author', form: () => ({ title: '' }), ok: [400] },
  { method: 'GET', route: '/admin/posts/:id', note: 'own draft', role: 'author', path: async (f, me) => `/admin/posts/${(await f.ownDraft(me)).id}` },
  { method: 'GET', route: '/admin/posts/:id', note: 'someone else’s post', role: 'editor', path: (f) => `/admin/posts/${f.post.id}` },
  { method: 'POST', route: '/admin/posts/:id', note: 'own draft', role: 'author', path: async (f, me) => `/admin/posts/${(await f.ownDraft(me)).id}`, form: () => ({ title: '' }), ok: [400] },
  { method: 'POST', route: '/admin/posts/:id', note: 'someone else’s post', role: 'editor', path: (f) => `/admin/posts/${f.post.id}`, form: () => ({ title: '' }), ok: [400] },
  { method: 'GET', route: '/admin/posts/:id/delete', note: 'own draft', role: 'author', path: async (f, me) => `/admin/posts/${(await f.ownDraft(me)).id}/delete` },
  { method: 'GET', route: '/admin/posts/:id/delete', note: 'someone else’s post', role: 'editor', path: (f) => `/admin/posts/${f.post.id}/delete` },
  { method: 'POST', route: '/admin/posts/:id/delete', note: 'own draft', role: 'author', path: async (f, me) => `/admin/posts/${(await f.ownDraft(me)).id}/delete`, ok: [303] },
  { method: 'POST', route: '/admin/posts/:id/delete', note: 'someone else’s post', role: 'editor', path: async (f) => `/admin/posts/${(await f.freshPost()).id}/delete`, ok: [303] },

  // The import review queue: editors, as publishing is.
  { method: 'GET', route: '/admin/import', role: 'editor', path: () => '/admin/import?status=discarded' },
  { method: 'GET', route: '/admin/import/paste', role: 'editor' },
  { method: 'GET', route: '/admin/import/upload', role: 'editor' },
  { method: 'POST', route: '/admin/import/upload', role: 'editor', form: () => ({ format: 'auto' }), ok: [400] },
  { method: 'POST', route: '/admin/import/paste', role: 'editor', form: () => ({ text: '' }), ok: [400] },
  { method: 'GET', route: '/admin/import/:id', role: 'editor', path: async (f) => `/admin/import/${(await importPastedText(f.db, 'On 3 March 2025 the Matrix Institute held a seminar in Almaty.', SYSTEM_EDITOR)).id}` },
  { method: 'POST', route: '/admin/import/:id', role: 'editor', path: () => `/admin/import/${NO_SUCH_ID}`, form: () => ({ _action: 'publish' }), ok: [404] },
  { method: 'POST', route: '/admin/import/:id/discard', role: 'editor', path: () => `/admin/import/${NO_SUCH_ID}/discard`, form: () => ({ confirm: '1' }), ok: [404] },

  // Publications and their files: editors.
  { method: 'GET', route: '/admin/publications', role: 'editor' },
  { method: 'GET', route: '/admin/publications/new', role: 'editor' },
  { method: 'POST', route: '/admin/publications', role: 'editor', form: () => ({ title: '' }), ok: [400] },
  { method: 'GET', route: '/admin/publications/:id', role: 'editor', path: (f) => `/admin/publications/${f.publication.id}` },
  { method: 'POST', route: '/admin/publications/:id', role: 'editor', path: (f) => `/admin/publications/${f.publication.id}`, form: () => ({ title: '' }), ok: [400] },
  { method: 'POST', route: '/admin/publications/:id/delete', role: 'editor', path: async (f) => `/admin/publications/${(await f.freshPublication()).id}/delete`, ok: [303] },
  { method: 'POST', route: '/admin/publications/:id/files', role: 'editor', path: (f) => `/admin/publications/${f.publication.id}/files` },
  { method: 'POST', route: '/admin/publications/:id/files/remove', role: 'editor', path: (f) => `/admin/publications/${f.publication.id}/files/remove` },

  // People's photos: editors.
  { method: 'GET', route: '/admin/people/:id/photo', role: 'editor', path: (f) => `/admin/people/${f.person.id}/photo` },
  { method: 'POST', route: '/admin/people/:id/photo', role: 'editor', path: (f) => `/admin/people/${f.person.id}/photo` },
  { method: 'POST', route: '/admin/people/:id/photo/remove', role: 'editor', path: (f) => `/admin/people/${f.person.id}/photo/remove` },

  // People, organizations, merges, history and the trash: editors.
  { method: 'GET', route: '/admin/people', role: 'editor', path: () => '/admin/people?q=%25' },
  { method: 'GET', route: '/admin/people/new', role: 'editor' },
  { method: 'POST', route: '/admin/people/new', role: 'editor', form: () => ({ name: '' }), ok: [400] },
  { method: 'GET', route: '/admin/people/:id', role: 'editor', path: (f) => `/admin/people/${f.person.id}` },
  { method: 'POST', route: '/admin/people/:id', role: 'editor', path: (f) => `/admin/people/${f.person.id}`, form: () => ({ name: '' }), ok: [400] },
  { method: 'POST', route: '/admin/people/:id/delete', role: 'editor', path: async (f) => `/admin/people/${(await makePerson(f.db)).id}/delete`, ok: [303] },
  { method: 'GET', route: '/admin/people/:id/merge', role: 'editor', path: (f) => `/admin/people/${f.person.id}/merge` },
  { method: 'POST', route: '/admin/people/:id/merge', role: 'editor', path: (f) => `/admin/people/${f.person.id}/merge`, form: () => ({ into: '' }), ok: [400] },
  { method: 'GET', route: '/admin/organizations', role: 'editor', path: () => '/admin/organizations?q=_' },
  { method: 'GET', route: '/admin/organizations/new', role: 'editor' },
  { method: 'POST', route: '/admin/organizations/new', role: 'editor', form: () => ({ name: '' }), ok: [400] },
  { method: 'GET', route: '/admin/organizations/:id', role: 'editor', path: async (f) => `/admin/organizations/${(await makeOrganization(f.db)).id}` },
  { method: 'POST', route: '/admin/organizations/:id', role: 'editor', path: async (f) => `/admin/organizations/${(await makeOrganization(f.db)).id}`, form: () => ({ name: '' }), ok: [400] },
  { method: 'POST', route: '/admin/organizations/:id/delete', role: 'editor', path: async (f) => `/admin/organizations/${(await makeOrganization(f.db)).id}/delete`, ok: [303] },
  { method: 'GET', route: '/admin/organizations/:id/merge', role: 'editor', path: async (f) => `/admin/organizations/${(await makeOrganization(f.db)).id}/merge` },
  { method: 'POST', route: '/admin/organizations/:id/merge', role: 'editor', path: async (f) => `/admin/organizations/${(await makeOrganization(f.db)).id}/merge`, form: () => ({ into: '' }), ok: [400] },
  // Insights (issue 11): the figures with internal records, and the data quality lists.
  { method: 'GET', route: '/admin/insights', role: 'editor', path: () => '/admin/insights?year=2024' },
  { method: 'GET', route: '/admin/history', role: 'editor' },
  { method: 'GET', route: '/admin/history/:type/:id', role: 'editor', path: (f) => `/admin/history/person/${f.person.id}` },
  { method: 'GET', route: '/admin/history/:type/:id/restore/:revision', role: 'editor', path: (f) => `/admin/history/person/${f.person.id}/restore/${NO_SUCH_ID}`, ok: [404] },
  { method: 'POST', route: '/admin/history/:type/:id/restore/:revision', role: 'editor', path: (f) => `/admin/history/person/${f.person.id}/restore/${NO_SUCH_ID}`, ok: [404] },
  { method: 'GET', route: '/admin/trash', role: 'editor' },
  { method: 'POST', route: '/admin/trash/:revision/restore', role: 'editor', path: () => `/admin/trash/${NO_SUCH_ID}/restore`, ok: [404] },
  { method: 'GET', route: '/admin/merges/:merge/undo', role: 'editor', path: () => `/admin/merges/${NO_SUCH_ID}/undo`, ok: [404] },
  { method: 'POST', route: '/admin/merges/:merge/undo', role: 'editor', path: () => `/admin/merges/${NO_SUCH_ID}/undo`, ok: [404] },

  // The annual report and people's activity lists with internal records (issue 11, reports): editors.
  { method: 'GET', route: '/admin/reports', role: 'editor' },
  { method: 'GET', route: '/admin/reports/download', role: 'editor', path: () => '/admin/reports/download?year=1900&format=md&lang=en', ok: [400] },
  { method: 'GET', route: '/admin/people/:id/activities.csv', role: 'editor', path: (f) => `/admin/people/${f.person.id}/activities.csv` },
  { method: 'GET', route: '/admin/people/:id/activities.docx', role: 'editor', path: (f) => `/admin/people/${f.person.id}/activities.docx` },

  // Accounts and the audit log: admins.
  { method: 'GET', route: '/admin/users', role: 'admin' },
  { method: 'POST', route: '/admin/users', role: 'admin', form: () => ({ email: 'not an address', role: 'author', password: 'short' }), ok: [400] },
  { method: 'POST', route: '/admin/users/:id/disable', role: 'admin', path: (f) => `/admin/users/${f.victim.id}/disable`, ok: [303] },
  { method: 'POST', route: '/admin/users/:id/enable', role: 'admin', path: (f) => `/admin/users/${f.victim.id}/enable`, ok: [303] },
  { method: 'POST', route: '/admin/users/:id/role', role: 'admin', path: (f) => `/admin/users/${f.victim.id}/role`, form: () => ({ role: 'author' }), ok: [303] },
  { method: 'GET', route: '/admin/audit', role: 'admin' },
]

/** "/posts/:id{[0-9]+}" → "/posts/:id": the router's pattern without its regular expressions. */
export function plainRoute(path: string) {
  let out = ''
  let depth = 0
  for (const ch of path) {
    if (ch === '{') depth++
    else if (ch === '}') depth--
    else if (depth === 0) out += ch
  }
  return out
}

/** The routes an app (mounted at `prefix`) answers, as "METHOD /path", leaving out middleware. */
export function routesOf(app: Hono<any>, prefix: string) {
  const keys = new Set<string>()
  for (const r of app.routes) {
    if (r.method === 'ALL') continue
    const path = plainRoute(r.path)
    keys.add(`${r.method} ${prefix}${path === '/' ? '' : path}`)
  }
  return [...keys].sort()
}

export const rowKey = (row: { method: string; route: string }) => `${row.method} ${row.route}`
