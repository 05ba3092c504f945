import { Hono } from 'hono'
import type { AppEnv } from '../web/env.ts'
import { absolute } from '../web/api-helpers.ts'
import { parseQuery } from '../web/query.ts'
import { searchHref } from './search.pages.tsx'
import { SearchInputSchema, SuggestInputSchema } from './search.schema.ts'
import { search, suggestNames } from './search.service.ts'

export const searchApi = new Hono<AppEnv>()

searchApi.get('/search', async (c) => {
  const input = parseQuery(c, SearchInputSchema)
  const results = await search(c.var.db, input)
  const api = (changes: Parameters<typeof searchHref>[2]) => absolute(c, searchHref('/api/v1/search', input, changes))
  return c.json({
    query: results.query,
    message: results.isEmpty ? 'Give q, the words to search for, or a filter such as year, kind, country, person, organization or role.' : null,
    notices: results.notices,
    total: results.total,
    // Past 1,000 matches of a kind the total is an estimate, rounded to three digits.
    totalIsEstimate: results.totalIsEstimate,
    type: results.type,
    filters: results.filters.map((f) => ({ name: f.name, value: f.value, label: f.valueLabel })),
    groups: results.groups.map((g) => ({
      type: g.type,
      label: g.label,
      total: g.total,
      totalIsEstimate: g.totalIsEstimate,
      items: g.hits.map((h) => ({
        type: h.type, slug: h.slug, url: absolute(c, h.path), title: h.title, titleHtml: h.titleHtml,
        snippetHtml: h.snippetHtml, date: h.date,
      })),
      more: !results.type && g.total > g.hits.length ? api({ type: g.type }) : null,
    })),
    // Facets count every match up to a limit; past it, that many: the newest of each kind, in proportion to its matches.
    facetsCounted: results.facetsCounted,
    facets: Object.fromEntries(results.facets.map((f) => [f.name, f.values.map((v) => ({
      value: v.value, label: v.label, count: v.count, selected: v.selected,
      url: api({ [f.name]: v.selected ? undefined : v.value }),
    }))])),
    page: results.page,
    pageSize: results.pageSize,
    hasMore: results.hasMore,
    links: {
      next: results.hasMore ? api({ page: results.page + 1 }) : null,
      prev: results.type && results.page > 1 ? api({ page: results.page - 1 }) : null,
    },
  })
})

searchApi.get('/search/suggest', async (c) => {
  const input = parseQuery(c, SuggestInputSchema)
  const suggestions = await suggestNames(c.var.db, input.q, input.limit)
  return c.json({
    query: input.q,
    data: suggestions.map((s) => ({ type: s.type, slug: s.slug, name: s.name, matchedName: s.matchedName, url: absolute(c, s.path) })),
  })
})
