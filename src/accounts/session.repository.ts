import type { Insertable } from 'kysely'
import type { Db, SessionTable } from '../db/database.ts'

export function insertSession(db: Db, row: Insertable<SessionTable>) {
  return db.insertInto('session').values(row).execute()
}

export function findSessionWithUser(db: Db, id: string) {
  return db.selectFrom('session as s').innerJoin('app_user as u', 'u.id', 's.user_id')
    .select(['s.id', 's.user_id', 's.csrf_token', 's.second_factor_due', 's.created_at', 's.last_seen_at', 's.expires_at',
      'u.email', 'u.name', 'u.role', 'u.disabled_at', 'u.totp_enabled'])
    .where('s.id', '=', id).executeTakeFirst()
}

export function touchSession(db: Db, id: string, at: string) {
  return db.updateTable('session').set({ last_seen_at: at }).where('id', '=', id).execute()
}

export function clearSecondFactor(db: Db, id: string) {
  return db.updateTable('session').set({ second_factor_due: 0 }).where('id', '=', id).execute()
}

export function deleteSession(db: Db, id: string) {
  return db.deleteFrom('session').where('id', '=', id).execute()
}

export function deleteSessionsOfUser(db: Db, userId: number) {
  return db.deleteFrom('session').where('user_id', '=', userId).execute()
}

export async function countSessionsOfUser(db: Db, userId: number) {
  return (await db.selectFrom('session').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId).executeTakeFirstOrThrow()).n
}

/** Sessions past their end, or idle since before `idleBefore`: nobody can use them again. */
export async function hasEndedSessions(db: Db, now: string, idleBefore: string) {
  return !!await db.selectFrom('session').select('id')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<', idleBefore)])).limit(1).executeTakeFirst()
}

export async function deleteEndedSessions(db: Db, now: string, idleBefore: string) {
  const result = await db.deleteFrom('session')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<', idleBefore)])).executeTakeFirst()
  return Number(result.numDeletedRows)
}
