import { describe, expect, it } from 'vitest'
import { findRuTitle } from './title.ts'

describe('findRuTitle', () => {
  it('the quoted theme after an event word', () => {
    expect(findRuTitle('Прошел круглый стол «Вода и климат в Центральной Азии».')).toBe('Вода и климат в Центральной Азии')
    expect(findRuTitle('Состоялась конференция на тему «Цифровая экономика: вызовы».')).toBe('Цифровая экономика: вызовы')
    expect(findRuTitle('Девизом встречи стали слова «Вместе — сильнее».')).toBe('Вместе — сильнее')
  })
  it('after a quoted kind word', () => {
    expect(findRuTitle('Прошел «круглый стол» «Энергетика региона».')).toBe('Энергетика региона')
  })
  it('not an organization or a building in quotes', () => {
    expect(findRuTitle('В ОФ «Ел үміті» прошел семинар.')).toBeNull()
    expect(findRuTitle('Семинар прошел в гостинице «Алтын».')).toBeNull()
  })
})
