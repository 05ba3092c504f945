import { type Context, Hono } from 'hono'
import { z } from 'zod'
import { CsrfField, ErrorSummary, Field, Notice, TableScroll } from '../admin/forms.tsx'
import { AdminLayout } from '../admin/layout.tsx'
import type { UserRole } from '../db/database.ts'
import { DomainError } from '../lib/errors.ts'
import { clientAddress, requireRole } from '../web/auth.ts'
import type { AppEnv } from '../web/env.ts'
import { pageParam, parseQuery } from '../web/query.ts'
import { audit, listAuditEntries } from './audit.service.ts'
import { addUser, listUsers, setUserDisabled, setUserRole, USER_ROLES } from './user.service.ts'

export const userPages = new Hono<AppEnv>()
userPages.use('/users/*', requireRole('admin'))
userPages.use('/users', requireRole('admin'))
userPages.use('/audit', requireRole('admin'))

const text = (v: unknown) => (typeof v === 'string' ? v : '')

async function renderUsers(c: Context<AppEnv>, errors: string[] = [], entered: Record<string, string> = {}) {
  const s = c.var.session!
  const users = await listUsers(c.var.db)
  return c.html(
    <AdminLayout title="Users" section="users" session={s}>
      <h1>Users</h1>
      <Notice code={c.req.query('notice')} />
      <TableScroll label="Users"><table class="data">
        <thead><tr><th>Email</th><th>Name</th><th>Role</th><th>Two-factor</th><th>Status</th><th></th></tr></thead>
        <tbody>{users.map((u) => (
          <tr>
            <td>{u.email}</td><td>{u.name}</td>
            <td>
              <form method="post" action={`/admin/users/${u.id}/role`} class="inline">
                <CsrfField token={s.csrf_token} />
                <label class="skip" for={`role-${u.id}`}>Role of {u.email}</label>
                <select id={`role-${u.id}`} name="role">{USER_ROLES.map((r) => <option value={r} selected={r === u.role}>{r}</option>)}</select>
                {' '}<button type="submit" class="link">Change</button>
              </form>
            </td>
            <td>{u.totp_enabled ? 'on' : 'off'}</td>
            <td>{u.disabled_at ? 'disabled' : 'active'}</td>
            <td>
              <form method="post" action={`/admin/users/${u.id}/${u.disabled_at ? 'enable' : 'disable'}`} class="inline">
                <CsrfField token={s.csrf_token} />
                <button type="submit" class="link">{u.disabled_at ? 'Enable' : 'Disable'}</button>
              </form>
            </td>
          </tr>
        ))}</tbody>
      </table></TableScroll>
      <h2>Add a user</h2>
      <ErrorSummary errors={errors} />
      <form method="post" action="/admin/users" class="narrow">
        <CsrfField token={s.csrf_token} />
        <Field id="email" label="Email address"><input id="email" name="email" type="email" required value={entered.email ?? ''} /></Field>
        <Field id="name" label="Name"><input id="name" name="name" type="text" value={entered.name ?? ''} /></Field>
        <Field id="role" label="Role" hint="Authors write drafts and submit them for review; editors publish and edit everything; admins also manage users.">
          <select id="role" name="role">{USER_ROLES.map((r) => <option value={r} selected={r === (entered.role ?? 'author')}>{r}</option>)}</select>
        </Field>
        <Field id="password" label="First password" hint="At least 10 characters; they can change it under their account.">
          <input id="password" name="password" type="password" autocomplete="new-password" required minlength={10} />
        </Field>
        <button type="submit">Add user</button>
      </form>
    </AdminLayout>,
  )
}

userPages.get('/users', (c) => renderUsers(c))

userPages.post('/users', async (c) => {
  const body = await c.req.parseBody()
  const entered = { email: text(body.email), name: text(body.name), role: text(body.role) }
  try {
    const user = await addUser(c.var.db, { ...entered, name: entered.name || undefined, role: entered.role as UserRole, password: text(body.password) })
    await audit(c.var.db, { action: 'user-added', userId: c.var.session!.user_id, email: c.var.session!.email, targetType: 'user', targetId: user.id, ip: clientAddress(c), detail: { email: user.email, role: user.role } })
    return c.redirect('/admin/users?notice=user_added', 303)
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    c.status(400)
    return renderUsers(c, [error.message], entered)
  }
})

const idOf = (value: string) => z.coerce.number().int().positive().catch(-1).parse(value)

async function changeUser(c: Context<AppEnv>, change: (email: string) => Promise<unknown>, action: string, detail?: Record<string, unknown>) {
  const users = await listUsers(c.var.db)
  const target = users.find((u) => u.id === idOf(c.req.param('id') ?? ''))
  if (!target) return c.redirect('/admin/users', 303)
  try {
    await change(target.email)
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    c.status(409)
    return renderUsers(c, [error.message])
  }
  await audit(c.var.db, { action, userId: c.var.session!.user_id, email: c.var.session!.email, targetType: 'user', targetId: target.id, ip: clientAddress(c), detail: { email: target.email, ...detail } })
  return c.redirect('/admin/users?notice=user_updated', 303)
}

userPages.post('/users/:id/disable', (c) => changeUser(c, (email) => setUserDisabled(c.var.db, email, true), 'user-disabled'))
userPages.post('/users/:id/enable', (c) => changeUser(c, (email) => setUserDisabled(c.var.db, email, false), 'user-enabled'))
userPages.post('/users/:id/role', async (c) => {
  const role = text((await c.req.parseBody()).role)
  if (!USER_ROLES.includes(role as UserRole)) {
    c.status(400)
    return renderUsers(c, [`A role is one of ${USER_ROLES.join(', ')}.`])
  }
  return changeUser(c, (email) => setUserRole(c.var.db, email, role as UserRole), 'user-role-changed', { role })
})

const AUDIT_PAGE = 100

userPages.get('/audit', async (c) => {
  const { page } = parseQuery(c, z.object({ page: pageParam }))
  const entries = await listAuditEntries(c.var.db, AUDIT_PAGE + 1, (page - 1) * AUDIT_PAGE)
  return c.html(
    <AdminLayout title="Audit log" section="audit" session={c.var.session}>
      <h1>Audit log</h1>
      <p>Sign-ins, failed attempts and admin actions, newest first.</p>
      <TableScroll label="Audit log"><table class="data">
        <thead><tr><th>When (UTC)</th><th>Action</th><th>Account</th><th>Address</th><th>Target</th><th>Detail</th></tr></thead>
        <tbody>{entries.slice(0, AUDIT_PAGE).map((e) => (
          <tr><td>{e.at.slice(0, 19).replace('T', ' ')}</td><td>{e.action}</td><td>{e.email}</td><td>{e.ip}</td>
            <td>{e.target_type ? `${e.target_type} #${e.target_id}` : ''}</td><td>{e.detail}</td></tr>
        ))}</tbody>
      </table></TableScroll>
      <nav class="pager" aria-label="Audit pages">
        {page > 1 ? <a href={`/admin/audit?page=${page - 1}`}>← Newer</a> : <span />}
        {entries.length > AUDIT_PAGE ? <a href={`/admin/audit?page=${page + 1}`}>Older →</a> : <span />}
      </nav>
    </AdminLayout>,
  )
})
