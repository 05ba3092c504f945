import { type IncomingHttpHeaders, request } from 'node:http'
import { parse } from 'node-html-parser'
import { expect } from 'vitest'
import { textOf } from './html.ts'
import type { TestServer } from './server.ts'

/** A public address as an anonymous reader's client gets it, decoded. */
export interface Reading {
  status: number
  headers: Headers
  /** X-Cache: "hit" when memory answered, "miss" when the page was rendered and kept, null when neither. */
  cache: string | null
  body: string
  /** What a reader sees: the text of an HTML page's main part, or the whole body of a feed or JSON answer. */
  text: string
}

export async function read(server: TestServer, path: string, headers: Record<string, string> = {}): Promise<Reading> {
  const response = await server.get(path, { headers })
  const body = await response.text()
  const html = response.headers.get('content-type')?.startsWith('text/html')
  const root = html ? parse(body) : null
  return {
    status: response.status, headers: response.headers, cache: response.headers.get('x-cache'), body,
    text: root ? textOf(root.querySelector('main') ?? root) : body,
  }
}

/**
 * Reads a public address twice; the second answer must come from memory. A change seen after a
 * write then proves that the cache let go of a page it held, not that there was none.
 */
export async function readCached(server: TestServer, path: string, headers: Record<string, string> = {}): Promise<Reading> {
  const first = await read(server, path, headers)
  expect(first.status, path).toBe(200)
  const second = await read(server, path, headers)
  expect(second.cache, `${path}, read a second time`).toBe('hit')
  return second
}

/** Reads each address and expects every one still to come from memory. */
export async function expectStillCached(server: TestServer, paths: string[]) {
  for (const path of paths) expect([path, (await read(server, path)).cache]).toEqual([path, 'hit'])
}

export interface RawResponse {
  status: number
  headers: IncomingHttpHeaders
  /** The bytes as sent, compressed or not. */
  body: Buffer
}

/** One exchange over node:http, which sends only the headers given and decodes nothing (fetch adds Accept-Encoding and decompresses). */
export function rawRequest(server: TestServer, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = request(new URL(path, server.baseUrl), { method, headers }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }))
      response.on('error', reject)
    })
    outgoing.on('error', reject)
    outgoing.end()
  })
}
