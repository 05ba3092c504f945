import { describe, expect, it } from 'vitest'
import { lookupCyrillicPlace } from './places.ts'

describe('lookupCyrillicPlace', () => {
  it('finds cities in any case through the gazetteer', () => {
    expect(lookupCyrillicPlace('Омске')).toEqual({ city: 'Omsk', country: 'RU' })
    expect(lookupCyrillicPlace('Бишкеком')).toEqual({ city: 'Bishkek', country: 'KG' })
  })
  it('uses the English spelling and the current name', () => {
    expect(lookupCyrillicPlace('Киеве')).toEqual({ city: 'Kyiv', country: 'UA' })
    expect(lookupCyrillicPlace('Целинограде')).toEqual({ city: 'Astana', country: 'KZ' })
    expect(lookupCyrillicPlace('Алма-Ату')).toEqual({ city: 'Almaty', country: 'KZ' })
    expect(lookupCyrillicPlace('Чимкента')).toEqual({ city: 'Shymkent', country: 'KZ' })
  })
  it('reads country names and abbreviations in any case', () => {
    expect(lookupCyrillicPlace('Узбекистана')).toEqual({ city: null, country: 'UZ' })
    expect(lookupCyrillicPlace('Республике Таджикистан')).toEqual({ city: null, country: 'TJ' })
    expect(lookupCyrillicPlace('Российскую Федерацию')).toEqual({ city: null, country: 'RU' })
    expect(lookupCyrillicPlace('РФ')).toEqual({ city: null, country: 'RU' })
  })
  it('reads Kazakh case endings', () => {
    expect(lookupCyrillicPlace('Шымкентте')).toEqual({ city: 'Shymkent', country: 'KZ' })
    expect(lookupCyrillicPlace('Өзбекстанда')).toEqual({ city: null, country: 'UZ' })
  })
  it('matches romanisations loosely against the gazetteer and the region\'s towns', () => {
    expect(lookupCyrillicPlace('Хабаровске')).toEqual({ city: 'Khabarovsk', country: 'RU' })
    expect(lookupCyrillicPlace('Гянджу')).toEqual({ city: 'Ganja', country: 'AZ' })
    expect(lookupCyrillicPlace('Зугдиди')).toEqual({ city: 'Zugdidi', country: 'GE' })
    expect(lookupCyrillicPlace('Нижнем Новгороде')).toEqual({ city: 'Nizhniy Novgorod', country: 'RU' })
  })
  it('prefers the region\'s town and writes it without apostrophes', () => {
    expect(lookupCyrillicPlace('Жалал-Абаде')).toEqual({ city: 'Jalal-Abad', country: 'KG' })
    expect(lookupCyrillicPlace('Ставрополе')).toEqual({ city: 'Stavropol', country: 'RU' })
  })
  it('guesses the nominative of names az does not know', () => {
    expect(lookupCyrillicPlace('Претории')).toEqual({ city: 'Pretoria', country: 'ZA' })
  })
  it('does not take names, words or regions for towns', () => {
    expect(lookupCyrillicPlace('Анна')).toBeNull()
    expect(lookupCyrillicPlace('Заря')).toBeNull()
    expect(lookupCyrillicPlace('Центральной')).toBeNull()
    expect(lookupCyrillicPlace('Алтай')).toBeNull()
    expect(lookupCyrillicPlace('Томском')).toBeNull()
    expect(lookupCyrillicPlace('Скопина')).toBeNull()
  })
  it('reads past prepositions, "г." and Kazakh "қаласы"', () => {
    expect(lookupCyrillicPlace('в г. Алматы')).toEqual({ city: 'Almaty', country: 'KZ' })
    expect(lookupCyrillicPlace('г.Бишкек')).toEqual({ city: 'Bishkek', country: 'KG' })
    expect(lookupCyrillicPlace('в городе Омске')).toEqual({ city: 'Omsk', country: 'RU' })
    expect(lookupCyrillicPlace('Шымкент қаласында')).toEqual({ city: 'Shymkent', country: 'KZ' })
    expect(lookupCyrillicPlace('Воронеже')).toEqual({ city: 'Voronezh', country: 'RU' })
    expect(lookupCyrillicPlace('Вене')).toEqual({ city: 'Vienna', country: 'AT' })
  })
  it('gives null for words that name no place', () => {
    expect(lookupCyrillicPlace('собрании')).toBeNull()
    expect(lookupCyrillicPlace('')).toBeNull()
  })
})
