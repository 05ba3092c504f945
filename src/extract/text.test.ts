import { describe, expect, it } from 'vitest'
import { blankMarkdown, findQuotes, splitSentences, tokenize } from './text.ts'

describe('text helpers', () => {
  it('keeps initials, titles and i.e. inside one sentence', () => {
    const text = 'Among the guests were M.B. Syzdykova and Dr. A. Smith. Staff i.e. Botagoz took part.\nNext line'
    expect(splitSentences(text).map((s) => text.slice(s.start, s.end))).toEqual([
      'Among the guests were M.B. Syzdykova and Dr. A. Smith.', 'Staff i.e. Botagoz took part.', 'Next line'])
  })
  it('tokenizes names with inner punctuation as one word', () => {
    expect(tokenize('L.N.Gumilev, Chung-Ang, Women’s').filter((t) => t.word).map((t) => t.text)).toEqual(['L.N.Gumilev', 'Chung-Ang', 'Women’s'])
  })
  it('finds quoted spans, nested curly quotes included', () => {
    const text = 'a “b “c” d” and "e" and «f»'
    expect(findQuotes(text).map((s) => text.slice(s.start, s.end))).toEqual(['“b “c” d”', '"e"', '«f»'])
  })
  it('blanks Markdown markup without moving offsets', () => {
    const text = '## Title\n**Bold** and [a link](https://x.org)'
    const blank = blankMarkdown(text)
    expect(blank).toHaveLength(text.length)
    expect(blank).not.toContain('#')
    expect(blank).toContain('a link')
  })
})
