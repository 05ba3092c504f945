import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { extractItems } from '../extract/index.ts'
import { proposeRecord } from './proposal.ts'
import { NameIndex } from './resolve.ts'
import { readText } from './sources/text.ts'

const indexes = {
  people: new NameIndex('person', [{ id: 1, slug: 'botagoz-rakisheva', name: 'Botagoz Rakisheva', variants: ['Ракишева Ботагоз'] }]),
  organizations: new NameIndex('organization', [{ id: 1, slug: 'undp', name: 'United Nations Development Programme', variants: [], acronyms: ['UNDP'] }]),
}

const WORDS = ['Dr.', 'Botagoz', 'Rakisheva', 'B.', 'Ракишева', 'Ботагоз', 'UNDP', 'held', 'a', 'seminar', 'in', 'Astana', 'on',
  'April', '25,', '2024', '12.03.2023', 'the', 'University', 'Institute', 'of', 'moderated', 'by', ',', '.', '(', ')', '\n', '\n\n',
  '#', 'Title', '**', 'https://example.org']
const newsLike = fc.array(fc.constantFrom(...WORDS), { maxLength: 150 }).map((words) => words.join(' '))

/** Reading, extracting and proposing: what `chronicle import` does to a text before it writes anything. */
function propose(input: string) {
  const file = readText(input, { markdown: true })
  const records = extractItems(file.items.map((item) => item.text), { reference: new Date(2024, 0, 1) })
  return file.items.map((item, index) => ({ item, proposal: proposeRecord(records[index]!, indexes) }))
}

describe('proposals on any input', () => {
  it('never throw; highlights lie inside the text, in order, without overlapping; every link is to a known record', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 1500, unit: 'binary' }), newsLike), (input) => {
      for (const { item, proposal } of propose(input)) {
        let end = 0
        for (const h of proposal.highlights) {
          expect(h.start).toBeGreaterThanOrEqual(end)
          expect(h.end).toBeGreaterThan(h.start)
          expect(h.end).toBeLessThanOrEqual(item.text.length)
          end = h.end
        }
        for (const entity of [...proposal.people, ...proposal.organizations]) {
          if (entity.decision.action === 'link') expect(entity.decision.id).toBe(1)
          for (const c of entity.resolution.candidates) expect(c.confidence).toBeGreaterThan(0)
        }
        // The JSON stored for review reads back the same.
        expect(JSON.parse(JSON.stringify(proposal))).toEqual(proposal)
      }
    }), { numRuns: 300 })
  })

  it('gives every item a distinct position and a key that is the same on a second reading', () => {
    fc.assert(fc.property(newsLike, (input) => {
      const first = readText(input, { markdown: false }).items
      const second = readText(input, { markdown: false }).items
      expect(second.map((i) => i.key)).toEqual(first.map((i) => i.key))
      expect(new Set(first.map((i) => i.position)).size).toBe(first.length)
    }), { numRuns: 200 })
  })
})
