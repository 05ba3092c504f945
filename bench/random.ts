/** A seeded pseudo-random source (mulberry32): the same seed builds the same archive. */
export interface Random {
  /** A float in [0, 1). */
  next(): number
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number
  chance(probability: number): boolean
  pick<T>(items: readonly T[]): T
  /** An integer in [min, max] where low values are more likely: a few are busy, most are quiet. */
  skewed(min: number, max: number, exponent: number): number
  /** `count` distinct integers in [min, max], in increasing order. */
  sample(count: number, min: number, max: number): Int32Array
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  return {
    next,
    int,
    chance: (probability) => next() < probability,
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!,
    skewed: (min, max, exponent) => min + Math.floor(next() ** exponent * (max - min + 1)),
    sample(count, min, max) {
      // A partial Fisher–Yates shuffle: exact count, no retries.
      const pool = Int32Array.from({ length: max - min + 1 }, (_, i) => min + i)
      for (let i = 0; i < count; i++) {
        const j = i + Math.floor(next() * (pool.length - i))
        const chosen = pool[j]!
        pool[j] = pool[i]!
        pool[i] = chosen
      }
      return pool.slice(0, count).sort()
    },
  }
}
