import type { Context } from 'hono'
import type { Paged } from '../lib/pagination.ts'
import { withQuery } from './query.ts'

/** A page of items with the links an integrator follows to the next and previous pages. */
export function pagedJson<T, U>(c: Context, paged: Paged<T>, present: (item: T) => U) {
  return c.json({
    data: paged.items.map(present),
    page: paged.page,
    pageSize: paged.pageSize,
    hasMore: paged.hasMore,
    links: {
      next: paged.hasMore ? new URL(withQuery(c, { page: paged.page + 1 }), c.req.url).href : null,
      prev: paged.page > 1 ? new URL(withQuery(c, { page: paged.page - 1 }), c.req.url).href : null,
    },
  })
}

export function absolute(c: Context, path: string) {
  return new URL(path, c.req.url).href
}
