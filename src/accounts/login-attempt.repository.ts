import type { Db } from '../db/database.ts'

export function insertLoginAttempt(db: Db, emailKey: string, ip: string, at: string, succeeded: boolean) {
  return db.insertInto('login_attempt').values({ email_key: emailKey, ip, at, succeeded: succeeded ? 1 : 0 }).execute()
}

/** Failed attempts since `since` (and since the last success), newest first. */
export async function findRecentFailures(db: Db, column: 'email_key' | 'ip', value: string, since: string, limit: number) {
  const lastSuccess = await db.selectFrom('login_attempt').select('at')
    .where(column, '=', value).where('succeeded', '=', 1).where('at', '>=', since)
    .orderBy('at', 'desc').limit(1).executeTakeFirst()
  return db.selectFrom('login_attempt').select('at')
    .where(column, '=', value).where('succeeded', '=', 0).where('at', '>=', lastSuccess?.at ?? since)
    .orderBy('at', 'desc').limit(limit).execute()
}

export async function hasLoginAttemptsBefore(db: Db, before: string) {
  return !!await db.selectFrom('login_attempt').select('id').where('at', '<', before).limit(1).executeTakeFirst()
}

export async function deleteLoginAttemptsBefore(db: Db, before: string) {
  const result = await db.deleteFrom('login_attempt').where('at', '<', before).executeTakeFirst()
  return Number(result.numDeletedRows)
}
