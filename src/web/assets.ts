import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'

function asset(file: string, extension: string) {
  const body = readFileSync(new URL(`./static/${file}`, import.meta.url))
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12)
  // The content hash in the name lets browsers keep the file for a year.
  return { path: `/static/${file.replace(/\.[a-z]+$/, '')}.${hash}.${extension}`, body }
}

export const stylesheet = asset('site.css', 'css')
export const adminScript = asset('admin.js', 'js')
export const searchScript = asset('search.js', 'js')
// The collaboration network's zoom, pan and highlighting (src/network); only its page loads it.
export const networkScript = asset('network.js', 'js')
