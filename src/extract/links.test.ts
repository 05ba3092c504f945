import { describe, expect, it } from 'vitest'
import { findLinks } from './links.ts'

describe('findLinks', () => {
  it('finds URLs in order, once each, without trailing punctuation', () => {
    const text = 'Organizers: Academy (https://turkicacademy.org) and Institute (https://opinions.kz). See www.example.org/news, and https://opinions.kz.'
    expect(findLinks(text)).toEqual(['https://turkicacademy.org', 'https://opinions.kz', 'www.example.org/news'])
  })
  it('keeps query strings and Markdown link targets', () => {
    expect(findLinks('Read more: https://www.gov.kz/news/details/704144?lang=ru')).toEqual(['https://www.gov.kz/news/details/704144?lang=ru'])
    expect(findLinks('[the report](https://example.org/report.pdf)')).toEqual(['https://example.org/report.pdf'])
  })
})
