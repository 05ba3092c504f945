import type { Insertable, Updateable } from 'kysely'
import type { Db, UserTable } from '../db/database.ts'

export function findUserByEmail(db: Db, email: string) {
  return db.selectFrom('app_user').selectAll().where('email', '=', email).executeTakeFirst()
}

export function findUserById(db: Db, id: number) {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function insertUser(db: Db, row: Insertable<UserTable>) {
  const { id } = await db.insertInto('app_user').values(row).returning('id').executeTakeFirstOrThrow()
  return id
}

export function updateUser(db: Db, id: number, changes: Updateable<UserTable>) {
  return db.updateTable('app_user').set(changes).where('id', '=', id).execute()
}

export function listUsers(db: Db) {
  return db.selectFrom('app_user').select(['id', 'email', 'name', 'role', 'totp_enabled', 'disabled_at', 'created_at'])
    .orderBy('email').execute()
}

export async function countActiveAdmins(db: Db) {
  const row = await db.selectFrom('app_user').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin').where('disabled_at', 'is', null).executeTakeFirstOrThrow()
  return row.n
}

export async function countUsers(db: Db) {
  return (await db.selectFrom('app_user').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n
}
