import { describe, expect, it } from 'vitest'
import { findTitle } from './title.ts'

describe('findTitle', () => {
  it('takes a quoted title after the event word', () => {
    expect(findTitle('an international conference “International dialogue in the works of K. Khafizova”, dedicated to')).toBe('International dialogue in the works of K. Khafizova')
  })
  it('takes "on the topic “…”" and drops the final period', () => {
    expect(findTitle('gave a guest lecture on the topic “New stage of diaspora policy of the Republic of Kazakhstan.”')).toBe('New stage of diaspora policy of the Republic of Kazakhstan')
  })
  it('reads straight quotes and guillemets', () => {
    expect(findTitle('organized a seminar on the topic "Water Security and Regional Cooperation".')).toBe('Water Security and Regional Cooperation')
    expect(findTitle('the forum «Central Asia 2030» opened')).toBe('Central Asia 2030')
  })
  it('keeps nested quotes inside a title', () => {
    expect(findTitle('made a report “On the Typology of Enclaves “From the Threshold to the Museum””')).toBe('On the Typology of Enclaves “From the Threshold to the Museum”')
  })
  it('takes an unquoted title between the event word and "was held"', () => {
    expect(findTitle('International Scientific Workshop Community of Turkic-speaking Countries: Symbols, Values, Ideas was held in Astana.')).toBe('Community of Turkic-speaking Countries: Symbols, Values, Ideas')
  })
  it('ignores quotations that are not titles', () => {
    expect(findTitle('The minister said “we will continue” and left.')).toBeNull()
    expect(findTitle('Botagoz Rakisheva took part in the first meeting of the council.')).toBeNull()
  })
})
