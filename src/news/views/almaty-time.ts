// The institute works in Almaty time; the admin writes and shows publication times in it.
// Kazakhstan keeps UTC+5 all year (no daylight saving since 2005; the whole country since March 2024).
export const ALMATY_OFFSET = '+05:00'
const OFFSET_MS = 5 * 3600_000

const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/

/** A datetime-local value ("2025-03-01T14:00") read as Almaty time, as an ISO time with its offset; other text is left for validation to name. */
export function fromAlmatyLocal(value: string): string | null {
  const v = value.trim()
  if (!v) return null
  if (!LOCAL.test(v)) return v
  return `${v.length === 16 ? `${v}:00` : v}${ALMATY_OFFSET}`
}

/** An ISO time as a datetime-local value in Almaty time. */
export function toAlmatyLocal(iso: string | null): string {
  if (!iso) return ''
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return iso
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 16)
}

/** "2025-03-01 14:00" in Almaty time, for lists. */
export const formatAlmaty = (iso: string | null) => (iso ? toAlmatyLocal(iso).replace('T', ' ') : '')
