import { describe, expect, it } from 'vitest'
import { isAcronym, nameKey } from './names.ts'

describe('nameKey', () => {
  it('drops diacritics, so a name matches however it was typed', () => {
    expect(nameKey('Somuncuoğlu')).toBe(nameKey('Somuncuoglu'))
    expect(nameKey('Prof. Hayati Tüfekçioğlu')).toBe('hayati tufekcioglu')
    expect(nameKey('Kaïs Saïed')).toBe('kais saied')
    expect(nameKey('Ca\u0301rdenas')).toBe('cardenas')
    expect(nameKey('İstanbul Şahin Ömer')).toBe('istanbul sahin omer')
  })

  it('folds letters that decomposition leaves alone', () => {
    expect(nameKey('Łukasz Żółw')).toBe('lukasz zolw')
    expect(nameKey('Straße')).toBe('strasse')
    expect(nameKey('Kırıkkale')).toBe('kirikkale')
    expect(nameKey('Øresund Æsir')).toBe('oresund aesir')
  })

  it('removes leading honorifics and a leading “the”, but never the whole name', () => {
    expect(nameKey('Dr. Anar Somuncuoğlu')).toBe('anar somuncuoglu')
    expect(nameKey('Prof. Dr. Hayati Tufekcioglu')).toBe('hayati tufekcioglu')
    expect(nameKey('Mr Smith')).toBe('smith')
    expect(nameKey('Ms. Lee')).toBe('lee')
    expect(nameKey('The Turkic Academy')).toBe('turkic academy')
    expect(nameKey('Dr.')).toBe('dr')
    expect(nameKey('Doctor Who')).toBe('doctor who')
  })

  it('drops apostrophes and turns other punctuation into spaces', () => {
    expect(nameKey("O'Brien")).toBe('obrien')
    expect(nameKey('O’Brien')).toBe('obrien')
    expect(nameKey('L.N.Gumilev ENU')).toBe(nameKey('L. N. Gumilev  ENU'))
    expect(nameKey('Jean-Luc Picard')).toBe('jean luc picard')
    expect(nameKey('“Amanat” Party')).toBe('amanat party')
  })

  it('keeps Cyrillic and other scripts, in lower case', () => {
    expect(nameKey('Ракишева Ботагоз')).toBe('ракишева ботагоз')
    expect(nameKey('Ақмола')).toBe('ақмола')
    expect(nameKey('王伟')).toBe('王伟')
  })

  it('gives nothing for a name of punctuation', () => {
    expect(nameKey(' ... ')).toBe('')
  })
})

describe('isAcronym', () => {
  it('knows short capitals as acronyms', () => {
    expect(['UNDP', 'TURKSOY', 'ENU', 'UN-Women', 'R&D'].map(isAcronym)).toEqual([true, true, true, false, true])
    expect(['United Nations', 'U', 'ABCDEFGHIJK'].map(isAcronym)).toEqual([false, false, false])
  })
})
