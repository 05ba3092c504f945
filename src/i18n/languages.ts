export const LANGUAGES = ['en', 'ru', 'kk'] as const
export type Lang = (typeof LANGUAGES)[number]
export const DEFAULT_LANG: Lang = 'en'

export const LANGUAGE_NAMES: Record<Lang, string> = { en: 'English', ru: 'Русский', kk: 'Қазақша' }
// BCP 47 tags for Intl: dates, numbers and plural rules as readers of each language expect them.
export const LOCALE_TAGS: Record<Lang, string> = { en: 'en-GB', ru: 'ru-RU', kk: 'kk-KZ' }

export const isLang = (value: string | undefined | null): value is Lang => !!value && (LANGUAGES as readonly string[]).includes(value)

/** The reader's language from an Accept-Language header: the first of ours by quality, else English. */
export function negotiateLanguage(header: string | undefined | null): Lang {
  if (!header) return DEFAULT_LANG
  const ranked = header.slice(0, 500).split(',').map((part, index) => {
    const [tag = '', ...params] = part.trim().split(';')
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean)
    return { lang: tag.trim().toLowerCase().split('-')[0], q: q === undefined ? 1 : Number(q), index }
  }).filter((r) => r.q > 0).sort((a, b) => b.q - a.q || a.index - b.index)
  return ranked.map((r) => r.lang).find(isLang) ?? DEFAULT_LANG
}

/** Splits "/ru/news/x" into the language and the path without it; a path without a prefix has no language. */
export function splitLanguagePrefix(path: string): { lang: Lang | null; rest: string } {
  const match = /^\/(en|ru|kk)(?=\/|$)(.*)$/.exec(path)
  if (!match) return { lang: null, rest: path }
  return { lang: match[1] as Lang, rest: match[2] || '/' }
}

/** The address of a path in a language: "/news" → "/ru/news". */
export function localizedPath(lang: Lang, path: string) {
  return path === '/' ? `/${lang}/` : `/${lang}${path}`
}
