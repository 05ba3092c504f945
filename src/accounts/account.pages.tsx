import { type Context, Hono } from 'hono'
import { z } from 'zod'
import { AdminLayout } from '../admin/layout.tsx'
import { CsrfField, ErrorSummary, Field, Notice, TableScroll } from '../admin/forms.tsx'
import { InvalidInputError } from '../lib/errors.ts'
import {
  clearSessionCookie, clientAddress, csrfToken, requireRole, setSessionCookie,
} from '../web/auth.ts'
import type { AppEnv } from '../web/env.ts'
import { statusOf } from '../web/errors.tsx'
import { audit } from './audit.service.ts'
import { SignInError, signIn, signInWithCode } from './login.service.ts'
import { endAllSessions, endSession } from './session.service.ts'
import { createApiToken, listApiTokens, revokeApiToken } from './token.service.ts'
import { beginTotpSetup, checkTotp, confirmTotpSetup, disableTotp } from './totp.service.ts'
import { countUsers, findUserById, passwordSchema } from './user.service.ts'
import { verifyPassword } from './password.ts'
import { changePassword } from './user.service.ts'

export const accountPages = new Hono<AppEnv>()

/** Only a path inside the admin is a safe place to return to after signing in. */
function safeNext(next: string | undefined) {
  return next && /^\/admin(\/|$|\?)/.test(next) && !next.startsWith('//') ? next : '/admin'
}

const text = (v: unknown) => (typeof v === 'string' ? v : '')

function LoginForm(props: { csrf: string; email?: string; next?: string; error?: string; firstRun: boolean }) {
  return (
    <>
      <h1>Sign in</h1>
      {props.firstRun && (
        <div class="notice">
          <p><strong>No accounts exist yet.</strong> Create the first admin on the server’s command line; the password is read from standard input:</p>
          <pre><code>npx chronicle user add --email you@example.org --role admin</code></pre>
        </div>
      )}
      {props.error && <p class="error-summary" role="alert">{props.error}</p>}
      <form method="post" action="/admin/login" class="narrow">
        <CsrfField token={props.csrf} />
        <input type="hidden" name="next" value={props.next ?? ''} />
        <Field id="email" label="Email address">
          <input id="email" name="email" type="email" autocomplete="username" required value={props.email ?? ''} />
        </Field>
        <Field id="password" label="Password">
          <input id="password" name="password" type="password" autocomplete="current-password" required />
        </Field>
        <button type="submit">Sign in</button>
      </form>
    </>
  )
}

accountPages.get('/login', async (c) => {
  if (c.var.session && !c.var.session.second_factor_due) return c.redirect(safeNext(c.req.query('next')), 303)
  return c.html(
    <AdminLayout title="Sign in" session={null}>
      <LoginForm csrf={csrfToken(c)} next={c.req.query('next')} firstRun={await countUsers(c.var.db) === 0} />
    </AdminLayout>,
  )
})

accountPages.post('/login', async (c) => {
  const body = await c.req.parseBody()
  const email = text(body.email), password = text(body.password), next = text(body.next)
  try {
    if (c.var.session) await endSession(c.var.db, c.var.session.id)
    const result = await signIn(c.var.db, { email, password },
      { ip: clientAddress(c), userAgent: c.req.header('user-agent') ?? null }, c.var.security)
    setSessionCookie(c, result.token)
    return c.redirect(result.secondFactorDue ? `/admin/login/code?next=${encodeURIComponent(safeNext(next))}` : safeNext(next), 303)
  } catch (error) {
    if (!(error instanceof SignInError)) throw error
    if (error.retryAfterSeconds) c.header('retry-after', String(error.retryAfterSeconds))
    c.status(statusOf(error))
    return c.html(
      <AdminLayout title="Sign in" session={null}>
        <LoginForm csrf={csrfToken(c)} email={email} next={next} error={error.message} firstRun={false} />
      </AdminLayout>,
    )
  }
})

function CodeForm(props: { csrf: string; next?: string; error?: string }) {
  return (
    <>
      <h1>Two-factor sign-in</h1>
      <p>Enter the six-digit code your authenticator app shows for Chronicle.</p>
      {props.error && <p class="error-summary" role="alert">{props.error}</p>}
      <form method="post" action="/admin/login/code" class="narrow">
        <CsrfField token={props.csrf} />
        <input type="hidden" name="next" value={props.next ?? ''} />
        <Field id="code" label="Code">
          <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]{6,7}" required />
        </Field>
        <button type="submit">Continue</button>
      </form>
    </>
  )
}

accountPages.get('/login/code', (c) => {
  const s = c.var.session
  if (!s) return c.redirect('/admin/login', 303)
  if (!s.second_factor_due) return c.redirect('/admin', 303)
  return c.html(<AdminLayout title="Two-factor sign-in" session={s}><CodeForm csrf={s.csrf_token} next={c.req.query('next')} /></AdminLayout>)
})

accountPages.post('/login/code', async (c) => {
  const s = c.var.session
  if (!s) return c.redirect('/admin/login', 303)
  const body = await c.req.parseBody()
  try {
    await signInWithCode(c.var.db, s, text(body.code), { ip: clientAddress(c) }, c.var.security)
  } catch (error) {
    if (!(error instanceof SignInError)) throw error
    if (error.retryAfterSeconds) c.header('retry-after', String(error.retryAfterSeconds))
    c.status(statusOf(error))
    if (error.code === 'locked') {
      // The session has ended: the next try starts again from the password.
      clearSessionCookie(c)
      return c.html(
        <AdminLayout title="Sign in" session={null}>
          <LoginForm csrf={csrfToken(c)} next={text(body.next)} error={error.message} firstRun={false} />
        </AdminLayout>,
      )
    }
    return c.html(
      <AdminLayout title="Two-factor sign-in" session={s}>
        <CodeForm csrf={s.csrf_token} next={text(body.next)} error={error.message} />
      </AdminLayout>,
    )
  }
  return c.redirect(safeNext(text(body.next)), 303)
})

accountPages.post('/logout', async (c) => {
  if (c.var.session) {
    await endSession(c.var.db, c.var.session.id)
    await audit(c.var.db, { action: 'sign-out', userId: c.var.session.user_id, email: c.var.session.email, ip: clientAddress(c) })
  }
  clearSessionCookie(c)
  return c.redirect('/admin/login', 303)
})

const PasswordForm = z.object({ current: z.string(), password: passwordSchema, confirm: z.string() })
  .refine((f) => f.password === f.confirm, { message: 'The new password and its confirmation differ.' })

accountPages.get('/account', requireRole('author'), async (c) => renderAccount(c))

async function renderAccount(c: Context<AppEnv>, extra: {
  errors?: string[]; totpSetup?: { secret: string; qrSvg: string }; newToken?: string
} = {}) {
  const s = c.var.session!
  const [user, tokens] = await Promise.all([findUserById(c.var.db, s.user_id), listApiTokens(c.var.db, s.user_id)])
  return c.html(
    <AdminLayout title="Your account" section="account" session={s}>
      <h1>Your account</h1>
      <Notice code={c.req.query('notice')} />
      <ErrorSummary errors={extra.errors ?? []} />
      <p>{s.name} · {s.email} · <span class="tag">{s.role}</span></p>
      <section aria-labelledby="pw">
        <h2 id="pw">Change password</h2>
        <form method="post" action="/admin/account/password" class="narrow">
          <CsrfField token={s.csrf_token} />
          <Field id="current" label="Current password">
            <input id="current" name="current" type="password" autocomplete="current-password" required />
          </Field>
          <Field id="password" label="New password" hint="At least 10 characters.">
            <input id="password" name="password" type="password" autocomplete="new-password" required minlength={10} />
          </Field>
          <Field id="confirm" label="New password again">
            <input id="confirm" name="confirm" type="password" autocomplete="new-password" required />
          </Field>
          <button type="submit">Change password</button>
        </form>
      </section>
      <section aria-labelledby="twofactor">
        <h2 id="twofactor">Two-factor sign-in</h2>
        {user?.totp_enabled
          ? (
            <form method="post" action="/admin/account/totp/disable">
              <CsrfField token={s.csrf_token} />
              <p>On: after your password you are asked for a code from your authenticator app.</p>
              <button type="submit" class="secondary">Turn off two-factor sign-in</button>
            </form>
          )
          : extra.totpSetup
            ? (
              <form method="post" action="/admin/account/totp/confirm" class="narrow">
                <CsrfField token={s.csrf_token} />
                <p>Scan this code with an authenticator app, or type the key <code>{extra.totpSetup.secret}</code>, then enter the code it shows.</p>
                <div class="qr" dangerouslySetInnerHTML={{ __html: extra.totpSetup.qrSvg }} />
                <Field id="code" label="Code from the app">
                  <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" required />
                </Field>
                <button type="submit">Turn on</button>
              </form>
            )
            : (
              <form method="post" action="/admin/account/totp/start">
                <CsrfField token={s.csrf_token} />
                <p>Off. With it on, a stolen password alone cannot open your account.</p>
                <button type="submit">Set up two-factor sign-in</button>
              </form>
            )}
      </section>
      <section aria-labelledby="sessions">
        <h2 id="sessions">Sessions</h2>
        <form method="post" action="/admin/account/sign-out-everywhere">
          <CsrfField token={s.csrf_token} />
          <p>Signed in somewhere you no longer use? Sign out every other session of this account.</p>
          <button type="submit" class="secondary">Sign out everywhere else</button>
        </form>
      </section>
      <section aria-labelledby="tokens">
        <h2 id="tokens">Personal access tokens</h2>
        <p>For scripts and integrations using the write API: send <code>Authorization: Bearer &lt;token&gt;</code>.</p>
        {extra.newToken && (
          <p class="notice" role="status">Your new token, shown only this once: <code id="new-token">{extra.newToken}</code></p>
        )}
        {tokens.length > 0 && (
          <TableScroll label="API tokens"><table class="data">
            <thead><tr><th>Name</th><th>Scope</th><th>Created</th><th>Last used</th><th></th></tr></thead>
            <tbody>{tokens.map((t) => (
              <tr>
                <td>{t.name}</td><td>{t.scope}</td><td>{t.created_at.slice(0, 10)}</td><td>{t.last_used_at?.slice(0, 16).replace('T', ' ') ?? 'never'}</td>
                <td>{t.revoked_at ? 'revoked' : (
                  <form method="post" action={`/admin/account/tokens/${t.id}/revoke`} class="inline">
                    <CsrfField token={s.csrf_token} /><button type="submit" class="link">Revoke</button>
                  </form>
                )}</td>
              </tr>
            ))}</tbody>
          </table></TableScroll>
        )}
        <form method="post" action="/admin/account/tokens" class="actions">
          <CsrfField token={s.csrf_token} />
          <label>Name <input name="name" type="text" required maxlength={100} /></label>
          <label>Scope <select name="scope"><option value="read">read</option><option value="write">write</option></select></label>
          <button type="submit">Create token</button>
        </form>
      </section>
    </AdminLayout>,
  )
}

accountPages.post('/account/password', requireRole('author'), async (c) => {
  const s = c.var.session!
  const parsed = PasswordForm.safeParse(await c.req.parseBody())
  if (!parsed.success) {
    c.status(400)
    return renderAccount(c, { errors: parsed.error.issues.map((i) => i.message) })
  }
  const user = await findUserById(c.var.db, s.user_id)
  if (!user || !await verifyPassword(user.password_hash, parsed.data.current)) {
    c.status(400)
    return renderAccount(c, { errors: ['The current password is wrong.'] })
  }
  await changePassword(c.var.db, s.email, parsed.data.password)
  await audit(c.var.db, { action: 'password-changed', userId: s.user_id, email: s.email, ip: clientAddress(c) })
  return c.redirect('/admin/login', 303)
})

accountPages.post('/account/sign-out-everywhere', requireRole('author'), async (c) => {
  const s = c.var.session!
  await endAllSessions(c.var.db, s.user_id)
  await audit(c.var.db, { action: 'sign-out-everywhere', userId: s.user_id, email: s.email, ip: clientAddress(c) })
  clearSessionCookie(c)
  return c.redirect('/admin/login', 303)
})

accountPages.post('/account/totp/start', requireRole('author'), async (c) => {
  const setup = await beginTotpSetup(c.var.db, c.var.session!.user_id)
  return renderAccount(c, { totpSetup: setup })
})

accountPages.post('/account/totp/confirm', requireRole('author'), async (c) => {
  const s = c.var.session!
  const body = await c.req.parseBody()
  try {
    await confirmTotpSetup(c.var.db, s.user_id, text(body.code))
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error
    const user = await findUserById(c.var.db, s.user_id)
    c.status(400)
    return renderAccount(c, { errors: [error.message], totpSetup: user?.totp_secret ? { secret: user.totp_secret, qrSvg: '' } : undefined })
  }
  await audit(c.var.db, { action: 'totp-enabled', userId: s.user_id, email: s.email, ip: clientAddress(c) })
  return c.redirect('/admin/account?notice=totp_on', 303)
})

accountPages.post('/account/totp/disable', requireRole('author'), async (c) => {
  const s = c.var.session!
  await disableTotp(c.var.db, s.user_id)
  await audit(c.var.db, { action: 'totp-disabled', userId: s.user_id, email: s.email, ip: clientAddress(c) })
  return c.redirect('/admin/account?notice=totp_off', 303)
})

accountPages.post('/account/tokens', requireRole('author'), async (c) => {
  const s = c.var.session!
  const body = await c.req.parseBody()
  const scope = body.scope === 'write' ? 'write' : 'read'
  try {
    const { id, token } = await createApiToken(c.var.db, s.user_id, text(body.name), scope)
    await audit(c.var.db, { action: 'token-created', userId: s.user_id, email: s.email, targetType: 'token', targetId: id, ip: clientAddress(c), detail: { scope } })
    return renderAccount(c, { newToken: token })
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error
    c.status(400)
    return renderAccount(c, { errors: [error.message] })
  }
})

accountPages.post('/account/tokens/:id/revoke', requireRole('author'), async (c) => {
  const s = c.var.session!
  const id = Number(c.req.param('id'))
  await revokeApiToken(c.var.db, s.user_id, Number.isInteger(id) ? id : -1)
  await audit(c.var.db, { action: 'token-revoked', userId: s.user_id, email: s.email, targetType: 'token', targetId: id, ip: clientAddress(c) })
  return c.redirect('/admin/account?notice=token_revoked', 303)
})
