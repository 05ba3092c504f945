import { Hono } from 'hono'
import { accountPages } from '../accounts/account.pages.tsx'
import { hasRole } from '../accounts/user.service.ts'
import { userPages } from '../accounts/user.pages.tsx'
import { searchActivitiesByText } from '../activities/activity.repository.ts'
import { limitBodyBeforeSignIn, limitUploadBody } from '../files/file.pages.tsx'
import { recordsAdmin } from '../history/records.admin.ts'
import { importAdmin } from '../importer/import.admin.tsx'
import { importUploadAdmin } from '../importer/import-upload.admin.tsx'
import { insightAdmin } from '../insights/insight.admin.tsx'
import { countPendingImports } from '../importer/import.service.ts'
import { nameKey } from '../lib/names.ts'
import { postAdmin } from '../news/post.admin.tsx'
import { renderMarkdown } from '../lib/markdown.ts'
import { searchOrganizationsByNameKey } from '../organizations/organization.repository.ts'
import { personPhotoAdmin } from '../people/person-photo.admin.tsx'
import { searchPeopleByNameKey } from '../people/person.repository.ts'
import { publicationAdmin } from '../publications/publication.admin.tsx'
import { reportAdmin } from '../reports/report.admin.tsx'
import { activityPickerLabel } from '../publications/publication.form.tsx'
import { findRecentRevisions } from '../revisions/index.ts'
import { loadSession, requireRole, verifyCsrf } from '../web/auth.ts'
import type { AppEnv } from '../web/env.ts'
import { TableScroll } from './forms.tsx'
import { AdminLayout } from './layout.tsx'

/** Everything under /admin: sessions and CSRF checks first, then each area with the role it needs. */
export const adminRoutes = new Hono<AppEnv>()

// The body limits come before the CSRF check, which reads the body: an oversized upload is cut off first,
// and before sign-in a body may only be as big as a sign-in form (the session, read from a cookie, says which).
adminRoutes.use('*', loadSession, limitBodyBeforeSignIn, limitUploadBody, verifyCsrf)
adminRoutes.route('/', accountPages)
adminRoutes.route('/', userPages)
adminRoutes.route('/', recordsAdmin)
adminRoutes.route('/', publicationAdmin)
adminRoutes.route('/', personPhotoAdmin)
adminRoutes.route('/', postAdmin)
adminRoutes.route('/', importUploadAdmin)
adminRoutes.route('/', importAdmin)
adminRoutes.route('/', insightAdmin)
// The annual report and people's activity lists (issue 11, reports).
adminRoutes.route('/', reportAdmin)

adminRoutes.get('/', requireRole('author'), async (c) => {
  const s = c.var.session!
  const recent = await findRecentRevisions(c.var.db, 15)
  const pendingImports = hasRole(s.role, 'editor') ? await countPendingImports(c.var.db) : null
  return c.html(
    <AdminLayout title="Dashboard" section="dashboard" session={s}>
      <h1>Welcome, {s.name}</h1>
      <div class="actions">
        <a href="/admin/posts/new">Write a post</a>
        <a href="/admin/posts?status=review">Posts waiting for review</a>
        <a href="/admin/posts?status=draft">Drafts</a>
        {pendingImports !== null && <a href="/admin/import">Imported news to review ({pendingImports})</a>}
      </div>
      <h2>Recent changes</h2>
      <TableScroll label="Recent changes"><table class="data">
        <thead><tr><th>When</th><th>Who</th><th>What</th></tr></thead>
        <tbody>{recent.map((r) => (
          <tr><td>{r.at.slice(0, 16).replace('T', ' ')}</td><td>{r.actor}</td>
            <td>{r.action} {r.entity_type} <a href={`/admin/history/${r.entity_type}/${r.entity_id}`}>#{r.entity_id}</a></td></tr>
        ))}</tbody>
      </table></TableScroll>
    </AdminLayout>,
  )
})

const MAX_PREVIEW_CHARS = 200_000

// The live preview renders with the same sanitizer as the public page, so what you see is what readers get.
adminRoutes.post('/preview', requireRole('author'), async (c) => {
  const body = await c.req.json().catch(() => null) as { markdown?: unknown } | null
  const markdown = typeof body?.markdown === 'string' ? body.markdown.slice(0, MAX_PREVIEW_CHARS) : ''
  return c.json({ html: renderMarkdown(markdown) })
})

adminRoutes.get('/lookup', requireRole('author'), async (c) => {
  const key = nameKey(c.req.query('q') ?? '').slice(0, 100)
  const type = c.req.query('type')
  if (type === 'activity') {
    const q = (c.req.query('q') ?? '').trim().slice(0, 100)
    if (q.length < 2) return c.json({ results: [] })
    const activities = await searchActivitiesByText(c.var.db, q, 10)
    return c.json({ results: activities.map((a) => ({ type: 'activity', id: a.id, label: activityPickerLabel(a), detail: a.slug })) })
  }
  if (key.length < 2) return c.json({ results: [] })
  const [people, organizations] = await Promise.all([
    type === 'organization' ? [] : searchPeopleByNameKey(c.var.db, key, 10),
    type === 'person' ? [] : searchOrganizationsByNameKey(c.var.db, key, 10),
  ])
  return c.json({
    results: [
      ...people.map((p) => ({ type: 'person', id: p.id, slug: p.slug, label: p.name, detail: 'person' })),
      ...organizations.map((o) => ({ type: 'organization', id: o.id, slug: o.slug, label: o.name, detail: ['organization', o.country].filter(Boolean).join(', ') })),
    ],
  })
})
