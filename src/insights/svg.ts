// Small helpers for the SVG the charts and the map write as text.

export const escapeXml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

/**
 * An SVG drawn by Vega, made fit for a page with several charts and for screen readers: its own ids
 * prefixed with the chart's (Vega numbers clip paths per process, and two charts must not share one),
 * role="img" named by a <title> and a <desc>, and a viewBox so that CSS may scale it.
 */
export function accessibleSvg(svg: string, id: string, title: string, description: string) {
  const withIds = svg
    // Vega marks each group for assistive technology; inside one named image those roles would only be noise.
    .replace(/\s(role|aria-roledescription|aria-hidden|aria-label|class)="[^"]*"/g, '')
    .replace(/\bid="([^"]+)"/g, (_, name: string) => `id="${id}-${name}"`)
    .replace(/url\(#([^)]+)\)/g, (_, name: string) => `url(#${id}-${name})`)
    .replace(/href="#([^"]+)"/g, (_, name: string) => `href="#${id}-${name}"`)
  const open = /^<svg\b([^>]*)>/.exec(withIds)
  if (!open) throw new Error('not an SVG document')
  const attributes = open[1]!
  const width = Number(/\bwidth="([\d.]+)"/.exec(attributes)?.[1] ?? 0)
  const height = Number(/\bheight="([\d.]+)"/.exec(attributes)?.[1] ?? 0)
  const kept = attributes.replace(/\s(version|viewBox)="[^"]*"/g, '')
  const head = `<svg${kept} viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc">`
    + `<title id="${id}-title">${escapeXml(title)}</title><desc id="${id}-desc">${escapeXml(description)}</desc>`
  return { svg: head + withIds.slice(open[0].length), width, height }
}
