import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'
import { t } from '../i18n/locale.ts'
import type { MessageKey } from '../i18n/messages/index.ts'
import { countryName, formatDate, formatNumber, kindLabel } from '../web/format.ts'
import type { InsightQuery } from './insight.filters.ts'
import type { FilterOptions } from './insight.service.ts'
import type { Chart, Figure, Insights } from './insight.types.ts'

// The parts /insights and /admin/insights share: filter links, headline figures, and each chart as a figure
// with its caption, summary and data table. Words come from t(), in the request's language.

type QueryChanges = Partial<Record<keyof InsightQuery, string | number | undefined>>

/** An insights address with some filters changed; parameters in one order, so equal filters give equal addresses (and cache entries). */
export function insightHref(base: string, query: InsightQuery, changes: QueryChanges = {}) {
  const merged: QueryChanges = { ...query, ...changes }
  const params = new URLSearchParams()
  for (const key of ['year', 'from', 'to', 'kind', 'country'] as const) {
    const value = merged[key]
    if (value !== undefined && value !== '') params.set(key, String(value))
  }
  const search = params.toString()
  return search ? `${base}?${search}` : base
}

export const isFiltered = (query: InsightQuery) =>
  query.year !== undefined || !!query.from || !!query.to || !!query.kind || !!query.country

/** "2024", "1 March 2024 – 30 June 2024", "All years": the period the figures are about. */
export function periodLabel(query: InsightQuery) {
  if (query.year !== undefined) return String(query.year)
  if (query.from && query.to) return t('period.range', { from: formatDate(query.from), to: formatDate(query.to) })
  if (query.from) return t('period.from', { from: formatDate(query.from) })
  if (query.to) return t('period.until', { to: formatDate(query.to) })
  return t('insights.allYears')
}

function FilterGroup(props: { id: string; label: string; links: { label: string; href: string; current: boolean }[] }) {
  return (
    <div class="filter-group">
      <span class="filter-label" id={props.id}>{props.label}</span>
      <ul aria-labelledby={props.id}>
        {props.links.map((l) => <li><a href={l.href} aria-current={l.current ? 'true' : undefined}>{l.label}</a></li>)}
      </ul>
    </div>
  )
}

/** Every filter a link (the current one marked), a small form for a date range, and a way back to everything. */
export function InsightFilters(props: { base: string; query: InsightQuery; options: FilterOptions }) {
  const { base, query, options } = props
  const href = (changes: QueryChanges) => insightHref(base, query, changes)
  const years = query.year !== undefined && !options.years.includes(query.year) ? [query.year, ...options.years] : options.years
  const kinds = query.kind && !options.kinds.includes(query.kind) ? [...options.kinds, query.kind] : options.kinds
  const countries = query.country && !options.countries.includes(query.country) ? [...options.countries, query.country] : options.countries
  const noPeriod = query.year === undefined && !query.from && !query.to
  return (
    <nav class="insight-filters" aria-label={t('insights.filters')}>
      <FilterGroup id="filter-year" label={t('insights.year')} links={[
        { label: t('insights.allYears'), href: href({ year: undefined, from: undefined, to: undefined }), current: noPeriod },
        ...years.map((y) => ({ label: String(y), href: href({ year: y, from: undefined, to: undefined }), current: query.year === y })),
      ]} />
      <FilterGroup id="filter-kind" label={t('insights.kind')} links={[
        { label: t('insights.allKinds'), href: href({ kind: undefined }), current: !query.kind },
        ...kinds.map((k) => ({ label: kindLabel(k) ?? k, href: href({ kind: k }), current: query.kind === k })),
      ]} />
      {countries.length > 0 && (
        <FilterGroup id="filter-country" label={t('insights.country')} links={[
          { label: t('insights.allCountries'), href: href({ country: undefined }), current: !query.country },
          ...countries.map((code) => ({ label: countryName(code) ?? code, href: href({ country: code }), current: query.country === code })),
        ]} />
      )}
      <form class="filters range" method="get" action={base}>
        <span class="filter-label">{t('insights.range')}</span>
        <label>{t('insights.from')} <input type="date" name="from" value={query.from ?? ''} /></label>
        <label>{t('insights.to')} <input type="date" name="to" value={query.to ?? ''} /></label>
        {query.kind && <input type="hidden" name="kind" value={query.kind} />}
        {query.country && <input type="hidden" name="country" value={query.country} />}
        <button type="submit">{t('insights.show')}</button>
      </form>
      {isFiltered(query) && <p><a href={base}>{t('insights.clear')}</a></p>}
    </nav>
  )
}

const FIGURES: [keyof Insights['headline'], MessageKey][] = [
  ['activities', 'insights.figure.activities'],
  ['posts', 'insights.figure.posts'],
  ['people', 'insights.figure.people'],
  ['partners', 'insights.figure.partners'],
  ['countries', 'insights.figure.countries'],
  ['publications', 'insights.figure.publications'],
]

/** "+3 from 2023": the change from the year before, when the figures are about one year. */
export function changeText(figure: Figure, year: number | null) {
  if (figure.previous === null || year === null) return null
  const previousYear = String(year - 1)
  const difference = figure.value - figure.previous
  if (difference > 0) return t('insights.change.up', { count: difference, year: previousYear })
  if (difference < 0) return t('insights.change.down', { count: -difference, year: previousYear })
  return t('insights.change.same', { year: previousYear })
}

export const isEmpty = (insights: Insights) => Object.values(insights.headline).every((f) => f.value === 0)

/** The headline figures; `notes` adds a line under a figure (the admin says how many activities are internal). */
export function HeadlineFigures(props: { insights: Insights; heading: string; notes?: Partial<Record<keyof Insights['headline'], Child>> }) {
  const { insights } = props
  return (
    <section aria-labelledby="figures-heading">
      <h2 id="figures-heading">{props.heading}</h2>
      <dl class="figures">
        {FIGURES.map(([key, label]) => {
          const figure = insights.headline[key]
          const change = changeText(figure, insights.filters.year)
          return (
            <div class="figure" data-figure={key}>
              <dt>{t(label)}</dt>
              <dd>
                <span class="figure-value">{formatNumber(figure.value)}</span>
                {change && <span class="figure-change">{change}</span>}
                {props.notes?.[key] && <span class="figure-note">{props.notes[key]}</span>}
              </dd>
            </div>
          )
        })}
      </dl>
    </section>
  )
}

/** A chart as a figure: its caption as a heading, the SVG (scrolling sideways on a narrow screen), the summary, and the data table. */
export function ChartFigure(props: { chart: Chart }) {
  const c = props.chart
  return (
    <figure class="chart" id={c.id} aria-labelledby={`${c.id}-heading`}>
      <figcaption><h2 id={`${c.id}-heading`}>{c.title}</h2></figcaption>
      <div class="chart-scroll" role="region" aria-label={c.title} tabindex={0}>{raw(c.svg)}</div>
      <p class="chart-summary">{c.summary}</p>
      <details>
        <summary>{t('insights.dataTable')}</summary>
        <table class="data">
          <thead><tr>{c.table.columns.map((column) => <th scope="col">{column}</th>)}</tr></thead>
          <tbody>{c.table.rows.map((row) => (
            <tr>{row.map((cell) => (typeof cell === 'number' ? <td class="num">{formatNumber(cell)}</td> : <td>{cell}</td>))}</tr>
          ))}</tbody>
        </table>
      </details>
    </figure>
  )
}
