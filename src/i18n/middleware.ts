import type { MiddlewareHandler } from 'hono'
import { getPathNoStrict } from 'hono/utils/url'
import type { AppEnv } from '../web/env.ts'
import { type Lang, negotiateLanguage, splitLanguagePrefix } from './languages.ts'
import { runWithLocale } from './locale.ts'

// Machine addresses (API, admin, files, feeds) have one language and no prefix.
const UNLOCALIZED = /^\/(api|admin|static|files|health|metrics)(\/|$)|\.(xml|json|ics|txt)$/

export const isLocalizable = (path: string) => !UNLOCALIZED.test(path)

/** Routes see "/ru/news" as "/news": the language is the locale's business, not each route's. */
export function routingPath(request: Request) {
  const path = getPathNoStrict(request)
  const { lang, rest } = splitLanguagePrefix(path)
  return lang && isLocalizable(rest) ? rest : path
}

/** The language a request is answered in: the path's prefix on localizable pages, else Accept-Language there, else English. */
export function languageOfRequest(pathname: string, acceptLanguage: string | undefined | null): Lang {
  const { lang: prefixed, rest } = splitLanguagePrefix(pathname)
  const localizable = isLocalizable(prefixed ? rest : pathname)
  return prefixed && localizable ? prefixed : localizable ? negotiateLanguage(acceptLanguage) : 'en'
}

/**
 * The reader's language: the URL's prefix when it has one, else the browser's Accept-Language.
 * Pages chosen by the header say so to caches (Vary) and to the reader (Content-Language).
 */
export const localeMiddleware: MiddlewareHandler<AppEnv> = async (c, next) => {
  const url = new URL(c.req.url)
  const { lang: prefixed, rest } = splitLanguagePrefix(url.pathname)
  const localizable = isLocalizable(prefixed ? rest : url.pathname)
  const lang = languageOfRequest(url.pathname, c.req.header('accept-language'))
  const origin = c.var.publicUrl ?? url.origin
  const path = (prefixed && localizable ? rest : url.pathname) + url.search
  // Set before the page is made, so they go out with it: set on a finished response, hono wraps its body
  // in a stream, which costs more to send than the page costs to render.
  if (localizable) {
    c.header('content-language', lang)
    if (!prefixed) c.header('vary', 'Accept-Language', { append: true })
  }
  await runWithLocale({ lang, prefix: prefixed && localizable ? `/${prefixed}` : '', path, origin }, next)
}
