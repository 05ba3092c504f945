import { expect, it } from 'vitest'
import { DEFAULT_SECURITY } from '../config.ts'
import { describeEachDialect, useTestDb } from '../../test/db.ts'
import { makeAccount } from '../../test/security/helpers.ts'
import { pruneAccountRecords } from './prune.service.ts'

describeEachDialect('pruning sign-in records', (dialect) => {
  const t = useTestDb(dialect)
  const now = new Date('2026-06-01T12:00:00Z')
  const ago = (ms: number) => new Date(now.getTime() - ms).toISOString()
  const MINUTE = 60_000, DAY = 86_400_000

  it('removes old attempts, ended sessions and audit entries past the retention, keeps the rest, and then finds nothing', async () => {
    const { db } = t()
    const user = await makeAccount(db, 'editor')
    await db.insertInto('login_attempt').values([
      { email_key: 'a@example.org', ip: '192.0.2.1', at: ago(2 * DAY), succeeded: 0 },
      { email_key: 'a@example.org', ip: '192.0.2.1', at: ago(10 * MINUTE), succeeded: 0 },
    ]).execute()
    const session = (id: string, lastSeen: string, expires: string) => ({
      id, user_id: user.id, csrf_token: `csrf-${id}`, second_factor_due: 0 as const, created_at: ago(DAY), last_seen_at: lastSeen,
      expires_at: expires, ip: null, user_agent: null,
    })
    await db.insertInto('session').values([
      session('expired', ago(MINUTE), ago(MINUTE)),
      session('idle', ago(DEFAULT_SECURITY.sessionIdleMinutes * MINUTE + MINUTE), ago(-DAY)),
      session('live', ago(MINUTE), ago(-DAY)),
    ]).execute()
    await db.insertInto('audit_log').values([
      { at: ago(400 * DAY), action: 'sign-in', user_id: user.id, email: null, target_type: null, target_id: null, ip: null, detail: null },
      { at: ago(30 * DAY), action: 'sign-in', user_id: user.id, email: null, target_type: null, target_id: null, ip: null, detail: null },
    ]).execute()
    const before = {
      attempts: (await db.selectFrom('login_attempt').select('id').execute()).length,
      audit: (await db.selectFrom('audit_log').select('id').execute()).length,
    }

    expect(await pruneAccountRecords(db, DEFAULT_SECURITY, now)).toEqual({ loginAttempts: 1, sessions: 2, auditEntries: 1 })
    expect((await db.selectFrom('session').select('id').execute()).map((s) => s.id)).toEqual(['live'])
    expect((await db.selectFrom('login_attempt').select('id').execute()).length).toBe(before.attempts - 1)
    expect((await db.selectFrom('audit_log').select('id').execute()).length).toBe(before.audit - 1)
    expect(await pruneAccountRecords(db, DEFAULT_SECURITY, now)).toEqual({ loginAttempts: 0, sessions: 0, auditEntries: 0 })
    // A shorter retention is a setting.
    expect(await pruneAccountRecords(db, { ...DEFAULT_SECURITY, auditRetentionDays: 7 }, now)).toMatchObject({ auditEntries: 1 })
  })
})
