import { describe, expect, it } from 'vitest'
import { findOrganizations } from './organizations.ts'
import { findDegrees, findPeople } from './people.ts'
import { findPlaces } from './places.ts'
import { findQuotes, tokenize } from './text.ts'

function people(text: string, knownNames?: Set<string>) {
  const tokens = tokenize(text), quotes = findQuotes(text), degrees = findDegrees(tokens)
  const organizations = findOrganizations(text, tokens, { excluded: [...quotes, ...degrees] })
  const places = findPlaces(text, tokens).filter((p) => !organizations.some((o) => p.start >= o.start && p.start < o.end))
  return findPeople(text, tokens, organizations, places, degrees, { quotes, knownNames })
    .map((p) => [p.name, p.position, p.affiliation])
}

describe('findPeople', () => {
  it('reads honorifics and a title after the name', () => {
    expect(people('Dr. Askhat Kesikbayev, Vice-President of the Turkic Academy, delivered remarks.')).toEqual([
      ['Askhat Kesikbayev', 'Vice-President', 'Turkic Academy']])
  })

  it('reads an affiliation in parentheses up to the place', () => {
    expect(people('Yelena Nazemtseva (Institute of Oriental Studies of the Russian Academy of Sciences, Department of China, Russian Federation) spoke.')).toEqual([
      ['Yelena Nazemtseva', null, 'Institute of Oriental Studies of the Russian Academy of Sciences, Department of China']])
    expect(people('Marianna Smirnova-Seslavinskaya (Bulgaria) took part.')).toEqual([['Marianna Smirnova-Seslavinskaya', null, null]])
  })

  it('reads titles before the name, past degrees, for each of a list', () => {
    const text = 'the Deputy Director of the Public Opinion Research Institute, Master of Sociology Gulden Ashkenova, Chief Researcher of the Public Opinion Research Institute, Master of Anthropology Kalamkas Yessimova and Politologist, Master of Public Administration Nurgul Khaidarova held a discussion.'
    expect(people(text)).toEqual([
      ['Gulden Ashkenova', 'Deputy Director', 'Public Opinion Research Institute'],
      ['Kalamkas Yessimova', 'Chief Researcher', 'Public Opinion Research Institute'],
      ['Nurgul Khaidarova', 'Politologist', null]])
  })

  it('reads "Speaker of the Senate, A B" and "founder of X, professor at Y - Professor A B"', () => {
    expect(people('with the participation of the Speaker of the Senate, Maulen Ashimbayev.')).toEqual([['Maulen Ashimbayev', 'Speaker', 'Senate']])
    expect(people('The guest was a famous expert from the United States, founder of the Central Asia-Caucasus Institute, professor at the School of Advanced International Studies at Johns Hopkins University - Professor Frederick Starr.'))
      .toEqual([['Frederick Starr', 'founder', 'Central Asia-Caucasus Institute']])
  })

  it('reads initials and names in quoted titles only when written with initials', () => {
    expect(people('Among the guests were M.B. Syzdykova (Korkyt Ata Kyzylorda University, Kazakhstan).')).toEqual([
      ['M.B. Syzdykova', null, 'Korkyt Ata Kyzylorda University']])
    expect(people('a conference “Dialogue in the works of K. Khafizova” and “Abai Kunanbayev Today”')).toEqual([['K. Khafizova', null, null]])
  })

  it('takes a name with a verb of taking part, and the names listed beside it', () => {
    expect(people('Staff of the Institute i.e. Botagoz Rakisheva and Kalamkas Yessimova took part.')).toEqual([
      ['Botagoz Rakisheva', null, null], ['Kalamkas Yessimova', null, null]])
  })

  it('does not take organizations, places, titles or plain capitalised phrases for people', () => {
    expect(people('The Public Opinion Research Institute in Astana and the Russian Federation discussed Sustainable Development Goals.')).toEqual([])
    expect(people('the first meeting of the platform for analysts Taldau Talks, created to discuss current issues.')).toEqual([])
  })

  it('accepts a name known from elsewhere without a cue', () => {
    expect(people('Then Aliya Nurova smiled.', new Set(['aliya nurova']))).toEqual([['Aliya Nurova', null, null]])
  })

  it('does not give a name the title that ends the list entry above it', () => {
    expect(people('Speakers\n  Botagoz Rakisheva, director\n  Aidar Amrebayev')).toEqual([
      ['Botagoz Rakisheva', 'director', null], ['Aidar Amrebayev', null, null]])
  })

  it('finds degrees', () => {
    const text = 'Candidate of Sociological Sciences, PhD, Master of Public Administration Nurgul'
    expect(findDegrees(tokenize(text)).map((d) => text.slice(d.start, d.end))).toEqual([
      'Candidate of Sociological Sciences', 'PhD', 'Master of Public Administration'])
  })
  it('gives a title between two names to the name before it when the next has its own', () => {
    expect(people('The panel brought together Irena Volk, Senior Fellow of the Lakeside Policy Institute, Omar Haddad, Head of the Coastal Studies Council, and others.')).toEqual([
      ['Irena Volk', 'Senior Fellow', 'Lakeside Policy Institute'],
      ['Omar Haddad', 'Head', 'Coastal Studies Council']])
  })
  it('gives the people an organization "was represented by" that organization', () => {
    expect(people('The Harbor Council was represented by K. Lind, research director, and P. Osei, senior analyst.')).toEqual([
      ['K. Lind', 'research director', 'Harbor Council'], ['P. Osei', 'senior analyst', 'Harbor Council']])
  })

  it('gives the members of a delegation the organization that sent it', () => {
    const text = 'The Caspian Policy Institute sent a delegation to Baku. The delegation was led by Mr. Emil Roth, Director, and also comprised Ms. Dina Vos and Ms. Lea Marr.'
    expect(people(text).map(([name, , affiliation]) => [name, affiliation])).toEqual([
      ['Emil Roth', 'Caspian Policy Institute'], ['Dina Vos', 'Caspian Policy Institute'], ['Lea Marr', 'Caspian Policy Institute']])
  })

  it('reads "Researcher for the Department of X" as an affiliation', () => {
    expect(people('Ivo Brandt, Senior Researcher for the Department of Maritime Studies, spoke.')).toEqual([
      ['Ivo Brandt', 'Senior Researcher', 'Department of Maritime Studies']])
  })
  it('reads an organization in apposition after a title, past British honours', () => {
    expect(people('The panel brought together Ivo Brandt, Senior Fellow, Polar University, and others.')).toEqual([['Ivo Brandt', 'Senior Fellow', 'Polar University']])
    expect(people('Speakers included Dr. Hanna Moor OBE, Professor, Polar University, and others.')).toEqual([['Hanna Moor', null, 'Polar University']])
  })
})
