// The language a news item is written in: English, Russian or Kazakh (the languages the site
// publishes in). The script decides first, since a Cyrillic text is never English; franc's trigram
// models then tell Russian from Kazakh, which share most of the alphabet.
import { franc } from 'franc-min'

/** The languages the site publishes in (the post languages). */
export type ItemLanguage = 'en' | 'ru' | 'kk'

// Letters of the Kazakh alphabet that Russian lacks.
const KAZAKH_LETTER = /[әғқңөұүһіӘҒҚҢӨҰҮҺІ]/u
const CYRILLIC_WORD = /[\p{Script=Cyrillic}][\p{Script=Cyrillic}-]*/gu
const CYRILLIC = /\p{Script=Cyrillic}/gu
const LATIN = /\p{Script=Latin}/gu
// franc reads trigrams; past a few paragraphs more text changes nothing but the time.
const SAMPLE = 2_000

/** The item's language; English when the text has no letters to tell. */
export function detectLanguage(text: string): ItemLanguage {
  const sample = text.slice(0, SAMPLE)
  const cyrillic = sample.match(CYRILLIC)?.length ?? 0
  const latin = sample.match(LATIN)?.length ?? 0
  if (cyrillic <= latin) return 'en'
  const words = sample.match(CYRILLIC_WORD) ?? []
  const kazakh = words.filter((w) => KAZAKH_LETTER.test(w)).length
  if (kazakh === 0) return 'ru'
  // Half the words of a Kazakh text have such a letter; a Russian text quoting a Kazakh
  // name ("Қазақстан") has one or two, and franc decides the texts in between.
  if (kazakh / words.length >= 0.3) return 'kk'
  if (kazakh / words.length < 0.05) return 'ru'
  return franc(sample, { only: ['rus', 'kaz'], minLength: 10 }) === 'kaz' ? 'kk' : 'ru'
}
