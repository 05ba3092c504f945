import { z } from 'zod'
import { ActivityInputSchema } from '../activities/activity.schema.ts'
import { optionalTextField, slugField, textField, timestampField, urlField } from '../lib/fields.ts'

export const POST_STATUSES = ['draft', 'review', 'scheduled', 'published'] as const

/** A post, with the activity it reports, as the admin form, the write API and the command line send it. */
export const PostInputSchema = z.object({
  slug: slugField.optional(),
  lang: z.enum(['en', 'ru', 'kk'], { message: 'a language is en, ru or kk' }).default('en'),
  title: textField(300),
  summary: z.string().trim().max(1000, 'at most 1,000 characters').default(''),
  body: z.string().max(500_000, 'at most 500,000 characters').default(''),
  status: z.enum(POST_STATUSES, { message: `a status is one of ${POST_STATUSES.join(', ')}` }).default('draft'),
  publishedAt: timestampField.nullable().default(null),
  links: z.array(z.object({ url: urlField, label: optionalTextField(200) })).max(50).default([]),
  activity: ActivityInputSchema.nullable().default(null),
})

export type PostWriteInput = z.input<typeof PostInputSchema>
export type PostValidInput = z.output<typeof PostInputSchema>
