import autocannon from 'autocannon'

export interface LoadOptions {
  connections: number
  warmupSeconds: number
  seconds: number
}

export interface LoadResult {
  /** Median of the one-second samples. */
  requestsPerSecond: number
  p50: number
  p99: number
  errors: number
  non2xx: number
  responses: number
  /** The server's processor time per response: unlike latency, other programs on the machine barely move it. */
  cpuMsPerRequest: number
}

// Fifty readers at once, as issue 10 asks: a page that does work growing with the archive queues the rest.
export const STANDARD_LOAD: LoadOptions = { connections: 50, warmupSeconds: 1, seconds: 5 }

/** Fails loudly unless the URL answers 200: measuring a 404 or 500 page tells nothing. */
export async function expectOk(url: string): Promise<string> {
  const response = await fetch(url)
  const body = await response.text()
  if (response.status !== 200) {
    throw new Error(`${url} answered ${response.status} instead of 200: ${body.slice(0, 300).replace(/\s+/g, ' ')}`)
  }
  return body
}

/** Warms up, then loads the URL; `serverCpu` reports the server's processor time so far, in microseconds. */
export async function measure(url: string, serverCpu?: () => Promise<number>, options = STANDARD_LOAD): Promise<LoadResult> {
  await run(url, options.connections, options.warmupSeconds)
  const cpuBefore = await serverCpu?.()
  const result = await run(url, options.connections, options.seconds)
  const cpuAfter = await serverCpu?.()
  const cpuMs = cpuBefore === undefined || cpuAfter === undefined ? Number.NaN : (cpuAfter - cpuBefore) / 1000
  return { ...result, cpuMsPerRequest: cpuMs / result.responses }
}

function run(url: string, connections: number, seconds: number): Promise<Omit<LoadResult, 'cpuMsPerRequest'>> {
  // autocannon's own latency histogram keeps whole milliseconds; fast pages need fractions.
  const latencies: number[] = []
  let responses = 0
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: seconds }, (error, result) => {
      if (error) return reject(error instanceof Error ? error : new Error(String(error)))
      latencies.sort((a, b) => a - b)
      resolve({
        requestsPerSecond: result.requests.p50,
        p50: percentile(latencies, 0.5),
        p99: percentile(latencies, 0.99),
        errors: result.errors + result.timeouts,
        non2xx: result.non2xx,
        responses,
      })
    })
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      responses++
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime)
    })
  })
}

function percentile(sorted: number[], fraction: number) {
  if (!sorted.length) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!
}
