// Letters that Unicode decomposition leaves alone.
const FOLD: Record<string, string> = { ı: 'i', ł: 'l', ø: 'o', đ: 'd', ß: 'ss', æ: 'ae', œ: 'oe' }
const HONORIFICS = new Set(['dr', 'prof', 'professor', 'mr', 'mrs', 'ms'])

/** Lower case, no diacritics, no punctuation: "Dr. Anar Somuncuoğlu" and "anar somuncuoglu" share a key. */
export function nameKey(name: string): string {
  return nameWords(name, { keepShortI: false }).join(' ')
}

/**
 * The words of a name or title, folded as for name keys. Keys (stored with every name) fold й into
 * и as well; a slug keeps it, as Russian and Kazakh readers spell their words.
 */
export function nameWords(name: string, options: { keepShortI: boolean }): string[] {
  let decomposed = name.normalize('NFD')
  if (options.keepShortI) decomposed = decomposed.replace(/([иИ])\u0306/g, (_, c: string) => (c === 'и' ? 'й' : 'Й'))
  const words = decomposed
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ıłøđßæœ]/g, (c) => FOLD[c] ?? c)
    .replace(/['’ʼ`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
  while (words.length > 1 && (words[0] === 'the' || HONORIFICS.has(words[0]!))) words.shift()
  return words
}

/** Acronyms are short and written in capitals: UNDP, TURKSOY, ENU. */
export function isAcronym(name: string): boolean {
  return /^[\p{Lu}\p{N}&.-]{2,10}$/u.test(name.trim())
}
