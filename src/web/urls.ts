import type { Context } from 'hono'
import type { AppEnv } from './env.ts'

/** The absolute address of a path on this site, as readers reach it. */
export function siteUrl(c: Context<AppEnv>, path: string) {
  return new URL(path, c.var.publicUrl ?? new URL(c.req.url).origin).href
}
