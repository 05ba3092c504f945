import { describe, expect, it } from 'vitest'
import { findFormat } from './format.ts'

describe('findFormat', () => {
  it('reads hybrid from "hybrid format (offline/online)"', () => {
    expect(findFormat('The expert meeting was held in a hybrid format (offline/online).', false)).toBe('hybrid')
  })
  it('calls a city meeting with one participant "(online)" hybrid', () => {
    expect(findFormat('Experts: A (Uzbekistan), B, University (online) (Uzbekistan).', true)).toBe('hybrid')
  })
  it('reads online events', () => {
    expect(findFormat('The institute organized an online seminar.', false)).toBe('online')
    expect(findFormat('The webinar gathered 80 listeners.', false)).toBe('online')
    expect(findFormat('The meeting took place via Zoom.', false)).toBe('online')
  })
  it('calls an event in a named city in person', () => {
    expect(findFormat('The conference was held in Almaty.', true)).toBe('in-person')
    expect(findFormat('a face-to-face meeting', false)).toBe('in-person')
  })
  it('does not take an online survey for an online event', () => {
    expect(findFormat('The report is based on an online survey of 1,000 people.', false)).toBeNull()
  })
  it('says nothing when the text says nothing', () => {
    expect(findFormat('The director took part in the meeting.', false)).toBeNull()
  })
  it('reads a named venue or a delegation\'s visit as in person', () => {
    expect(findFormat('The seminar took place on 3 May at the Steppe Institute of History.', false)).toBe('in-person')
    expect(findFormat('A delegation of the Aral Center visited our university. The guests met the rector.', false)).toBe('in-person')
    expect(findFormat('A delegation of the Aral Center visited our university.', false)).toBeNull()
    expect(findFormat('Programme: Talks\nVenue: Hall 2, main building', false)).toBe('in-person')
    expect(findFormat('The round table was held at the initiative of the Ministry.', false)).toBeNull()
  })
  it('reads "in person or remotely" and "an in situ part with a virtual one" as hybrid, an online launch as online', () => {
    expect(findFormat('Participation: in person or remotely', true)).toBe('hybrid')
    expect(findFormat('It combined an in situ part with a virtual one on the Zoom platform.', true)).toBe('hybrid')
    expect(findFormat('Online launch of the atlas held in Riga', true)).toBe('online')
  })
})
