import { describe, expect, it } from 'vitest'
import { PersonSchema } from '../archive/archive.schema.ts'
import { slugify, uniqueSlug } from './slug.ts'

describe('slugify', () => {
  it('joins the words of a name with hyphens, without diacritics or honorifics', () => {
    expect(slugify('Botagoz Rakisheva')).toBe('botagoz-rakisheva')
    expect(slugify('Dr. Anar Somuncuoğlu')).toBe('anar-somuncuoglu')
    expect(slugify('Round table: “Ethnocultural enclaves”')).toBe('round-table-ethnocultural-enclaves')
    expect(slugify('2024-04-19 Sustainable development')).toBe('2024-04-19-sustainable-development')
  })

  it('keeps at most ten words', () => {
    expect(slugify('one two three four five six seven eight nine ten eleven twelve'))
      .toBe('one-two-three-four-five-six-seven-eight-nine-ten')
  })

  it('keeps other scripts readable', () => {
    expect(slugify('Конференция в Астане')).toBe('конференция-в-астане')
    // й is a letter of its own, not и with a mark to drop: "круглый", not "круглыи".
    expect(slugify('Круглый стол «Евразийская интеграция»')).toBe('круглый-стол-евразийская-интеграция')
    expect(slugify('Қазақстан мен Йемен')).toBe('қазақстан-мен-йемен')
    expect(slugify('Gʻayrat Oʻrinov')).toBe('gʻayrat-oʻrinov')
    expect(slugify('王伟')).toBe('王伟')
  })

  it('says “item” for text without letters or digits', () => {
    expect(slugify('!!!')).toBe('item')
    expect(slugify('')).toBe('item')
  })

  it('makes only slugs the archive format accepts', () => {
    const names = ['Botagoz Rakisheva', 'Gʻayrat Oʻrinov', '王伟', 'محمد علي', 'Ақмола', 'Straße', 'Łukasz', 'ǅemal', '!!!']
    for (const name of names) {
      expect(PersonSchema.safeParse({ slug: slugify(name), name: 'x' }).success, name).toBe(true)
    }
  })
})

describe('uniqueSlug', () => {
  it('adds -2, -3, … until the slug is free', async () => {
    const taken = new Set(['forum', 'forum-2'])
    expect(await uniqueSlug('forum', async (s) => taken.has(s))).toBe('forum-3')
    expect(await uniqueSlug('seminar', async (s) => taken.has(s))).toBe('seminar')
  })

  it('finds the next number after a long run of namesakes in a few lookups, and never a taken slug', async () => {
    for (const run of [1, 2, 3, 7, 8, 9, 100, 1000]) {
      const taken = new Set(['meeting', ...Array.from({ length: run - 1 }, (_, i) => `meeting-${i + 2}`)])
      let lookups = 0
      const slug = await uniqueSlug('meeting', async (s) => { lookups++; return taken.has(s) })
      expect(slug).toBe(`meeting-${run + 1}`)
      expect(lookups).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(run + 1)) + 2)
    }
    // A gap left by a deleted record may be filled; whatever comes back is free.
    const gappy = new Set(['forum', 'forum-2', 'forum-4', 'forum-5', 'forum-6'])
    expect(gappy.has(await uniqueSlug('forum', async (s) => gappy.has(s)))).toBe(false)
  })
})
