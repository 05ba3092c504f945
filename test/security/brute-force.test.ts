import { parse } from 'node-html-parser'
import { expect, it } from 'vitest'
import { generate, generateSecret } from 'otplib'
import { CODE_LOCK_AFTER, SignInError, signIn, signInWithCode } from '../../src/accounts/login.service.ts'
import { findSessionWithUser } from '../../src/accounts/session.repository.ts'
import { tokenHash } from '../../src/accounts/session.service.ts'
import { DEFAULT_SECURITY } from '../../src/config.ts'
import { describeEachDialect, useTestDb } from '../db.ts'
import { textOf } from '../html.ts'
import { useTestServer } from '../server.ts'
import { type Account, form, FORM, makeAccount, openLoginForm, PASSWORD, type SignedIn } from './helpers.ts'

// The slowdown after the fifth failure is real waiting; a few milliseconds keep twenty failures fast.
const policy = { ...DEFAULT_SECURITY, loginSlowdownMs: 3 }
const LOCK_AFTER = policy.loginLockAfter

describeEachDialect('brute force over HTTP', (dialect) => {
  const server = useTestServer(dialect, { security: { loginSlowdownMs: 3 } })

  async function attempt(login: SignedIn, email: string, password: string) {
    const response = await server().get('/admin/login', {
      method: 'POST', headers: { cookie: login.cookie, 'content-type': FORM },
      body: form({ _csrf: login.csrf, email, password, next: '' }),
    })
    const alert = textOf(parse(await response.text()).querySelector('[role="alert"]'))
    return { status: response.status, retryAfter: response.headers.get('retry-after'), alert, session: response.headers.getSetCookie().some((c) => c.startsWith('chronicle_session=') && !c.startsWith('chronicle_session=;')) }
  }

  it(`${LOCK_AFTER} wrong passwords lock the account and the address with 429, Retry-After and a clear message`, async () => {
    const account: Account = await makeAccount(server().db, 'editor')
    const other: Account = await makeAccount(server().db, 'author')
    const login = await openLoginForm(server())
    const answers = []
    for (let i = 1; i <= LOCK_AFTER; i++) answers.push(await attempt(login, account.email, `wrong guess ${i}`))
    expect(answers.slice(0, -1).map((a) => a.status)).toEqual(Array(LOCK_AFTER - 1).fill(401))
    expect(answers[0]!.alert).toBe('The email address or the password is wrong.')
    const locked = answers.at(-1)!
    expect(locked.status).toBe(429)
    expect(Number(locked.retryAfter)).toBeGreaterThan(14 * 60)
    expect(Number(locked.retryAfter)).toBeLessThanOrEqual(15 * 60)
    expect(locked.alert).toMatch(/^Too many failed sign-ins from this account\. Signing in is locked for 15 more minutes; the right password will work again after that\.$/)

    // The right password waits for the lock too, and no session starts.
    const right = await attempt(login, account.email, PASSWORD)
    expect(right).toMatchObject({ status: 429, session: false })
    expect(Number(right.retryAfter)).toBeGreaterThan(0)
    // Every try came from one address, so another account from it is locked as well.
    const fromSameAddress = await attempt(login, other.email, PASSWORD)
    expect(fromSameAddress).toMatchObject({ status: 429, session: false })
    expect(fromSameAddress.alert).toMatch(/^Too many failed sign-ins from your address\./)
    expect(Number(fromSameAddress.retryAfter)).toBeGreaterThan(0)
  })
})

describeEachDialect('brute force: the lock and its expiry (the service, with simulated time)', (dialect) => {
  const t = useTestDb(dialect)
  const start = new Date('2026-03-02T09:00:00Z')
  const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000)
  const context = (ip: string) => ({ ip, userAgent: 'test' })

  async function failures(email: string, ips: (i: number) => string, count = LOCK_AFTER) {
    const errors: SignInError[] = []
    for (let i = 0; i < count; i++) {
      const error = await signIn(t().db, { email, password: `wrong ${i}` }, context(ips(i)), policy, new Date(start.getTime() + i * 1000))
        .catch((e: unknown) => e as SignInError)
      errors.push(error as SignInError)
    }
    return errors
  }

  it('locks the account, whatever address the guesses come from, until the lock expires', async () => {
    const account = await makeAccount(t().db, 'editor', 'target')
    const errors = await failures(account.email, (i) => `10.0.0.${i + 1}`)
    expect(errors.map((e) => e.code)).toEqual([...Array(LOCK_AFTER - 1).fill('wrong_credentials'), 'locked'])
    const right = (minutes: number) => signIn(t().db, { email: account.email, password: PASSWORD }, context('192.0.2.7'), policy, at(minutes))
    await expect(right(1)).rejects.toMatchObject({ code: 'locked', message: expect.stringMatching(/from this account.+15 more minutes/) })
    await expect(right(14)).rejects.toMatchObject({ code: 'locked', message: expect.stringMatching(/locked for 2 more minutes/) })
    // Fifteen minutes after the last failure, the right password works again.
    const result = await right(16)
    expect(result.user.email).toBe(account.email)
  })

  it('locks the address, for every account, when the guesses spread over many accounts', async () => {
    const victim = await makeAccount(t().db, 'admin', 'victim')
    // Guessing with a different email each time (spraying) is caught by the address.
    const spray = await makeAccount(t().db, 'author', 'spray')
    const sprayErrors = []
    for (let i = 0; i < LOCK_AFTER; i++) {
      sprayErrors.push(await signIn(t().db, { email: `nobody${i}@example.org`, password: 'x' }, context('203.0.113.5'), policy, at(0))
        .catch((e: SignInError) => e))
    }
    expect((sprayErrors.at(-1) as SignInError).message).toMatch(/from your address/)
    await expect(signIn(t().db, { email: spray.email, password: PASSWORD }, context('203.0.113.5'), policy, at(5)))
      .rejects.toMatchObject({ code: 'locked', retryAfterSeconds: expect.any(Number) })
    // Another address is not affected, and the lock ends on time.
    expect((await signIn(t().db, { email: victim.email, password: PASSWORD }, context('203.0.113.6'), policy, at(5))).user.id).toBe(victim.id)
    expect((await signIn(t().db, { email: spray.email, password: PASSWORD }, context('203.0.113.5'), policy, at(16))).user.id).toBe(spray.id)
  })

  it('does not count attempts made while locked, so waiting out the lock is enough', async () => {
    const account = await makeAccount(t().db, 'editor', 'patient')
    await failures(account.email, (i) => `10.1.0.${i + 1}`)
    for (let i = 0; i < 10; i++) {
      await signIn(t().db, { email: account.email, password: 'still guessing' }, context('10.2.0.1'), policy, at(10)).catch(() => null)
    }
    expect((await signIn(t().db, { email: account.email, password: PASSWORD }, context('10.2.0.1'), policy, at(16))).user.id).toBe(account.id)
  })
})

describeEachDialect('brute force on the two-factor code', (dialect) => {
  const server = useTestServer(dialect, { security: { loginSlowdownMs: 3 } })

  async function withTwoFactor(label: string) {
    const account = await makeAccount(server().db, 'admin', label)
    const secret = generateSecret()
    await server().db.updateTable('app_user').set({ totp_enabled: 1, totp_secret: secret }).where('id', '=', account.id).execute()
    return { account, secret }
  }

  /** The password step: a session that waits for the code, and the code form's CSRF token. */
  async function passwordStep(account: Account) {
    const login = await openLoginForm(server())
    const response = await server().get('/admin/login', {
      method: 'POST', headers: { cookie: login.cookie, 'content-type': FORM },
      body: form({ _csrf: login.csrf, email: account.email, password: PASSWORD, next: '' }),
    })
    expect(response.headers.get('location')).toMatch(/^\/admin\/login\/code/)
    const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('chronicle_session='))!
    const page = await server().get('/admin/login/code', { headers: { cookie } })
    const csrf = parse(await page.text()).querySelector('input[name="_csrf"]')?.getAttribute('value') ?? ''
    return { cookie, csrf }
  }

  async function sendCode(step: { cookie: string; csrf: string }, code: string) {
    const response = await server().get('/admin/login/code', {
      method: 'POST', headers: { cookie: step.cookie, 'content-type': FORM }, body: form({ _csrf: step.csrf, code, next: '' }),
    })
    const alert = textOf(parse(await response.text()).querySelector('[role="alert"]'))
    return { status: response.status, retryAfter: response.headers.get('retry-after'), alert, location: response.headers.get('location'),
      cleared: response.headers.getSetCookie().some((c) => c.startsWith('chronicle_session=;')) }
  }

  it(`${CODE_LOCK_AFTER} wrong codes end the half-signed-in session and refuse even the right code while the lock holds`, async () => {
    const { account, secret } = await withTwoFactor('guessed')
    const step = await passwordStep(account)
    const answers = []
    for (let i = 0; i < CODE_LOCK_AFTER; i++) answers.push(await sendCode(step, String(100000 + i)))
    expect(answers.slice(0, -1).map((a) => a.status)).toEqual(Array(CODE_LOCK_AFTER - 1).fill(401))
    expect(answers[0]!.alert).toBe('That code is not right. Enter the code your app shows now.')
    const locked = answers.at(-1)!
    expect(locked).toMatchObject({ status: 429, cleared: true })
    expect(locked.alert).toMatch(/^Too many wrong codes for this account\. Two-factor sign-in is locked for 15 more minutes/)
    expect(Number(locked.retryAfter)).toBeGreaterThan(14 * 60)
    // The ended session cannot go on guessing, not even with the right code: its form is no longer valid.
    const afterEnd = await sendCode(step, await generate({ secret }))
    expect(afterEnd.status).toBe(403)
    expect((await server().get('/admin', { headers: { cookie: step.cookie } })).headers.get('location')).toMatch(/^\/admin\/login\?/)
    // The password still works, but the code, even the right one, waits for the lock.
    const again = await passwordStep(account)
    const right = await sendCode(again, await generate({ secret }))
    expect(right).toMatchObject({ status: 429, cleared: true })
    const admin = await server().get('/admin', { headers: { cookie: again.cookie } })
    expect(admin.status).toBe(303)
  })

  it('a right code after a few wrong ones signs in, and the wrong ones are forgotten', async () => {
    const { account, secret } = await withTwoFactor('clumsy')
    const step = await passwordStep(account)
    for (let i = 0; i < CODE_LOCK_AFTER - 1; i++) expect((await sendCode(step, '000000')).status).toBe(401)
    expect(await sendCode(step, await generate({ secret }))).toMatchObject({ status: 303, location: '/admin' })
    expect((await server().get('/admin', { headers: { cookie: step.cookie } })).status).toBe(200)
    // A later sign-in starts with the full allowance again.
    const later = await passwordStep(account)
    for (let i = 0; i < CODE_LOCK_AFTER - 1; i++) expect((await sendCode(later, '000000')).status).toBe(401)
  })
})

describeEachDialect('brute force on the two-factor code: the lock ends on time (simulated time)', (dialect) => {
  const t = useTestDb(dialect)
  it('refuses codes for the lock minutes after the last wrong one, then takes the right code', async () => {
    const account = await makeAccount(t().db, 'editor', 'waiting')
    const secret = generateSecret()
    await t().db.updateTable('app_user').set({ totp_enabled: 1, totp_secret: secret }).where('id', '=', account.id).execute()
    const start = new Date()
    const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000)
    const halfway = async (when: Date) => {
      const { token } = await signIn(t().db, { email: account.email, password: PASSWORD }, { ip: '198.51.100.9', userAgent: 'test' }, policy, when)
      return { id: tokenHash(token), user_id: account.id, email: account.email }
    }
    const first = await halfway(at(0))
    const errors = []
    for (let i = 0; i < CODE_LOCK_AFTER; i++) {
      errors.push(await signInWithCode(t().db, first, '123456', { ip: '198.51.100.9' }, policy, at(0)).catch((e: SignInError) => e))
    }
    expect(errors.map((e) => (e as SignInError).code)).toEqual([...Array(CODE_LOCK_AFTER - 1).fill('wrong_credentials'), 'locked'])
    const code = await generate({ secret })
    const second = await halfway(at(14))
    await expect(signInWithCode(t().db, second, code, { ip: '198.51.100.9' }, policy, at(14)))
      .rejects.toMatchObject({ code: 'locked', message: expect.stringMatching(/locked for 1 more minute;/) })
    const third = await halfway(at(16))
    await signInWithCode(t().db, third, code, { ip: '198.51.100.9' }, policy, at(16))
    expect((await findSessionWithUser(t().db, third.id))?.second_factor_due).toBe(0)
  })
})
