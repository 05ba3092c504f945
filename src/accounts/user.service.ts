import { z } from 'zod'
import type { Db, UserRole } from '../db/database.ts'
import { ConflictError, InvalidInputError, NotFoundError } from '../lib/errors.ts'
import { nowIso } from '../lib/time.ts'
import { hashPassword } from './password.ts'
import { deleteSessionsOfUser } from './session.repository.ts'
import { revokeApiTokensOf } from './token.repository.ts'
import * as repo from './user.repository.ts'

export const USER_ROLES = ['admin', 'editor', 'author'] as const satisfies readonly UserRole[]
const RANK: Record<UserRole, number> = { author: 1, editor: 2, admin: 3 }

/** Whether a user of `role` may do what `needed` may. */
export const hasRole = (role: UserRole, needed: UserRole) => RANK[role] >= RANK[needed]

export const MIN_PASSWORD_LENGTH = 10
export const passwordSchema = z.string()
  .min(MIN_PASSWORD_LENGTH, `a password has at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(256, 'a password has at most 256 characters')

export const normalizeEmail = (email: string) => email.trim().toLowerCase()

export const NewUserSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email({ message: 'an email address looks like name@example.org' })),
  name: z.string().trim().min(1).max(200).optional(),
  role: z.enum(USER_ROLES, { message: `a role is one of ${USER_ROLES.join(', ')}` }),
  password: passwordSchema,
})

function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input)
  if (result.success) return result.data
  const problems = result.error.issues.map((i) => i.message)
  throw new InvalidInputError(problems.join('; '), problems)
}

export async function addUser(db: Db, input: z.input<typeof NewUserSchema>, now = new Date()) {
  const user = parse(NewUserSchema, input)
  if (await repo.findUserByEmail(db, user.email)) throw new ConflictError(`An account for ${user.email} exists already.`)
  const at = nowIso(now)
  const id = await repo.insertUser(db, {
    email: user.email, name: user.name ?? user.email.split('@')[0]!, role: user.role, totp_enabled: 0,
    password_hash: await hashPassword(user.password), created_at: at, updated_at: at,
  })
  return { id, email: user.email, role: user.role }
}

async function requireUser(db: Db, email: string) {
  const user = await repo.findUserByEmail(db, normalizeEmail(email))
  if (!user) throw new NotFoundError('account', normalizeEmail(email))
  return user
}

/** Sets a new password and signs the account out everywhere. */
export async function changePassword(db: Db, email: string, password: string, now = new Date()) {
  const user = await requireUser(db, email)
  await repo.updateUser(db, user.id, { password_hash: await hashPassword(parse(passwordSchema, password)), updated_at: nowIso(now) })
  await deleteSessionsOfUser(db, user.id)
  return user
}

export async function setUserDisabled(db: Db, email: string, disabled: boolean, now = new Date()) {
  const user = await requireUser(db, email)
  if (disabled && user.role === 'admin' && !user.disabled_at && await repo.countActiveAdmins(db) <= 1) {
    throw new ConflictError('This is the last active admin; add another admin before disabling this one.')
  }
  await repo.updateUser(db, user.id, { disabled_at: disabled ? nowIso(now) : null, updated_at: nowIso(now) })
  if (disabled) {
    await deleteSessionsOfUser(db, user.id)
    await revokeApiTokensOf(db, user.id, nowIso(now))
  }
  return user
}

export async function setUserRole(db: Db, email: string, role: UserRole, now = new Date()) {
  const user = await requireUser(db, email)
  if (user.role === 'admin' && role !== 'admin' && await repo.countActiveAdmins(db) <= 1) {
    throw new ConflictError('This is the last active admin; make another user admin first.')
  }
  await repo.updateUser(db, user.id, { role, updated_at: nowIso(now) })
  return user
}

export { listUsers, countUsers, findUserById, findUserByEmail } from './user.repository.ts'
