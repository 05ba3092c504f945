import { expect, it } from 'vitest'
import { describeEachDialect } from '../db.ts'
import { useTestServer } from '../server.ts'
import { form, FORM, makeAccount, openLoginForm } from './helpers.ts'

/** A wrong password from `forwardedFor`, as a proxy in front would pass it on. */
async function wrongPassword(server: ReturnType<ReturnType<typeof useTestServer>>, email: string, forwardedFor: string) {
  const login = await openLoginForm(server)
  const answer = await server.get('/admin/login', {
    method: 'POST', headers: { cookie: login.cookie, 'content-type': FORM, 'x-forwarded-for': forwardedFor },
    body: form({ _csrf: login.csrf, email, password: 'wrong', next: '' }),
  })
  await answer.arrayBuffer()
  return answer
}

const auditedAddresses = async (server: ReturnType<ReturnType<typeof useTestServer>>, email: string) =>
  (await server.db.selectFrom('audit_log').select('ip').where('email', '=', email).orderBy('id').execute()).map((row) => row.ip)

describeEachDialect('behind a reverse proxy (TRUST_PROXY=1)', (dialect) => {
  const server = useTestServer(dialect, { security: { trustProxy: 1, loginSlowdownMs: 3 } })

  it('takes the visitor address the proxy adds to X-Forwarded-For, not what the client put before it', async () => {
    const account = await makeAccount(server().db, 'editor', 'proxied')
    await wrongPassword(server(), account.email, '203.0.113.7')
    await wrongPassword(server(), account.email, '10.9.9.9, 198.51.100.23')
    expect(await auditedAddresses(server(), account.email)).toEqual(['203.0.113.7', '198.51.100.23'])
  })

  it('believes X-Forwarded-Proto from the proxy: the session cookie is Secure behind a TLS-ending proxy', async () => {
    const login = await server().get('/admin/login', { headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.8' } })
    expect(login.headers.getSetCookie().join('\n')).toMatch(/chronicle_form=[^;]+;.*Secure/)
  })
})

describeEachDialect('without a trusted proxy (the default)', (dialect) => {
  const server = useTestServer(dialect, { security: { loginSlowdownMs: 3 } })

  it('ignores X-Forwarded-For, so a guesser cannot dodge the address lock by making up addresses', async () => {
    const account = await makeAccount(server().db, 'editor', 'direct')
    await wrongPassword(server(), account.email, '203.0.113.9')
    await wrongPassword(server(), account.email, '198.51.100.99')
    const addresses = await auditedAddresses(server(), account.email)
    expect(addresses).toHaveLength(2)
    expect(addresses[0]).toBe(addresses[1])
    expect(addresses).not.toContain('203.0.113.9')
  })

  it('ignores X-Forwarded-Proto from a client talking plain HTTP: no Secure cookie it could not send back', async () => {
    const login = await server().get('/admin/login', { headers: { 'x-forwarded-proto': 'https' } })
    expect(login.headers.getSetCookie().join('\n')).not.toMatch(/Secure/)
  })
})
