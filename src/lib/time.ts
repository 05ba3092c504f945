export const nowIso = (now = new Date()) => now.toISOString()

/** Year of an ISO date or timestamp, as written. */
export const yearOf = (iso: string | null) => (iso ? Number(iso.slice(0, 4)) : null)
