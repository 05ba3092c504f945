import { z } from 'zod'
import { ActivityInputSchema } from '../activities/activity.schema.ts'
import { optionalTextField, slugField, textField, timestampField, urlField } from '../lib/fields.ts'

export const POST_STATUSES = ['draft', 'review', 'scheduled', 'published'] as const
export const POST_LANGUAGES = ['en', 'ru', 'kk'] as const

const languageField = z.enum(POST_LANGUAGES, { message: 'a language is en, ru or kk' })

/** The post in one more language: its own title, summary and body. */
export const PostTranslationInputSchema = z.object({
  lang: languageField,
  title: textField(300),
  summary: z.string().trim().max(1000, 'at most 1,000 characters').default(''),
  body: z.string().max(500_000, 'at most 500,000 characters').default(''),
})

/** A post, with the activity it reports, as the admin form, the write API and the command line send it. */
export const PostInputSchema = z.object({
  slug: slugField.optional(),
  lang: languageField.default('en'),
  title: textField(300),
  summary: z.string().trim().max(1000, 'at most 1,000 characters').default(''),
  body: z.string().max(500_000, 'at most 500,000 characters').default(''),
  status: z.enum(POST_STATUSES, { message: `a status is one of ${POST_STATUSES.join(', ')}` }).default('draft'),
  publishedAt: timestampField.nullable().default(null),
  links: z.array(z.object({ url: urlField, label: optionalTextField(200) })).max(50).default([]),
  activity: ActivityInputSchema.nullable().default(null),
  translations: z.array(PostTranslationInputSchema).max(POST_LANGUAGES.length - 1).default([]),
}).superRefine((post, context) => {
  // One version per language, and none in the main language: that is the post itself.
  const seen = new Set<string>([post.lang])
  post.translations.forEach((t, index) => {
    if (seen.has(t.lang)) {
      context.addIssue({ code: 'custom', path: ['translations', index, 'lang'],
        message: t.lang === post.lang ? `${t.lang} is the post’s main language` : `there is already a ${t.lang} version` })
    }
    seen.add(t.lang)
  })
})

export type PostWriteInput = z.input<typeof PostInputSchema>
export type PostValidInput = z.output<typeof PostInputSchema>
