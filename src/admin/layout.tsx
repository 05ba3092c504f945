import type { Child } from 'hono/jsx'
import { raw } from 'hono/html'
import type { ActiveSession } from '../accounts/session.service.ts'
import { hasRole } from '../accounts/user.service.ts'
import { adminScript, stylesheet } from '../web/assets.ts'

export type AdminSection = 'dashboard' | 'posts' | 'import' | 'people' | 'organizations' | 'publications' | 'insights' | 'history' | 'trash'
  | 'users' | 'audit' | 'tokens' | 'account'
  // The annual report (issue 11, reports).
  | 'reports'

const SECTIONS: [AdminSection, string, string, 'author' | 'editor' | 'admin'][] = [
  ['posts', '/admin/posts', 'Posts', 'author'],
  ['import', '/admin/import', 'Import', 'editor'],
  ['people', '/admin/people', 'People', 'editor'],
  ['organizations', '/admin/organizations', 'Organizations', 'editor'],
  ['publications', '/admin/publications', 'Publications', 'editor'],
  ['insights', '/admin/insights', 'Insights', 'editor'],
  ['history', '/admin/history', 'History', 'editor'],
  ['trash', '/admin/trash', 'Trash', 'editor'],
  ['reports', '/admin/reports', 'Reports', 'editor'],
  ['users', '/admin/users', 'Users', 'admin'],
  ['audit', '/admin/audit', 'Audit log', 'admin'],
]

export interface AdminPageProps {
  title: string
  section?: AdminSection
  session: ActiveSession | null
  children?: Child
}

/** The admin frame: the same look as the site, its own navigation, and a sign-out form. */
export function AdminLayout(props: AdminPageProps) {
  const s = props.session
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="robots" content="noindex" />
          <title>{props.title} — Chronicle admin</title>
          {/* As on the public site: no icon, and no request for /favicon.ico ending in a 404. */}
          <link rel="icon" href="data:," />
          <link rel="stylesheet" href={stylesheet.path} />
          <script type="module" src={adminScript.path} />
        </head>
        <body class="admin">
          <a class="skip" href="#content">Skip to content</a>
          <header class="site-header">
            <div class="bar">
              <a class="brand" href="/admin">Chronicle admin<small>Public Opinion Research Institute</small></a>
              {s && !s.second_factor_due && (
                <nav class="main" aria-label="Admin">
                  <ul>
                    {SECTIONS.filter(([, , , role]) => hasRole(s.role, role)).map(([key, href, label]) => (
                      <li><a href={href} aria-current={props.section === key ? 'page' : undefined}>{label}</a></li>
                    ))}
                  </ul>
                </nav>
              )}
              {s && (
                <div class="account-bar">
                  <a href="/admin/account" aria-current={props.section === 'account' ? 'page' : undefined}>{s.name}</a>
                  <span class="tag">{s.role}</span>
                  <form method="post" action="/admin/logout" class="inline">
                    <input type="hidden" name="_csrf" value={s.csrf_token} />
                    <button type="submit" class="link">Sign out</button>
                  </form>
                  <a href="/">View site</a>
                </div>
              )}
            </div>
          </header>
          <main id="content">{props.children}</main>
        </body>
      </html>
    </>
  )
}
