import { describe, expect, it } from 'vitest'
import { findRuOrganizations } from './organizations.ts'
import { tokenizeRu } from './text.ts'

const names = (text: string) => findRuOrganizations(text, tokenizeRu(text)).map((o) => o.name)
const find = (text: string) => findRuOrganizations(text, tokenizeRu(text))

describe('findRuOrganizations', () => {
  it('a head with capitalised adjectives and an oblique tail, in the nominative', () => {
    expect(names('Доклад сделал сотрудник Института экономики и права.')).toContain('Институт экономики и права')
    expect(names('Семинар организовала Казахстанская ассоциация политических исследований.')).toContain('Казахстанская ассоциация политических исследований')
  })
  it('a list of genitives with commas inside one name', () => {
    expect(names('Сотрудники Института истории, археологии и этнологии приняли участие.')).toContain('Институт истории, археологии и этнологии')
  })
  it('"по …" and "при …" in the name, the parent after "при" listed', () => {
    const [o] = find('Встречу провел Агентство по делам молодежи при Правительстве РК.')
    expect(o!.name).toBe('Агентство по делам молодежи при Правительстве РК')
    expect(o!.parents).toContain('Правительство РК')
  })
  it('acronyms, with honoured names and legal forms', () => {
    expect(names('Лекцию прочитал профессор КазНУ им. аль-Фараби.')).toContain('КазНУ')
    expect(names('В ОФ «Ел үміті» прошла встреча.')).toContain('ОФ «Ел үміті»')
  })
  it('the bracketed acronym and a parent acronym', () => {
    const orgs = find('Круглый стол организовал Институт философии РАН (ИФ РАН).')
    expect(orgs[0]!.name).toBe('Институт философии РАН')
    expect(orgs[0]!.parents).toContain('Российская академия наук')
  })
  it('not a person after the name, nor the next organization after "и"', () => {
    expect(names('Ректор Евразийского университета Асель Нурланова открыла форум.')).toContain('Евразийский университет')
    expect(names('Его подготовили Центр изучения региона и КИСИ.')).toEqual(['Центр изучения региона', 'КИСИ'])
  })
  it('not an event, a shouted headline or a hall', () => {
    expect(names('Прошел Международный форум молодежи.')).toEqual([])
    expect(names('ЭКСПЕРТЫ ОБСУДИЛИ БУДУЩЕЕ РЕГИОНА\nТекст.')).toEqual([])
    expect(names('Встреча прошла в Зале Ученого совета КИСИ.')).toEqual(['КИСИ'])
  })
  it('a Kazakh head-final name without the city said before it in the locative', () => {
    expect(names('Астанада Қоғамдық пікір институты дөңгелек үстел өткізді.')).toEqual(['Қоғамдық пікір институты'])
    expect(names('Алматыда Қазақстан стратегиялық зерттеулер институты семинар өткізді.')).toEqual(['Қазақстан стратегиялық зерттеулер институты'])
  })
})
