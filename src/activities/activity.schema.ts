import { z } from 'zod'
import { countryField, isoDateField, optionalTextField, slugField, textField } from '../lib/fields.ts'
import { FORMATS, KINDS, PARTICIPATION_ROLES } from '../lib/vocabulary.ts'

/**
 * A participant: an existing person or organization by slug, or by name — linked to the one
 * record known by that name, or created in place when there is none.
 */
export const ParticipantInputSchema = z.object({
  type: z.enum(['person', 'organization'], { message: 'a participant is a person or an organization' }),
  slug: slugField.optional(),
  name: textField(300).optional(),
  role: z.enum(PARTICIPATION_ROLES, { message: `a role is one of ${PARTICIPATION_ROLES.join(', ')}` }),
  affiliation: slugField.nullable().default(null),
  jobTitle: optionalTextField(200),
  internal: z.boolean().default(false),
}).refine((p) => p.slug || p.name, { message: 'give the slug of an existing record or a name' })

/** An activity as the admin form, the write API and the command line send it. */
export const ActivityInputSchema = z.object({
  slug: slugField.optional(),
  kind: z.enum(KINDS, { message: `a kind is one of ${KINDS.join(', ')}` }).nullable().default(null),
  name: optionalTextField(500),
  startsOn: isoDateField.nullable().default(null),
  endsOn: isoDateField.nullable().default(null),
  city: optionalTextField(100),
  country: countryField.nullable().default(null),
  format: z.enum(FORMATS, { message: `a format is one of ${FORMATS.join(', ')}` }).nullable().default(null),
  internal: z.boolean().default(false),
  participants: z.array(ParticipantInputSchema).max(500).default([]),
}).refine((a) => !a.endsOn || (a.startsOn !== null && a.startsOn <= a.endsOn),
  { message: 'the last day cannot come before the first', path: ['endsOn'] })

export type ParticipantInput = z.output<typeof ParticipantInputSchema>
export type ActivityWriteInput = z.input<typeof ActivityInputSchema>
export type ActivityValidInput = z.output<typeof ActivityInputSchema>
