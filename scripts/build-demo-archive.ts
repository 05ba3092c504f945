// Builds src/demo/demo-archive.json from the gold activity records of the institute's news
// (shared/eval/public/seed-gold.json) plus what a careful editor adds by hand: headlines, slugs,
// people's honorifics and degrees, organization kinds, parents and websites, and the report.
//
//   npx tsx scripts/build-demo-archive.ts ../shared/eval/public/seed-gold.json
//
// The app never reads shared/ at run time; it loads the JSON written here.
import { readFileSync, writeFileSync } from 'node:fs'
import { importActivityRecords } from '../src/archive/archive.service.ts'
import { ActivityRecordsSchema, ArchiveSchema, type Archive } from '../src/archive/archive.schema.ts'
import { bySlug, exportArchive } from '../src/archive/archive.service.ts'
import { openDatabase } from '../src/db/connection.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { nameKey } from '../src/lib/names.ts'

const POSTS: Record<string, { slug: string; title: string; time: string }> = {
  'seed-01': { slug: 'turkic-world-symbols-values-ideas-workshop', time: '14:00',
    title: 'Turkic Academy and the Institute hold a workshop on the symbols, values and ideas of the Turkic-speaking world' },
  'seed-02': { slug: 'conference-on-the-works-of-k-khafizova', time: '12:00',
    title: 'Almaty conference honours orientalist K. Khafizova on her 85th anniversary' },
  'seed-03': { slug: 'strategic-session-sustainable-development-2030', time: '12:00',
    title: 'Botagoz Rakisheva joins the UN strategic session on Kazakhstan’s sustainable development to 2030' },
  'seed-04': { slug: 'guest-lecture-on-diaspora-policy', time: '12:00',
    title: 'Guest lecture on the new stage of Kazakhstan’s diaspora policy at the National School of Public Policy' },
  'seed-05': { slug: 'public-council-agency-for-strategic-planning-first-meeting', time: '12:00',
    title: 'First meeting of the renewed Public Council at the Agency for Strategic Planning and Reforms' },
  'seed-06': { slug: 'taldau-talks-first-meeting', time: '12:00',
    title: 'Taldau Talks expert platform holds its first meeting with Frederick Starr' },
  'seed-07': { slug: 'gender-equality-report-presented', time: '12:00',
    title: 'UNDP and UN Women present the Institute’s report on gender equality and women’s empowerment' },
  'seed-08': { slug: 'round-table-on-ethnocultural-enclaves', time: '12:00',
    title: 'Round table on ethnocultural enclaves and collective identity at Al-Farabi Kazakh National University' },
  'seed-09': { slug: 'consortium-on-family-gender-and-demographic-policy', time: '12:00',
    title: 'The Institute joins the new research consortium on family, gender and demographic policy' },
  'seed-10': { slug: 'expert-meeting-turkish-foreign-policy-in-eurasia', time: '12:00',
    title: 'Expert meeting with Anar Somuncuoğlu on Turkish foreign policy in Eurasia' },
}

const PEOPLE: Record<string, { honorific?: string; degree?: string; biography?: string; variants?: string[] }> = {
  'Botagoz Rakisheva': { honorific: 'Dr.', degree: 'Candidate of Sociological Sciences', variants: ['Ракишева Ботагоз', 'Ботагоз Ракишева'],
    biography: 'Director of the Public Opinion Research Institute; sociologist working on diaspora policy, migration, gender and public opinion in Kazakhstan and Central Asia.' },
  'Gulden Ashkenova': { degree: 'Master of Sociology', variants: ['Ашкенова Гульден'] },
  'Kalamkas Yessimova': { degree: 'Master of Anthropology', variants: ['Есимова Каламкас'] },
  'Nurgul Khaidarova': { degree: 'Master of Public Administration', biography: 'Politologist.' },
  'Askhat Kesikbayev': { honorific: 'Dr.' },
  'Hayati Tufekcioglu': { honorific: 'Prof.', variants: ['Hayati Tüfekçioğlu'] },
  'Kairatbek Jamangulov': { honorific: 'Dr.' },
  'Shukhrat Isakulov': { honorific: 'Dr.' },
  'Azamat Seitov': { honorific: 'Dr.' },
  'Anar Somuncuoğlu': { honorific: 'Dr.', degree: 'PhD', variants: ['Anar Somuncuoglu'] },
  'Frederick Starr': { honorific: 'Prof.', variants: ['S. Frederick Starr'] },
  'K. Khafizova': { degree: 'Doctor of Historical Sciences',
    biography: 'Orientalist, professor, one of the founders of sinology in Kazakhstan, specialist in the ancient Chinese language.' },
}

const ORGANIZATIONS: Record<string, { kind: NonNullable<Archive['organizations'][number]['kind']>; parent?: string; website?: string; country?: string }> = {
  'Public Opinion Research Institute': { kind: 'research', website: 'https://opinions.kz' },
  'Turkic Academy': { kind: 'international', website: 'https://turkicacademy.org' },
  'Center for Social Research of the National Academy of Sciences of Kyrgyzstan': { kind: 'research', parent: 'National Academy of Sciences of Kyrgyzstan' },
  'Tourism Committee under the Ministry of Ecology, Environmental Protection and Climate Change': { kind: 'government', parent: 'Ministry of Ecology, Environmental Protection and Climate Change' },
  'Institute of Advanced International Studies': { kind: 'research', parent: 'University of World Economy and Diplomacy' },
  'Institute of Public Policy of Amanat Party': { kind: 'research', parent: 'Amanat Party' },
  'Office of the UN Resident Coordinator in Kazakhstan': { kind: 'international', parent: 'United Nations' },
  'National School of Public Policy of the Academy of Public Administration under the President of the Republic of Kazakhstan': { kind: 'university', parent: 'Academy of Public Administration under the President of the Republic of Kazakhstan' },
  'Public Council at the Agency for Strategic Planning and Reforms of the Republic of Kazakhstan': { kind: 'government', parent: 'Agency for Strategic Planning and Reforms of the Republic of Kazakhstan' },
  'School of Advanced International Studies at Johns Hopkins University': { kind: 'university', parent: 'Johns Hopkins University', country: 'US' },
  'Johns Hopkins University': { kind: 'university', country: 'US' },
  'Institute of Asian Studies': { kind: 'research', parent: 'Al-Farabi Kazakh National University' },
  'Institute of Oriental Studies of the Russian Academy of Sciences': { kind: 'research', parent: 'Russian Academy of Sciences' },
  'International Center for the Rapprochement of Cultures under the auspices of UNESCO': { kind: 'international' },
  'Taldau Talks': { kind: 'ngo' },
  'Central Asia-Caucasus Institute': { kind: 'research', country: 'US' },
  'University of Virginia': { kind: 'university', country: 'US' },
  'Otandastar Qory NCJSC': { kind: 'government' },
  'ALE Association of Kyrgyz people of Kazakhstan': { kind: 'ngo' },
  'Yunus Emre Institute': { kind: 'international', country: 'TR' },
  'Senate': { kind: 'government', country: 'KZ' },
  'Consortium of research organizations in the field of family, gender and demographic policy in the Republic of Kazakhstan': { kind: 'research' },
}

function guessKind(name: string): NonNullable<Archive['organizations'][number]['kind']> {
  if (/universit|ENU$|school/i.test(name)) return 'university'
  if (/^(UN\b|UNESCO|United Nations|TURKSOY)/.test(name)) return 'international'
  if (/ministry|agency|committee|government|commission|archive|senate|council|party/i.test(name)) return 'government'
  if (/institute|academy|cent(er|re)|research/i.test(name)) return 'research'
  return 'other'
}

const goldPath = process.argv[2] ?? '../shared/eval/public/seed-gold.json'
const records = ActivityRecordsSchema.parse(JSON.parse(readFileSync(goldPath, 'utf8')))
const connection = openDatabase(':memory:')
await migrateToLatest(connection.db, connection.dialect)
await importActivityRecords(connection.db, records, 'demo', { publish: true })
const archive = await exportArchive(connection.db)
await connection.close()

const orgSlugByName = new Map(archive.organizations.flatMap((o) => [o.name, ...o.variants].map((n) => [nameKey(n), o.slug])))
const orgSlug = (name: string) => {
  const slug = orgSlugByName.get(nameKey(name))
  if (!slug) throw new Error(`No organization named ${name}`)
  return slug
}
for (const org of archive.organizations) {
  const extra = ORGANIZATIONS[org.name]
  org.kind = extra?.kind ?? guessKind(org.name)
  org.website = extra?.website ?? org.website
  org.country = org.country ?? extra?.country ?? null
  org.parent = extra?.parent ? orgSlug(extra.parent) : null
}
for (const person of archive.people) {
  const extra = PEOPLE[person.name] ?? {}
  person.honorific = extra.honorific ?? null
  person.degree = extra.degree ?? null
  person.biography = extra.biography ?? null
  person.variants = [...new Set([...person.variants, ...(extra.variants ?? [])])]
}
// Posts were exported by slug; match each to its record by the text it was built from.
for (const record of records) {
  const post = archive.posts.find((p) => p.body.replace(/\s+/g, ' ') === record.text.split(/\n+/).map((l) => l.trim()).filter(Boolean).join(' '))
  const extra = POSTS[record.id!]
  if (!post || !extra) throw new Error(`No post for ${record.id}`)
  post.slug = extra.slug
  post.title = extra.title
  // Times are in Astana (UTC+5).
  post.publishedAt = new Date(`${record.date}T${extra.time}:00+05:00`).toISOString()
  // The activity takes the editor's slug too, with its date in front.
  const activity = archive.activities.find((a) => a.slug === post.activity)!
  activity.slug = `${record.date}-${extra.slug}`
  post.activity = activity.slug
}
archive.activities.sort((a, b) => bySlug(a.slug, b.slug))
const gender = archive.activities.find((a) => a.kind === 'presentation')!
archive.publications.push({
  slug: 'public-perception-of-gender-equality-in-kazakhstan',
  kind: 'report',
  title: 'Public perception of gender equality and women’s empowerment in Kazakhstan',
  summary: 'A sociological study of how the people of Kazakhstan perceive the ideas of gender equality and women’s empowerment, combining qualitative and quantitative methods.',
  publishedOn: '2024-03-05',
  activity: gender.slug,
  method: {
    sampleSize: 3800,
    regions: '17 regions of Kazakhstan and three cities of republican significance',
    methods: ['mass-survey', 'expert-interviews', 'focus-groups'],
  },
  contributors: [
    { person: null, organization: orgSlug('Public Opinion Research Institute'), role: 'author' },
    { person: null, organization: orgSlug('United Nations Development Program'), role: 'commissioner' },
    { person: null, organization: orgSlug('UN Women'), role: 'partner' },
    { person: null, organization: orgSlug('Ministry of Culture and Information of the Republic of Kazakhstan'), role: 'supporter' },
    { person: archive.people.find((p) => p.name === 'Botagoz Rakisheva')!.slug, organization: null, role: 'presenter' },
  ],
})
archive.posts.sort((a, b) => bySlug(a.slug, b.slug))
const checked = ArchiveSchema.parse(archive)
writeFileSync(new URL('../src/demo/demo-archive.json', import.meta.url), `${JSON.stringify(checked, null, 2)}\n`)
console.log(`demo archive: ${checked.posts.length} posts, ${checked.activities.length} activities, ${checked.people.length} people, ${checked.organizations.length} organizations`)
