import type { Insertable } from 'kysely'
import type { ApiTokenTable, Db } from '../db/database.ts'

export async function insertApiToken(db: Db, row: Insertable<ApiTokenTable>) {
  const { id } = await db.insertInto('api_token').values(row).returning('id').executeTakeFirstOrThrow()
  return id
}

export function findApiTokenWithUser(db: Db, tokenHash: string) {
  return db.selectFrom('api_token as t').innerJoin('app_user as u', 'u.id', 't.user_id')
    .select(['t.id', 't.scope', 't.revoked_at', 't.last_used_at', 'u.id as user_id', 'u.email', 'u.name', 'u.role', 'u.disabled_at'])
    .where('t.token_hash', '=', tokenHash).executeTakeFirst()
}

export function listApiTokensOf(db: Db, userId: number) {
  return db.selectFrom('api_token').select(['id', 'name', 'scope', 'created_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', userId).orderBy('id', 'desc').execute()
}

export function revokeApiToken(db: Db, id: number, userId: number, at: string) {
  return db.updateTable('api_token').set({ revoked_at: at })
    .where('id', '=', id).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst()
}

/** Every live token of a user, revoked at once: a disabled account's tokens stay dead when it is enabled again. */
export function revokeApiTokensOf(db: Db, userId: number, at: string) {
  return db.updateTable('api_token').set({ revoked_at: at }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute()
}

export function touchApiToken(db: Db, id: number, at: string) {
  return db.updateTable('api_token').set({ last_used_at: at }).where('id', '=', id).execute()
}
