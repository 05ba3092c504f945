import { createActivity } from '../src/activities/activity.service.ts'
import type { Db } from '../src/db/database.ts'
import { overlaps } from '../src/insights/insight.filters.ts'
import type { ParticipationRole } from '../src/lib/vocabulary.ts'
import { createOrganization } from '../src/organizations/organization.service.ts'
import { createPerson } from '../src/people/person.service.ts'
import { createPublication } from '../src/publications/publication.service.ts'
import { makePost } from './factories.ts'

// A small archive for the annual report and the activity lists: an institute with a unit and three staff members,
// partners in three countries and one without, activities in 2023, 2024 (one internal, one with an internal
// participation, one spanning New Year into 2025) and 2025, posts published, draft and about an internal activity,
// and publications with their survey method. Its facts are kept beside the rows so tests count them directly.

/** Every letter Kazakh adds to the Russian alphabet, in real words: the PDF must keep them all. */
export const KAZAKH_NAME = 'Қоғамдық пікір: әдістер, өңірлер, ұстанымдар, үрдістер және шаһар'
export const KAZAKH_LETTERS = ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'і']

export interface FixtureParty { id: number; slug: string; name: string; kind: 'person' | 'organization'; staff?: boolean; unit?: boolean; country?: string | null }

export interface FixtureActivity {
  id: number
  slug: string
  name: string
  kind: string
  startsOn: string
  endsOn: string | null
  city: string | null
  country: string | null
  internal: boolean
  participants: { party: FixtureParty; role: ParticipationRole; internal: boolean; jobTitle: string | null; affiliation: FixtureParty | null }[]
  posts: { slug: string; status: 'published' | 'draft' }[]
}

export interface ReportArchive {
  institute: FixtureParty
  unit: FixtureParty
  aruzhan: FixtureParty
  marat: FixtureParty
  dana: FixtureParty
  timur: FixtureParty
  outsider: FixtureParty
  partners: FixtureParty[]
  activities: FixtureActivity[]
  publications: { id: number; slug: string; title: string; publishedOn: string }[]
}

export async function buildReportArchive(db: Db): Promise<ReportArchive> {
  const organization = async (name: string, country: string | null, extra: Partial<FixtureParty> = {}, parentId: number | null = null) => {
    const made = await createOrganization(db, { name, variants: [], kind: null, country, parentId, website: null }, 'test')
    return { ...made, name, kind: 'organization' as const, country, ...extra }
  }
  const institute = await organization('Opinion Institute', 'KZ')
  const unit = await organization('Opinion Institute Survey Centre', 'KZ', { unit: true }, institute.id)
  const partners = [
    await organization('Alpha University', 'KZ'),
    await organization('Beta Foundation', 'DE'),
    await organization('Gamma Agency', null),
    await organization('Ұлттық ғылым академиясы', 'KZ'),
    await organization('Delta Ministry', 'FR'),
    // Takes part only through a participant who represented it.
    await organization('Epsilon Institute', 'US'),
    // Only mentioned in the news: not a partner.
    await organization('Zeta Media', 'GB'),
  ]
  const person = async (name: string, affiliations: { organizationId: number; position: string | null; startsOn?: string; endsOn?: string }[]) => {
    const made = await createPerson(db, { name, variants: [], honorific: null, degree: null, biography: null,
      affiliations: affiliations.map((a) => ({ organizationId: a.organizationId, position: a.position, startsOn: a.startsOn ?? null, endsOn: a.endsOn ?? null })) }, 'test')
    return { ...made, name, kind: 'person' as const, staff: affiliations.some((a) => a.organizationId === institute.id || a.organizationId === unit.id) }
  }
  const aruzhan = await person('Аружан Қасымова', [{ organizationId: institute.id, position: 'Director' }])
  const marat = await person('Marat Seitkali', [{ organizationId: institute.id, position: 'Senior researcher' }])
  const dana = await person('Dana Bekova', [{ organizationId: institute.id, position: 'Analyst' }])
  const outsider = await person('Olga Outsider', [{ organizationId: partners[0]!.id, position: 'Professor' }])
  // Staff through the institute's unit.
  const timur = await person('Timur Unitov', [{ organizationId: unit.id, position: 'Fieldwork lead' }])
  const mentioned = await person('Mira Mentioned', [])
  const [alpha, beta, gamma, academy, delta, epsilon, zeta] = partners as FixtureParty[] as
    [FixtureParty, FixtureParty, FixtureParty, FixtureParty, FixtureParty, FixtureParty, FixtureParty]

  const activities: FixtureActivity[] = []
  const activity = async (spec: Omit<FixtureActivity, 'id' | 'slug' | 'posts' | 'participants'> & {
    participants: [FixtureParty, ParticipationRole, { internal?: boolean; jobTitle?: string; affiliation?: FixtureParty }?][]
    posts?: ('published' | 'draft')[]
  }) => {
    const participants = spec.participants.map(([party, role, o]) => ({ party, role, internal: !!o?.internal, jobTitle: o?.jobTitle ?? null,
      affiliation: o?.affiliation ?? null }))
    const made = await createActivity(db, {
      kind: spec.kind, name: spec.name, startsOn: spec.startsOn, endsOn: spec.endsOn, city: spec.city, country: spec.country,
      format: null, internal: spec.internal,
      participations: participants.map((p) => ({
        personId: p.party.kind === 'person' ? p.party.id : null, organizationId: p.party.kind === 'organization' ? p.party.id : null,
        role: p.role, affiliationId: p.affiliation?.id ?? null, jobTitle: p.jobTitle, internal: p.internal,
      })),
    }, 'test')
    const posts = []
    for (const status of spec.posts ?? []) {
      const post = await makePost(db, { activityId: made.id, status, title: `News about ${spec.name} (${status})`, publishedAt: status === 'draft' ? null : `${spec.startsOn}T12:00:00.000Z` })
      posts.push({ slug: post.slug, status })
    }
    const made2: FixtureActivity = { ...spec, ...made, participants, posts }
    activities.push(made2)
    return made2
  }

  await activity({ name: KAZAKH_NAME, kind: 'conference', startsOn: '2024-03-10', endsOn: '2024-03-11', city: 'Astana', country: 'KZ', internal: false,
    participants: [[institute, 'organizer'], [aruzhan, 'organizer', { jobTitle: 'Director of the Opinion Institute' }], [marat, 'speaker'], [outsider, 'participant'],
      [alpha, 'partner'], [beta, 'supporter'], [unit, 'participant'], [zeta, 'mentioned'], [mentioned, 'mentioned']], posts: ['published'] })
  await activity({ name: 'New Year Forum', kind: 'forum', startsOn: '2024-12-30', endsOn: '2025-01-02', city: 'Almaty', country: 'KZ', internal: false,
    participants: [[marat, 'moderator'], [marat, 'speaker'], [timur, 'participant'], [gamma, 'partner']], posts: ['published'] })
  await activity({ name: 'Closed Strategy Workshop', kind: 'workshop', startsOn: '2024-06-01', endsOn: null, city: 'Astana', country: 'KZ', internal: true,
    participants: [[aruzhan, 'participant'], [delta, 'partner']], posts: ['published'] })
  await activity({ name: 'Autumn Seminar', kind: 'seminar', startsOn: '2024-09-15', endsOn: null, city: 'Berlin', country: 'DE', internal: false,
    participants: [[aruzhan, 'speaker'], [dana, 'participant', { internal: true }], [academy, 'partner'], [outsider, 'speaker', { affiliation: epsilon }]],
    posts: ['draft'] })
  await activity({ name: 'Last Year Meeting', kind: 'meeting', startsOn: '2023-05-05', endsOn: null, city: 'Astana', country: 'KZ', internal: false,
    participants: [[marat, 'participant'], [alpha, 'partner']], posts: ['published'] })
  await activity({ name: 'Next Year Lecture', kind: 'lecture', startsOn: '2025-02-02', endsOn: null, city: null, country: null, internal: false,
    participants: [[aruzhan, 'speaker']] })

  const publication = async (title: string, publishedOn: string, methods: string[], contributors: [FixtureParty, string][]) => {
    const made = await createPublication(db, {
      kind: 'report', title, summary: null, publishedOn, activityId: null, sampleSize: 1200, regions: 'Astana, Almaty', methods,
      contributors: contributors.map(([party, role]) => ({ personId: party.kind === 'person' ? party.id : null,
        organizationId: party.kind === 'organization' ? party.id : null, role })),
    } as Parameters<typeof createPublication>[1], 'test')
    return { ...made, title, publishedOn }
  }
  const survey = await publication('Public Opinion Survey 2024', '2024-05-20', ['mass-survey', 'focus-groups'], [[aruzhan, 'author'], [alpha, 'commissioner']])
  await db.updateTable('publication').set({ fieldwork_from: '2024-02-01', fieldwork_to: '2024-03-15' }).where('id', '=', survey.id).execute()
  const older = await publication('Youth Attitudes 2023', '2023-11-01', ['expert-interviews'], [[marat, 'author']])

  return { institute, unit, aruzhan, marat, dana, timur, outsider, partners, activities, publications: [survey, older] }
}

/** The year's figures counted straight from the fixture's rows, by the rules the report states. */
export function expectedFigures(archive: ReportArchive, year: number, internal: boolean) {
  const period = { from: `${year}-01-01`, to: `${year}-12-31` }
  const inYear = archive.activities.filter((a) => overlaps(period, a.startsOn, a.endsOn) && (internal || !a.internal))
  // Taking part means a role: the merely mentioned do not count.
  const visible = inYear.flatMap((a) => a.participants.filter((p) => (internal || !p.internal) && p.role !== 'mentioned'))
  const own = new Set([archive.institute.id, archive.unit.id])
  // Organizations in a role of their own, or represented by a participant.
  const organizations = visible.flatMap((p) => [...(p.party.kind === 'organization' ? [p.party] : []), ...(p.affiliation ? [p.affiliation] : [])])
  const partners = new Map(organizations.filter((o) => !own.has(o.id)).map((o) => [o.id, o]))
  return {
    activities: inYear,
    // Published posts about the year's activities; a draft never counts.
    posts: inYear.flatMap((a) => a.posts).filter((p) => p.status === 'published').length,
    people: new Set(visible.filter((p) => p.party.kind === 'person').map((p) => p.party.id)).size,
    partners: partners.size,
    countries: new Set([...partners.values()].map((p) => p.country).filter(Boolean)).size,
    publications: archive.publications.filter((p) => p.publishedOn.startsWith(String(year))).length,
    staffWithActivities: new Set(visible.filter((p) => p.party.kind === 'person' && p.party.staff).map((p) => p.party.id)).size,
  }
}
