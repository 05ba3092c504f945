import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { DomainError, InvalidInputError, NotFoundError } from '../lib/errors.ts'
import { currentLang, localPath, t } from '../i18n/locale.ts'
import type { MessageKey } from '../i18n/messages/index.ts'
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

const PAGE_TITLES: Record<number, MessageKey> = {
  400: 'error.400', 401: 'error.401', 403: 'error.403', 404: 'error.404', 409: 'error.409', 413: 'error.413', 429: 'error.429', 500: 'error.500',
}

const MISSING = ['page', 'post', 'person', 'organization', 'publication', 'activity']

/** "No person “x” was found." in the reader's language. */
function missingMessage(error: unknown) {
  if (!(error instanceof NotFoundError)) return null
  const kind = MISSING.includes(error.entity) ? error.entity : 'other'
  return t(`notFound.${kind}` as MessageKey, { key: String(error.key) })
}

export function ErrorPage(props: { status: number; message: string; path: string }) {
  const notFound = props.status === 404
  const title = PAGE_TITLES[props.status] ? t(PAGE_TITLES[props.status]!) : t('error.generic')
  return (
    <Layout title={title}>
      <h1>{notFound ? t('error.notFoundHeading') : title}</h1>
      {notFound
        ? (
          <>
            <p class="lede">{props.message}</p>
            <p>{t('error.mistyped', { path: props.path })}</p>
            <p>{t('error.tryThese')}</p>
            <ul>
              <li><a href={localPath('/news')}>{t('nav.news')}</a> — {t('error.allNewsHint')}</li>
              <li><a href={localPath('/people')}>{t('nav.people')}</a> {t('error.peopleAndOrgs')} <a href={localPath('/organizations')}>{t('nav.organizations')}</a> {t('error.inTheArchive')}</li>
              <li><a href={localPath('/')}>{t('nav.home')}</a> — {t('error.homeHint')}</li>
            </ul>
          </>
        )
        // Validation details are written for integrators too, so they stay in English; the way on is translated.
        : <p class="lede" lang={currentLang() === 'en' ? undefined : 'en'}>{props.message}</p>}
      {props.status === 400 && <p><a href={localPath(props.path)}>{t('error.badRequestWayOn')}</a>{t('error.orGoBack')}</p>}
      {props.status === 401 && <p><a href="/admin/login">{t('error.signIn')}</a> {t('error.andTryAgain')}</p>}
    </Layout>
  )
}

export function errorPage(c: Context, error: unknown) {
  const status = statusOf(error)
  const message = status === 500 ? t('error.server') : missingMessage(error) ?? (error as Error).message
  c.status(status)
  return c.html(<ErrorPage status={status} message={message} path={c.req.path} />)
}
