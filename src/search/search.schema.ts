import { z } from 'zod'
import { KINDS } from '../lib/vocabulary.ts'
import { pageParam, pageSizeParam, yearParam } from '../web/query.ts'

export const SEARCH_TYPES = ['post', 'activity', 'person', 'organization', 'publication'] as const

const slugParam = (name: string) => z.string().max(200, `${name} must be the address name of a ${name}`)

/** One schema for the search page, the API and the command line; the query itself is never refused, only cut. */
export const SearchInputSchema = z.object({
  q: z.string().default(''),
  type: z.enum(SEARCH_TYPES, { message: `type must be one of ${SEARCH_TYPES.join(', ')}` }).optional(),
  year: yearParam.optional(),
  kind: z.enum(KINDS, { message: `kind must be one of ${KINDS.join(', ')}` }).optional(),
  country: z.string().regex(/^[A-Za-z]{2}$/, 'country must be a two-letter code such as KZ').transform((c) => c.toUpperCase()).optional(),
  person: slugParam('person').optional(),
  organization: slugParam('organization').optional(),
  role: z.string().regex(/^[a-z-]{1,40}$/, 'role must be a role such as speaker or organizer').optional(),
  page: pageParam,
  pageSize: pageSizeParam(20),
})

export type SearchInput = z.infer<typeof SearchInputSchema>

export const SuggestInputSchema = z.object({
  q: z.string().default(''),
  limit: z.coerce.number({ message: 'limit must be a whole number' }).int('limit must be a whole number')
    .min(1, 'limit must be at least 1').max(20, 'limit may be at most 20').default(8),
})
