import { createHash } from 'node:crypto'
import { promisify } from 'node:util'
import { brotliCompress, constants as zlib, gzip } from 'node:zlib'
import { LRUCache } from 'lru-cache'

const brotli = promisify(brotliCompress)
const gzipAsync = promisify(gzip)

export type Encoding = 'br' | 'gzip'

/** A rendered response kept in memory, with its compressed forms made once, when first asked for. */
export interface CachedResponse {
  /** The content version it was rendered at; null for content-hashed assets, which never change. */
  version: number | null
  /** When the clock makes it out of date (a scheduled post's time, midnight), in epoch ms. */
  validUntil: number
  status: number
  /** Every header of the response as the application sent it, but those of one exchange (Date, ETag, length). */
  headers: Record<string, string>
  body: Buffer
  /** The strong validator of the identity body; compressed forms add their coding to it. */
  etag: string
  compressible: boolean
  encoded: Partial<Record<Encoding, Buffer>>
  /** The route pattern that rendered it, for the request metrics of answers from memory. */
  route: string
}

export interface PageCacheStats {
  entries: number
  bytes: number
  maxBytes: number
  hits: number
  misses: number
}

const COMPRESSIBLE = /^(text\/|application\/(json|problem\+json|feed\+json|xml|rss\+xml|atom\+xml|javascript|ld\+json)|image\/svg\+xml)/
// Below about a packet, compression saves nothing the headers do not cost.
const MIN_COMPRESSIBLE_BYTES = 1024

/** A strong ETag from the bytes: equal bodies, equal tags, on every server. */
export function etagOf(body: Buffer) {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`
}

export const isCompressible = (contentType: string | undefined, size: number) =>
  size >= MIN_COMPRESSIBLE_BYTES && COMPRESSIBLE.test(contentType ?? '')

export function compress(body: Buffer, encoding: Encoding): Promise<Buffer> {
  // Made once per cached body, so brotli can afford a high quality; off the main thread either way.
  return encoding === 'br'
    ? brotli(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } })
    : gzipAsync(body, { level: 9 })
}

/** The tag of one coded form: a strong validator names exactly one sequence of bytes. */
export const encodedEtag = (etag: string, encoding: Encoding | null) => (encoding ? `${etag.slice(0, -1)}-${encoding}"` : etag)

/** The best coding the client accepts that we make: brotli, then gzip, else none. */
export function negotiateEncoding(acceptEncoding: string | undefined): Encoding | null {
  if (!acceptEncoding) return null
  const accepted = new Map<string, number>()
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [coding = '', ...params] = part.trim().split(';')
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean)
    accepted.set(coding.trim(), q === undefined ? 1 : Number(q))
  }
  const wildcard = accepted.get('*')
  const quality = (coding: Encoding) => accepted.get(coding) ?? wildcard ?? 0
  if (quality('br') > 0 && quality('br') >= quality('gzip')) return 'br'
  if (quality('gzip') > 0) return 'gzip'
  return null
}

const sizeOf = (entry: CachedResponse) =>
  entry.body.length + (entry.encoded.br?.length ?? 0) + (entry.encoded.gzip?.length ?? 0) + 512

/** Rendered public responses by URL, language and representation, bounded by their bytes. */
export class PageCache {
  readonly #entries: LRUCache<string, CachedResponse>
  readonly #maxBytes: number
  #hits = 0
  #misses = 0

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes
    this.#entries = new LRUCache<string, CachedResponse>({ maxSize: maxBytes, sizeCalculation: sizeOf })
  }

  /** The entry if it is current for this content version at this time; counts a hit, or a miss unless told not to. */
  lookup(key: string, version: number, now: number, { countMiss = true } = {}): CachedResponse | undefined {
    const entry = this.#entries.get(key)
    if (entry && (entry.version === null || entry.version === version) && now < entry.validUntil) {
      this.#hits++
      return entry
    }
    if (entry) this.#entries.delete(key)
    if (countMiss) this.#misses++
    return undefined
  }

  /** Whether anything is kept under the key, current or not, without counting or reordering. */
  has(key: string) {
    return this.#entries.has(key, { updateAgeOnHas: false })
  }

  store(key: string, entry: CachedResponse) {
    // One entry bigger than a tenth of the cache would push out most of the others.
    if (sizeOf(entry) > this.#maxBytes / 10) return
    this.#entries.set(key, entry)
  }

  /** Remembers a coded form made for an entry, if the entry is still the one cached. */
  addEncoded(key: string, entry: CachedResponse, encoding: Encoding, bytes: Buffer) {
    entry.encoded[encoding] = bytes
    if (this.#entries.peek(key) === entry) this.store(key, entry)
  }

  clear() {
    this.#entries.clear()
  }

  stats(): PageCacheStats {
    return { entries: this.#entries.size, bytes: this.#entries.calculatedSize, maxBytes: this.#maxBytes, hits: this.#hits, misses: this.#misses }
  }
}
