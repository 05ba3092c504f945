import { nameKey } from './names.ts'

const MAX_SLUG_WORDS = 10

/** URL slug from any text: "Botagoz Rakisheva" → "botagoz-rakisheva"; Cyrillic is kept readable. */
export function slugify(text: string): string {
  const words = nameKey(text).split(' ').filter(Boolean).slice(0, MAX_SLUG_WORDS)
  return words.join('-') || 'item'
}

/** The first slug built from `base` that `isTaken` does not claim: base, base-2, base-3, … */
export async function uniqueSlug(base: string, isTaken: (slug: string) => Promise<boolean>): Promise<string> {
  let slug = base
  for (let n = 2; await isTaken(slug); n++) slug = `${base}-${n}`
  return slug
}
