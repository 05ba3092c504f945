import { z } from 'zod'
import { isoDateField, optionalTextField, slugField, textField } from '../lib/fields.ts'

export const AffiliationInputSchema = z.object({
  organization: slugField,
  position: optionalTextField(200),
  from: isoDateField.nullable().default(null),
  to: isoDateField.nullable().default(null),
}).refine((a) => !a.from || !a.to || a.from <= a.to, { message: 'an affiliation cannot end before it starts', path: ['to'] })

/** A person as the admin form, the write API and the command line send them. */
export const PersonInputSchema = z.object({
  slug: slugField.optional(),
  name: textField(200),
  variants: z.array(textField(200)).max(50).default([]),
  honorific: optionalTextField(50),
  degree: optionalTextField(200),
  biography: optionalTextField(10_000),
  affiliations: z.array(AffiliationInputSchema).max(100).default([]),
})

export type PersonWriteInput = z.input<typeof PersonInputSchema>
export type PersonValidInput = z.output<typeof PersonInputSchema>
