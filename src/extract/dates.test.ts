import { describe, expect, it } from 'vitest'
import { findDates } from './dates.ts'

const reference = new Date(2024, 5, 1, 12)
const cases: Array<[string, string | null, string | null]> = [
  ['On April 25, 2024, an international conference', '2024-04-25', null],
  ['April 16, 2024. Botagoz Rakisheva gave a lecture', '2024-04-16', null],
  ['The forum opened on 12 March 2023 in Tashkent', '2023-03-12', null],
  ['12.03.2023. The seminar', '2023-03-12', null],
  ['held on 2024-05-21 in Bishkek', '2024-05-21', null],
  ['held on 21-22 May 2024 in Almaty', '2024-05-21', '2024-05-22'],
  ['on May 21–22, 2024 in Almaty', '2024-05-21', '2024-05-22'],
  ['from 30 May to 2 June 2024 the school', '2024-05-30', '2024-06-02'],
  ['from 28 December 2023 to 3 January 2024', '2023-12-28', '2024-01-03'],
  ['October 21 to 23, 2023', '2023-10-21', '2023-10-23'],
  ['12.03.2023–14.03.2023', '2023-03-12', '2023-03-14'],
  ['on 03/25/2024 at noon', '2024-03-25', null],
  ['On Monday, 3 June, the council met', '2024-06-03', null],
  ['a plan for 2025-2030 and the work plan for 2024', null, null],
  ['no date at all', null, null],
]

describe('findDates', () => {
  for (const [text, date, endDate] of cases) {
    it(text, () => expect(findDates(text, reference)).toEqual({ date, endDate }))
  }

  it('takes the year from the reference date when the text leaves it out', () => {
    expect(findDates('on 5 May the council met', new Date(2023, 4, 20, 12)).date).toBe('2023-05-05')
  })

  it('gives no date for a day and month without a year, unless the text or a reference supplies one', () => {
    expect(findDates('The seminar took place on 17 June in the main hall.')).toEqual({ date: null, endDate: null })
    expect(findDates('A round table will take place on 9 December, Friday, at 11:00. A review of 2016.')).toEqual({ date: null, endDate: null })
    expect(findDates('It ran for 3 days, from March 4 – 6, 2019, in Doha.')).toEqual({ date: '2019-03-04', endDate: '2019-03-06' })
  })

  it('prefers the body\'s date to a date line or dateline above it, and uses the date line when it is the only one', () => {
    expect(findDates('Seminar on rivers\n14 March 2019\nThe seminar was held on 12 March 2019 in Osh.').date).toBe('2019-03-12')
    expect(findDates('05.04.2020, 10:15\nOn the 2nd of April, 2020 the council met.').date).toBe('2020-04-02')
    expect(findDates('ALMATY, 3 May 2021 – The institute will hold a forum on Friday, 7 May 2021.').date).toBe('2021-05-07')
    expect(findDates('Lecture at the university\nBaku 12:40 - 21.03.16 «News»\nThe minister gave a lecture; on March 20 the library opened.').date).toBe('2016-03-21')
    expect(findDates('8 May 2019 - 10:30\nOn Monday the minister met the experts.').date).toBe('2019-05-08')
  })

  it('rejects impossible days', () => {
    expect(findDates('on 31.02.2024 nothing happened', reference).date).toBeNull()
  })
  it('reads the body\'s days without a year in the date line\'s year when the body says the activity took place then', () => {
    expect(findDates('Workshop on rivers\n9 Oct 2015\nBISHKEK - The centre organised the workshop in Osh on 6-8 October. It closed.'))
      .toEqual({ date: '2015-10-06', endDate: '2015-10-08' })
    expect(findDates('Seminar\n5 Jan 2021\nThe seminar was held in Riga on 20 December.').date).toBe('2020-12-20')
    expect(findDates('Lecture\n12.02.2015\nThe rector said that February 8 marks the founding.').date).toBe('2015-02-12')
  })
})
