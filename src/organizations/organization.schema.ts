import { z } from 'zod'
import { countryField, optionalTextField, slugField, textField, urlField } from '../lib/fields.ts'
import { ORGANIZATION_KINDS } from '../lib/vocabulary.ts'

/** An organization as the admin form, the write API and the command line send it. */
export const OrganizationInputSchema = z.object({
  slug: slugField.optional(),
  name: textField(300),
  variants: z.array(textField(300)).max(50).default([]),
  kind: z.enum(ORGANIZATION_KINDS, { message: `a kind is one of ${ORGANIZATION_KINDS.join(', ')}` }).nullable().default(null),
  country: countryField.nullable().default(null),
  parent: slugField.nullable().default(null),
  website: urlField.nullable().default(null),
})

export type OrganizationWriteInput = z.input<typeof OrganizationInputSchema>
export type OrganizationValidInput = z.output<typeof OrganizationInputSchema>

