import { describe, expect, it } from 'vitest'
import { ActivityRecordSchema } from './archive.schema.ts'
import { bodyFromText, firstSentence, sentences, summaryFromText, titleFromRecord } from './record-text.ts'

const record = (fields: Record<string, unknown>) => ActivityRecordSchema.parse(fields)
const titleOf = (text: string) => titleFromRecord(record({ text }))

describe('firstSentence', () => {
  it('skips a dateline standing alone, however it is written', () => {
    expect(firstSentence('April 9, 2024. Botagoz Rakisheva took part in a round table. It was held in Astana.'))
      .toBe('Botagoz Rakisheva took part in a round table.')
    expect(firstSentence('9 April 2024. The Institute held a seminar.')).toBe('The Institute held a seminar.')
    expect(firstSentence('Sept. 3, 2024. A workshop was held.')).toBe('A workshop was held.')
    expect(firstSentence('12.03.2023\nThe Institute held a seminar.')).toBe('The Institute held a seminar.')
    expect(firstSentence('April 9, 2024\nThe Institute held a seminar.')).toBe('The Institute held a seminar.')
  })

  it('keeps a date that opens a sentence', () => {
    expect(firstSentence('On 12 March 2023, the Institute presented its report in Almaty. More followed.'))
      .toBe('On 12 March 2023, the Institute presented its report in Almaty.')
  })

  it('does not end a sentence at an honorific, a month or an initial', () => {
    expect(firstSentence('An expert meeting was held with Dr. Anar Somuncuoğlu, Associate Professor. The talk followed.'))
      .toBe('An expert meeting was held with Dr. Anar Somuncuoğlu, Associate Professor.')
    expect(firstSentence('Prof. A. Smith gave a lecture at the U.S. embassy. Then he left.'))
      .toBe('Prof. A. Smith gave a lecture at the U.S. embassy.')
    expect(firstSentence('Mr. Kemal Aydın opened the event. Participants discussed.')).toBe('Mr. Kemal Aydın opened the event.')
    expect(firstSentence('The club met on Jan. 5, 2024 in Astana. Experts attended.'))
      .toBe('The club met on Jan. 5, 2024 in Astana.')
    expect(firstSentence('In 2024 the Institute held 12 events, e.g. seminars. Another one is planned.'))
      .toBe('In 2024 the Institute held 12 events, e.g. seminars.')
  })

  it('ends a sentence after a closing quotation mark, a question or an exclamation', () => {
    expect(firstSentence('The report was called “Youth of Kazakhstan.” It was presented in May.'))
      .toBe('The report was called “Youth of Kazakhstan.”')
    expect(firstSentence('Who will lead the region? Experts disagree.')).toBe('Who will lead the region?')
    expect(firstSentence('“Dialogue matters,” said Dr. Aliya Bekova. The forum ended.')).toBe('“Dialogue matters,” said Dr. Aliya Bekova.')
  })

  it('takes a headline on a line of its own as a sentence', () => {
    expect(sentences('Round table on migration\nOn 12 March 2023, experts met. They agreed.'))
      .toEqual(['Round table on migration', 'On 12 March 2023, experts met.', 'They agreed.'])
  })

  it('gives the only sentence, even a dateline, and nothing for no text', () => {
    expect(firstSentence('April 9, 2024.')).toBe('April 9, 2024.')
    expect(firstSentence('   ')).toBe('')
  })
})

describe('titleFromRecord', () => {
  it('uses the activity’s own name with its kind', () => {
    expect(titleFromRecord(record({ text: 'x', name: 'Sustainable Development of Kazakhstan until 2030', kind: 'strategic-session' })))
      .toBe('Strategic session: Sustainable Development of Kazakhstan until 2030')
    expect(titleFromRecord(record({ text: 'x', name: 'Taldau Talks' }))).toBe('Taldau Talks')
  })

  it('otherwise uses the first sentence without its leading date or final full stop', () => {
    expect(titleOf('On April 19, 2024, a strategic session was held in Astana.')).toBe('A strategic session was held in Astana')
    expect(titleOf('On 12 March 2023, the Institute presented its report “Youth of Kazakhstan” in Almaty.'))
      .toBe('The Institute presented its report “Youth of Kazakhstan” in Almaty')
    expect(titleOf('3 Sept 2024 — A workshop was held in Bishkek.')).toBe('A workshop was held in Bishkek')
    expect(titleOf('April 9, 2024. Botagoz Rakisheva took part in the round table on migration.'))
      .toBe('Botagoz Rakisheva took part in the round table on migration')
  })

  it('keeps a question mark and quotation marks', () => {
    expect(titleOf('Who will lead the region? Experts disagree.')).toBe('Who will lead the region?')
    expect(titleOf('“Dialogue matters,” said Dr. Aliya Bekova. The forum ended.')).toBe('“Dialogue matters,” said Dr. Aliya Bekova')
  })

  it('clips a long title at a word, with an ellipsis', () => {
    const title = titleOf(`The Institute ${'and its partners '.repeat(12)}held a forum.`)
    expect(title.length).toBeLessThanOrEqual(110)
    expect(title).toMatch(/^The Institute and its partners( (and|its|partners))+…$/)
    const named = titleFromRecord(record({ text: 'x', kind: 'forum', name: 'Forum '.repeat(30) }))
    expect(named.length).toBeLessThanOrEqual(110)
    expect(named.endsWith('Forum…')).toBe(true)
  })

  it('names the kind in the news item’s language', () => {
    expect(titleFromRecord(record({ text: 'x', name: 'Центральная Азия – 2030', kind: 'round-table' }), 'ru'))
      .toBe('Круглый стол: Центральная Азия – 2030')
    expect(titleFromRecord(record({ text: 'x', name: 'Жастар және қоғам', kind: 'round-table' }), 'kk'))
      .toBe('Дөңгелек үстел: Жастар және қоғам')
  })

  it('drops a Russian or Kazakh leading date, and does not end a sentence at “им.” or “ул.”', () => {
    expect(titleOf('12 ноября 2020 г. Ученый совет института собрался в онлайн-формате. Доклад сделал С.М. Рогов.'))
      .toBe('Ученый совет института собрался в онлайн-формате')
    expect(titleOf('21.12.2021\nГлава института — участник конгресса политологов')).toBe('Глава института — участник конгресса политологов')
    expect(titleOf('2024 жылғы 20 қыркүйекте институт дөңгелек үстел өткізді. Сарапшылар қатысты.'))
      .toBe('Институт дөңгелек үстел өткізді')
    expect(titleOf('Лекцию прочитал профессор МГУ им. М.В. Ломоносова в зале на ул. Абая. Затем были вопросы.'))
      .toBe('Лекцию прочитал профессор МГУ им. М.В. Ломоносова в зале на ул. Абая')
  })

  it('falls back to a placeholder when the text says nothing', () => {
    expect(titleOf(' ')).toBe('Untitled news item')
  })
})

describe('summaryFromText', () => {
  it('is the first sentence that is not a dateline, date included', () => {
    expect(summaryFromText('April 9, 2024. On that day, Dr. Botagoz Rakisheva spoke. Others followed.'))
      .toBe('On that day, Dr. Botagoz Rakisheva spoke.')
  })

  it('stays within 300 characters', () => {
    const summary = summaryFromText(`The Institute ${'and its partners '.repeat(30)}held a forum. Then more.`)
    expect(summary.length).toBeLessThanOrEqual(300)
    expect(summary.endsWith('…')).toBe(true)
  })
})

describe('bodyFromText', () => {
  it('makes each line of the source a paragraph, words unchanged', () => {
    expect(bodyFromText('First paragraph.\n\n  Second one.\nRead more: https://example.org'))
      .toBe('First paragraph.\n\nSecond one.\n\nRead more: https://example.org')
  })
})
