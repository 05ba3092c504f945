import { nameWords } from './names.ts'

const MAX_SLUG_WORDS = 10

/** URL slug from any text: "Botagoz Rakisheva" → "botagoz-rakisheva"; Cyrillic is kept readable. */
export function slugify(text: string): string {
  const words = nameWords(text, { keepShortI: true }).slice(0, MAX_SLUG_WORDS)
  return words.join('-') || 'item'
}

/**
 * A free slug built from `base`: base, else base-2, base-3, … The numbered ones are usually taken
 * in a row (a thousand imported posts titled "Expert meeting"), so the search gallops past them
 * and narrows down to the first free number after the run: a few queries, not one per namesake.
 */
export async function uniqueSlug(base: string, isTaken: (slug: string) => Promise<boolean>): Promise<string> {
  const numbered = (n: number) => (n === 1 ? base : `${base}-${n}`)
  if (!(await isTaken(base))) return base
  let taken = 1, free = 2
  while (await isTaken(numbered(free))) { taken = free; free *= 2 }
  while (free - taken > 1) {
    const middle = (taken + free) >> 1
    if (await isTaken(numbered(middle))) taken = middle
    else free = middle
  }
  return numbered(free)
}
