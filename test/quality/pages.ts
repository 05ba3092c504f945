// The page kinds the quality tests (Nu HTML Checker, axe-core) look at, over the demo archive.
import { importPastedText } from '../../src/importer/import.service.ts'
import { makePerson } from '../factories.ts'
import { FORM, form, makeAccount, signIn } from '../security/helpers.ts'
import { GENDER_REPORT, INSTITUTE, TURKIC_WORKSHOP } from '../demo.ts'
import type { TestServer } from '../server.ts'

export interface PageKind {
  name: string
  path: string
  /** The status the page is served with. */
  status: number
}

export const LANGUAGE_PREFIXES = ['', '/ru', '/kk'] as const

/** The public page kinds in English; the same paths under /ru and /kk make the other two languages. */
const PUBLIC_PAGES: PageKind[] = [
  { name: 'home', path: '/', status: 200 },
  { name: 'news', path: '/news', status: 200 },
  { name: 'news filtered', path: '/news?year=2024&kind=workshop', status: 200 },
  { name: 'post', path: `/news/${TURKIC_WORKSHOP.post}`, status: 200 },
  { name: 'people', path: '/people', status: 200 },
  { name: 'person', path: '/people/botagoz-rakisheva', status: 200 },
  { name: 'organizations', path: '/organizations', status: 200 },
  { name: 'organization', path: `/organizations/${INSTITUTE}`, status: 200 },
  { name: 'publications', path: '/publications', status: 200 },
  { name: 'publication', path: `/publications/${GENDER_REPORT}`, status: 200 },
  { name: 'calendar', path: '/calendar', status: 200 },
  { name: 'search, empty', path: '/search', status: 200 },
  { name: 'search, results and facets', path: '/search?q=workshop', status: 200 },
  { name: 'search, filtered', path: '/search?q=rakisheva&type=post&kind=round-table', status: 200 },
  { name: 'search, nothing found', path: '/search?q=zzzqqq', status: 200 },
  // Insights (issue 11): the charts, a filtered view, and a year without activities.
  { name: 'insights', path: '/insights', status: 200 },
  { name: 'insights filtered', path: '/insights?year=2024&kind=workshop', status: 200 },
  { name: 'insights, empty year', path: '/insights?year=2019', status: 200 },
  // Issue 11, the collaboration network.
  { name: 'collaboration network', path: '/insights/network', status: 200 },
  { name: 'collaboration network filtered', path: '/insights/network?year=2024&kind=workshop', status: 200 },
  { name: '404', path: '/no-such-page', status: 404 },
  { name: '400', path: '/news?page=0', status: 400 },
]

/** Every public page kind in every language: "/ru/news" and so on. */
export function publicPages(): PageKind[] {
  return LANGUAGE_PREFIXES.flatMap((prefix) => PUBLIC_PAGES.map((page) => ({
    name: `${prefix || '/en'} ${page.name}`,
    path: prefix && page.path === '/' ? prefix : prefix + page.path,
    status: page.status,
  })))
}

/** An admin signed in over HTTP, with a deleted person in the trash so that the trash has a row. */
export async function signInAdmin(server: TestServer) {
  const admin = await makeAccount(server.db, 'admin')
  const session = await signIn(server, admin)
  const doomed = await makePerson(server.db, { name: 'Quality Check Deleted' })
  const deleted = await server.get(`/admin/people/${doomed.id}/delete`, {
    method: 'POST', headers: { cookie: session.cookie, 'content-type': FORM }, body: form({ _csrf: session.csrf }),
  })
  if (deleted.status !== 303) throw new Error(`deleting a person for the trash failed: ${deleted.status}`)
  return session
}

/** The names of adminPages()' pages, known before the server is up (the paths need records' ids). */
export const ADMIN_PAGE_NAMES = ['dashboard', 'posts', 'new post', 'post editor', 'people', 'new person', 'person editor',
  'merge person', 'organizations', 'organization editor', 'publications', 'new publication', 'publication editor',
  'history', 'history of a person', 'trash', 'account', 'users', 'audit log', 'import queue', 'paste news', 'import a file',
  'import review', 'insights',
  // The annual report (issue 11, reports).
  'reports'].map((name) => `admin ${name}`)

/** A news text for the import review queue: a demo person in another spelling, a new person, organizations, a date and a place. */
const IMPORTED_NEWS = `On 15 April 2025 the Public Opinion Research Institute held a round table in Astana on youth and civic participation.
The discussion was moderated by Dr. B. Rakisheva. Speakers included Aidos Nurlanov of the Friedrich Ebert Foundation.`

/** The admin pages an editor (and, for accounts and the audit log, an admin) sees, with the demo's records to edit. */
export async function adminPages(server: TestServer): Promise<PageKind[]> {
  const db = server.db
  const idOf = async (table: 'post' | 'person' | 'organization' | 'publication', slug: string) =>
    (await db.selectFrom(table).select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id
  const page = (name: string, path: string): PageKind => ({ name: `admin ${name}`, path, status: 200 })
  const personId = await idOf('person', 'botagoz-rakisheva')
  const { id: importId } = await importPastedText(db, IMPORTED_NEWS, { userId: null, role: 'editor', actor: 'quality' })
  return [
    page('dashboard', '/admin'),
    page('posts', '/admin/posts'),
    page('new post', '/admin/posts/new'),
    page('post editor', `/admin/posts/${await idOf('post', TURKIC_WORKSHOP.post)}`),
    page('people', '/admin/people'),
    page('new person', '/admin/people/new'),
    page('person editor', `/admin/people/${personId}`),
    page('merge person', `/admin/people/${personId}/merge`),
    page('organizations', '/admin/organizations'),
    page('organization editor', `/admin/organizations/${await idOf('organization', INSTITUTE)}`),
    page('publications', '/admin/publications'),
    page('new publication', '/admin/publications/new'),
    page('publication editor', `/admin/publications/${await idOf('publication', GENDER_REPORT)}`),
    page('history', '/admin/history'),
    page('history of a person', `/admin/history/person/${personId}`),
    page('trash', '/admin/trash'),
    page('account', '/admin/account'),
    page('users', '/admin/users'),
    page('audit log', '/admin/audit'),
    page('import queue', '/admin/import'),
    page('paste news', '/admin/import/paste'),
    page('import a file', '/admin/import/upload'),
    page('import review', `/admin/import/${importId}`),
    page('insights', '/admin/insights'),
    page('reports', '/admin/reports'),
  ]
}

/** The sign-in page, as a visitor who is not signed in sees it. */
export const SIGN_IN_PAGE: PageKind = { name: 'admin sign-in', path: '/admin/login', status: 200 }
/** The sign-in page before any account exists: it shows the command that makes the first admin. */
export const FIRST_SIGN_IN_PAGE: PageKind = { name: 'admin sign-in, no account yet', path: '/admin/login', status: 200 }
