import { describe, expect, it } from 'vitest'
import { isFragment, segmentItems } from './segment.ts'

const texts = (input: string) => segmentItems(input).map((s) => s.text)

describe('segmentItems', () => {
  it('splits at blank lines and keeps each item verbatim', () => {
    const input = 'On 1 May 2024 A met B.\n\n\nOn 2 May 2024 C met D.\r\n\r\nOn 3 May 2024 E met F.'
    expect(texts(input)).toEqual(['On 1 May 2024 A met B.', 'On 2 May 2024 C met D.', 'On 3 May 2024 E met F.'])
  })

  it('keeps "Read more:" lines, links and captions with the item above', () => {
    const input = [
      'On 1 May 2024 the institute held a seminar on migration in Almaty with guests from three countries.',
      'Read more:',
      '',
      'https://example.org/news/1',
      '',
      'Photo: the participants of the seminar',
      '',
      'On 2 May 2024 the institute presented its annual report on public opinion in Kazakhstan.',
    ].join('\n')
    const items = texts(input)
    expect(items).toHaveLength(2)
    expect(items[0]).toMatch(/^On 1 May[\s\S]*Read more:\n\nhttps:\/\/example.org\/news\/1\n\nPhoto: the participants of the seminar$/)
  })

  it('lets an undated paragraph continue a feed whose items open with dates', () => {
    const input = [
      'March 5, 2024. The institute presented a report on gender equality in Kazakhstan to the press.',
      '',
      'The report is based on a survey of 3,000 respondents in all regions of the country, and expert interviews.',
      '',
      'March 1, 2024. The director gave a lecture at the National School of Public Policy in Astana.',
    ].join('\n')
    expect(texts(input)).toHaveLength(2)
    expect(texts(input)[0]).toContain('3,000 respondents')
  })

  it('treats every paragraph as an item when the items carry no dates', () => {
    const input = 'The institute held a seminar on migration with guests from three countries.\n\nThe director gave a lecture to the students of the National School of Public Policy.'
    expect(texts(input)).toHaveLength(2)
  })

  it('starts items at Markdown headings, title line included', () => {
    const input = '# Seminar on water\n\nOn 1 May 2024 experts met.\n\nThey discussed rivers at length and agreed on a plan.\n\n# Lecture on history\n\nOn 3 May 2024 a professor spoke.'
    expect(texts(input)).toEqual([
      '# Seminar on water\n\nOn 1 May 2024 experts met.\n\nThey discussed rivers at length and agreed on a plan.',
      '# Lecture on history\n\nOn 3 May 2024 a professor spoke.',
    ])
  })

  it('keeps a headline over its body as an item of its own, even among dated items', () => {
    const input = [
      'Water forum in Almaty\nOn 4 June 2024 the Caspian Institute held a forum on water in Almaty with forty guests.',
      '',
      'Students meet the ambassador\nStudents of the Steppe University met the ambassador of Japan and talked about study grants.',
      '',
      'Seminar on migration\n12.03.2024\nThe Center for Migration Studies held a seminar on labour migration in Bishkek.',
    ].join('\n')
    expect(texts(input)).toHaveLength(3)
  })

  it('lets a lone date line or title line head the block below it', () => {
    const input = [
      'On 2 May 2024 the institute presented its annual report on public opinion in Kazakhstan to the press.',
      '',
      '14 May 2024',
      '',
      'The Steppe University hosted a lecture on river basins by a visiting hydrologist from Bishkek.',
      '',
      'Round table on river basins and water sharing',
      '',
      'Experts met at a round table on river basins and water sharing in Tashkent on 20 May 2024.',
    ].join('\n')
    const items = texts(input)
    expect(items).toHaveLength(3)
    expect(items[1]).toMatch(/^14 May 2024\n\nThe Steppe/)
    expect(items[2]).toMatch(/^Round table on river basins/)
  })

  it('keeps a list under a cue ending with ":" and a paragraph about "the seminar" with their item', () => {
    const input = [
      'The Steppe Institute held a seminar on water diplomacy in Almaty. Speakers:',
      '',
      '- Aliya Nurova, researcher\n- Daniyar Seitov, professor',
      '',
      'The seminar was attended by forty students of local universities and diplomats.',
      '',
      'The Caspian Center signed an agreement with the Bishkek Policy Institute on joint surveys.',
    ].join('\n')
    const items = texts(input)
    expect(items).toHaveLength(2)
    expect(items[0]).toContain('forty students')
  })

  it('returns nothing for empty or blank text', () => {
    expect(segmentItems('')).toEqual([])
    expect(segmentItems('\n \n\t\n')).toEqual([])
  })

  it('keeps a section heading such as "## Speakers" inside its item', () => {
    const text = '# Seminar on water\n\nOn 24 April 2024 the institute held a seminar.\n\n## Speakers\n\n- Botagoz Rakisheva\n- Aidar Amrebayev\n\n# Lecture\n\nOn 2 May 2024 a lecture was given.'
    expect(segmentItems(text).map((s) => s.text.split('\n')[0])).toEqual(['# Seminar on water', '# Lecture'])
  })

  it('knows fragments from sentences', () => {
    expect(isFragment('Read more: https://example.org')).toBe(true)
    expect(isFragment('Botagoz Rakisheva')).toBe(true)
    expect(isFragment('International Center for the Rapprochement of Cultures (category 2)')).toBe(true)
    expect(isFragment('On 2 May 2024 the institute presented its annual report on public opinion in Kazakhstan.')).toBe(false)
  })
})
