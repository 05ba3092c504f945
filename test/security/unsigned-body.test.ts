import { request } from 'node:http'
import { expect, it } from 'vitest'
import { describeEachDialect } from '../db.ts'
import { useTestServer } from '../server.ts'
import { openLoginForm } from './helpers.ts'

/**
 * Declares a body of `declared` bytes, sends only its first kilobyte, and waits for the answer. A server that
 * reads the body before deciding would wait for the rest; one that refuses first answers at once.
 */
function partialPost(baseUrl: string, path: string, declared: number, headers: Record<string, string> = {}) {
  const url = new URL(path, baseUrl)
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method: 'POST', path: url.pathname, headers: {
      'content-type': 'multipart/form-data; boundary=x', 'content-length': String(declared), ...headers,
    } }, (res) => {
      let text = ''
      res.on('data', (chunk) => { text += chunk })
      res.on('end', () => { resolve({ status: res.statusCode ?? 0, text }); req.destroy() })
    })
    req.on('error', reject)
    req.setTimeout(5_000, () => { req.destroy(); reject(new Error('no answer within 5 s: the server waited for the body')) })
    req.write(`--x\r\nContent-Disposition: form-data; name="email"\r\n\r\n${'a'.repeat(1000)}`)
  })
}

describeEachDialect('bodies sent before signing in', (dialect) => {
  const server = useTestServer(dialect)
  const BIG = 24 * 1024 * 1024

  it('without any form cookie, a POST to the admin is refused with 403 before its body is read', async () => {
    for (const path of ['/admin/login', '/admin/login/code', '/admin/posts/new']) {
      const answer = await partialPost(server().baseUrl, path, BIG)
      expect(answer.status, path).toBe(403)
      expect(answer.text).toContain('nothing was changed')
    }
  })

  it('with the sign-in form cookie, a body bigger than a sign-in form is refused with 413 before it is read', async () => {
    const login = await openLoginForm(server())
    const answer = await partialPost(server().baseUrl, '/admin/login', BIG, { cookie: login.cookie })
    expect(answer.status).toBe(413)
    expect(answer.text).toContain('Before signing in a form may send at most 64 KB')
  })
})
