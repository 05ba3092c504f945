import { Hono } from 'hono'
import { raw } from 'hono/html'
import { Pager } from '../web/components.tsx'
import type { AppEnv } from '../web/env.ts'
import { formatDate, formatNumber } from '../web/format.ts'
import { Layout } from '../web/layout.tsx'
import { parseQuery } from '../web/query.ts'
import { SearchInputSchema, type SearchInput } from './search.schema.ts'
import { type Facet, search, type SearchGroup, type SearchHit, type SearchResults } from './search.service.ts'

export const searchPages = new Hono<AppEnv>()

const PARAMS = ['q', 'type', 'year', 'kind', 'country', 'person', 'organization', 'role', 'page', 'pageSize'] as const
const DEFAULTS: Partial<Record<Param, number>> = { page: 1, pageSize: 20 }
type Param = (typeof PARAMS)[number]

/** A search address with some parameters changed; any change but the page's own starts again at page 1. */
export function searchHref(base: string, input: SearchInput, changes: Partial<Record<Param, string | number | undefined>>) {
  const values: Partial<Record<Param, string | number | undefined>> = { ...input, page: 'page' in changes ? changes.page : undefined, ...changes }
  const params = new URLSearchParams()
  for (const name of PARAMS) {
    const value = values[name]
    if (value !== undefined && value !== '' && value !== DEFAULTS[name]) params.set(name, String(value))
  }
  const query = params.toString()
  return query ? `${base}?${query}` : base
}

function Hit(props: { hit: SearchHit }) {
  const { hit } = props
  return (
    <li class="card">
      <h3><a href={hit.path}>{raw(hit.titleHtml)}</a></h3>
      {hit.date && <p class="meta"><time datetime={hit.date}>{formatDate(hit.date)}</time></p>}
      {hit.snippetHtml && <p>{raw(hit.snippetHtml)}</p>}
    </li>
  )
}

function Group(props: { group: SearchGroup; input: SearchInput; all: boolean }) {
  const { group, input } = props
  const id = `results-${group.type}`
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{group.label} <span class="muted">({formatNumber(group.total)})</span></h2>
      <ul class="cards">{group.hits.map((hit) => <Hit hit={hit} />)}</ul>
      {props.all && group.total > group.hits.length && (
        <p><a href={searchHref('/search', input, { type: group.type })}>All {formatNumber(group.total)} in {group.label.toLowerCase()} →</a></p>
      )}
    </section>
  )
}

function Facets(props: { facets: Facet[]; input: SearchInput; counted: number; total: number }) {
  if (!props.facets.length) return null
  return (
    <aside class="facets" aria-labelledby="refine">
      <h2 id="refine">Refine</h2>
      {props.counted < props.total && (
        <p class="meta">Counted among the {formatNumber(props.counted)} most recently added of {formatNumber(props.total)} results.</p>
      )}
      {props.facets.map((facet) => (
        <section aria-labelledby={`facet-${facet.name}`}>
          <h3 id={`facet-${facet.name}`}>{facet.label}</h3>
          <ul>
            {facet.values.map((v) => (
              <li>
                {v.selected
                  ? <a href={searchHref('/search', props.input, { [facet.name]: undefined })} aria-current="true"
                      title={`Remove the filter ${facet.label}: ${v.label}`}>{v.label} <span class="count">{formatNumber(v.count)}</span> <span aria-hidden="true">✕</span></a>
                  : <a href={searchHref('/search', props.input, { [facet.name]: v.value })}>{v.label} <span class="count">{formatNumber(v.count)}</span></a>}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </aside>
  )
}

function SearchForm(props: { results: SearchResults; input: SearchInput }) {
  const { results, input } = props
  return (
    <form class="search-form" role="search" method="get" action="/search">
      <label for="search-q">Search news, activities, people, organizations and publications</label>
      <div class="search-row">
        <input id="search-q" type="search" name="q" value={input.q} maxlength={1000} autocomplete="off" data-suggest="" />
        {input.type && <input type="hidden" name="type" value={input.type} />}
        {results.filters.map((f) => <input type="hidden" name={f.name} value={f.value} />)}
        <button type="submit">Search</button>
      </div>
      {results.filters.length > 0 && (
        <p class="meta">Filtered by{' '}
          {results.filters.map((f, i) => (
            <>{i > 0 && ', '}{f.label.toLowerCase()} <strong>{f.valueLabel}</strong>{' '}
              (<a href={searchHref('/search', input, { [f.name]: undefined })}>remove</a>)</>
          ))}
        </p>
      )}
    </form>
  )
}

function Help() {
  return (
    <section class="article" aria-labelledby="how">
      <h2 id="how">What you can search</h2>
      <p>One box searches the news, activities, people, organizations and publications of the institute.</p>
      <ul>
        <li>Word forms match each other: <a href="/search?q=conferences">conferences</a> finds “conference”, and
          {' '}<a href="/search?q=%D0%BA%D0%BE%D0%BD%D1%84%D0%B5%D1%80%D0%B5%D0%BD%D1%86%D0%B8%D0%B8">конференции</a> finds “конференция”.</li>
        <li>Names are found in any spelling, Latin or Cyrillic, with or without diacritics:
          {' '}<a href="/search?q=somuncuoglu">somuncuoglu</a>, <a href="/search?q=%D0%A0%D0%B0%D0%BA%D0%B8%D1%88%D0%B5%D0%B2%D0%B0">Ракишева</a>.</li>
        <li>Every word must match; the last one may be the start of a word, so <a href="/search?q=Rak">Rak</a> finds Rakisheva.</li>
        <li>Narrow the results by year, kind of activity, country, person, organization or role with the links beside them.</li>
      </ul>
      <p>Or browse <a href="/news">all news</a>, <a href="/people">people</a>, <a href="/organizations">organizations</a>
        {' '}and <a href="/publications">publications</a>.</p>
    </section>
  )
}

function Results(props: { results: SearchResults; input: SearchInput }) {
  const { results, input } = props
  const what = results.query ? <>“{results.query}”</> : 'these filters'
  if (!results.total) {
    return (
      <div class="notice">
        <p>Nothing public matches {what}.</p>
        <p>Check the spelling, use fewer words{results.filters.length > 0 && <>, or <a href={searchHref('/search', { ...input, type: undefined }, { year: undefined, kind: undefined, country: undefined, person: undefined, organization: undefined, role: undefined })}>search without the filters</a></>}.</p>
      </div>
    )
  }
  const [group] = results.groups
  return (
    <div class="grid two">
      <div>
        {results.type && group
          ? <>
              <p class="meta"><a href={searchHref('/search', input, { type: undefined })}>← All results</a></p>
              <Group group={group} input={input} all={false} />
              <Pager page={results.page} hasMore={results.hasMore} label="Result pages"
                href={(page) => searchHref('/search', input, { page })} />
            </>
          : <>
              <p class="meta">{formatNumber(results.total)} {results.total === 1 ? 'result' : 'results'} for {what}</p>
              {results.groups.map((g) => <Group group={g} input={input} all={true} />)}
            </>}
      </div>
      <Facets facets={results.facets} input={input} counted={results.facetsCounted} total={results.total} />
    </div>
  )
}

searchPages.get('/search', async (c) => {
  const input = parseQuery(c, SearchInputSchema)
  const results = await search(c.var.db, input)
  return c.html(
    <Layout title={results.query ? `Search: ${results.query}` : 'Search'} section="search"
      description="Search the news, activities, people, organizations and publications of the institute.">
      <h1>Search</h1>
      <SearchForm results={results} input={input} />
      {results.notices.map((notice) => <p class="notice" role="status">{notice}</p>)}
      {results.isEmpty ? <Help /> : <Results results={results} input={input} />}
    </Layout>,
  )
})
