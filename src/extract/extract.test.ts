import { describe, expect, it } from 'vitest'
import { ActivityRecordSchema, ActivityRecordsSchema } from '../archive/archive.schema.ts'
import { extractRecords } from './extract.ts'
import { fixture, readFixture, scoreRecords } from './fixtures/score.ts'

// Texts written for these tests in other institutes' styles, each with records annotated by hand
// (fixtures/*.gold.json), scored by the evaluation's scorer.
const TEXTS = [
  ['university-conference-tashkent.txt', 'a university press release: dateline, date range, hybrid, keynotes'],
  ['think-tank-seminar.txt', 'a think tank seminar note: dd.mm.yyyy, online, "Speakers included"'],
  ['ministry-meeting.txt', 'a ministry meeting: "met with", a delegation led by an ambassador'],
  ['lecture-series.md', 'a Markdown lecture announcement: "From 3 to 7 June 2024", support of an embassy'],
  ['report-presentation.txt', 'a report presentation: commissioned by, in cooperation with, comments'],
  ['centre-feed.txt', 'a feed of two items: ISO date, photo caption, "our Centre", webinar'],
  // Written after the rules above, scored blind first (0.875, 0.733, 0.475, 0.826), then fixed with generic rules.
  ['expert-discussion-moscow.txt', 'an expert discussion: "Speakers:" list with semicolons, "Chairman of the Board of"'],
  ['panel-us-university.txt', 'a US university panel: possessive names, "Panelists included", co-sponsor', ['format']],
  ['government-datelines.txt', 'government news: capitalised datelines, titles run into names'],
  ['summer-school-announcement.txt', 'an announcement: title line with a date range, "Lecturers:", organized jointly with'],
  // A second blind round (0.960, 0.867, 0.600, 0.980 at first).
  ['training-workshop-almaty.txt', 'a training workshop: "Trainers:", funded by, a project name that is not the title'],
  ['forum-plenary.txt', 'a forum: a session of a named forum, a title before the name'],
  ['delegation-visit.txt', 'a delegation visit: "The delegation included", a visit with no city'],
  ['joint-seminar-shymkent.txt', 'a joint seminar: "On the 5th of June 2024", board titles, "from the Ministry"'],
  // A third blind round (0.913, 0.905, 0.971 at first): "X and <name>, <title>", "featured", German names, "(City, Country)".
  ['policy-round-table-bishkek.txt', 'a policy round table: a name after "and" with its title, "(Tashkent, Uzbekistan)", "American University of Central Asia"'],
  ['webinar-caspian.txt', 'a webinar: "Nov. 5, 2024 —", "The webinar featured", semicolon list of titled names'],
  ['conference-partnership-almaty.txt', 'a conference: "27–28 February 2025", "chaired by Rector", Goethe-Institut in partnership'],
  // A fourth (0.871, 0.546, 0.926 and 0.905 at first): degrees before names in a list, Russian-style titles, mixed-case acronyms, board titles.
  ['seminar-attended-by.txt', 'a seminar: "attended by candidate of political sciences A, Ph.D. B and master of sociology C"'],
  ['feed-lecture-memorandum-school.txt', 'a feed of three: weekday dates, "April 3rd", a memorandum signed by "Chairman of the Board A", a spring school'],
  ['dated-headlines-feed.txt', 'a feed: date line, headline, text, "***" between items; "Speakers included A."; a delegation "led by"'],
  // A fifth (0.717 at first): a report launch, an event card with "Participants:", "Organizers:", "Date:", "Topic:", a virtual conversation.
  ['launch-card-conversation.txt', 'a report launch, an event card, a virtual conversation "with" two guests'],
  // A sixth (0.822 at first): a city as subject, a legal form before a quoted name, a numbered forum, "Among the speakers were".
  ['forum-defence-panel.txt', 'a forum hosted by a city, Public Foundation “…”, a dissertation defence, a panelist at the 14th Astana International Forum'],
  // A seventh (0.891 at first): "met with" before a conference mentioned in passing, New York, initials inside a university's name.
  ['diplomacy-webinar-visit.txt', 'a diplomatic meeting, a quote-led webinar with a bulleted list of speakers, a student visit to L.N. Gumilyov ENU'],
  // An eighth (0.780 at first): "Institute (ERI) of University organized", focus groups in three cities.
  ['roundtable-fieldwork.txt', 'a roundtable by an institute of a university, with one expert online; fieldwork "conducted" in three cities'],
  // A ninth (0.880 at first): a possessive name, survey results announced for the whole country.
  ['conference-survey-results.txt', 'a conference with "A\'s advisor B", a survey "conducted in all 17 regions of Kazakhstan"'],
  ['expert-meeting-acronyms.txt', 'an expert meeting: "ALMATY." dateline, "(KazISS)", "KazISS chief research fellow A", Friedrich-Ebert-Stiftung, "Experts from"'],
] as const satisfies ReadonlyArray<readonly [string, string, ReadonlyArray<Field>?]>

type Field = 'date' | 'kind' | 'city' | 'format'

describe('extraction on texts from other institutes', () => {
  for (const [file, about, misses = []] of TEXTS as ReadonlyArray<readonly [string, string, ReadonlyArray<Field>?]>) {
    it(`${about} (${file})`, () => {
      const records = extractRecords(readFixture(file), { reference: new Date(2024, 0, 15) })
      expect(ActivityRecordsSchema.safeParse(records).success).toBe(true)
      const score = scoreRecords(fixture(file.replace(/\.(txt|md)$/, '.gold.json')), records)
      expect(score.segmentation.f1).toBe(1)
      // Known misses: "streamed online" to a public audience read as online, not hybrid.
      for (const field of ['date', 'kind', 'city', 'format'] as const) {
        expect(score.fields[field].accuracy, field).toBe(misses.includes(field) ? 0 : 1)
      }
      expect(score.people.f1).toBeGreaterThanOrEqual(0.99)
      expect(score.organizations.f1).toBeGreaterThanOrEqual(0.75)
      // Lowest now: the delegation visit (0.80), whose members' affiliation comes from an earlier sentence.
      expect(score.score).toBeGreaterThanOrEqual(0.8)
    })
  }
})

describe('extractRecords', () => {
  it('writes records in the FORMAT.md shape', () => {
    const [record] = extractRecords('On 5 May 2024 the Ministry of Education of Kyrgyzstan held a seminar in Bishkek.', { reference: new Date(2024, 0, 1) })
    expect(record).toEqual({
      text: 'On 5 May 2024 the Ministry of Education of Kyrgyzstan held a seminar in Bishkek.',
      date: '2024-05-05', endDate: null, kind: 'seminar', name: null, city: 'Bishkek', country: 'KG', format: 'in-person',
      people: [],
      organizations: [{ name: 'Ministry of Education of Kyrgyzstan', country: 'KG', roles: ['organizer'] }],
      links: [],
    })
    expect(ActivityRecordSchema.parse(record)).toBeTruthy()
  })

  it('finds the names an archive already knows, by variant and acronym, and links them', () => {
    const text = 'On 3 April 2024 Dr. Dana Omarova spoke at a seminar of KazISS. Omarova D. answered questions.'
    const records = extractRecords(text, {
      reference: new Date(2024, 0, 1),
      known: {
        organizations: [{ name: 'Kazakhstan Institute for Strategic Studies', acronyms: ['KazISS'] }],
        people: [{ name: 'Dana Omarova', variants: ['Дана Омарова'] }],
      },
    })
    expect(records[0]!.organizations).toEqual([{
      name: 'KazISS', country: null, roles: ['organizer'], aliases: ['Kazakhstan Institute for Strategic Studies'],
    }])
    expect(records[0]!.people.map((p) => p.name)).toEqual(['Dana Omarova'])
  })

  it('says "the Institute" is the publisher named in other items, or the one given', () => {
    const text = [
      'On 1 March 2024 the Steppe Research Institute held a workshop in Almaty.',
      '',
      'On 9 March 2024 Aliya Nurova, a researcher of the Institute, gave a lecture at Satbayev University.',
    ].join('\n')
    const records = extractRecords(text, { reference: new Date(2024, 0, 1), home: 'Steppe Research Institute' })
    expect(records[1]!.people).toEqual([{ name: 'Aliya Nurova', roles: ['speaker'], affiliation: 'Steppe Research Institute', position: 'researcher' }])
  })

  it('drops "H. E." before a name and keeps "Maj. Gen. (ret)" inside its sentence', () => {
    const [record] = extractRecords('On 4 May 2024 the delegates met H. E. Arman Sadykov in Astana. The forum was also attended by Maj. Gen. (ret) Bolat Nurov, President of the Steppe Institute.')
    expect(record!.people.map((p) => [p.name, p.roles])).toEqual([['Arman Sadykov', ['participant']], ['Bolat Nurov', ['participant']]])
  })

  it('lists the parent whose acronym opens an organization\'s name, with no role', () => {
    const [record] = extractRecords('On 4 May 2024 the OSCE Programme Office in Bishkek held a seminar with the LLP Steppe Consulting Group.')
    expect(record!.organizations.map((o) => [o.name, o.roles])).toContainEqual(['OSCE', []])
    expect(record!.organizations.map((o) => o.name)).not.toContain('LLP')
  })

  it('returns no records for empty or blank input', () => {
    expect(extractRecords('')).toEqual([])
    expect(extractRecords(' \n\n \t ')).toEqual([])
  })
  it('merges a headline\'s acronym with the full name the text defines it by', () => {
    const [record] = extractRecords('PRI experts meet in Riga\nOn 4 May 2024 the Policy Research Institute (PRI) held a round table in Riga.')
    expect(record!.organizations.map((o) => [o.name, o.roles])).toEqual([['Policy Research Institute', ['organizer']]])
  })
  it('drops British honours after a listed name', () => {
    const [record] = extractRecords('Arctic futures\n5 May 2023\nSpeakers:\nProf. Hanna Moor OBE, Professor, Polar University\nDr Ian Cole CBE, Fellow, Ice Institute')
    expect(record!.people.map((p) => p.name)).toEqual(['Hanna Moor', 'Ian Cole'])
  })
})
