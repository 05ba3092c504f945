import { describe, expect, it } from 'vitest'
import { fileURLToPath } from 'node:url'
import { readFileSync } from 'node:fs'
import { ActivityRecordsSchema } from '../archive/archive.schema.ts'
import { extractRecords } from './extract.ts'
import { scoreRecords } from './fixtures/score.ts'

// The institute's news feed and its gold records (shared/eval), copied into test/fixtures.
const SEED = fileURLToPath(new URL('../../test/fixtures/seed-news.txt', import.meta.url))
const GOLD = fileURLToPath(new URL('../../test/fixtures/seed-gold.json', import.meta.url))

describe('the seed document, scored by the evaluation scorer', () => {
  const records = extractRecords(readFileSync(SEED, 'utf8'), { reference: new Date(2024, 9, 1) })
  const score = scoreRecords(GOLD, records)

  it('proposes records valid under the archive schema', () => {
    expect(ActivityRecordsSchema.safeParse(records).success).toBe(true)
  })

  it('reaches the quality bar: score ≥ 0.90, people F1 ≥ 0.95, organizations F1 ≥ 0.90', () => {
    expect(score.items).toEqual({ gold: 10, predicted: 10, matched: 10 })
    expect(score.score).toBeGreaterThanOrEqual(0.9)
    expect(score.people.f1).toBeGreaterThanOrEqual(0.95)
    expect(score.organizations.f1).toBeGreaterThanOrEqual(0.9)
  })
})
