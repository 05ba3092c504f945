import type { UserRole } from '../db/database.ts'

/** Who makes a change: for the rules about what they may change and for the revision's author. */
export interface Editor {
  userId: number | null
  role: UserRole
  /** Shown in revisions and the audit log, e.g. the email address. */
  actor: string
}

export const SYSTEM_EDITOR: Editor = { userId: null, role: 'admin', actor: 'system' }
