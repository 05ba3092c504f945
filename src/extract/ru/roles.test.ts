import { describe, expect, it } from 'vitest'
import { assignRuRoles } from './roles.ts'

/** Roles of the given names, found in the text by their spelling. */
function roles(text: string, names: string[], governed: string[] = []) {
  const entities = names.map((n) => {
    const start = text.indexOf(n)
    return { start, end: start + n.length, passive: false, governed: governed.includes(n) }
  })
  return Object.fromEntries(names.map((n, i) => [n, assignRuRoles(text, entities)[i]]))
}

describe('assignRuRoles', () => {
  it('organizers and a supporter', () => {
    expect(roles('Семинар организовали КИСИ и Фонд Эберта при поддержке ПРООН.', ['КИСИ', 'Фонд Эберта', 'ПРООН']))
      .toEqual({ КИСИ: ['organizer'], 'Фонд Эберта': ['organizer'], ПРООН: ['supporter'] })
  })
  it('a partner after "совместно с" does not take the verb', () => {
    expect(roles('КазНУ совместно с ОБСЕ провел тренинг.', ['КазНУ', 'ОБСЕ'])).toEqual({ КазНУ: ['organizer'], ОБСЕ: ['partner'] })
  })
  it('moderators and speakers', () => {
    expect(roles('Модерировала встречу Анна Королева. С приветственным словом выступил Иван Сомов.', ['Анна Королева', 'Иван Сомов']))
      .toEqual({ 'Анна Королева': ['moderator'], 'Иван Сомов': ['speaker'] })
  })
  it('the agent of a passive participle, in the instrumental', () => {
    expect(roles('Лекция была организована Казахстанско-Немецким университетом.', ['Казахстанско-Немецким университетом'], ['Казахстанско-Немецким университетом']))
      .toEqual({ 'Казахстанско-Немецким университетом': ['organizer'] })
    expect(roles('Форум, организованный КИСИ, собрал экспертов.', ['КИСИ'])).toEqual({ КИСИ: ['organizer'] })
  })
  it('a moderator of a named session', () => {
    expect(roles('Модератором пленарной сессии выступил ректор Иван Сомов.', ['Иван Сомов'])).toEqual({ 'Иван Сомов': ['moderator'] })
  })
  it('a list after a colon shares its cue', () => {
    expect(roles('Доклад прокомментировали: директор А.Б. Сеитов; эксперт В.Г. Ли.', ['А.Б. Сеитов', 'В.Г. Ли']))
      .toEqual({ 'А.Б. Сеитов': ['discussant'], 'В.Г. Ли': ['discussant'] })
  })
  it('participants and a commissioner', () => {
    expect(roles('В работе участвовали Иван Сомов и Анна Королева. Исследование проведено по заказу ЕБРР.', ['Иван Сомов', 'Анна Королева', 'ЕБРР']))
      .toEqual({ 'Иван Сомов': ['participant'], 'Анна Королева': ['participant'], ЕБРР: ['commissioner'] })
  })
  it('a governed name takes only a prepositional cue', () => {
    expect(roles('КИСИ провел семинар к 30-летию Содружества.', ['КИСИ', 'Содружества'], ['Содружества']))
      .toEqual({ КИСИ: ['organizer'], Содружества: [] })
  })
  it('Kazakh postpositions after the name', () => {
    expect(roles('Семинар Эберт қорының қолдауымен өтті.', ['Эберт қорының']))
      .toEqual({ 'Эберт қорының': ['supporter'] })
  })
  it('Kazakh cues', () => {
    expect(roles('Дөңгелек үстелді КИСИ ұйымдастырды. Асан Беков баяндама жасады.', ['КИСИ', 'Асан Беков']))
      .toEqual({ КИСИ: ['organizer'], 'Асан Беков': ['speaker'] })
  })
})
