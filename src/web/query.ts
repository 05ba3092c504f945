import type { Context } from 'hono'
import { z } from 'zod'
import { InvalidInputError } from '../lib/errors.ts'
import { MAX_PAGE_NUMBER, pageOf } from '../lib/pagination.ts'

export const pageParam = z.coerce.number({ message: 'page must be a whole number' }).int('page must be a whole number')
  .min(1, 'page starts at 1').max(MAX_PAGE_NUMBER, `page goes up to ${MAX_PAGE_NUMBER}`).default(1)
export const yearParam = z.coerce.number({ message: 'year must be a year such as 2024' })
  .int('year must be a year such as 2024').min(1900, 'year must be 1900 or later').max(2100, 'year must be 2100 or earlier')
export const pageSizeParam = (fallback: number) => z.coerce.number({ message: 'pageSize must be a whole number' })
  .int('pageSize must be a whole number').min(1, 'pageSize must be at least 1').max(100, 'pageSize may be at most 100').default(fallback)

/** Query parameters through a zod schema; a bad value is a 400 that says which and why. */
export function parseQuery<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const raw = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ''))
  const result = schema.safeParse(raw)
  if (result.success) return result.data
  // Our messages name their parameter already ("year must be …"); zod's own defaults get the name in front.
  const problems = result.error.issues.map((i) => {
    const name = i.path.join('.')
    return !name || i.message.startsWith(name) ? i.message : `${name}: ${i.message}`
  })
  throw new InvalidInputError(`Invalid query: ${problems.join('; ')}`, problems)
}

export const toPage = (number: number, size?: number) => pageOf(number, size)

/** The current URL with some query parameters changed, for filter and pager links. */
export function withQuery(c: Context, changes: Record<string, string | number | undefined>) {
  const url = new URL(c.req.url)
  for (const [key, value] of Object.entries(changes)) {
    // The first page of anything (page, peoplePage) is the address without it.
    if (value === undefined || value === '' || (/page$/i.test(key) && value === 1)) url.searchParams.delete(key)
    else url.searchParams.set(key, String(value))
  }
  return url.pathname + url.search
}
