import { expect, it } from 'vitest'
import { describeEachDialect } from './db.ts'
import { useTestServer } from './server.ts'

describeEachDialect('metrics without a token', (dialect) => {
  const server = useTestServer(dialect)

  it('does not serve /metrics when no METRICS_TOKEN is set, with or without a bearer token', async () => {
    expect((await server().get('/metrics')).status).toBe(404)
    expect((await server().get('/metrics', { headers: { authorization: 'Bearer anything-at-all-here' } })).status).toBe(404)
  })
})
