import { describe, expect, it } from 'vitest'
import { findKind } from './kind.ts'

describe('findKind', () => {
  const cases: Array<[string, ReturnType<typeof findKind>]> = [
    ['International Scientific Workshop on symbols was held in Astana.', 'workshop'],
    ['On 23 February the institute held a round table on enclaves.', 'round-table'],
    ['took part in the Strategic Session “Sustainable Development”', 'strategic-session'],
    ['UNDP presented an analytical report “Public perception”.', 'presentation'],
    ['gave a guest lecture for students', 'lecture'],
    ['an Expert meeting was held; the expert made a presentation', 'meeting'],
    ['The Astana International Forum gathered 5,000 guests', 'forum'],
    ['a webinar on survey methods', 'seminar'],
    ['The symposium opened in Bishkek', 'conference'],
    ['An exhibition of photographs opened', 'other'],
    ['The director was awarded a medal.', null],
  ]
  for (const [text, kind] of cases) it(text, () => expect(findKind(text)).toBe(kind))

  it('prefers event words outside quoted titles', () => {
    expect(findKind('A seminar “The Conference of the Birds: a reading” was held.')).toBe('seminar')
  })
  it('reads a panel discussion, a signing headline and a policy paper launch per the conventions', () => {
    expect(findKind('A webinar on water. This panel discussion brings together three experts.')).toBe('other')
    expect(findKind('The school hosted a panel discussion on energy.')).toBe('round-table')
    expect(findKind('Two institutes sign a memorandum of cooperation\nThe memorandum was signed at the annual meeting of the council.')).toBe('other')
    expect(findKind('The evening marks the launch of the policy paper on mountain rivers by A. Kim.')).toBe('presentation')
  })
  it('reads an event card\'s type, skips a conference room and reads a release conference or a session\'s lecture', () => {
    expect(findKind('Arctic futures\nProgramme type: Talks\nVenue: Conference Room II, Polar House')).toBe('lecture')
    expect(findKind('Event type: Workshop\nThe meeting of experts will discuss rivers.')).toBe('workshop')
    expect(findKind('The Steppe Yearbook 2020 presented at a release conference in Almaty')).toBe('presentation')
    expect(findKind('Winter Dialogue – Second Session\nThe Centre held the second session of its Winter Dialogue. Dr. A B delivered the lecture on energy.')).toBe('lecture')
  })
})
