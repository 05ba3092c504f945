import { describe, expect, it } from 'vitest'
import { findRuVenue } from './venue.ts'

describe('findRuVenue', () => {
  it('a city after "в"', () => {
    expect(findRuVenue('Семинар прошел в Алматы.', [])).toEqual({ city: 'Almaty', country: 'KZ' })
    expect(findRuVenue('Форум собрал экспертов в Нур-Султане.', [])).toEqual({ city: 'Astana', country: 'KZ' })
  })
  it('a city after "В" opening a sentence, and a visited city', () => {
    expect(findRuVenue('16.02.2024\nВ Алматы состоялась лекция.', [])).toEqual({ city: 'Almaty', country: 'KZ' })
    expect(findRuVenue('Делегация института посетила Анкару.', [])).toEqual({ city: 'Ankara', country: 'TR' })
  })
  it('a dateline', () => {
    expect(findRuVenue('Бишкек. 3 марта. Эксперты обсудили реформу.', [])).toEqual({ city: 'Bishkek', country: 'KG', dateline: true })
    expect(findRuVenue('(Ереван, 5 мая, агентство) — Эксперты обсудили реформу.', []).city).toBe('Yerevan')
  })
  it('a country only next to the verb of the event', () => {
    expect(findRuVenue('Конференция прошла в Казахстане.', [])).toEqual({ city: null, country: 'KZ' })
    expect(findRuVenue('Эксперты обсудили выборы в Казахстане и их итоги.', [])).toEqual({ city: null, country: null })
  })
  it('not places in brackets after a name', () => {
    expect(findRuVenue('Семинар организовал Институт (Россия, в Москве).', []).city).toBeNull()
  })
})
