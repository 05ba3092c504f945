import { AsyncLocalStorage } from 'node:async_hooks'
import { DEFAULT_LANG, type Lang, LOCALE_TAGS } from './languages.ts'
import { CATALOGS, type MessageKey, type Message } from './messages/index.ts'

/** The language of the request being answered, and the URL prefix its links keep ("" when none was given). */
export interface LocaleState {
  lang: Lang
  prefix: '' | `/${Lang}`
  /** The page's path without the language prefix, with its query: "/news?year=2024". */
  path: string
  /** Where the site is reached, for absolute links (canonical, alternates): "https://example.org". */
  origin: string
}

const storage = new AsyncLocalStorage<LocaleState>()
const ENGLISH: LocaleState = { lang: DEFAULT_LANG, prefix: '', path: '/', origin: 'http://localhost' }

/** Runs the work with this locale as the current one, through every await inside it. */
export const runWithLocale = <T>(state: LocaleState, work: () => T) => storage.run(state, work)

export const currentLocale = (): LocaleState => storage.getStore() ?? ENGLISH
export const currentLang = (): Lang => currentLocale().lang
export const localeTag = (lang: Lang = currentLang()) => LOCALE_TAGS[lang]

const pluralRules = new Map<Lang, Intl.PluralRules>()
function pluralOf(lang: Lang, count: number) {
  let rules = pluralRules.get(lang)
  if (!rules) pluralRules.set(lang, rules = new Intl.PluralRules(LOCALE_TAGS[lang]))
  return rules.select(count)
}

function pick(message: Message, lang: Lang, params: Record<string, string | number>) {
  if (typeof message === 'string') return message
  const count = Number(params.count ?? 0)
  const form = pluralOf(lang, count) as keyof typeof message
  return message[form] ?? message.other
}

/**
 * The interface text for a key in the current language, with {name} placeholders filled
 * (numbers formatted for the language). Plural messages choose their form by {count}.
 */
export function t(key: MessageKey, params?: Record<string, string | number>, lang: Lang = currentLang()): string {
  const message = CATALOGS[lang][key] ?? CATALOGS.en[key]
  const text = pick(message, lang, params ?? {})
  if (!params) return text
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name]
    if (value === undefined) return whole
    return typeof value === 'number' ? numberFormatOf(lang).format(value) : value
  })
}

// Building a number format costs more than rendering a page's worth of text with it.
const numberFormats = new Map<Lang, Intl.NumberFormat>()
function numberFormatOf(lang: Lang) {
  let format = numberFormats.get(lang)
  if (!format) numberFormats.set(lang, format = new Intl.NumberFormat(LOCALE_TAGS[lang]))
  return format
}

/** A site path as the reader's links should carry it: "/news" stays "/news", or becomes "/ru/news". */
export function localPath(path: string): string {
  const { prefix } = currentLocale()
  if (!prefix || !path.startsWith('/') || path.startsWith('//')) return path
  return path === '/' ? `${prefix}/` : `${prefix}${path}`
}
