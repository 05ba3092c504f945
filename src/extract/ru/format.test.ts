import { describe, expect, it } from 'vitest'
import { findRuFormat } from './format.ts'

describe('findRuFormat', () => {
  it('online', () => {
    expect(findRuFormat('Семинар прошел в онлайн-формате.', false)).toBe('online')
    expect(findRuFormat('Заседание прошло в режиме видеоконференции.', false)).toBe('online')
  })
  it('hybrid', () => {
    expect(findRuFormat('Формат — очно-дистанционный.', true)).toBe('hybrid')
    expect(findRuFormat('Конференция пройдет в гибридном формате.', false)).toBe('hybrid')
    expect(findRuFormat('Участие в очном, заочном и онлайн форматах.', false)).toBe('hybrid')
    expect(findRuFormat('В Алматы прошел семинар, часть экспертов подключилась онлайн.', true)).toBe('hybrid')
  })
  it('in person when placed, else unknown', () => {
    expect(findRuFormat('В университете прошел семинар.', true)).toBe('in-person')
    expect(findRuFormat('Эксперты обсудили реформу.', false)).toBeNull()
  })
})
