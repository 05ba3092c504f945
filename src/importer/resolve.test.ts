import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { LINK_THRESHOLD, NameIndex, type KnownRecord } from './resolve.ts'

const person = (id: number, name: string, variants: string[] = []): KnownRecord =>
  ({ id, slug: `person-${id}`, name, variants })
const organization = (id: number, name: string, variants: string[] = [], acronyms?: string[]): KnownRecord =>
  ({ id, slug: `organization-${id}`, name, variants, acronyms })

const people = () => new NameIndex('person', [
  person(1, 'Botagoz Rakisheva', ['Ракишева Ботагоз']),
  person(2, 'Anar Somuncuoğlu', ['Anar Somuncuoglu Hanım']),
  person(3, 'Marzhan B. Syzdykova'),
  person(4, 'Yerlan Sadykov'),
  person(5, 'Zhanna Abenova'),
  person(6, 'Askhat Zhaksybekov'),
  person(7, 'Nursultan Nazarbayev'),
  person(8, 'Yuliya Kassymova'),
])

const organizations = () => new NameIndex('organization', [
  organization(1, 'L.N. Gumilyov Eurasian National University', ['Eurasian National University'], ['ENU']),
  organization(2, 'United Nations Development Programme', ['UNDP']),
  organization(3, 'Kazakhtelecom JSC'),
  organization(4, 'Ministry of Culture and Sport'),
  organization(5, 'Kazakh-British Technical University'),
])

/** What a reader of the review screen sees: the linked record, and each candidate with its reason. */
function outcome(index: NameIndex, name: string, aliases?: string[]) {
  const { match, candidates } = index.resolve(name, aliases)
  return { match: match?.id ?? null, candidates: candidates.map((c) => [c.id, c.reason, c.confidence]) }
}

describe('NameIndex.resolve, the same name written the same way', () => {
  it('links the record whose name is exactly the name, surely', () => {
    expect(outcome(people(), 'Botagoz Rakisheva')).toEqual({ match: 1, candidates: [[1, 'exact', 1]] })
  })

  it('links the record one of whose variants is exactly the name', () => {
    expect(outcome(people(), 'Ракишева Ботагоз')).toEqual({ match: 1, candidates: [[1, 'variant', 0.97]] })
    expect(outcome(organizations(), 'UNDP')).toEqual({ match: 2, candidates: [[2, 'variant', 0.97]] })
  })

  it('gives the record’s own name, slug and id with the match', () => {
    expect(people().resolve('Botagoz Rakisheva').match)
      .toEqual({ id: 1, slug: 'person-1', name: 'Botagoz Rakisheva', confidence: 1, reason: 'exact' })
  })
})

describe('NameIndex.resolve, the same name written another way', () => {
  it('ignores case, diacritics, punctuation and honorifics', () => {
    for (const name of ['Anar Somuncuoglu', 'anar somuncuoğlu', 'Dr. Anar Somuncuoğlu', 'ANAR SOMUNCUOGLU', 'Prof. Dr. Anar Somuncuoglu']) {
      expect(outcome(people(), name)).toEqual({ match: 2, candidates: [[2, 'diacritics', 0.95]] })
    }
  })

  it('says “variant” when the name is a variant written another way', () => {
    expect(outcome(people(), 'anar somuncuoglu hanim')).toEqual({ match: 2, candidates: [[2, 'variant', 0.95]] })
  })

  it('finds a person whose words come in another order', () => {
    expect(outcome(people(), 'Rakisheva Botagoz')).toEqual({ match: 1, candidates: [[1, 'word-order', 0.9]] })
    expect(outcome(people(), 'Ботагоз Ракишева')).toEqual({ match: 1, candidates: [[1, 'word-order', 0.9]] })
  })

  it('does not take an organization’s words in another order for the same organization', () => {
    expect(outcome(organizations(), 'British-Kazakh Technical University').candidates).toEqual([])
  })

  it('finds a Latin name written in Cyrillic, Kazakh letters included, in any order', () => {
    const index = new NameIndex('person', [person(1, 'Botagoz Rakisheva'), person(6, 'Askhat Zhaksybekov'), person(5, 'Zhanna Abenova')])
    expect(outcome(index, 'Ракишева Ботагөз')).toEqual({ match: 1, candidates: [[1, 'transliteration', 0.85]] })
    expect(outcome(index, 'Асхат Жақсыбеков')).toEqual({ match: 6, candidates: [[6, 'transliteration', 0.85]] })
    expect(outcome(index, 'Жанна Әбенова')).toEqual({ match: 5, candidates: [[5, 'transliteration', 0.85]] })
  })

  it('finds a Cyrillic name written in Latin letters', () => {
    const index = new NameIndex('person', [person(9, 'Ерлан Садыков'), person(10, 'Юлия Қасымова')])
    expect(outcome(index, 'Yerlan Sadykov').match).toBe(9)
    expect(outcome(index, 'Erlan Sadykov').match).toBe(9)
    expect(outcome(index, 'Iuliia Kasymova')).toEqual({ match: 10, candidates: [[10, 'transliteration', 0.85]] })
    expect(outcome(index, 'Yulia Qasymova').match).toBe(10)
  })

  it('finds Latin spellings that differ only by the usual alternatives, a little less surely', () => {
    for (const [name, id] of [['Erlan Sadykov', 4], ['Janna Abenova', 5], ['Askhat Zhaqsybekov', 6], ['Nursultan Nazarbaev', 7],
      ['Yulia Kasymova', 8], ['Iuliia Kassymova', 8], ['Ashat Jaksybekov', 6]] as const) {
      expect(outcome(people(), name)).toEqual({ match: id, candidates: [[id, 'transliteration', 0.8]] })
    }
  })
})

describe('NameIndex.resolve, initials', () => {
  it('finds the one person with that surname and those initials, however they are written', () => {
    for (const name of ['M.B. Syzdykova', 'M. Syzdykova', 'Syzdykova M.B.', 'Syzdykova M.', 'M.B.Syzdykova', 'М.Б. Сыздыкова', 'Сыздыкова М.']) {
      expect(outcome(people(), name), name).toEqual({ match: 3, candidates: [[3, 'initials', 0.75]] })
    }
  })

  it('reads initials against full given names and patronymics, in both scripts', () => {
    const index = new NameIndex('person', [person(1, 'Botagoz Rakisheva'), person(2, 'Сыздыкова Маржан Бахытовна'), person(5, 'Zhanna Abenova')])
    expect(outcome(index, 'B. Rakisheva').match).toBe(1)
    expect(outcome(index, 'Rakisheva B.').match).toBe(1)
    expect(outcome(index, 'M.B. Syzdykova').match).toBe(2)
    expect(outcome(index, 'Marzhan B. Syzdykova').match).toBe(2)
    expect(outcome(index, 'Z. Abenova').match).toBe(5)
    expect(outcome(index, 'Ж. Абенова').match).toBe(5)
    expect(outcome(index, 'J. Abenova').match).toBe(5)
  })

  it('finds a person recorded with an initial by the full words of the name', () => {
    expect(outcome(people(), 'Marzhan Syzdykova')).toEqual({ match: 3, candidates: [[3, 'initials', 0.75]] })
    expect(outcome(people(), 'Сыздыкова Маржан').match).toBe(3)
  })

  it('offers nobody for another initial or another patronymic initial', () => {
    expect(outcome(people(), 'K. Syzdykova').candidates).toEqual([])
    expect(outcome(people(), 'M.K. Syzdykova').candidates).toEqual([])
    expect(outcome(people(), 'A. Rakisheva').candidates).toEqual([])
  })

  it('does not take a surname alone for anyone', () => {
    expect(outcome(people(), 'Syzdykova').candidates).toEqual([])
    expect(outcome(people(), 'Rakisheva').candidates).toEqual([])
  })

  it('links nobody when several people fit, and offers each, less surely', () => {
    const index = new NameIndex('person', [person(1, 'Aigerim Bekova'), person(2, 'Aliya Bekova'), person(3, 'Dana Bekova')])
    const { match, candidates } = index.resolve('A. Bekova')
    expect(match).toBeNull()
    expect(candidates.map((c) => [c.id, c.reason])).toEqual([[1, 'initials'], [2, 'initials']])
    expect(candidates.every((c) => c.confidence < LINK_THRESHOLD)).toBe(true)
  })
})

describe('NameIndex.resolve, organizations', () => {
  it('links an acronym the organization is known by', () => {
    expect(outcome(organizations(), 'ENU')).toEqual({ match: 1, candidates: [[1, 'acronym', 0.9]] })
    expect(outcome(organizations(), 'U.N.D.P.')).toEqual({ match: 2, candidates: [[2, 'acronym', 0.9]] })
  })

  it('offers, without linking, an organization whose initials spell the acronym', () => {
    expect(outcome(organizations(), 'MCS')).toEqual({ match: null, candidates: [[4, 'acronym', 0.6]] })
    const index = new NameIndex('organization', [organization(1, 'L.N. Gumilyov Eurasian National University', [], ['ENU'])])
    expect(outcome(index, 'Eurasian National University')).toEqual({ match: null, candidates: [[1, 'acronym', 0.6]] })
  })

  it('ignores a leading “the”, quotes and legal forms', () => {
    for (const name of ['«Kazakhtelecom»', 'Kazakhtelecom', 'АО «Kazakhtelecom»', '"Kazakhtelecom" LLP', 'the Kazakhtelecom JSC']) {
      expect(outcome(organizations(), name), name).toEqual({ match: 3, candidates: [[3, 'diacritics', 0.95]] })
    }
    expect(outcome(organizations(), 'The United Nations Development Programme').match).toBe(2)
  })

  it('tries each alias, and both halves of “Name (ACR)”, and keeps the best', () => {
    const index = new NameIndex('organization', [organization(1, 'L.N. Gumilyov Eurasian National University', [], ['ENU'])])
    expect(outcome(index, 'Gumilyov University', ['ENU'])).toEqual({ match: 1, candidates: [[1, 'acronym', 0.9]] })
    expect(outcome(index, 'L.N. Gumilyov Eurasian National University (ENU)').match).toBe(1)
    expect(outcome(organizations(), 'United Nations Development Programme (UNDP)'))
      .toEqual({ match: 2, candidates: [[2, 'exact', 1]] })
  })

  it('does not treat a person’s name as an organization’s acronym', () => {
    expect(outcome(people(), 'BR').candidates).toEqual([])
  })
})

describe('NameIndex.resolve, which candidate is the match', () => {
  it('links nobody when two records are the same name', () => {
    const index = new NameIndex('person', [person(1, 'Aigerim Bekova'), person(2, 'Aigerim Bekova')])
    expect(outcome(index, 'Aigerim Bekova')).toEqual({ match: null, candidates: [[1, 'exact', 1], [2, 'exact', 1]] })
  })

  it('links the clearly better of two records', () => {
    const index = new NameIndex('person', [person(1, 'Yerlan Sadykov'), person(2, 'Erlan Sadykov')])
    expect(outcome(index, 'Yerlan Sadykov')).toEqual({ match: 1, candidates: [[1, 'exact', 1], [2, 'transliteration', 0.8]] })
  })

  it('links nobody when the second record is close behind', () => {
    const index = new NameIndex('person', [person(1, 'Sadykov Yerlan'), person(2, 'Erlan Sadykov')])
    expect(outcome(index, 'Yerlan Sadykov')).toEqual({ match: null, candidates: [[1, 'word-order', 0.9], [2, 'transliteration', 0.8]] })
  })

  it('offers at most five records, each once, the surest first', () => {
    const index = new NameIndex('person', Array.from({ length: 8 }, (_, i) => person(i + 1, `Arman ${['Bek', 'Bol', 'Bai', 'Ber', 'Bur', 'Bas', 'Bat', 'Bak'][i]}ov`)))
    index.add(person(20, 'Bekov Arman'))
    const { match, candidates } = index.resolve('A. Bekov')
    expect(match).toBeNull()
    expect(candidates.map((c) => c.id)).toEqual([1, 20])
    const many = index.resolve('A. B.', ['A. Bekov', 'A. Bolov', 'A. Baiov', 'A. Berov', 'A. Burov', 'A. Basov', 'A. Batov', 'A. Bakov'])
    expect(many.candidates).toHaveLength(5)
    expect(new Set(many.candidates.map((c) => c.id)).size).toBe(5)
  })

  it('offers nobody for an unrelated name, or for no name at all', () => {
    expect(outcome(people(), 'John Smith')).toEqual({ match: null, candidates: [] })
    expect(outcome(organizations(), 'World Bank')).toEqual({ match: null, candidates: [] })
    for (const blank of ['', '   ', '\n', '.', '—']) {
      expect(outcome(people(), blank)).toEqual({ match: null, candidates: [] })
      expect(outcome(organizations(), blank, [' '])).toEqual({ match: null, candidates: [] })
    }
  })
})

describe('NameIndex.add', () => {
  it('finds a record added after the index was built, by every rule', () => {
    const index = people()
    expect(index.size).toBe(8)
    expect(index.resolve('Gulnara Dzhaksybekova').candidates).toEqual([])
    index.add(person(30, 'Gulnara Dzhaksybekova', ['Джаксыбекова Гульнара']))
    expect(index.size).toBe(9)
    expect(outcome(index, 'Gulnara Dzhaksybekova').match).toBe(30)
    expect(outcome(index, 'Джаксыбекова Гульнара').match).toBe(30)
    expect(outcome(index, 'G. Dzhaksybekova').match).toBe(30)
  })
})

describe('NameIndex.resolve on any input', () => {
  const personIndex = people()
  const organizationIndex = organizations()
  const parts = ['Botagoz', 'Rakisheva', 'Ракишева', 'M.B.', 'M.', 'Syzdykova', 'ENU', 'UNDP', 'the', 'JSC', '«', '»', '(', ')',
    'Dr.', '.', ' ', 'ъ', 'ё', 'й', 'İ', 'ß', '\u0301', '\ud800', 'of']
  const nameLike = fc.array(fc.constantFrom(...parts), { maxLength: 12 }).map((words) => words.join(' '))
  const anyName = fc.oneof(fc.string({ maxLength: 300, unit: 'binary' }), nameLike)

  it('never throws, and every confidence is above 0 and at most 1', () => {
    fc.assert(fc.property(anyName, fc.array(anyName, { maxLength: 3 }), (name, aliases) => {
      for (const each of [personIndex, organizationIndex]) {
        const { match, candidates } = each.resolve(name, aliases)
        expect(candidates.length).toBeLessThanOrEqual(5)
        for (const c of candidates) expect(c.confidence > 0 && c.confidence <= 1).toBe(true)
        if (match) expect(match).toBe(candidates[0])
      }
    }), { numRuns: 500 })
  })
})

describe('NameIndex over a large archive', () => {
  const syllables = ['ba', 'da', 'ga', 'ka', 'la', 'ma', 'na', 'ra', 'sa', 'ta', 'bo', 'do', 'ko', 'lo', 'mo', 'no', 'ro', 'to']
  const givenNames = ['Aigerim', 'Botagoz', 'Dana', 'Erlan', 'Gulnara', 'Kairat', 'Marzhan', 'Nurlan', 'Saule', 'Timur']
  const surnameOf = (n: number) => {
    let word = ''
    for (let i = 0; i < 4; i++, n = Math.floor(n / syllables.length)) word += syllables[n % syllables.length]
    return `${word[0]!.toUpperCase()}${word.slice(1)}ova`
  }
  const records = Array.from({ length: 20_000 }, (_, i) => person(i + 1, `${givenNames[i % givenNames.length]} ${surnameOf(i)}`))

  it('resolves 10,000 names among 20,000 records, each to its own record', () => {
    const index = new NameIndex('person', records)
    expect(index.size).toBe(20_000)
    const forms = [
      (r: KnownRecord) => r.name,
      (r: KnownRecord) => r.name.toUpperCase(),
      (r: KnownRecord) => r.name.split(' ').reverse().join(' '),
      (r: KnownRecord) => `${r.name[0]}. ${r.name.split(' ')[1]}`,
    ]
    const results = Array.from({ length: 10_000 }, (_, j) => {
      const record = records[(j * 7919) % records.length]!
      return [record.id, j % forms.length, index.resolve(forms[j % forms.length]!(record))] as const
    })
    for (const [id, form, { match }] of results.filter((_, j) => j % 997 === 0)) {
      expect(match?.id, `form ${form}`).toBe(id)
    }
  })
})

describe('NameIndex.resolve across languages', () => {
  it('finds a person by the name with or without a patronymic, in either script', () => {
    const index = new NameIndex('person', [person(1, 'Marzhan Syzdykova'), person(2, 'Сейдуманов Серик Турарович'), person(3, 'Askar Nurlanuly Bekov')])
    expect(outcome(index, 'Маржан Бахытовна Сыздыкова')).toEqual({ match: 1, candidates: [[1, 'patronymic', 0.85]] })
    expect(outcome(index, 'Marzhan Bakhytovna Syzdykova').match).toBe(1)
    expect(outcome(index, 'Сыздыкова Маржан Бахытовна').match).toBe(1)
    expect(outcome(index, 'Serik Seidumanov')).toEqual({ match: 2, candidates: [[2, 'patronymic', 0.85]] })
    expect(outcome(index, 'Аскар Беков').match).toBe(3)
  })

  it('does not drop a word that is no patronymic, nor take a surname alone', () => {
    const index = new NameIndex('person', [person(1, 'Marzhan Syzdykova')])
    expect(outcome(index, 'Маржан Ивановна Петрова').candidates).toEqual([])
    expect(outcome(index, 'Marzhan Kairat Syzdykova').candidates).toEqual([])
    expect(outcome(index, 'Бахытовна Сыздыкова').candidates).toEqual([])
  })

  it('reads ё as е', () => {
    const index = new NameIndex('person', [person(1, 'Пётр Семёнов')])
    expect(outcome(index, 'Петр Семенов').match).toBe(1)
    expect(outcome(new NameIndex('person', [person(1, 'Петр Семенов')]), 'Пётр Семёнов').match).toBe(1)
  })

  it('finds an international organization by its name or acronym in another language', () => {
    expect(outcome(organizations(), 'ПРООН')).toEqual({ match: 2, candidates: [[2, 'translation', 0.85]] })
    expect(outcome(organizations(), 'Программа развития ООН').match).toBe(2)
    const osce = new NameIndex('organization', [organization(1, 'ОБСЕ'), organization(2, 'ООН', [], [])])
    expect(outcome(osce, 'OSCE')).toEqual({ match: 1, candidates: [[1, 'translation', 0.85]] })
    expect(outcome(osce, 'Organization for Security and Co-operation in Europe').match).toBe(1)
    expect(outcome(osce, 'United Nations').match).toBe(2)
  })

  it('does not link an organization the table does not know to a namesake in another language', () => {
    expect(outcome(organizations(), 'Министерство культуры и спорта').candidates).toEqual([])
  })
})
