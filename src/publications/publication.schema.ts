import { z } from 'zod'
import { isoDateField, optionalTextField, slugField, textField } from '../lib/fields.ts'
import { PUBLICATION_KINDS, ROLES, SURVEY_METHODS } from '../lib/vocabulary.ts'

export const CONTRIBUTOR_ROLES = ['author', 'presenter', ...ROLES] as const

export const ContributorInputSchema = z.object({
  type: z.enum(['person', 'organization'], { message: 'a contributor is a person or an organization' }),
  slug: slugField.optional(),
  name: textField(300).optional(),
  role: z.enum(CONTRIBUTOR_ROLES, { message: `a role is one of ${CONTRIBUTOR_ROLES.join(', ')}` }),
}).refine((p) => p.slug || p.name, { message: 'give the slug of an existing record or a name' })

/** A publication as the admin form, the write API and the command line send it; files are uploaded apart. */
export const PublicationInputSchema = z.object({
  slug: slugField.optional(),
  kind: z.enum(PUBLICATION_KINDS, { message: `a kind is one of ${PUBLICATION_KINDS.join(', ')}` }),
  title: textField(500),
  summary: optionalTextField(10_000),
  publishedOn: isoDateField.nullable().default(null),
  activity: slugField.nullable().default(null),
  method: z.object({
    sampleSize: z.number().int().positive('a sample size is a positive whole number').max(100_000_000).nullable().default(null),
    regions: optionalTextField(1000),
    methods: z.array(z.enum(SURVEY_METHODS, { message: `a method is one of ${SURVEY_METHODS.join(', ')}` })).max(10).default([]),
    fieldworkFrom: isoDateField.nullable().default(null),
    fieldworkTo: isoDateField.nullable().default(null),
  }).refine((m) => !m.fieldworkFrom || !m.fieldworkTo || m.fieldworkFrom <= m.fieldworkTo,
    { message: 'fieldwork cannot end before it starts', path: ['fieldworkTo'] })
    .default({ sampleSize: null, regions: null, methods: [], fieldworkFrom: null, fieldworkTo: null }),
  contributors: z.array(ContributorInputSchema).max(200).default([]),
})

export type PublicationWriteInput = z.input<typeof PublicationInputSchema>
export type PublicationValidInput = z.output<typeof PublicationInputSchema>
