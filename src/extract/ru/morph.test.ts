import { describe, expect, it } from 'vitest'
import { lemma, organizationNominative, personNominative, placeLemmas, wordInfo } from './morph.ts'

describe('lemma', () => {
  it('gives the lower-case dictionary form', () => {
    expect(lemma('семинаре')).toBe('семинар')
    expect(lemma('Лекцию')).toBe('лекция')
    expect(lemma('IT')).toBe('it')
  })
  it('lists place readings first', () => {
    expect(placeLemmas('Астане')[0]).toBe('астана')
  })
})

describe('wordInfo', () => {
  it('reads name, surname, patronymic and place tags and the case', () => {
    expect(wordInfo('Ивану')).toMatchObject({ lemma: 'иван', firstName: true, caseName: 'datv' })
    expect(wordInfo('Петровичем')).toMatchObject({ patronymic: true, caseName: 'ablt' })
    expect(wordInfo('Смирновым')).toMatchObject({ surname: true })
    expect(wordInfo('Омске')).toMatchObject({ lemma: 'омск', place: true, caseName: 'loct' })
    expect(wordInfo('стол')).toMatchObject({ firstName: false, surname: false, place: false })
  })
})

describe('personNominative', () => {
  it('inflects Russian first name and surname together', () => {
    expect(personNominative('Ивана Смирнова')).toBe('Иван Смирнов')
    expect(personNominative('Ольгой Смирновой')).toBe('Ольга Смирнова')
    expect(personNominative('Марии Котовой')).toBe('Мария Котова')
  })
  it('leaves nominative names unchanged', () => {
    expect(personNominative('Ольга Смирнова')).toBe('Ольга Смирнова')
    expect(personNominative('Иван Смирнов')).toBe('Иван Смирнов')
  })
  it('keeps the gender of the first name for unknown surnames', () => {
    expect(personNominative('Айгерим Темирбековой')).toBe('Айгерим Темирбекова')
    expect(personNominative('Рустама Темирбекова')).toBe('Рустам Темирбеков')
  })
  it('keeps initials as written, glued or spaced, before or after', () => {
    expect(personNominative('В. П. Смирнова')).toBe('В. П. Смирнов')
    expect(personNominative('В.П.Смирнова')).toBe('В.П.Смирнов')
    expect(personNominative('Смирнова В.П.')).toBe('Смирнов В.П.')
  })
  it('leaves indeclinable surnames alone', () => {
    expect(personNominative('Арама Саркисян')).toBe('Арам Саркисян')
    expect(personNominative('Нодара Кавтарадзе')).toBe('Нодар Кавтарадзе')
    expect(personNominative('Остапа Коваленко')).toBe('Остап Коваленко')
    expect(personNominative('Эльмиры Гасанли')).toBe('Эльмира Гасанли')
    expect(personNominative('Фаррухом Саидзода')).toBe('Фаррух Саидзода')
  })
  it('prefers a declinable reading to an indeclinable one (Анне: Анна, not Anne)', () => {
    expect(personNominative('Анне Вяземской')).toBe('Анна Вяземская')
    expect(personNominative('Анне Ивановой')).toBe('Анна Иванова')
  })
  it('tells common women\'s names from a man\'s name in the genitive', () => {
    expect(personNominative('Давида Кахидзе')).toBe('Давид Кахидзе')
    expect(personNominative('Марина Кахидзе')).toBe('Марина Кахидзе')
  })
  it('reads unknown -ская surnames', () => {
    expect(personNominative('Натальей Зарубской')).toBe('Наталья Зарубская')
  })
  it('reads soft-sign and -ия feminine names', () => {
    expect(personNominative('Асели Нуриевой')).toBe('Асель Нуриева')
    expect(personNominative('Дании Абдуллиной')).toBe('Дания Абдуллина')
  })
  it('keeps ё only where the text writes it', () => {
    expect(personNominative('Семена Лукина')).toBe('Семен Лукин')
    expect(personNominative('Семёна Лукина')).toBe('Семён Лукин')
  })
  it('reads the gender from оглы and кызы', () => {
    expect(personNominative('Эльчина Гасан оглы')).toBe('Эльчин Гасан оглы')
  })
  it('inflects each part of a double surname', () => {
    expect(personNominative('Анной Петровой-Водкиной')).toBe('Анна Петрова-Водкина')
    expect(personNominative('Оксаной Гаман-Голутвиной')).toBe('Оксана Гаман-Голутвина')
  })
  it('inflects only the last part of a double first name', () => {
    expect(personNominative('Касым-Жомартом Токаевым')).toBe('Касым-Жомарт Токаев')
    expect(personNominative('Касым-Жомарта Токаева')).toBe('Касым-Жомарт Токаев')
  })
  it('inflects adjectival surnames', () => {
    expect(personNominative('Петра Вяземского')).toBe('Петр Вяземский')
    expect(personNominative('Ивана Белого')).toBe('Иван Белый')
    expect(personNominative('Анной Вяземской')).toBe('Анна Вяземская')
  })
  it('reads an ambiguous full name as written, in the nominative', () => {
    expect(personNominative('Арина Лукина')).toBe('Арина Лукина')
    expect(personNominative('Чинара Темирбекова')).toBe('Чинара Темирбекова')
  })
  it('takes a hint when the form is ambiguous', () => {
    expect(personNominative('Арина Лукина', { caseName: 'gent' })).toBe('Арин Лукин')
    expect(personNominative('В. П. Смирнова', { gender: 'femn' })).toBe('В. П. Смирнова')
  })
})

describe('organizationNominative', () => {
  it('inflects the head noun and the adjectives before it', () => {
    expect(organizationNominative('Томском государственном университете')).toBe('Томский государственный университет')
    expect(organizationNominative('Национальной библиотекой')).toBe('Национальная библиотека')
    expect(organizationNominative('Центра исследований Азии')).toBe('Центр исследований Азии')
    expect(organizationNominative('Высшей аттестационной комиссии')).toBe('Высшая аттестационная комиссия')
    expect(organizationNominative('Объединенным институтом ядерных исследований')).toBe('Объединенный институт ядерных исследований')
    expect(organizationNominative('Научно-исследовательскому центру')).toBe('Научно-исследовательский центр')
    expect(organizationNominative('Евразийских исследованиях')).toBe('Евразийские исследования')
    expect(organizationNominative('Третьем секторе')).toBe('Третий сектор')
    expect(organizationNominative('Русском доме')).toBe('Русский дом')
    expect(organizationNominative('Белорусско-Российского (Межгосударственного) университета')).toBe('Белорусско-Российский (Межгосударственный) университет')
    expect(organizationNominative('XII Всемирного конгресса историков')).toBe('XII Всемирный конгресс историков')
    expect(organizationNominative('Вооруженных сил')).toBe('Вооруженные силы')
  })
  it('leaves everything after the head noun as written', () => {
    expect(organizationNominative('Институте востоковедения РАН')).toBe('Институт востоковедения РАН')
    expect(organizationNominative('Фонду «Открытый мир»')).toBe('Фонд «Открытый мир»')
  })
  it('leaves acronyms, quoted names and nominatives unchanged', () => {
    expect(organizationNominative('ТГУ')).toBe('ТГУ')
    expect(organizationNominative('ОО «Правовой центр»')).toBe('ОО «Правовой центр»')
    expect(organizationNominative('Национальная библиотека')).toBe('Национальная библиотека')
  })
})
