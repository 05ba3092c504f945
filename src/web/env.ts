import type { Kysely } from 'kysely'
import type { Database } from '../db/database.ts'

export interface AppEnv {
  Variables: {
    db: Kysely<Database>
  }
}
