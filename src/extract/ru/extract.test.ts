import { describe, expect, it } from 'vitest'
import { ActivityRecordSchema } from '../../archive/archive.schema.ts'
import { extractRecords } from '../extract.ts'

// Whole items written for these tests, in the styles of Russian and Kazakh institute news.
describe('Russian and Kazakh items', () => {
  it('a round table at an institute, with a date line, organizers, a moderator and speakers', () => {
    const [r] = extractRecords([
      '14.03.2022',
      'В Институте экономики и права прошел круглый стол «Водные ресурсы Центральной Азии». Его организовали Институт экономики и права и Казахстанская ассоциация водников при поддержке Фонда Эберта.',
      'Модерировала дискуссию к.э.н. Анна Королева. С докладами выступили директор КИСИ Ерлан Сапаров и профессор Б. К. Алимова.',
    ].join('\n'))
    expect(ActivityRecordSchema.safeParse(r).success).toBe(true)
    expect(r).toMatchObject({ date: '2022-03-14', kind: 'round-table', name: 'Водные ресурсы Центральной Азии', format: 'in-person' })
    const person = (n: string) => r!.people.find((p) => p.name === n)
    expect(person('Анна Королева')?.roles).toEqual(['moderator'])
    expect(person('Ерлан Сапаров')).toMatchObject({ roles: ['speaker'], affiliation: 'КИСИ' })
    expect(person('Б. К. Алимова')?.roles).toEqual(['speaker'])
    const org = (n: string) => r!.organizations.find((o) => o.name === n)
    expect(org('Институт экономики и права')?.roles).toEqual(['organizer'])
    expect(org('Казахстанская ассоциация водников')?.roles).toEqual(['organizer'])
    expect(org('Фонд Эберта')?.roles).toEqual(['supporter'])
  })

  it('an online seminar with a dateline city that is not the venue', () => {
    const [r] = extractRecords('Бишкек. 5 апреля 2021 года. Центр исследований миграции провел онлайн-семинар «Трудовая миграция после пандемии». В нем участвовали эксперты из Кыргызстана и России.')
    expect(r).toMatchObject({ date: '2021-04-05', kind: 'seminar', city: 'Bishkek', country: 'KG', format: 'online', name: 'Трудовая миграция после пандемии' })
    expect(r!.organizations.find((o) => o.name === 'Центр исследований миграции')?.roles).toEqual(['organizer'])
  })

  it('a conference in a city with an acronym and its parent', () => {
    const [r] = extractRecords('Международная конференция прошла 10-11 ноября 2019 г. в Ташкенте. Ее организовал Институт истории АН РУз (ИИ). Выступил академик Б.А. Ахмедов.')
    expect(r).toMatchObject({ date: '2019-11-10', endDate: '2019-11-11', kind: 'conference', city: 'Tashkent', country: 'UZ', format: 'in-person' })
    expect(r!.people.map((p) => p.name)).toEqual(['Б.А. Ахмедов'])
  })

  it('a Kazakh item: locative city, title before the event word, head-final organization, its acronym, a moderator', () => {
    const [r] = extractRecords('2024 жылғы 20 қыркүйекте Астанада «Орталық Азия: су ресурстары» тақырыбында дөңгелек үстел өтті. Іс-шараны Қазақстан стратегиялық зерттеулер институты ұйымдастырды. Модератор — ҚСЗИ директоры Асан Беков.')
    expect(r).toMatchObject({ date: '2024-09-20', kind: 'round-table', city: 'Astana', country: 'KZ', name: 'Орталық Азия: су ресурстары' })
    expect(r!.organizations).toEqual([{ name: 'Қазақстан стратегиялық зерттеулер институты', country: 'KZ', roles: ['organizer'], aliases: ['ҚСЗИ'] }])
    expect(r!.people).toEqual([{ name: 'Асан Беков', roles: ['moderator'], affiliation: 'Қазақстан стратегиялық зерттеулер институты', position: 'директор' }])
  })

  it('finds archive organizations and people written as the text writes them', () => {
    const [r] = extractRecords('Семинар провел ЦентрАзия-Диалог. Выступил Тимур Досмухамедов.', {
      known: { organizations: [{ name: 'ЦентрАзия-Диалог' }], people: [{ name: 'Тимур Досмухамедов' }] },
    })
    expect(r!.organizations.map((o) => o.name)).toContain('ЦентрАзия-Диалог')
    expect(r!.people.map((p) => p.name)).toContain('Тимур Досмухамедов')
  })

  it('never throws on odd Cyrillic input', () => {
    for (const text of ['«««', 'В В В В.', 'А.Б.', 'Институт', '12.12.', '(((Москва', 'и и и, , ,']) {
      expect(() => extractRecords(text)).not.toThrow()
    }
  })
})
