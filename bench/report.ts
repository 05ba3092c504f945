import type { LoadResult } from './load.ts'

// A page whose p99 passes this at 50 connections does work that grows with the archive, or queues behind one that does.
export const SLOW_P99_MS = 100

export interface Measured {
  page: string
  result: LoadResult
}

const number = (value: number, digits = 0) =>
  Number.isFinite(value) ? value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '–'

export function printTable(title: string, rows: Measured[]) {
  const width = Math.max(4, ...rows.map((r) => r.page.length))
  const line = (cells: string[]) => `  ${cells[0]!.padEnd(width)}  ${cells.slice(1).map((c) => c.padStart(9)).join('  ')}`
  console.log(`\n${title}`)
  console.log(line(['page', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx', 'CPU ms/req']))
  for (const { page, result: r } of rows) {
    const flag = r.p99 > SLOW_P99_MS ? `  ← p99 over ${SLOW_P99_MS} ms` : ''
    console.log(line([page, number(r.requestsPerSecond), number(r.p50, 2), number(r.p99, 2), number(r.errors), number(r.non2xx),
      number(r.cpuMsPerRequest, 2)]) + flag)
  }
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`
export const formatCount = (n: number) => number(n)
