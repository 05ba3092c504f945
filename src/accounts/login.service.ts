import { setTimeout as sleep } from 'node:timers/promises'
import type { SecurityConfig } from '../config.ts'
import type { Db } from '../db/database.ts'
import { DomainError } from '../lib/errors.ts'
import { audit } from './audit.service.ts'
import { findRecentFailures, insertLoginAttempt } from './login-attempt.repository.ts'
import { verifyAgainstNothing, verifyPassword } from './password.ts'
import { completeSecondFactor, endSession, type SessionContext, startSession } from './session.service.ts'
import { checkTotp } from './totp.service.ts'
import { normalizeEmail } from './user.service.ts'
import { findUserByEmail, findUserById } from './user.repository.ts'

// The first few mistakes are typing; after that each failure waits.
const FREE_FAILURES = 5
/**
 * Wrong two-factor codes an account may send before codes are refused for the lock's minutes. A code
 * space of a million, three codes valid at a time: five guesses a quarter hour make guessing hopeless.
 */
export const CODE_LOCK_AFTER = 5
// Code attempts share the login_attempt table under their own key, so a code lock never blocks passwords.
const codeKey = (email: string) => `code:${normalizeEmail(email)}`

export class SignInError extends DomainError {
  constructor(code: 'wrong_credentials' | 'locked' | 'disabled', message: string, readonly retryAfterSeconds?: number) {
    super(code, message)
  }
}

async function lockedUntil(db: Db, column: 'email_key' | 'ip', value: string, policy: SecurityConfig, now: Date,
  lockAfter = policy.loginLockAfter) {
  const since = new Date(now.getTime() - policy.loginLockMinutes * 60_000).toISOString()
  const failures = await findRecentFailures(db, column, value, since, lockAfter)
  if (failures.length < lockAfter) return { until: null, failures: failures.length }
  return { until: new Date(Date.parse(failures[0]!.at) + policy.loginLockMinutes * 60_000), failures: failures.length }
}

function lockMessage(until: Date, now: Date, what: string) {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000))
  return `Too many failed sign-ins from ${what}. Signing in is locked for ${minutes} more minute${minutes === 1 ? '' : 's'}; ` +
    'the right password will work again after that.'
}

/**
 * Checks the password under per-account and per-address throttling and starts a session.
 * While a lock holds, even the right password is refused and the attempt is not counted.
 */
export async function signIn(db: Db, input: { email: string; password: string }, context: SessionContext & { ip: string },
  policy: SecurityConfig, now = new Date()) {
  const email = normalizeEmail(input.email).slice(0, 320)
  for (const [column, value, what] of [['email_key', email, 'this account'], ['ip', context.ip, 'your address']] as const) {
    const lock = await lockedUntil(db, column, value, policy, now)
    if (lock.until && lock.until > now) {
      await audit(db, { action: 'sign-in-locked', email, ip: context.ip }, now)
      throw new SignInError('locked', lockMessage(lock.until, now, what), Math.ceil((lock.until.getTime() - now.getTime()) / 1000))
    }
  }
  const user = await findUserByEmail(db, email)
  const ok = user ? await verifyPassword(user.password_hash, input.password) : await verifyAgainstNothing(input.password)
  await insertLoginAttempt(db, email, context.ip, now.toISOString(), ok)
  if (!ok || !user) {
    await audit(db, { action: 'sign-in-failed', email, userId: user?.id, ip: context.ip }, now)
    const [byAccount, byAddress] = await Promise.all([
      lockedUntil(db, 'email_key', email, policy, now), lockedUntil(db, 'ip', context.ip, policy, now)])
    const lock = byAccount.until ? byAccount : byAddress.until ? byAddress : null
    if (lock?.until) {
      throw new SignInError('locked', lockMessage(lock.until, now, byAccount.until ? 'this account' : 'your address'),
        Math.ceil((lock.until.getTime() - now.getTime()) / 1000))
    }
    if (Math.max(byAccount.failures, byAddress.failures) > FREE_FAILURES) await sleep(policy.loginSlowdownMs)
    throw new SignInError('wrong_credentials', 'The email address or the password is wrong.')
  }
  if (user.disabled_at) {
    await audit(db, { action: 'sign-in-disabled', email, userId: user.id, ip: context.ip }, now)
    throw new SignInError('disabled', 'This account is disabled. Ask an admin to enable it.')
  }
  const token = await startSession(db, user.id, user.totp_enabled === 1, context, policy, now)
  await audit(db, { action: user.totp_enabled ? 'sign-in-password' : 'sign-in', email, userId: user.id, ip: context.ip }, now)
  return { token, user, secondFactorDue: user.totp_enabled === 1 }
}

const codeLockMessage = (until: Date, now: Date) => {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000))
  return `Too many wrong codes for this account. Two-factor sign-in is locked for ${minutes} more minute${minutes === 1 ? '' : 's'}; ` +
    'sign in with your password again after that.'
}

/**
 * The second step of a sign-in: the authenticator code. After CODE_LOCK_AFTER wrong codes the account's
 * codes are refused, even the right one, until the lock ends, and the half-signed-in session is ended, so a
 * known password does not give an attacker endless guesses.
 */
export async function signInWithCode(db: Db, session: { id: string; user_id: number; email: string }, code: string,
  context: { ip: string }, policy: SecurityConfig, now = new Date()) {
  const key = codeKey(session.email)
  const lock = await lockedUntil(db, 'email_key', key, policy, now, CODE_LOCK_AFTER)
  if (lock.until && lock.until > now) {
    await endSession(db, session.id)
    await audit(db, { action: 'sign-in-code-locked', userId: session.user_id, email: session.email, ip: context.ip }, now)
    throw new SignInError('locked', codeLockMessage(lock.until, now), Math.ceil((lock.until.getTime() - now.getTime()) / 1000))
  }
  const user = await findUserById(db, session.user_id)
  const ok = await checkTotp(user?.totp_secret ?? null, code)
  await insertLoginAttempt(db, key, context.ip, now.toISOString(), ok)
  if (!ok) {
    await audit(db, { action: 'sign-in-code-failed', userId: session.user_id, email: session.email, ip: context.ip }, now)
    const after = await lockedUntil(db, 'email_key', key, policy, now, CODE_LOCK_AFTER)
    if (after.until) {
      await endSession(db, session.id)
      throw new SignInError('locked', codeLockMessage(after.until, now), Math.ceil((after.until.getTime() - now.getTime()) / 1000))
    }
    throw new SignInError('wrong_credentials', 'That code is not right. Enter the code your app shows now.')
  }
  await completeSecondFactor(db, session.id)
  await audit(db, { action: 'sign-in', userId: session.user_id, email: session.email, ip: context.ip, detail: 'with two-factor code' }, now)
}
