import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { DomainError, InvalidInputError, NotFoundError } from '../lib/errors.ts'
import { Layout } from './layout.tsx'

const STATUS: Record<string, ContentfulStatusCode> = {
  invalid_input: 400, forbidden: 403, conflict: 409, csrf_failed: 403, authentication_required: 401,
  locked: 429, wrong_credentials: 401, disabled: 403, precondition_failed: 412, too_large: 413, unsupported_media_type: 415,
}

export function statusOf(error: unknown): ContentfulStatusCode {
  if (error instanceof NotFoundError) return 404
  if (error instanceof DomainError) return STATUS[error.code] ?? 400
  return 500
}

const TITLES: Record<number, string> = {
  400: 'Bad request', 401: 'Sign in needed', 403: 'Forbidden', 404: 'Not found', 409: 'Conflict', 412: 'Precondition failed', 413: 'Too large',
  415: 'Unsupported media type',
  429: 'Too many attempts', 500: 'Server error',
}

/** RFC 9457 problem details, for the API. */
export function problem(c: Context, status: ContentfulStatusCode, detail: string, extra: Record<string, unknown> = {},
  headers: Record<string, string> = {}) {
  return c.body(JSON.stringify({
    type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail, instance: new URL(c.req.url).pathname, ...extra,
  }), status, { ...headers, 'content-type': 'application/problem+json; charset=utf-8' })
}

export function problemFromError(c: Context, error: unknown) {
  const status = statusOf(error)
  if (status === 500) return problem(c, 500, 'Something went wrong on our side; the error has been logged.')
  const e = error as DomainError
  // RFC 9110: a 401 names the scheme that would work.
  if (status === 401) c.header('www-authenticate', 'Bearer realm="chronicle"')
  return problem(c, status, e.message, {
    code: e.code, ...(e instanceof InvalidInputError && e.problems.length ? { errors: e.problems } : {}),
  })
}

export function ErrorPage(props: { status: number; message: string; path: string }) {
  const notFound = props.status === 404
  return (
    <Layout title={TITLES[props.status] ?? 'Error'}>
      <h1>{notFound ? 'We could not find that page' : TITLES[props.status] ?? 'Error'}</h1>
      <p class="lede">{props.message}</p>
      {notFound && (
        <>
          <p>The address <code>{props.path}</code> may be mistyped, or the page may have moved.</p>
          <p>Try one of these:</p>
          <ul>
            <li><a href="/news">All news</a>, filtered by year or kind of activity</li>
            <li><a href="/people">People</a> and <a href="/organizations">organizations</a> in the archive</li>
            <li><a href="/">The home page</a>, with upcoming and recent activities</li>
          </ul>
        </>
      )}
      {props.status === 400 && <p><a href={props.path}>Open this page without the faulty parameters</a>, or go back and change them.</p>}
      {props.status === 401 && <p><a href="/admin/login">Sign in</a> and try again.</p>}
    </Layout>
  )
}

export function errorPage(c: Context, error: unknown) {
  const status = statusOf(error)
  const message = status === 500 ? 'Something went wrong on our side; the error has been logged.' : (error as Error).message
  c.status(status)
  return c.html(<ErrorPage status={status} message={message} path={new URL(c.req.url).pathname} />)
}
