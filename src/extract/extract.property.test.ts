import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ActivityRecordSchema } from '../archive/archive.schema.ts'
import { extractRecords } from './extract.ts'

const valid = (input: string) => {
  const records = extractRecords(input, { reference: new Date(2024, 0, 1) })
  for (const record of records) {
    const parsed = ActivityRecordSchema.safeParse(record)
    if (!parsed.success) throw new Error(`invalid record: ${parsed.error.message}\n${JSON.stringify(record).slice(0, 500)}`)
  }
  return records
}

// Words that steer the pipeline into its rules: names, heads, titles, cues, dates, places, quotes.
const WORDS = ['Dr.', 'Prof.', 'Askhat', 'Kesikbayev', 'M.B.', 'Syzdykova', 'University', 'Institute', 'of', 'the', 'for',
  'under', 'at', 'in', 'and', ',', '(', ')', '“', '”', '"', '«', '»', 'Ministry', 'Culture', 'Kazakhstan', 'Astana', 'Almaty',
  'UNDP', 'UN', 'Women', 'held', 'was', 'by', 'moderated', 'took', 'part', 'Director', 'Vice-President', 'Master',
  'Sociology', 'PhD', 'On', 'April', '25,', '2024', '12.03.2023', '21-22', 'May', 'from', 'to', 'June', 'online',
  'hybrid', 'conference', 'round', 'table', '-', '–', '.', ':', 'Read', 'more:', 'https://example.org/a?b=c', '\n', '\n\n',
  '#', '##', '**', '[', ']', 'i.e.', 'Organizers:', 'NCJSC', 'TURKSOY', 'under the auspices of', 'commissioned by',
  '’s', 'our', 'Centre', 'named', 'after', 'Speaker', 'Senate']

const newsLike = fc.array(fc.constantFrom(...WORDS), { maxLength: 200 }).map((words) => words.join(' '))

describe('extractRecords on any input', () => {
  it('never throws and always returns valid records, on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 2000, unit: 'binary' }), (input) => { valid(input) }), { numRuns: 300 })
  })

  it('never throws and always returns valid records, on news-like word salad', () => {
    fc.assert(fc.property(newsLike, (input) => { valid(input) }), { numRuns: 500 })
  })

  it('keeps every item verbatim from the input, in order', () => {
    fc.assert(fc.property(newsLike, (input) => {
      let from = 0
      for (const record of valid(input)) {
        const at = input.indexOf(record.text, from)
        expect(at).toBeGreaterThanOrEqual(from)
        from = at + record.text.length
      }
    }), { numRuns: 200 })
  })

  it('handles empty input', () => {
    expect(valid('')).toEqual([])
  })

  it('handles binary-looking input', () => {
    const bytes = Array.from({ length: 200_000 }, (_, i) => String.fromCharCode((i * 7919) % 65_536))
    valid(bytes.join(''))
    valid('\u0000\u0001\uFFFF\uD800 \uDFFF'.repeat(10_000))
  })

  it('handles 5 MB in seconds: the pipeline is linear', () => {
    const paragraph = 'On April 25, 2024, Dr. Askhat Kesikbayev, Vice-President of the Turkic Academy (Kazakhstan), ' +
      'moderated the conference “Dialogue” held in Almaty by the Ministry of Culture and Information of the Republic of Kazakhstan. '
    const fiveMegabytes = (unit: string) => unit.repeat(Math.ceil(5_000_000 / unit.length))
    const started = performance.now()
    expect(valid(fiveMegabytes(paragraph))).toHaveLength(1)
    valid('x'.repeat(5_000_000))
    // Long items of some 90 kB each: the text is kept whole, the analysis reads each item's first 20 kB.
    const longItem = `${paragraph.repeat(400)}\n\n`
    expect(valid(fiveMegabytes(longItem))).toHaveLength(Math.ceil(5_000_000 / longItem.length))
    valid(fiveMegabytes('(((“«[ '))
    // Generous: CI machines are shared; a quadratic step would take hours here, not seconds.
    expect(performance.now() - started).toBeLessThan(90_000)
  }, 180_000)

  it('reads 1 MB of short items at a steady rate', () => {
    const item = 'On 5 May 2024 Prof. Aigerim Bekova (Central Asia Policy Institute, Almaty) gave a lecture at Satbayev University.\n\n'
    const started = performance.now()
    const records = valid(item.repeat(Math.ceil(1_000_000 / item.length)))
    expect(records.length).toBeGreaterThan(8_000)
    expect(performance.now() - started).toBeLessThan(90_000)
  }, 180_000)
})
