import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'

const css = readFileSync(new URL('./static/site.css', import.meta.url))
const hash = createHash('sha256').update(css).digest('hex').slice(0, 12)

// The content hash in the name lets browsers keep the file for a year.
export const stylesheet = { path: `/static/site.${hash}.css`, body: css }
