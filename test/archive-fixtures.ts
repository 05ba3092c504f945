// Small files in the two formats `chronicle import-json` accepts, for the archive and command-line tests.

/** An archive (docs/archive-format.md) of records the demo archive does not hold: 2 organizations, 2 people, 3 activities, 3 posts. */
interface Participation {
  person: string | null
  organization: string | null
  role: string
  affiliation: string | null
  jobTitle: string | null
  internal: boolean
}

export function smallArchive() {
  const activity = (slug: string, startsOn: string, participations: Participation[]) => ({
    slug, kind: 'seminar', name: `Seminar ${startsOn}`, startsOn, endsOn: null, city: 'Astana', country: 'KZ',
    format: 'in-person', internal: false, participations,
  })
  const post = (slug: string, activitySlug: string, publishedAt: string) => ({
    slug, lang: 'en', title: `News ${slug}`, summary: 'A seminar took place.', body: 'A seminar took place.',
    status: 'published', publishedAt, activity: activitySlug, links: [],
  })
  const person = { person: null, organization: null, affiliation: null, jobTitle: null, internal: false }
  return {
    format: 'chronicle-archive',
    version: 1,
    organizations: [
      { slug: 'steppe-institute', name: 'Steppe Institute', variants: ['SI'], kind: 'research', country: 'KZ', parent: null, website: null },
      { slug: 'steppe-institute-lab', name: 'Steppe Institute Lab', variants: [], kind: 'research', country: 'KZ',
        parent: 'steppe-institute', website: null },
    ],
    people: [
      { slug: 'aliya-bekova', name: 'Aliya Bekova', variants: [], honorific: 'Dr.', degree: null, biography: null,
        affiliations: [{ organization: 'steppe-institute', position: 'Senior Researcher', from: null, to: null }] },
      { slug: 'nurlan-sadykov', name: 'Nurlan Sadykov', variants: [], honorific: null, degree: null, biography: null, affiliations: [] },
    ],
    activities: [
      activity('2025-01-10-seminar', '2025-01-10', [{ ...person, person: 'aliya-bekova', role: 'speaker' }]),
      activity('2025-02-10-seminar', '2025-02-10', [{ ...person, organization: 'steppe-institute', role: 'organizer' }]),
      activity('2025-03-10-seminar', '2025-03-10', [{ ...person, person: 'nurlan-sadykov', role: 'moderator' }]),
    ],
    publications: [],
    posts: [
      post('first-seminar', '2025-01-10-seminar', '2025-01-11T09:00:00.000Z'),
      post('second-seminar', '2025-02-10-seminar', '2025-02-11T09:00:00.000Z'),
      post('third-seminar', '2025-03-10-seminar', '2025-03-11T09:00:00.000Z'),
    ],
  }
}

export const toJson = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`

/** 1-based number of the first line of `text` that contains `marker`. */
export function lineContaining(text: string, marker: string) {
  const index = text.split('\n').findIndex((line) => line.includes(marker))
  if (index < 0) throw new Error(`no line contains ${marker}`)
  return index + 1
}

/** Activity records (shared/eval/FORMAT.md) naming people and organizations the demo archive does not know. */
export const NEW_RECORDS = [
  {
    text: 'April 9, 2024. The Steppe Institute held a round table “Migration and the labour market” in Astana. ' +
      'Dr. Aliya Bekova, Senior Researcher at the Steppe Institute, made a report. Nurlan Sadykov moderated.\n' +
      'Read more: https://example.org/news/migration',
    date: '2024-04-09', endDate: null, kind: 'round-table', name: 'Migration and the labour market', city: 'Astana',
    country: 'KZ', format: 'in-person',
    people: [
      { name: 'Aliya Bekova', roles: ['speaker'], affiliation: 'Steppe Institute', position: 'Senior Researcher' },
      { name: 'Nurlan Sadykov', roles: ['moderator'], affiliation: null, position: null },
    ],
    organizations: [{ name: 'Steppe Institute', country: 'KZ', roles: ['organizer'] }],
    links: ['https://example.org/news/migration'],
  },
  {
    text: 'On 12 March 2023, the Steppe Institute presented a study of youth employment in Almaty. ' +
      'The Ministry of Labour supported it. Aliya Bekova took part.',
    date: '2023-03-12', endDate: null, kind: 'presentation', name: null, city: 'Almaty', country: 'KZ', format: null,
    people: [{ name: 'Aliya Bekova', roles: ['participant'], affiliation: null, position: null }],
    organizations: [
      { name: 'Steppe Institute', country: null, roles: ['organizer'] },
      { name: 'Ministry of Labour', country: 'KZ', roles: ['supporter'] },
    ],
    links: [],
  },
  {
    text: 'A seminar on survey methods was held online.',
    date: null, endDate: null, kind: 'seminar', name: null, city: null, country: null, format: 'online',
    people: [], organizations: [], links: [],
  },
]

/** Records naming only a person and an organization of the demo archive, by name, alias and another script. */
export const DEMO_NAMING_RECORDS = [
  {
    text: 'On 5 June 2024, Dr. Botagoz Rakisheva spoke at a forum on sustainable development organized by UNDP in Astana.',
    date: '2024-06-05', endDate: null, kind: 'forum', name: null, city: 'Astana', country: 'KZ', format: 'in-person',
    people: [{ name: 'Botagoz Rakisheva', roles: ['speaker'], affiliation: 'Public Opinion Research Institute', position: 'Director' }],
    organizations: [{ name: 'UNDP', country: null, roles: ['organizer'] }],
    links: [],
  },
  {
    text: 'Ботагоз Ракишева took part in a round table held by the United Nations Development Programme on 20 June 2024.',
    date: '2024-06-20', endDate: null, kind: 'round-table', name: null, city: null, country: null, format: null,
    people: [{ name: 'Ботагоз Ракишева', roles: ['participant'], affiliation: null, position: null }],
    organizations: [{ name: 'United Nations Development Programme', country: null, roles: ['organizer'] }],
    links: [],
  },
]
