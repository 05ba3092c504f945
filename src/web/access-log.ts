import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Logger } from 'pino'

// An id a proxy already gave the request is kept, so one id follows it through every log; anything odd is replaced.
const GIVEN_ID = /^[\w.:-]{1,100}$/
// Query parameters whose values are never written to the log, whatever route they come to.
const SECRET_PARAMS = /^(_csrf|csrf|token|access_token|password|code|secret|key)$/i

/** The request's id: the one a proxy sent in X-Request-Id when it looks like an id, else a new one. */
export function requestIdOf(req: IncomingMessage) {
  const given = req.headers['x-request-id']
  return typeof given === 'string' && GIVEN_ID.test(given) ? given : randomUUID()
}

/** The address as logged: path and query, with the values of secret-looking parameters left out. */
export function loggedUrl(url: string | undefined) {
  const raw = url ?? '/'
  const at = raw.indexOf('?')
  if (at < 0) return raw.slice(0, 2000)
  const params = new URLSearchParams(raw.slice(at + 1))
  for (const name of [...params.keys()]) if (SECRET_PARAMS.test(name)) params.set(name, '[hidden]')
  return `${raw.slice(0, at)}?${params.toString()}`.slice(0, 2000)
}

/**
 * Gives every request an id (X-Request-Id on the answer too, and on the request for the application's own
 * logs) and writes one access-log line when the answer is sent. Headers are never logged: cookies, bearer
 * tokens and CSRF values live there.
 */
export function accessLog(logger: Logger) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const id = requestIdOf(req)
    req.headers['x-request-id'] = id
    res.setHeader('x-request-id', id)
    if (!logger.isLevelEnabled('info')) return
    const started = process.hrtime.bigint()
    res.once('close', () => {
      logger.info({
        reqId: id, method: req.method, url: loggedUrl(req.url), status: res.statusCode,
        ms: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100, finished: res.writableFinished,
      }, 'request')
    })
  }
}
