import { describe, expect, it } from 'vitest'
import { findOrganizations, organizationKey } from './organizations.ts'
import { findQuotes, tokenize } from './text.ts'

const names = (text: string) =>
  findOrganizations(text, tokenize(text), { excluded: findQuotes(text) }).map((o) => (o.nested ? `(${o.name})` : o.bare ? `the ${o.bare}` : o.name))

describe('findOrganizations', () => {
  it('does not run a name on into the next line', () => {
    const text = 'Moderator: Dr. A. Kim (The Steppe Institute)\nPanelists: Dr. B. Lee (Caspian University)\nHosted by: Aral Center\nBerlin Office'
    expect(findOrganizations(text, tokenize(text, 0, true)).map((o) => o.name)).toEqual(['Steppe Institute', 'Caspian University', 'Aral Center', 'Berlin Office'])
  })

  it('finds names by their head word, with of / for / under the / at chains and what they contain', () => {
    expect(names('Dr. A, the Center for Social Research of the National Academy of Sciences of Kyrgyzstan, spoke.')).toEqual([
      'Center for Social Research of the National Academy of Sciences of Kyrgyzstan', '(National Academy of Sciences of Kyrgyzstan)'])
    expect(names('the School of Advanced International Studies at Johns Hopkins University')).toEqual([
      'School of Advanced International Studies at Johns Hopkins University', '(Johns Hopkins University)'])
    expect(names('the Committee for Tourism under the Cabinet of Ministers of Uzbekistan')).toEqual([
      'Committee for Tourism under the Cabinet of Ministers of Uzbekistan', '(Cabinet of Ministers of Uzbekistan)'])
  })

  it('ends a name with its country when a person follows ("Director of the X of Moldova Ion Rusu")', () => {
    expect(names('Director of the Policy Institute under the Government of the Republic of Moldova Ion Rusu and Director of the Caspian Center Ali Aliyev signed it.'))
      .toEqual(['Policy Institute under the Government of the Republic of Moldova', '(Government of the Republic of Moldova)', 'Caspian Center'])
    expect(names('The Institute for China Capital Market Research took part.')).toEqual(['Institute for China Capital Market Research'])
  })

  it('keeps "X, Y and Z" inside one name but splits lists of organizations', () => {
    expect(names('the Ministry of Ecology, Environmental Protection and Climate Change (Uzbekistan)')).toEqual([
      'Ministry of Ecology, Environmental Protection and Climate Change'])
    expect(names('Institute of History, Kazakh National University and Nazarbayev University took part')).toEqual([
      'Institute of History', 'Kazakh National University', 'Nazarbayev University'])
  })

  it('reads acronyms in parentheses, legal forms and lone acronyms', () => {
    const text = 'The United Nations Development Programme (UNDP), Qazaq Media NJSC and TURKSOY met.'
    const found = findOrganizations(text, tokenize(text))
    expect(found.map((o) => [o.name, o.acronym])).toEqual([
      ['United Nations Development Programme', 'UNDP'], ['Qazaq Media NJSC', null], ['TURKSOY', null]])
  })

  it('knows well-known international organizations and the names it is given', () => {
    const text = 'UN Women and the World Bank met KazISS.'
    const found = findOrganizations(text, tokenize(text), { known: [{ name: 'Kazakhstan Institute for Strategic Studies', acronyms: ['KazISS'] }] })
    expect(found.map((o) => [o.name, o.canonical])).toEqual([
      ['UN Women', 'UN Women'], ['World Bank', 'World Bank'], ['KazISS', 'Kazakhstan Institute for Strategic Studies']])
  })

  it('does not take titles, degrees, countries or documents for organizations', () => {
    expect(names('Vice-President Askhat met the Speaker of the Senate.')).toEqual(['Senate'])
    expect(names('the Russian Federation and the Framework Program for Cooperation for 2025-2030')).toEqual([])
    expect(names('a report “Ministry of Truth” was read')).toEqual([])
  })

  it('reads "the Institute" as a reference to be resolved', () => {
    expect(names('a researcher of the Institute, at the Institute’s office')).toEqual(['the institute', 'the institute'])
  })

  it('stops before a person named after the organization', () => {
    expect(names('Rector of Nazarbayev University Kadisha Dairova spoke')).toEqual(['Nazarbayev University'])
  })

  it('states the country when the text or the name makes it certain', () => {
    const text = 'AREL University (Turkey), the Central State Archive of the Republic of Kazakhstan, Kazakh National University, UNESCO'
    expect(findOrganizations(text, tokenize(text)).map((o) => o.country)).toEqual(['TR', 'KZ', 'KZ', null])
  })

  it('gives one key to an organization written with and without its country office', () => {
    expect(organizationKey({ name: 'UN Women in Kazakhstan', canonical: null })).toBe(organizationKey({ name: 'UN Women', canonical: null }))
  })
})

describe('possessives', () => {
  it('splits "X School’s Y Center" but keeps "Commission for Women’s Affairs" whole', () => {
    expect(names('Harvard Kennedy School’s Belfer Center hosted a panel.')).toEqual(['(Harvard Kennedy School)', 'Belfer Center'])
    expect(names('the National Commission for Women’s Affairs and Family Policy')).toEqual(['National Commission for Women’s Affairs and Family Policy'])
  })
  it('keeps the seat named before an acronym in the name', () => {
    expect(names('the Centre of Policy Studies, Lisbon (CPS) held a seminar')).toEqual(['Centre of Policy Studies, Lisbon'])
  })
  it('keeps a body whose name starts with a known acronym apart from that organization', () => {
    const text = 'the UN System Staff College and other UN agencies'
    expect(findOrganizations(text, tokenize(text)).map((o) => [o.name, o.canonical])).toEqual([['UN System Staff College', null], ['UN', 'United Nations']])
  })
  it('takes no label, title or plural title for an organization', () => {
    expect(names('Seminar\nDATE: 2021-05-11\nVENUE: Hall A of the Maritime Institute')).toEqual(['Maritime Institute'])
    expect(names('Dr. A served as Co-Chair of the session.')).toEqual([])
    expect(names('Heads of the Caspian Energy Agency came to Baku.')).toEqual(['Caspian Energy Agency'])
  })

  it('reads "under the president of" in lower case, and an acronym in square brackets', () => {
    expect(findOrganizations('the Energy Agency under the president of the Republic of Kazakhstan [EAK] met', tokenize('the Energy Agency under the president of the Republic of Kazakhstan [EAK] met')).map((o) => [o.name, o.acronym]))
      .toContainEqual(['Energy Agency under the president of the Republic of Kazakhstan', 'EAK'])
  })
})
