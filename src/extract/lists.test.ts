import { describe, expect, it } from 'vitest'
import { correctMisreadNames, findLabelledPeople } from './lists.ts'
import { findOrganizations } from './organizations.ts'
import { tokenize } from './text.ts'

const labelled = (text: string) => {
  const organizations = findOrganizations(text, tokenize(text, 0, true))
  return findLabelledPeople(text, organizations).map((p) => [p.name, p.role, p.position, p.affiliation?.name ?? null])
}

describe('findLabelledPeople', () => {
  it('reads a label with its entries on the same line', () => {
    expect(labelled('Chair: Prof. Aliya Nurova, Rector, Steppe University\nPanelists: Dr. Bolat Sadykov (Caspian Institute); Mr. Erlan Ospanov (Aral Center)')).toEqual([
      ['Aliya Nurova', 'moderator', 'Rector', 'Steppe University'],
      ['Bolat Sadykov', 'participant', null, 'Caspian Institute'],
      ['Erlan Ospanov', 'participant', null, 'Aral Center'],
    ])
  })

  it('reads one entry a line under a label, a topic or a title after a dash', () => {
    expect(labelled('Speakers:\nDana Seitova, Professor, Eurasian National University\nWater – Dr. Timur Akhmetov, Head, Aral Center\nMarat Kassym – economist\nThe discussion was lively and long, with many questions from the floor.')).toEqual([
      ['Dana Seitova', 'speaker', 'Professor', 'Eurasian National University'],
      ['Timur Akhmetov', 'speaker', 'Head', 'Aral Center'],
      ['Marat Kassym', 'speaker', 'economist', null],
    ])
  })

  it('ignores labels that give no role and entries that are not names', () => {
    expect(labelled('Venue: Steppe University, Almaty\nLanguages: Kazakh, Russian\nParticipants:\nStudents of local universities')).toEqual([])
  })
  it('takes the last organization of an entry, and a person for "Name (ACRONYM)" in a list', () => {
    expect(labelled('Speakers:\nDana Seitova, Professor, Department of History, Eurasian National University')[0]![3]).toBe('Eurasian National University')
    const text = 'Presenters: Dr. Arman Zhaksylykov (KNDA); Prof. Aliya Nurova (Steppe University)'
    const organizations = correctMisreadNames(text, findOrganizations(text, tokenize(text, 0, true)), findLabelledPeople(text, findOrganizations(text, tokenize(text, 0, true))))
    expect(organizations.map((o) => o.name)).toEqual(['KNDA', 'Steppe University'])
    expect(findLabelledPeople(text, organizations).map((p) => [p.name, p.affiliation?.name])).toEqual([['Arman Zhaksylykov', 'KNDA'], ['Aliya Nurova', 'Steppe University']])
  })
})
