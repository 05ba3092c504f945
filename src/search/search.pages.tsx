import { Hono } from 'hono'
import { localPath, t } from '../i18n/locale.ts'
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
      <h3><a href={localPath(hit.path)}>{raw(hit.titleHtml)}</a></h3>
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
      <h2 id={id}>{group.label} <span class="muted">({group.totalIsEstimate ? t('searchPage.aboutCount', { count: group.total }) : formatNumber(group.total)})</span></h2>
      <ul class="cards">{group.hits.map((hit) => <Hit hit={hit} />)}</ul>
      {props.all && group.total > group.hits.length && (
        <p><a href={localPath(searchHref('/search', input, { type: group.type }))}>
          {t(group.totalIsEstimate ? 'searchPage.allInAbout' : 'searchPage.allIn', { count: group.total, group: group.label })}</a></p>
      )}
    </section>
  )
}

function Facets(props: { facets: Facet[]; input: SearchInput; counted: number; total: number; totalIsEstimate: boolean }) {
  if (!props.facets.length) return null
  return (
    <aside class="facets" aria-labelledby="refine">
      <h2 id="refine">{t('searchPage.refine')}</h2>
      {(props.counted < props.total || props.totalIsEstimate) && (
        <p class="meta">{t(props.totalIsEstimate ? 'searchPage.sampledAbout' : 'searchPage.sampled', { counted: props.counted, total: props.total })}</p>
      )}
      {props.facets.map((facet) => (
        <section aria-labelledby={`facet-${facet.name}`}>
          <h3 id={`facet-${facet.name}`}>{facet.label}</h3>
          <ul>
            {facet.values.map((v) => (
              <li>
                {v.selected
                  ? <a href={localPath(searchHref('/search', props.input, { [facet.name]: undefined }))} aria-current="true"
                      title={t('searchPage.removeFilter', { facet: facet.label, value: v.label })}>{v.label} <span class="count">{formatNumber(v.count)}</span> <span aria-hidden="true">✕</span></a>
                  : <a href={localPath(searchHref('/search', props.input, { [facet.name]: v.value }))}>{v.label} <span class="count">{formatNumber(v.count)}</span></a>}
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
    <form class="search-form" role="search" method="get" action={localPath('/search')}>
      <label for="search-q">{t('searchPage.label')}</label>
      <div class="search-row">
        <input id="search-q" type="search" name="q" value={input.q} maxlength={1000} autocomplete="off" data-suggest="" />
        {input.type && <input type="hidden" name="type" value={input.type} />}
        {results.filters.map((f) => <input type="hidden" name={f.name} value={f.value} />)}
        <button type="submit">{t('search.button')}</button>
      </div>
      {results.filters.length > 0 && (
        <p class="meta">{t('searchPage.filteredBy')}{' '}
          {results.filters.map((f, i) => (
            <>{i > 0 && ', '}{f.label.toLowerCase()} <strong>{f.valueLabel}</strong>{' '}
              (<a href={localPath(searchHref('/search', input, { [f.name]: undefined }))}>{t('searchPage.remove')}</a>)</>
          ))}
        </p>
      )}
    </form>
  )
}

const example = (q: string) => <a href={localPath(`/search?q=${encodeURIComponent(q)}`)}>{q}</a>

function Help() {
  return (
    <section class="article" aria-labelledby="how">
      <h2 id="how">{t('searchHelp.heading')}</h2>
      <p>{t('searchHelp.intro')}</p>
      <ul>
        <li>{t('searchHelp.forms')} {example('conferences')}, {example('конференции')}.</li>
        <li>{t('searchHelp.names')} {example('somuncuoglu')}, {example('Ракишева')}.</li>
        <li>{t('searchHelp.prefix')} {example('Rak')}.</li>
        <li>{t('searchHelp.facets')}</li>
      </ul>
      <p>{t('searchHelp.browse')} <a href={localPath('/news')}>{t('nav.news')}</a>, <a href={localPath('/people')}>{t('nav.people')}</a>,
        {' '}<a href={localPath('/organizations')}>{t('nav.organizations')}</a>, <a href={localPath('/publications')}>{t('nav.publications')}</a>.</p>
    </section>
  )
}

function Results(props: { results: SearchResults; input: SearchInput }) {
  const { results, input } = props
  const what = results.query ? `“${results.query}”` : t('searchPage.theseFilters')
  if (!results.total) {
    return (
      <div class="notice">
        <p>{t('searchPage.nothing', { what })}</p>
        <p>{t('searchPage.tryAgain')}{results.filters.length > 0 && <> <a href={localPath(searchHref('/search', { ...input, type: undefined }, { year: undefined, kind: undefined, country: undefined, person: undefined, organization: undefined, role: undefined }))}>{t('searchPage.withoutFilters')}</a>.</>}</p>
      </div>
    )
  }
  const [group] = results.groups
  return (
    <div class="grid two">
      <div>
        {results.type && group
          ? <>
              <p class="meta"><a href={localPath(searchHref('/search', input, { type: undefined }))}>{t('searchPage.allResults')}</a></p>
              <Group group={group} input={input} all={false} />
              <Pager page={results.page} hasMore={results.hasMore} label={t('searchPage.resultPages')}
                href={(page) => localPath(searchHref('/search', input, { page }))} />
            </>
          : <>
              <p class="meta">{t(results.totalIsEstimate ? 'searchPage.resultsAbout' : 'searchPage.resultsFor', { count: results.total, what })}</p>
              {results.groups.map((g) => <Group group={g} input={input} all={true} />)}
            </>}
      </div>
      <Facets facets={results.facets} input={input} counted={results.facetsCounted} total={results.total}
        totalIsEstimate={results.totalIsEstimate} />
    </div>
  )
}

searchPages.get('/search', async (c) => {
  const input = parseQuery(c, SearchInputSchema)
  const results = await search(c.var.db, input)
  return c.html(
    <Layout title={results.query ? t('searchPage.titleWith', { query: results.query }) : t('searchPage.title')} section="search"
      description={t('searchPage.description')}>
      <h1>{t('searchPage.title')}</h1>
      <SearchForm results={results} input={input} />
      {results.notices.map((notice) => <p class="notice" role="status">{notice}</p>)}
      {results.isEmpty ? <Help /> : <Results results={results} input={input} />}
    </Layout>,
  )
})
