import type { Kysely } from 'kysely'
import type { ActiveSession } from '../accounts/session.service.ts'
import type { SecurityConfig } from '../config.ts'
import type { Database } from '../db/database.ts'

/** Who is calling the write API with a bearer token, and what the token allows. */
export interface ApiCaller {
  userId: number
  email: string
  role: 'admin' | 'editor' | 'author'
  scope: 'read' | 'write'
}

export interface AppEnv {
  Variables: {
    db: Kysely<Database>
    security: SecurityConfig
    filesDir: string
    publicUrl: string | null
    /** The INSTITUTE setting: the slug of the organization insights and reports are about, or null. */
    institute: string | null
    /** The signed-in session on admin routes; null for anonymous visitors. */
    session: ActiveSession | null
    apiCaller: ApiCaller | null
  }
}
