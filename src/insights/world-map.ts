import { geoEqualEarth, geoPath } from 'd3-geo'
import type { Feature, FeatureCollection, Geometry } from 'geojson'
import countries from 'i18n-iso-countries'
import { feature } from 'topojson-client'
import type { GeometryCollection, Topology } from 'topojson-specification'
import atlas from 'world-atlas/countries-110m.json' with { type: 'json' }
import type { Lang } from '../i18n/languages.ts'
import { LOCALE_TAGS } from '../i18n/languages.ts'
import { escapeXml } from './svg.ts'

// Natural Earth's 1:110m countries (world-atlas), in the Equal Earth projection: areas stay true, so a
// large country does not look like more partners than a small one.

/** Antarctica has no partners to show and would take a fifth of the height. */
const LEFT_OUT = new Set(['010'])

interface CountryShape {
  /** ISO 3166-1 alpha-2, when Natural Earth's numeric code has one. */
  code: string | null
  /** Natural Earth's English name, for shapes without an ISO code (Kosovo, Northern Cyprus). */
  name: string
  d: string
}

interface Outline {
  width: number
  height: number
  shapes: CountryShape[]
}

// The projected outlines depend only on the width: made once per width, then only the colours change.
const outlines = new Map<number, Outline>()

function outlineOf(width: number): Outline {
  let outline = outlines.get(width)
  if (outline) return outline
  const topology = atlas as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>
  const all = feature(topology, topology.objects.countries) as FeatureCollection<Geometry, { name: string }>
  const kept: FeatureCollection<Geometry, { name: string }> = {
    type: 'FeatureCollection', features: all.features.filter((f) => !LEFT_OUT.has(String(f.id))),
  }
  const projection = geoEqualEarth().fitWidth(width, kept)
  const path = geoPath(projection).digits(0)
  const [[, top], [, bottom]] = path.bounds(kept)
  const shapes = kept.features.map((f: Feature<Geometry, { name: string }>) => ({
    code: f.id === undefined ? null : countries.numericToAlpha2(String(f.id)) ?? null,
    name: f.properties.name,
    d: path(f) ?? '',
  })).filter((s) => s.d)
  outlines.set(width, outline = { width, height: Math.ceil(bottom - Math.min(0, top)) + 1, shapes })
  return outline
}

/** ISO alpha-2 codes the map can show; a partner elsewhere (Singapore, Malta…) is only in the table. */
export function mappableCountries(): Set<string> {
  return new Set(outlineOf(MAP_WIDTH).shapes.map((s) => s.code).filter((c): c is string => c !== null))
}

export const MAP_WIDTH = 720
const LEGEND_HEIGHT = 44
// Sequential blues (ColorBrewer), light to dark; each class readable against the next.
const BLUES = ['#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c']
const NONE = '#eceff1'

/** Up to five classes of whole numbers from 1 to the largest value: [1], [2], [3–4]… */
export function classesOf(max: number): [number, number][] {
  if (max <= 0) return []
  if (max <= BLUES.length) return Array.from({ length: max }, (_, i) => [i + 1, i + 1])
  const classes: [number, number][] = []
  let low = 1
  for (let i = 1; i <= BLUES.length; i++) {
    const high = i === BLUES.length ? max : Math.max(low, Math.round(1 + ((max - 1) * i) / BLUES.length) - 1)
    if (high >= low) classes.push([low, high])
    low = high + 1
  }
  return classes
}

export interface WorldMapOptions {
  id: string
  lang: Lang
  title: string
  description: string
  /** Partner organizations per ISO alpha-2 code. */
  counts: Map<string, number>
  /** "Kazakhstan: 12 partner organizations", in the page's language. */
  countryTitle: (name: string, count: number) => string
  legendTitle: string
  noneLabel: string
}

/** The choropleth as SVG: one path per country with its name and count as a tooltip, and a legend below. */
export function renderWorldMap(o: WorldMapOptions): { svg: string; width: number; height: number } {
  const outline = outlineOf(MAP_WIDTH)
  const max = Math.max(0, ...o.counts.values())
  const classes = classesOf(max)
  const colourOf = (n: number) => {
    const index = classes.findIndex(([low, high]) => n >= low && n <= high)
    return index < 0 ? NONE : BLUES[Math.round((index * (BLUES.length - 1)) / Math.max(1, classes.length - 1))]!
  }
  const number = new Intl.NumberFormat(LOCALE_TAGS[o.lang])
  const height = outline.height + LEGEND_HEIGHT
  const paths = outline.shapes.map((s) => {
    const n = s.code ? o.counts.get(s.code) ?? 0 : 0
    const name = (s.code && countries.getName(s.code, o.lang)) || s.name
    return `<path d="${s.d}" fill="${colourOf(n)}"><title>${escapeXml(o.countryTitle(name, n))}</title></path>`
  }).join('')
  const swatches = [[NONE, o.noneLabel] as const, ...classes.map(([low, high]) =>
    [colourOf(low), low === high ? number.format(low) : `${number.format(low)}–${number.format(high)}`] as const)]
  let x = 0
  const legend = swatches.map(([colour, label]) => {
    const item = `<rect x="${x}" y="20" width="14" height="14" fill="${colour}" stroke="#8c959f" stroke-width="0.5"/>`
      + `<text x="${x + 19}" y="31.5">${escapeXml(label)}</text>`
    x += 19 + Math.ceil(label.length * 7.5) + 16
    return item
  }).join('')
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${o.id}-title ${o.id}-desc" viewBox="0 0 ${MAP_WIDTH} ${height}" `
    + `width="${MAP_WIDTH}" height="${height}" font-family="DejaVu Sans, sans-serif" font-size="12">`
    + `<title id="${o.id}-title">${escapeXml(o.title)}</title><desc id="${o.id}-desc">${escapeXml(o.description)}</desc>`
    + `<rect width="100%" height="100%" fill="#ffffff"/>`
    + `<g stroke="#ffffff" stroke-width="0.5" stroke-linejoin="round">${paths}</g>`
    + `<g transform="translate(0 ${outline.height})" fill="#1b1f24"><text x="0" y="11" font-weight="bold">${escapeXml(o.legendTitle)}</text>${legend}</g>`
    + '</svg>'
  return { svg, width: MAP_WIDTH, height }
}
