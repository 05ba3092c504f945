import { createRequire } from 'node:module'
import { Resvg } from '@resvg/resvg-js'
import type { Chart } from '../insights/insight.types.ts'

// DejaVu Sans has every letter of Kazakh (ә ғ қ ң ө ұ ү һ і) and Russian; the PDF embeds it and the charts are drawn
// with it, so neither depends on the fonts of the machine. Resolved from this file (the build keeps its
// import.meta.url), so the TypeScript and dist/ find the same files.
const resolveFont = (file: string) => createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${file}`)

export const FONT_FILES = {
  regular: resolveFont('DejaVuSans.ttf'),
  bold: resolveFont('DejaVuSans-Bold.ttf'),
}

/** A chart as a PNG, `scale` times its size, for the page formats. */
export function chartPng(chart: Chart, scale = 2): Buffer {
  const resvg = new Resvg(chart.svg, {
    fitTo: { mode: 'width', value: Math.round(chart.width * scale) },
    background: '#ffffff',
    font: { fontFiles: [FONT_FILES.regular, FONT_FILES.bold], loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans', serifFamily: 'DejaVu Sans', monospaceFamily: 'DejaVu Sans' },
  })
  return resvg.render().asPng()
}
