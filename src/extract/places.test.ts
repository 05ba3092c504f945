import { describe, expect, it } from 'vitest'
import { countryCode, findPlaces, findVenue, lookupCity } from './places.ts'

describe('gazetteer', () => {
  it('knows capitals, large cities and Central Asian spellings', () => {
    expect(lookupCity('Nur-Sultan')).toMatchObject({ name: 'Astana', country: 'KZ' })
    expect(lookupCity('Alma-Ata')).toMatchObject({ name: 'Almaty', country: 'KZ' })
    expect(lookupCity('Ust-Kamenogorsk')).toMatchObject({ name: 'Oskemen', country: 'KZ' })
    expect(lookupCity('Uralsk')).toMatchObject({ name: 'Oral', country: 'KZ' })
    expect(lookupCity('Semipalatinsk')).toMatchObject({ name: 'Semey', country: 'KZ' })
    expect(lookupCity('Chimkent')).toMatchObject({ name: 'Shymkent', country: 'KZ' })
    expect(lookupCity('Kyzylorda')).toMatchObject({ country: 'KZ' })
    expect(lookupCity('Toshkent')).toMatchObject({ name: 'Tashkent', country: 'UZ' })
    expect(lookupCity('Samarkand')).toMatchObject({ country: 'UZ' })
    expect(lookupCity('Osh')).toMatchObject({ country: 'KG' })
    expect(lookupCity('Dushanbe')).toMatchObject({ country: 'TJ' })
    expect(lookupCity('Ashgabat')).toMatchObject({ country: 'TM' })
    expect(lookupCity('Paris')).toMatchObject({ country: 'FR' })
    expect(lookupCity('Nowhereville')).toBeNull()
  })

  it('reads country names and adjectives as ISO codes', () => {
    expect(countryCode('Kazakhstan')).toBe('KZ')
    expect(countryCode('the Republic of Kazakhstan')).toBe('KZ')
    expect(countryCode('Russian Federation')).toBe('RU')
    expect(countryCode('Turkey')).toBe('TR')
    expect(countryCode('Türkiye')).toBe('TR')
    expect(countryCode('Korea')).toBe('KR')
    expect(countryCode('Czech Republic')).toBe('CZ')
    expect(countryCode('United States')).toBe('US')
    expect(countryCode('Kyrgyz')).toBe('KG')
    expect(countryCode('Uzbek')).toBe('UZ')
    expect(countryCode('Atlantis')).toBeNull()
  })

  it('finds multi-word places in text', () => {
    expect(findPlaces('in the Republic of Kazakhstan and the Russian Federation').map((p) => p.country)).toEqual(['KZ', 'RU'])
  })
})

describe('findVenue', () => {
  it('takes the city of "held in"', () => {
    expect(findVenue('A workshop was held in Astana (Kazakhstan) on September 20, 2024.')).toEqual({ city: 'Astana', country: 'KZ' })
  })
  it('reads a dateline', () => {
    expect(findVenue('TASHKENT, 21 May 2024 – The university hosted a conference.')).toEqual({ city: 'Tashkent', country: 'UZ' })
    expect(findVenue('Tashkent, 21 May 2024 – The university hosted a conference.')).toEqual({ city: 'Tashkent', country: 'UZ' })
  })
  it('ignores cities inside affiliations and names it is told to skip', () => {
    const text = 'Among the guests were A (Public Opinion Research Institute, Astana, Kazakhstan).'
    const open = text.indexOf('(')
    expect(findVenue(text, [{ start: open, end: text.length }])).toEqual({ city: null, country: null })
  })
  it('gives the country alone for "held in <country>"', () => {
    expect(findVenue('The forum was held in Kyrgyzstan.')).toEqual({ city: null, country: 'KG' })
  })
  it('finds nothing when the text names no place', () => {
    expect(findVenue('The council met to approve its plan.')).toEqual({ city: null, country: null })
  })
  it('reads a dateline on one of the first lines and a headline\'s "in City"', () => {
    expect(findVenue('Seminar on water\nAktau 10:02 - 12.02.15 «News»\nThe seminar was held at the university.')).toEqual({ city: 'Aktau', country: 'KZ' })
    expect(findVenue('A new centre for energy\nUlaanbaatar /NEWS/ The academy was the venue of a conference.')).toEqual({ city: 'Ulaanbaatar', country: 'MN' })
    expect(findVenue('Experts meet at a round table in Osh\nExperts of two institutes met today.')).toEqual({ city: 'Osh', country: 'KG' })
    expect(findVenue('Experts discuss the situation in Kabul\nExperts of two institutes met today.')).toEqual({ city: null, country: null })
  })
})
