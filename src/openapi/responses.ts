import { z } from 'zod'
import { FORMATS, KINDS, PARTICIPATION_ROLES } from '../lib/vocabulary.ts'

// The shapes the read API answers with, kept true by a test that validates real responses against them.

const nullableString = z.string().nullable()
const date = z.string().describe('YYYY-MM-DD')
const kind = z.enum(KINDS).nullable()
const postLink = z.object({ slug: z.string(), title: z.string() }).nullable()

export const ProblemSchema = z.object({
  type: z.string(), title: z.string(), status: z.number().int(), detail: z.string(), instance: z.string().optional(),
  code: z.string().optional(), errors: z.array(z.string()).optional(),
}).meta({ description: 'RFC 9457 problem details' })

const pageLinks = z.object({ next: z.string().nullable(), prev: z.string().nullable() })
export const paged = <T extends z.ZodType>(item: T) => z.object({
  data: z.array(item), page: z.number().int(), pageSize: z.number().int(), hasMore: z.boolean(), links: pageLinks,
})

const activityBrief = z.object({
  slug: z.string(), kind, name: nullableString, startsOn: date.nullable(), endsOn: date.nullable(),
  city: nullableString, country: nullableString,
})

export const PostSummarySchema = z.object({
  slug: z.string(), url: z.string(), lang: z.string(), title: z.string(), summary: z.string(),
  publishedAt: z.string().nullable(), activity: activityBrief.nullable(),
})

export const ParticipantSchema = z.object({
  role: z.enum(PARTICIPATION_ROLES), type: z.enum(['person', 'organization']), slug: z.string(), name: z.string(),
  affiliation: z.object({ slug: z.string(), name: z.string() }).nullable(), jobTitle: nullableString,
})

export const PostSchema = z.object({
  slug: z.string(), url: z.string(), lang: z.string(), title: z.string(), summary: z.string(), body: z.string(),
  bodyFormat: z.literal('markdown'), publishedAt: z.string().nullable(),
  links: z.array(z.object({ url: z.string(), label: nullableString })),
  activity: activityBrief.extend({ format: z.enum(FORMATS).nullable(), participants: z.array(ParticipantSchema) }).nullable(),
  publications: z.array(z.object({ slug: z.string(), title: z.string(), kind: z.string(), publishedOn: date.nullable() })),
}).loose()

export const ActivitySchema = activityBrief.extend({
  format: z.enum(FORMATS).nullable(), participants: z.array(ParticipantSchema), posts: z.array(z.object({ slug: z.string(), title: z.string() })),
})

const affiliation = z.object({ organization: z.object({ slug: z.string(), name: z.string() }), position: nullableString })

export const PersonSummarySchema = z.object({
  slug: z.string(), name: z.string(), honorific: nullableString, degree: nullableString, url: z.string(), affiliations: z.array(affiliation),
}).loose()

export const PersonSchema = z.object({
  slug: z.string(), url: z.string(), name: z.string(), variants: z.array(z.string()), honorific: nullableString,
  degree: nullableString, biography: nullableString,
  affiliations: z.array(affiliation.extend({ from: date.nullable(), to: date.nullable() })),
  activityCount: z.number().int(),
  activities: z.array(activityBrief.extend({ role: z.enum(PARTICIPATION_ROLES), jobTitle: nullableString, post: postLink })),
  activitiesPage: z.object({ page: z.number().int(), pageSize: z.number().int(), hasMore: z.boolean() }),
  publications: z.array(z.object({ slug: z.string(), title: z.string(), role: z.string(), publishedOn: date.nullable() })),
}).loose()

export const OrganizationSummarySchema = z.object({
  slug: z.string(), name: z.string(), kind: nullableString, country: nullableString, url: z.string(),
})

export const OrganizationSchema = z.object({
  slug: z.string(), url: z.string(), name: z.string(), variants: z.array(z.string()), kind: nullableString,
  country: nullableString, website: nullableString, parent: z.object({ slug: z.string(), name: z.string() }).nullable(),
  units: z.array(z.object({ slug: z.string(), name: z.string() })),
  people: z.array(z.object({ slug: z.string(), name: z.string() }).loose()),
  peoplePage: z.object({ page: z.number().int(), pageSize: z.number().int(), hasMore: z.boolean() }),
  activitiesByRole: z.array(z.object({
    role: z.enum(PARTICIPATION_ROLES), count: z.number().int(), page: z.number().int(), hasMore: z.boolean(),
    activities: z.array(activityBrief.extend({ post: postLink })),
  })),
  publications: z.array(z.object({ slug: z.string(), title: z.string(), role: z.string(), publishedOn: date.nullable() })),
}).loose()

export const PublicationSchema = z.object({
  slug: z.string(), url: z.string(), kind: z.string(), title: z.string(), summary: nullableString, publishedOn: date.nullable(),
  method: z.object({
    sampleSize: z.number().int().nullable(), regions: nullableString, methods: z.array(z.string()),
    fieldworkFrom: date.nullable().optional(), fieldworkTo: date.nullable().optional(),
  }),
  contributors: z.array(z.object({ role: z.string(), type: z.enum(['person', 'organization']), slug: z.string(), name: z.string() })),
  activity: z.object({ slug: z.string(), kind, startsOn: date.nullable() }).nullable(),
  post: postLink,
  files: z.array(z.object({
    label: nullableString, fileName: z.string(), mime: z.string(), size: z.number().int(), sha256: z.string(), url: z.string(),
  })).optional(),
}).loose()

const searchHit = z.object({
  type: z.string(), slug: z.string(), url: z.string(), title: z.string(), titleHtml: z.string(), snippetHtml: z.string(),
  date: z.string().nullable(),
}).loose()

export const SearchResultsSchema = z.object({
  query: z.string(), message: z.string().nullable(), notices: z.array(z.string()), total: z.number().int(),
  totalIsEstimate: z.boolean().describe('Whether total is an estimate, rounded to three digits: a kind had more than 1,000 matches').optional(),
  facetsCounted: z.number().int().describe('How many matches the facets counted: all, or 1,000, the newest of each kind in proportion to its matches').optional(),
  type: z.string().nullable().optional(),
  filters: z.array(z.object({ name: z.string(), value: z.string(), label: z.string() }).loose()),
  groups: z.array(z.object({
    type: z.string(), label: z.string(), total: z.number().int(),
    totalIsEstimate: z.boolean().describe('Whether total is an estimate: the kind has more than 1,000 matches').optional(),
    items: z.array(searchHit), more: z.string().nullable(),
  })),
  facets: z.record(z.string(), z.array(z.object({
    value: z.string(), label: z.string(), count: z.number().int(), selected: z.boolean(), url: z.string(),
  }))),
  page: z.number().int(), pageSize: z.number().int(), hasMore: z.boolean(), links: pageLinks,
}).loose()

export const SuggestionsSchema = z.object({
  query: z.string(),
  data: z.array(z.object({ type: z.enum(['person', 'organization']), slug: z.string(), name: z.string(), matchedName: z.string().nullable(), url: z.string() })),
})
