import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { type Context, Hono, type MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { getCookie } from 'hono/cookie'
import { NotFoundError } from '../lib/errors.ts'
import { CsrfError, LOGIN_CSRF_COOKIE } from '../web/auth.ts'
import type { AppEnv } from '../web/env.ts'
import { ErrorPage } from '../web/errors.tsx'
import { findPublicFile, formatFileSize, storedFilePath } from './file.service.ts'

export const filePages = new Hono<AppEnv>()

/**
 * Content-Disposition with an ASCII fallback and the real name in RFC 6266 / 5987 `filename*`,
 * so a name like "Отчёт 2024.pdf" survives and no quote or newline can break out of the header.
 */
export function contentDisposition(type: 'inline' | 'attachment', fileName: string) {
  const fallback = fileName.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\%;]/g, '_').trim() || 'file'
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`
}

async function serveFile(c: Context<AppEnv>, sha256: string, requestedName?: string) {
  const found = await findPublicFile(c.var.db, sha256, requestedName)
  const path = storedFilePath(c.var.filesDir, found.file.sha256)
  const onDisk = await stat(path).catch(() => null)
  if (!onDisk) throw new NotFoundError('file', sha256)
  const headers = {
    'content-type': found.file.mime,
    'content-length': String(onDisk.size),
    // Images show in the page; documents download under their safe name and are never rendered by the browser.
    'content-disposition': contentDisposition(found.image ? 'inline' : 'attachment', found.fileName),
    'x-content-type-options': 'nosniff',
    // The address is the hash of the bytes: they never change, so a browser may keep them for a year.
    'cache-control': 'public, max-age=31536000, immutable',
    etag: `"${found.file.sha256}"`,
  }
  if (c.req.header('if-none-match') === headers.etag) return c.body(null, 304, { etag: headers.etag, 'cache-control': headers['cache-control'] })
  if (c.req.method === 'HEAD') return c.body(null, 200, headers)
  const stream = Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>
  return c.body(stream, 200, headers)
}

filePages.get('/files/:sha256{[0-9a-f]+}', (c) => serveFile(c, c.req.param('sha256')))
filePages.get('/files/:sha256{[0-9a-f]+}/:name', (c) => serveFile(c, c.req.param('sha256'), c.req.param('name')))

// Room for the multipart boundaries and the other fields beside the file itself.
const FORM_OVERHEAD_BYTES = 256 * 1024

/**
 * Cuts off a request body over the upload limit before it is read whole (from Content-Length when
 * sent, else while streaming), answering 413 with a page that says what happened. Runs before the
 * CSRF check, which reads the body.
 */
export const limitUploadBody: MiddlewareHandler<AppEnv> = (c, next) => bodyLimit({
  maxSize: c.var.security.uploadMaxBytes + FORM_OVERHEAD_BYTES,
  onError: (c) => {
    c.header('connection', 'close')
    return c.html(
      <ErrorPage status={413} path={new URL(c.req.url).pathname}
        message={`This upload is larger than the limit of ${formatFileSize(c.var.security.uploadMaxBytes)}, so it was not received and nothing was stored. Go back and choose a smaller file.`} />,
      413,
    )
  },
})(c, next)

/** A sign-in form is a few hundred bytes; nobody who has not signed in sends more than this. */
export const UNSIGNED_BODY_MAX_BYTES = 64 * 1024

/**
 * Before sign-in (no session, or one waiting for its code) a state-changing request is refused without
 * its body being read when it carries no form cookie at all (the CSRF check would refuse it anyway), and
 * its body is capped at a sign-in form's size: otherwise anyone could make the server parse uploads of
 * the full upload limit. Runs after loadSession and before the upload limit and the CSRF check.
 */
export const limitBodyBeforeSignIn: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS') return next()
  const session = c.var.session
  if (session && !session.second_factor_due) return next()
  if (!session && !getCookie(c, LOGIN_CSRF_COOKIE)) throw new CsrfError()
  return bodyLimit({
    maxSize: UNSIGNED_BODY_MAX_BYTES,
    onError: (c) => {
      c.header('connection', 'close')
      return c.html(
        <ErrorPage status={413} path={new URL(c.req.url).pathname}
          message={`Before signing in a form may send at most ${formatFileSize(UNSIGNED_BODY_MAX_BYTES)}, so this one was not received and nothing was changed. Sign in first.`} />,
        413,
      )
    },
  })(c, next)
}
