import { describe, expect, it } from 'vitest'
import { findRuOrganizations } from './organizations.ts'
import { findDegrees, findRuPeople } from './people.ts'
import { tokenizeRu } from './text.ts'

function people(text: string) {
  const tokens = tokenizeRu(text)
  const degrees = findDegrees(text, tokens)
  const organizations = findRuOrganizations(text, tokens, { excluded: degrees })
  return findRuPeople(text, tokens, organizations, { excluded: [], degrees })
}
const names = (text: string) => people(text).map((p) => p.name)

describe('findRuPeople', () => {
  it('initials first and surname first, kept as written', () => {
    expect(names('Выступили К.Б. Сарсенов и Омаров А.Т.')).toEqual(['К.Б. Сарсенов', 'Омаров А.Т.'])
  })
  it('the position in the nominative, with its adjectives', () => {
    const positions = (text: string) => people(text).map((p) => p.position)
    expect(positions('Состоялась лекция профессора Оксфордского университета Кэтрин Браун.')).toEqual(['профессор'])
    expect(positions('Встреча с главным научным сотрудником КИСИ Жанар Мукашевой прошла в Астане.')).toEqual(['главный научный сотрудник'])
    expect(positions('Выступил заместитель директора КИСИ Ербол Ахметов.')).toEqual(['заместитель директора'])
    expect(positions('Модератором выступила директор института Ботагоз Ракишева.')).toEqual(['директор института'])
    expect(positions('Семинар открыл старший преподаватель Иван Сомов.')).toEqual(['старший преподаватель'])
    expect(positions('Іс-шараны институт директоры Ботагоз Ракишева жүргізді.')).toEqual(['директор'])
    expect(positions('Кафедра меңгерушісі Асан Беков баяндама жасады.')).toEqual(['меңгеруші'])
  })
  it('in the nominative from the genitive', () => {
    expect(names('Были заслушаны доклады Б. К. Алимовой и Е. Н. Петрова.')).toEqual(['Б. К. Алимова', 'Е. Н. Петров'])
  })
  it('a nominative woman\'s name stays as it is', () => {
    expect(names('Семинар вела Анна Королева.')).toEqual(['Анна Королева'])
  })
  it('degrees and honorifics are left out', () => {
    expect(names('Открыл встречу академик РАН д.э.н. В.В. Громов.')).toEqual(['В.В. Громов'])
    expect(names('Выступила госпожа Мария Штерн.')).toEqual(['Мария Штерн'])
  })
  it('a position and an organization before the name', () => {
    const [p] = people('Выступил директор Института экономики и права Арман Беков.')
    expect(p!.affiliation?.name).toBe('Институт экономики и права')
    expect(p!.position).toBe('директор')
  })
  it('a position and an organization after the name, or in brackets', () => {
    expect(people('Выступил Е.К. Тулеев, ректор Евразийского университета.')[0]!.affiliation?.name).toBe('Евразийский университет')
    expect(people('Участвовали Иван Сомов (КИСИ).')[0]!.affiliation?.name).toBe('КИСИ')
  })
  it('a name and patronymic refers to the person with those initials', () => {
    const list = people('Доклад сделал А.В. Сидоров. Андрей Викторович ответил на вопросы.')
    expect(list[1]!.ref).toBe(0)
  })
  it('not places or adjectives', () => {
    expect(names('Эксперты обсудили Центральную Азию и Южный Кавказ.')).toEqual([])
  })
})
