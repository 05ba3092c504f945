import { z } from 'zod'
import { FORMATS, KINDS, ORGANIZATION_KINDS, PARTICIPATION_ROLES, PUBLICATION_KINDS, ROLES } from '../lib/vocabulary.ts'

// Version 1 of the archive file written by `chronicle export-json` (documented in docs/archive-format.md).
export const ARCHIVE_FORMAT = 'chronicle-archive'
export const ARCHIVE_VERSION = 1

// Lower-case letters, and letters of scripts without case (中文, محمد) or modifier letters (Uzbek Oʻzbek): what slugify makes.
const slug = z.string().regex(/^[\p{Ll}\p{Lm}\p{Lo}\p{N}]+(-[\p{Ll}\p{Lm}\p{Lo}\p{N}]+)*$/u,
  'a slug is lower-case words joined by hyphens')
// A real calendar day: 2024-02-30 is refused, not stored.
const isoDate = z.iso.date({ message: 'a date is a calendar day written YYYY-MM-DD' })
const timestamp = z.iso.datetime({ offset: true })
const country = z.string().regex(/^[A-Z]{2}$/, 'a country is an ISO 3166-1 alpha-2 code such as KZ')
const text = z.string().trim().min(1)
const optionalText = text.nullable().default(null)

export const OrganizationSchema = z.object({
  slug,
  name: text,
  variants: z.array(text).default([]),
  kind: z.enum(ORGANIZATION_KINDS).nullable().default(null),
  country: country.nullable().default(null),
  parent: slug.nullable().default(null),
  website: z.url().nullable().default(null),
})

export const AffiliationSchema = z.object({
  organization: slug,
  position: optionalText,
  from: isoDate.nullable().default(null),
  to: isoDate.nullable().default(null),
})

export const PersonSchema = z.object({
  slug,
  name: text,
  variants: z.array(text).default([]),
  honorific: optionalText,
  degree: optionalText,
  biography: optionalText,
  affiliations: z.array(AffiliationSchema).default([]),
})

const party = { person: slug.nullable().default(null), organization: slug.nullable().default(null) }
const oneParty = (p: { person: string | null; organization: string | null }) => (p.person === null) !== (p.organization === null)
const onePartyMessage = { message: 'name exactly one of "person" and "organization"' }

export const ParticipationSchema = z.object({
  ...party,
  role: z.enum(PARTICIPATION_ROLES),
  affiliation: slug.nullable().default(null),
  jobTitle: optionalText,
  internal: z.boolean().default(false),
}).refine(oneParty, onePartyMessage)

export const ActivitySchema = z.object({
  slug,
  kind: z.enum(KINDS).nullable().default(null),
  name: optionalText,
  startsOn: isoDate.nullable().default(null),
  endsOn: isoDate.nullable().default(null),
  city: optionalText,
  country: country.nullable().default(null),
  format: z.enum(FORMATS).nullable().default(null),
  internal: z.boolean().default(false),
  participations: z.array(ParticipationSchema).default([]),
})

export const ContributorSchema = z.object({
  ...party,
  role: z.enum(['author', 'presenter', ...ROLES]),
}).refine(oneParty, onePartyMessage)

export const PublicationSchema = z.object({
  slug,
  kind: z.enum(PUBLICATION_KINDS),
  title: text,
  summary: optionalText,
  publishedOn: isoDate.nullable().default(null),
  activity: slug.nullable().default(null),
  method: z.object({
    sampleSize: z.number().int().positive().nullable().default(null),
    regions: optionalText,
    methods: z.array(text).default([]),
  }).default({ sampleSize: null, regions: null, methods: [] }),
  contributors: z.array(ContributorSchema).default([]),
})

export const PostSchema = z.object({
  slug,
  lang: z.string().regex(/^[a-z]{2}$/).default('en'),
  title: text,
  summary: z.string().default(''),
  body: z.string(),
  status: z.enum(['draft', 'review', 'scheduled', 'published']),
  publishedAt: timestamp.nullable().default(null),
  activity: slug.nullable().default(null),
  links: z.array(z.object({ url: z.url(), label: optionalText })).default([]),
  // Versions in other languages; left out of the file when there are none, so older files read the same.
  translations: z.array(z.object({
    lang: z.string().regex(/^[a-z]{2}$/),
    title: text,
    summary: z.string().default(''),
    body: z.string().default(''),
  })).optional(),
  // What identifies the imported text the post was made from; kept so a restored archive still knows it.
  sourceKey: z.string().min(1).max(2000).optional(),
})

export const ArchiveSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  version: z.literal(ARCHIVE_VERSION),
  organizations: z.array(OrganizationSchema),
  people: z.array(PersonSchema),
  activities: z.array(ActivitySchema),
  publications: z.array(PublicationSchema),
  posts: z.array(PostSchema),
}).superRefine((archive, context) => {
  // A second record with a slug would be taken for the first and silently dropped.
  for (const collection of ['organizations', 'people', 'activities', 'publications', 'posts'] as const) {
    const first = new Map<string, number>()
    archive[collection].forEach(({ slug }, index) => {
      const earlier = first.get(slug)
      if (earlier === undefined) return void first.set(slug, index)
      const message = `the slug “${slug}” is already used by ${collection}[${earlier}]`
      context.addIssue({ code: 'custom', path: [collection, index, 'slug'], message })
    })
  }
})

export type Archive = z.infer<typeof ArchiveSchema>
export type ArchiveOrganization = z.infer<typeof OrganizationSchema>
export type ArchivePerson = z.infer<typeof PersonSchema>
export type ArchiveActivity = z.infer<typeof ActivitySchema>
export type ArchivePublication = z.infer<typeof PublicationSchema>
export type ArchivePost = z.infer<typeof PostSchema>

// One item of the activity record format (shared/eval/FORMAT.md), as the extractor writes it.
const RecordEntity = { name: text, roles: z.array(z.enum(ROLES)).default([]), aliases: z.array(text).default([]) }

export const ActivityRecordSchema = z.object({
  id: z.string().optional(),
  text: z.string().min(1, 'the item has no text'),
  date: isoDate.nullable().default(null),
  endDate: isoDate.nullable().default(null),
  kind: z.enum(KINDS).nullable().default(null),
  name: optionalText,
  city: optionalText,
  country: country.nullable().default(null),
  format: z.enum(FORMATS).nullable().default(null),
  people: z.array(z.object({
    ...RecordEntity,
    affiliation: optionalText,
    position: optionalText,
  })).default([]),
  organizations: z.array(z.object({
    ...RecordEntity,
    country: country.nullable().default(null),
  })).default([]),
  links: z.array(z.string()).default([]),
})

export const ActivityRecordsSchema = z.array(ActivityRecordSchema)
export type ActivityRecord = z.infer<typeof ActivityRecordSchema>
