import { describe, expect, it } from 'vitest'
import { detectLanguage } from './language.ts'

describe('detectLanguage', () => {
  it('tells English, Russian and Kazakh news apart', () => {
    expect(detectLanguage('On 20 September the Institute held a round table in Astana.')).toBe('en')
    expect(detectLanguage('12 ноября 2020 г. Ученый совет института собрался в онлайн-формате.')).toBe('ru')
    expect(detectLanguage('2024 жылғы 20 қыркүйекте Астанада институт дөңгелек үстел өткізді.')).toBe('kk')
  })

  it('keeps a Russian text Russian when it quotes a Kazakh name, and English when it quotes Cyrillic', () => {
    expect(detectLanguage('Институт провёл в Астане круглый стол «Қазақстан: жаңа кезең» с экспертами из трёх стран.')).toBe('ru')
    expect(detectLanguage('The round table "Ботагоз Ракишева" was held in Astana with experts from three countries.')).toBe('en')
  })

  it('answers English for text without letters', () => {
    expect(detectLanguage('')).toBe('en')
    expect(detectLanguage('2024-09-20 12:00')).toBe('en')
  })
})
