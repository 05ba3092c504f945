import { createHash } from 'node:crypto'
import { LRUCache } from 'lru-cache'
import countries from 'i18n-iso-countries'
import * as vega from 'vega'
import { compile, type TopLevelSpec } from 'vega-lite'
import { type Lang, LOCALE_TAGS } from '../i18n/languages.ts'
import { t } from '../i18n/locale.ts'
import type { MessageKey } from '../i18n/messages/index.ts'
import { KINDS, PARTICIPATION_ROLES } from '../lib/vocabulary.ts'
import '../web/format.ts' // registers the country names in English, Russian and Kazakh
import type { Chart, Insights } from './insight.types.ts'
import { accessibleSvg } from './svg.ts'
import { mappableCountries, renderWorldMap } from './world-map.ts'

// The charts of the archive at a glance, drawn on the server: Vega-Lite specifications compiled and rendered
// to SVG by Vega (no browser, no JavaScript on the page), with the words in the page's language. The same
// SVG goes into the page, the print and the annual report (resvg with DejaVu fonts).

export const CHART_WIDTH = 560
/** People and organizations a bar chart names; the table beside it lists them all. */
export const MAX_BARS = 15
const FONT = 'DejaVu Sans'

// Vega measures text with a canvas, which Node does not have; its fallback (0.8 em a letter) is far too wide
// and cuts labels short. DejaVu Sans' advance widths, in em, by kind of letter, are close enough.
const NARROW = new Set([...'iljtfrI.,:;!|\'()[]{} ‘’ії'])
const WIDE = new Set([...'mwMWшщжюмыШЩЖЮМЫ—@%'])
function textWidth(text: string, fontSize: number) {
  let em = 0
  for (const c of text) {
    em += NARROW.has(c) ? 0.32 : WIDE.has(c) ? 0.9 : /[0-9]/.test(c) ? 0.64 : c === c.toLowerCase() ? 0.6 : 0.72
  }
  return Math.ceil(em * fontSize * 1.04)
}
const metrics = (vega as unknown as { textMetrics: { width: (item: { fontSize?: number; limit?: number }, text: unknown) => number } }).textMetrics
// A label longer than its limit is cut to it with an ellipsis, so it takes no more room than the limit: layout
// reads the width through this too, and Vega's own measure applies the limit before measuring.
metrics.width = (item, text) => Math.min(textWidth(Array.isArray(text) ? text.join(' ') : String(text ?? ''), item.fontSize ?? 11),
  item.limit && item.limit > 0 ? item.limit : Infinity)

// How d3-format (Vega's axes) writes numbers in each language: 1,234 and 1 234.
const NUMBER_LOCALES: Record<Lang, object> = {
  en: { decimal: '.', thousands: ',', grouping: [3], currency: ['', ''] },
  ru: { decimal: ',', thousands: '\u00a0', grouping: [3], currency: ['', ''] },
  kk: { decimal: ',', thousands: '\u00a0', grouping: [3], currency: ['', ''] },
}

const CONFIG = {
  font: FONT,
  background: '#ffffff',
  // The chart is one image named by its title and summary; marks announced one by one would drown it.
  aria: false,
  padding: 8,
  view: { stroke: null },
  axis: {
    labelFontSize: 12, titleFontSize: 12, titleFontWeight: 'normal', labelColor: '#1b1f24', titleColor: '#1b1f24',
    domainColor: '#59636e', tickColor: '#59636e', gridColor: '#e3e7eb', labelLimit: 230,
  },
  legend: { labelFontSize: 12, titleFontSize: 12, titleFontWeight: 'normal', labelColor: '#1b1f24', titleColor: '#1b1f24', labelLimit: 220 },
  bar: { discreteBandSize: 16 },
} as const

async function renderSpec(spec: TopLevelSpec, lang: Lang): Promise<string> {
  const compiled = compile({ ...spec, config: { ...CONFIG, ...spec.config } } as TopLevelSpec).spec
  const view = new vega.View(vega.parse(compiled), {
    renderer: 'none', locale: { number: NUMBER_LOCALES[lang] } as unknown as vega.ViewOptions['locale'],
  })
  try {
    return await view.toSVG()
  } finally {
    view.finalize()
  }
}

const countAxis = (title: string) => ({ title, format: ',d', tickMinStep: 1 })

const kindName = (kind: string, lang: Lang) =>
  ((KINDS as readonly string[]).includes(kind) ? t(`kind.${kind}` as MessageKey, undefined, lang) : kind)
const roleName = (role: string, lang: Lang) =>
  ((PARTICIPATION_ROLES as readonly string[]).includes(role) ? t(`role.${role}` as MessageKey, undefined, lang) : role)
export const countryNameIn = (code: string, lang: Lang) => countries.getName(code, lang) ?? countries.getName(code, 'en') ?? code

/** The months of the chart: every month from the first to the last of the period (or of the data, when open). */
function monthsOf(insights: Insights): string[] {
  const { from, to } = insights.filters.period
  const months = insights.byMonth.map((r) => r.month).sort()
  const first = from?.slice(0, 7) ?? months[0]
  const last = to?.slice(0, 7) ?? months.at(-1)
  if (!first || !last) return []
  const out: string[] = []
  let [year, month] = first.split('-').map(Number) as [number, number]
  // At most 30 years of months, so a wide-open range cannot make a chart of thousands of bars.
  while (out.length < 360) {
    const key = `${year}-${String(month).padStart(2, '0')}`
    if (key > last) break
    out.push(key)
    if (++month > 12) { month = 1; year++ }
  }
  return out
}

function monthLabel(month: string, lang: Lang, withYear: boolean) {
  const date = new Date(`${month}-01T00:00:00Z`)
  return new Intl.DateTimeFormat(LOCALE_TAGS[lang], { month: 'short', ...(withYear ? { year: 'numeric' } : {}), timeZone: 'UTC' }).format(date)
}

/** Past three years of months, bars a few pixels wide say less than one bar a year. */
const MAX_MONTHS = 36

async function activitiesByMonth(insights: Insights, lang: Lang): Promise<Chart | null> {
  const months = monthsOf(insights)
  if (!insights.byMonth.length || !months.length) return null
  if (months.length > MAX_MONTHS) return activitiesByYear(insights, lang)
  const withYear = months[0]!.slice(0, 4) !== months.at(-1)!.slice(0, 4)
  const label = new Map(months.map((m) => [m, monthLabel(m, lang, withYear)]))
  return kindBars(insights, lang, insights.byMonth.map((r) => ({ period: r.month, kind: r.kind, activities: r.activities })), {
    domain: months.map((m) => label.get(m)!), barLabel: (m) => label.get(m) ?? m, tableLabel: (m) => monthLabel(m, lang, true),
    title: t('insights.chart.byMonth', undefined, lang), column: t('insights.axis.month', undefined, lang),
    busiest: (month, count, max) => t('insights.summary.byMonth', { count, month: monthLabel(month, lang, true), max }, lang),
  })
}

/** The same counts a year a bar, for a period of many years; the chart keeps its place and id. */
function activitiesByYear(insights: Insights, lang: Lang): Promise<Chart> {
  const perYearKind = new Map<string, number>()
  for (const r of insights.byMonth) {
    const key = `${r.month.slice(0, 4)} ${r.kind}`
    perYearKind.set(key, (perYearKind.get(key) ?? 0) + r.activities)
  }
  const rows = [...perYearKind].map(([key, activities]) => ({ period: key.slice(0, 4), kind: key.slice(5), activities }))
    .sort((a, b) => a.period.localeCompare(b.period) || KINDS.indexOf(a.kind as never) - KINDS.indexOf(b.kind as never))
  const first = Number(rows[0]!.period)
  const last = Number(rows.at(-1)!.period)
  return kindBars(insights, lang, rows, {
    domain: Array.from({ length: last - first + 1 }, (_, i) => String(first + i)), barLabel: (y) => y, tableLabel: (y) => y,
    title: t('insights.chart.byYear', undefined, lang), column: t('insights.axis.year', undefined, lang),
    busiest: (year, count, max) => t('insights.summary.byYear', { count, year, max }, lang),
  })
}

/** Activities per period (a month or a year) stacked by kind: the one chart both granularities draw. */
async function kindBars(insights: Insights, lang: Lang, rows: { period: string; kind: string; activities: number }[], options: {
  domain: string[]; barLabel: (period: string) => string; tableLabel: (period: string) => string; title: string; column: string
  busiest: (period: string, count: number, max: number) => string
}): Promise<Chart> {
  const kinds = [...new Set(rows.map((r) => r.kind))].sort((a, b) => KINDS.indexOf(a as never) - KINDS.indexOf(b as never))
  const perPeriod = new Map<string, number>()
  for (const r of rows) perPeriod.set(r.period, (perPeriod.get(r.period) ?? 0) + r.activities)
  const [busiest, most] = [...perPeriod].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]!
  const perKind = new Map<string, number>()
  for (const r of rows) perKind.set(r.kind, (perKind.get(r.kind) ?? 0) + r.activities)
  const [topKind, topKindCount] = [...perKind].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]!
  const dated = [...perPeriod.values()].reduce((a, b) => a + b, 0)
  const { title } = options
  const summary = [
    options.busiest(busiest, dated, most),
    t('insights.summary.topKind', { kind: kindName(topKind, lang), count: topKindCount }, lang),
    insights.undatedActivities ? t('insights.summary.undated', { count: insights.undatedActivities }, lang) : '',
  ].filter(Boolean).join(' ')
  const svg = await renderSpec({
    width: CHART_WIDTH, height: 240,
    data: { values: rows.map((r) => ({ period: options.barLabel(r.period), kind: kindName(r.kind, lang), activities: r.activities })) },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'period', type: 'ordinal', title: null, scale: { domain: options.domain },
        axis: { labelAngle: options.domain.length > 12 ? -45 : 0, labelOverlap: 'greedy' } },
      y: { field: 'activities', type: 'quantitative', aggregate: 'sum', axis: countAxis(t('insights.axis.activities', undefined, lang)) },
      color: { field: 'kind', type: 'nominal', title: t('insights.axis.kind', undefined, lang),
        scale: { domain: kinds.map((k) => kindName(k, lang)) }, legend: { orient: 'bottom', columns: 3 } },
    },
  }, lang)
  return {
    id: 'activities-by-month', title, summary, ...accessibleSvg(svg, 'activities-by-month', title, summary),
    table: {
      columns: [options.column, t('insights.axis.kind', undefined, lang), t('insights.axis.activities', undefined, lang)],
      rows: rows.map((r) => [options.tableLabel(r.period), kindName(r.kind, lang), r.activities]),
    },
  }
}

async function staffByRole(insights: Insights, lang: Lang): Promise<Chart | null> {
  if (!insights.staffRoles.length) return null
  const totals = new Map<string, { name: string; activities: number }>()
  for (const r of insights.staffRoles) {
    const total = totals.get(r.person.slug) ?? { name: r.person.name, activities: 0 }
    total.activities += r.activities
    totals.set(r.person.slug, total)
  }
  const ranked = [...totals].sort((a, b) => b[1].activities - a[1].activities || a[1].name.localeCompare(b[1].name))
  const shown = new Set(ranked.slice(0, MAX_BARS).map(([slug]) => slug))
  const roles = [...new Set(insights.staffRoles.map((r) => r.role))].sort((a, b) => ROLE_ORDER(a) - ROLE_ORDER(b))
  const title = t('insights.chart.staff', undefined, lang)
  const [topName, top] = [ranked[0]![1].name, ranked[0]![1].activities]
  const summary = [
    t('insights.summary.staff', { count: totals.size }, lang),
    t('insights.summary.staffTop', { name: topName, count: top }, lang),
    totals.size > MAX_BARS ? t('insights.summary.shown', { count: MAX_BARS }, lang) : '',
  ].filter(Boolean).join(' ')
  const svg = await renderSpec({
    width: CHART_WIDTH - 200, height: { step: 22 },
    data: { values: insights.staffRoles.filter((r) => shown.has(r.person.slug))
      .map((r) => ({ person: r.person.name, role: roleName(r.role, lang), activities: r.activities })) },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'person', type: 'nominal', title: null, sort: ranked.filter(([slug]) => shown.has(slug)).map(([, p]) => p.name) },
      x: { field: 'activities', type: 'quantitative', aggregate: 'sum', axis: countAxis(t('insights.axis.activities', undefined, lang)) },
      color: { field: 'role', type: 'nominal', title: t('insights.axis.role', undefined, lang),
        scale: { domain: roles.map((r) => roleName(r, lang)) }, legend: { orient: 'bottom', columns: 3 } },
    },
  }, lang)
  return {
    id: 'staff-by-role', title, summary, ...accessibleSvg(svg, 'staff-by-role', title, summary),
    table: {
      columns: [t('insights.axis.person', undefined, lang), t('insights.axis.role', undefined, lang), t('insights.axis.activities', undefined, lang)],
      rows: ranked.flatMap(([slug, p]) => insights.staffRoles.filter((r) => r.person.slug === slug)
        .sort((a, b) => b.activities - a.activities || ROLE_ORDER(a.role) - ROLE_ORDER(b.role))
        .map((r) => [p.name, roleName(r.role, lang), r.activities])),
    },
  }
}

const ROLE_ORDER = (role: string) => {
  const index = (PARTICIPATION_ROLES as readonly string[]).indexOf(role)
  return index < 0 ? PARTICIPATION_ROLES.length : index
}

function partnersMap(insights: Insights, lang: Lang): Chart | null {
  const rows = insights.partnersByCountry
  if (!rows.length) return null
  const title = t('insights.chart.map', undefined, lang)
  const mappable = mappableCountries()
  const missing = rows.filter((r) => !mappable.has(r.country)).map((r) => countryNameIn(r.country, lang))
  const top = rows[0]!
  const summary = [
    t('insights.summary.map', { count: rows.length, country: countryNameIn(top.country, lang), organizations: top.organizations }, lang),
    missing.length ? t('insights.summary.mapMissing', { countries: missing.join(', ') }, lang) : '',
  ].filter(Boolean).join(' ')
  const map = renderWorldMap({
    id: 'partners-map', lang, title, description: summary,
    counts: new Map(rows.map((r) => [r.country, r.organizations])),
    countryTitle: (name, count) => (count
      ? t('insights.map.country', { country: name, count }, lang)
      : t('insights.map.none', { country: name }, lang)),
    legendTitle: t('insights.axis.partners', undefined, lang),
    noneLabel: t('insights.map.noneLegend', undefined, lang),
  })
  return {
    id: 'partners-map', title, summary, ...map,
    table: {
      columns: [t('insights.axis.country', undefined, lang), t('insights.axis.partners', undefined, lang), t('insights.axis.activities', undefined, lang)],
      rows: rows.map((r) => [countryNameIn(r.country, lang), r.organizations, r.activities]),
    },
  }
}

/**
 * A bar's label: the name, made distinct from an earlier bar of the same name by invisible zero-width
 * spaces, since two partners may share a name and each keeps its own bar.
 */
function barLabel(name: string, rows: { organization: { name: string } }[], index: number) {
  const before = rows.slice(0, index).filter((r) => r.organization.name === name).length
  return name + '\u200b'.repeat(before)
}

async function topPartners(insights: Insights, lang: Lang): Promise<Chart | null> {
  const rows = insights.topPartners
  if (!rows.length) return null
  const title = t('insights.chart.topPartners', undefined, lang)
  const summary = [
    t('insights.summary.topPartners', { name: rows[0]!.organization.name, count: rows[0]!.activities }, lang),
    rows.length > MAX_BARS ? t('insights.summary.shownPartners', { count: MAX_BARS, total: rows.length }, lang) : '',
  ].filter(Boolean).join(' ')
  const shown = rows.slice(0, MAX_BARS)
  const svg = await renderSpec({
    width: CHART_WIDTH - 240, height: { step: 22 },
    data: { values: shown.map((r, i) => ({ label: barLabel(r.organization.name, shown, i), activities: r.activities })) },
    mark: { type: 'bar', color: '#3182bd' },
    encoding: {
      // Names go in as data, never into a Vega expression: an expression is parsed, and a name is not code.
      y: { field: 'label', type: 'ordinal', title: null, sort: null, axis: { labelLimit: 240 } },
      x: { field: 'activities', type: 'quantitative', axis: countAxis(t('insights.axis.activities', undefined, lang)) },
    },
  }, lang)
  return {
    id: 'top-partners', title, summary, ...accessibleSvg(svg, 'top-partners', title, summary),
    table: {
      columns: [t('insights.axis.organization', undefined, lang), t('insights.axis.country', undefined, lang), t('insights.axis.activities', undefined, lang)],
      rows: rows.map((r) => [r.organization.name, r.organization.country ? countryNameIn(r.organization.country, lang) : '—', r.activities]),
    },
  }
}

async function publicationsByCommissioner(insights: Insights, lang: Lang): Promise<Chart | null> {
  const rows = insights.publications
  if (!rows.length) return null
  const nobody = t('insights.noCommissioner', undefined, lang)
  const undated = t('insights.undated', undefined, lang)
  const commissionerOf = (r: Insights['publications'][number]) => r.commissioner?.name ?? nobody
  const yearOf = (r: Insights['publications'][number]) => r.year || undated
  const totals = new Map<string, number>()
  for (const r of rows) totals.set(commissionerOf(r), (totals.get(commissionerOf(r)) ?? 0) + r.publications)
  const ranked = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  const shown = new Set(ranked.slice(0, MAX_BARS).map(([name]) => name))
  const named = ranked.filter(([name]) => name !== nobody)
  const title = t('insights.chart.publications', undefined, lang)
  const summary = [
    t('insights.summary.publications', { count: insights.headline.publications.value }, lang),
    named.length ? t('insights.summary.commissioner', { name: named[0]![0], count: named[0]![1] }, lang) : t('insights.summary.noCommissioner', undefined, lang),
  ].join(' ')
  const years = [...new Set(rows.map(yearOf))].sort()
  const svg = await renderSpec({
    width: CHART_WIDTH - 240, height: { step: 22 },
    data: { values: rows.filter((r) => shown.has(commissionerOf(r))).map((r) => ({ commissioner: commissionerOf(r), year: yearOf(r), publications: r.publications })) },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'commissioner', type: 'nominal', title: null, sort: ranked.filter(([name]) => shown.has(name)).map(([name]) => name) },
      x: { field: 'publications', type: 'quantitative', aggregate: 'sum', axis: countAxis(t('insights.axis.publications', undefined, lang)) },
      color: { field: 'year', type: 'nominal', title: t('insights.axis.year', undefined, lang), scale: { domain: years },
        legend: { orient: 'bottom', columns: 6 } },
    },
  }, lang)
  return {
    id: 'publications-by-commissioner', title, summary, ...accessibleSvg(svg, 'publications-by-commissioner', title, summary),
    table: {
      columns: [t('insights.axis.commissioner', undefined, lang), t('insights.axis.year', undefined, lang), t('insights.axis.publications', undefined, lang)],
      rows: rows.map((r) => [commissionerOf(r), yearOf(r), r.publications]),
    },
  }
}

/**
 * Every chart the insights have data for, in reading order: activities per month by kind, the staff by role,
 * partners on the world map, the top partners, publications by commissioner and year. A chart without data
 * is left out rather than drawn empty.
 */
// Drawing the charts costs tens of milliseconds; the figures behind them change far less often than the
// page cache is emptied (any write empties it). Charts are kept by a hash of exactly what they are drawn from.
const drawn = new LRUCache<string, Promise<Chart[]>>({ max: 64 })

export function chartsOf(insights: Insights, lang: Lang): Promise<Chart[]> {
  const key = createHash('sha256').update(lang).update(JSON.stringify(insights)).digest('base64')
  let charts = drawn.get(key)
  if (!charts) {
    charts = drawCharts(insights, lang)
    drawn.set(key, charts)
    // A failed drawing is not kept: the next request tries again.
    charts.catch(() => drawn.delete(key))
  }
  return charts
}

async function drawCharts(insights: Insights, lang: Lang): Promise<Chart[]> {
  const charts = await Promise.all([
    activitiesByMonth(insights, lang),
    staffByRole(insights, lang),
    partnersMap(insights, lang),
    topPartners(insights, lang),
    publicationsByCommissioner(insights, lang),
  ])
  return charts.filter((c): c is Chart => c !== null)
}
