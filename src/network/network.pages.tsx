import { Hono } from 'hono'
import { html, raw } from 'hono/html'
import { filtersOf, type InsightQuery, InsightQuerySchema } from '../insights/insight.filters.ts'
import { localPath, t } from '../i18n/locale.ts'
import { KINDS } from '../lib/vocabulary.ts'
import { networkScript } from '../web/assets.ts'
import type { AppEnv } from '../web/env.ts'
import { countryName, formatDate, formatNumber, kindLabel } from '../web/format.ts'
import { Layout } from '../web/layout.tsx'
import { parseQuery } from '../web/query.ts'
import { LAYOUT_HEIGHT, LAYOUT_WIDTH } from './network.layout.ts'
import { getNetwork, getNetworkFilterOptions, type Network, type NetworkFilterOptions, type NetworkNode } from './network.service.ts'

export const networkPages = new Hono<AppEnv>()

const PATH = '/insights/network'
/** Ties listed in the table: the strongest, for readers who do not look at the drawing. */
export const TIES_LISTED = 50
/** Nodes named in the drawing itself; the rest say their names on hover and focus. */
const LABELLED = 12

type FilterName = keyof InsightQuery

/** The network's address with some filters changed; a year replaces a date range and the other way round. */
export function networkHref(query: InsightQuery, changes: Partial<Record<FilterName, string | number | undefined>>) {
  const values: Partial<Record<FilterName, string | number | undefined>> = { ...query, ...changes }
  if ('year' in changes && changes.year !== undefined) { values.from = undefined; values.to = undefined }
  if (('from' in changes && changes.from) || ('to' in changes && changes.to)) values.year = undefined
  const params = new URLSearchParams()
  for (const name of ['year', 'from', 'to', 'kind', 'country'] as const) {
    const value = values[name]
    if (value !== undefined && value !== '') params.set(name, String(value))
  }
  const search = params.toString()
  return localPath(search ? `${PATH}?${search}` : PATH)
}

const profileOf = (node: Pick<NetworkNode, 'kind' | 'slug'>) =>
  localPath(node.kind === 'person' ? `/people/${node.slug}` : `/organizations/${node.slug}`)

function FilterLinks(props: { label: string; all: string; current: string | number | undefined; options: { value: string | number; label: string }[]
  href: (value: string | number | undefined) => string }) {
  return (
    <div class="network-filter">
      <span class="network-filter-name">{props.label}</span>
      <ul>
        <li><a href={props.href(undefined)} aria-current={props.current === undefined ? 'true' : undefined}>{props.all}</a></li>
        {props.options.map((o) => (
          <li><a href={props.href(o.value)} aria-current={o.value === props.current ? 'true' : undefined}>{o.label}</a></li>
        ))}
      </ul>
    </div>
  )
}

function Filters(props: { query: InsightQuery; options: NetworkFilterOptions }) {
  const { query, options } = props
  const years = query.year !== undefined && !options.years.includes(query.year) ? [query.year, ...options.years] : options.years
  const countries = query.country && !options.countries.includes(query.country) ? [query.country, ...options.countries] : options.countries
  const filtered = Object.values(query).some((v) => v !== undefined)
  return (
    <section class="network-filters" aria-labelledby="network-filters">
      <h2 id="network-filters" class="visually-hidden">{t('network.filters')}</h2>
      {/* A date range is neither a year nor all of them. */}
      <FilterLinks label={t('network.year')} all={t('network.allYears')} current={query.year ?? (query.from || query.to ? 'range' : undefined)}
        options={years.map((y) => ({ value: y, label: String(y) }))} href={(year) => networkHref(query, { year, from: undefined, to: undefined })} />
      <FilterLinks label={t('network.kind')} all={t('network.allKinds')} current={query.kind}
        options={KINDS.map((k) => ({ value: k, label: kindLabel(k)! }))} href={(kind) => networkHref(query, { kind })} />
      <FilterLinks label={t('network.country')} all={t('network.allCountries')} current={query.country}
        options={countries.map((c) => ({ value: c, label: countryName(c) ?? c }))
          .sort((a, b) => a.label.localeCompare(b.label))} href={(country) => networkHref(query, { country })} />
      <form class="filters network-range" method="get" action={localPath(PATH)}>
        <label>{t('network.from')}<input type="date" name="from" value={query.from ?? ''} /></label>
        <label>{t('network.to')}<input type="date" name="to" value={query.to ?? ''} /></label>
        {query.kind && <input type="hidden" name="kind" value={query.kind} />}
        {query.country && <input type="hidden" name="country" value={query.country} />}
        <button type="submit">{t('network.show')}</button>
        {filtered && <a href={localPath(PATH)}>{t('network.clear')}</a>}
      </form>
    </section>
  )
}

/** What the filters select, in words: "2024 · Workshop · Kazakhstan". */
function describeFilters(query: InsightQuery) {
  const parts: string[] = []
  if (query.year !== undefined) parts.push(String(query.year))
  if (query.from || query.to) parts.push(t('network.period', { from: query.from ? formatDate(query.from) : '…', to: query.to ? formatDate(query.to) : '…' }))
  if (query.kind) parts.push(kindLabel(query.kind)!)
  if (query.country) parts.push(countryName(query.country) ?? query.country)
  return parts.join(' · ')
}

const escapeText = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)

/**
 * The drawing as text: a few hundred nodes and up to thousands of lines would take hono/jsx longer to build than
 * the layout takes. Names are escaped; everything else is numbers and keys of our own making.
 */
function drawing(network: Network) {
  const { nodes, edges } = network
  const at = new Map(nodes.map((n) => [n.key, n]))
  const maxDegree = Math.max(1, ...nodes.map((n) => n.degree))
  const maxTie = Math.max(1, ...edges.map((e) => e.activities))
  const radius = (n: NetworkNode) => Math.round((4 + 14 * Math.sqrt(n.degree / maxDegree)) * 10) / 10
  const lines = edges.map((e) => {
    const a = at.get(e.source)!
    const b = at.get(e.target)!
    // One shared activity is a hairline, the strongest tie six pixels.
    const width = round(1 + 5 * Math.sqrt((e.activities - 1) / Math.max(1, maxTie - 1)))
    return `<line x1="${a.x}" y1="${a.y}" x2="${b.x}" y2="${b.y}" stroke-width="${width}" data-ends="${e.source} ${e.target}"/>`
  }).join('')
  const shapes = nodes.map((n) => {
    const r = radius(n)
    const kind = t(n.kind === 'person' ? 'network.legendPerson' : 'network.legendOrganization').toLowerCase()
    const label = escapeText(t('network.nodeTitle', { name: n.name, kind, count: n.activities }))
    const shape = n.kind === 'person'
      ? `<circle cx="${n.x}" cy="${n.y}" r="${r}"/>`
      : `<rect x="${round(n.x - r)}" y="${round(n.y - r)}" width="${2 * r}" height="${2 * r}" rx="2"/>`
    return `<a href="${escapeText(profileOf(n))}" class="node ${n.kind}" data-key="${n.key}" data-neighbours="${n.neighbours.join(' ')}" aria-label="${label}"><title>${label}</title>${shape}</a>`
  }).join('')
  // Names over everything else, and only where they do not cover each other: on a wide screen and, larger, on a phone.
  const wide = placeLabels(nodes.slice(0, LABELLED), radius, LABEL_SIZE)
  const narrow = placeLabels(nodes.slice(0, LABELLED_NARROW), radius, LABEL_SIZE_NARROW)
  const labels = nodes.slice(0, LABELLED).filter((n) => wide.has(n.key) || narrow.has(n.key)).map((n) => {
    const classes = [wide.has(n.key) ? 'wide' : '', narrow.has(n.key) ? 'narrow' : ''].filter(Boolean).join(' ')
    const at = leftOf(n) ? `x="${round(n.x - radius(n) - 4)}" text-anchor="end"` : `x="${round(n.x + radius(n) + 4)}"`
    return `<text ${at} y="${n.y}" dominant-baseline="central" class="${classes}" data-key="${n.key}" aria-hidden="true">${escapeText(labelOf(n))}</text>`
  }).join('')
  return raw(`<svg class="network" viewBox="0 0 ${LAYOUT_WIDTH} ${LAYOUT_HEIGHT}" role="group" aria-labelledby="network-caption" aria-describedby="network-summary" tabindex="0"><g class="viewport"><g class="edges">${lines}</g><g class="nodes">${shapes}</g><g class="labels">${labels}</g></g></svg>`)
}

const round = (n: number) => Math.round(n * 10) / 10
/** Label type sizes in the drawing's units, as site.css sets them: 1000 units are about 1000 px wide, or 360 on a phone. */
const LABEL_SIZE = 15
const LABEL_SIZE_NARROW = 40
const LABELLED_NARROW = 5
/** Longer names are cut in the drawing; the node's title, its profile and the table give them whole. */
const LABEL_LENGTH = 26
const labelOf = (n: NetworkNode) => (n.name.length > LABEL_LENGTH ? `${n.name.slice(0, LABEL_LENGTH - 1).trimEnd()}…` : n.name)
/** A node in the right half is named on its left, so that names stay inside the drawing. */
const leftOf = (n: NetworkNode) => n.x > LAYOUT_WIDTH / 2

/** The labels that fit, biggest node first: a label is left out where it would cover one already placed. */
function placeLabels(nodes: NetworkNode[], radius: (n: NetworkNode) => number, size: number) {
  const placed: { left: number; right: number; top: number; bottom: number }[] = []
  const kept = new Set<string>()
  for (const n of nodes) {
    // An average letter is about 0.55 of the type size wide.
    const width = labelOf(n).length * size * 0.55
    const start = leftOf(n) ? n.x - radius(n) - 4 - width : n.x + radius(n) + 4
    const box = { left: start, right: start + width, top: n.y - size * 0.6, bottom: n.y + size * 0.6 }
    if (placed.some((p) => box.left < p.right && p.left < box.right && box.top < p.bottom && p.top < box.bottom)) continue
    placed.push(box)
    kept.add(n.key)
  }
  return kept
}

function Legend() {
  return (
    <ul class="network-legend">
      <li><svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true"><circle class="person" cx="8" cy="8" r="6" /></svg>{t('network.legendPerson')}</li>
      <li><svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true"><rect class="organization" x="2" y="2" width="12" height="12" rx="2" /></svg>{t('network.legendOrganization')}</li>
      <li><svg width="28" height="16" viewBox="0 0 28 16" aria-hidden="true"><line x1="2" y1="5" x2="26" y2="5" stroke-width="1" /><line x1="2" y1="12" x2="26" y2="12" stroke-width="5" /></svg>{t('network.legendTie')}</li>
    </ul>
  )
}

function Summary(props: { network: Network }) {
  const { network } = props
  const [strongest] = network.edges
  const name = new Map(network.nodes.map((n) => [n.key, n.name]))
  return (
    <p id="network-summary">
      {network.nodes.length < network.totalNodes
        ? t('network.showing', { count: network.nodes.length, total: network.totalNodes })
        : t('network.showingAll', { count: network.totalNodes })}{' '}
      {t('network.fromActivities', { count: network.activities })}
      {strongest && <> {t('network.strongest', { a: name.get(strongest.source)!, b: name.get(strongest.target)!, count: strongest.activities })}</>}
    </p>
  )
}

function TiesTable(props: { network: Network }) {
  const { network } = props
  const byKey = new Map(network.nodes.map((n) => [n.key, n]))
  const ties = network.edges.slice(0, TIES_LISTED)
  const party = (key: string) => {
    const node = byKey.get(key)!
    return html`<a href="${profileOf(node)}">${node.name}</a> <span class="muted">(${t(node.kind === 'person' ? 'network.legendPerson' : 'network.legendOrganization').toLowerCase()})</span>`
  }
  return (
    <section aria-labelledby="ties">
      <h2 id="ties">{t('network.tiesHeading')}</h2>
      <div class="table-scroll" role="region" aria-labelledby="ties-caption" tabindex={0}>
        <table class="data network-ties">
          <caption id="ties-caption">{t('network.tiesCaption', { count: ties.length })}</caption>
          <thead><tr><th scope="col">{t('network.party')}</th><th scope="col">{t('network.tiedTo')}</th><th scope="col" class="number">{t('network.shared')}</th></tr></thead>
          <tbody>{raw(ties.map((e) => `<tr><td>${party(e.source)}</td><td>${party(e.target)}</td><td class="number">${formatNumber(e.activities)}</td></tr>`).join(''))}</tbody>
        </table>
      </div>
    </section>
  )
}

function NetworkFigure(props: { network: Network }) {
  const { network } = props
  return (
    <figure class="network-figure">
      <figcaption id="network-caption">{t('network.caption')}</figcaption>
      <Legend />
      <div class="network-controls" hidden>
        <button type="button" data-zoom="in">{t('network.zoomIn')}</button>
        <button type="button" data-zoom="out">{t('network.zoomOut')}</button>
        <button type="button" data-zoom="reset">{t('network.reset')}</button>
        <span class="hint">{t('network.howTo')}</span>
      </div>
      <div class="network-frame">{drawing(network)}</div>
      <Summary network={network} />
      <p><a href="#ties">{t('network.skipToTable')}</a></p>
    </figure>
  )
}

networkPages.get(PATH, async (c) => {
  const query = parseQuery(c, InsightQuerySchema)
  const filters = filtersOf(query)
  const [network, options] = await Promise.all([getNetwork(c.var.db, filters), getNetworkFilterOptions(c.var.db, false)])
  const described = describeFilters(query)
  return c.html(
    <Layout title={described ? `${t('network.title')}: ${described}` : t('network.title')} description={t('network.description')}>
      <h1>{t('network.title')}</h1>
      <p class="lede">{t('network.lede')}</p>
      <Filters query={query} options={options} />
      {network.nodes.length
        ? <><NetworkFigure network={network} />{network.edges.length > 0 && <TiesTable network={network} />}</>
        : <p class="notice">{t('network.none')} {described && <a href={localPath(PATH)}>{t('network.showAll')}</a>}</p>}
      {network.nodes.length > 0 && html`<script type="module" src="${networkScript.path}"></script>`}
    </Layout>,
  )
})
