export interface Page {
  number: number
  size: number
  offset: number
}

export const DEFAULT_PAGE_SIZE = 20
export const MAX_PAGE_SIZE = 100
// Deep offsets cost a scan; nobody reads page 5,000 of a news list.
export const MAX_PAGE_NUMBER = 5000

export function pageOf(number = 1, size = DEFAULT_PAGE_SIZE): Page {
  const n = Math.min(Math.max(1, Math.trunc(number)), MAX_PAGE_NUMBER)
  const s = Math.min(Math.max(1, Math.trunc(size)), MAX_PAGE_SIZE)
  return { number: n, size: s, offset: (n - 1) * s }
}

export interface Paged<T> {
  items: T[]
  page: number
  pageSize: number
  hasMore: boolean
}

/** Cuts the one extra row a query fetched to learn whether another page follows. */
export function toPaged<T>(rows: T[], page: Page): Paged<T> {
  return { items: rows.slice(0, page.size), page: page.number, pageSize: page.size, hasMore: rows.length > page.size }
}
