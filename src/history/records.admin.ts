import { Hono } from 'hono'
import { mergeAdmin } from '../merge/merge.admin.tsx'
import { organizationAdmin } from '../organizations/organization.admin.tsx'
import { personAdmin } from '../people/person.admin.tsx'
import type { AppEnv } from '../web/env.ts'
import { historyAdmin } from './history.admin.tsx'

/** People, organizations, merging, history and the trash: one mount for /admin. */
export const recordsAdmin = new Hono<AppEnv>()
recordsAdmin.route('/', personAdmin)
recordsAdmin.route('/', organizationAdmin)
recordsAdmin.route('/', mergeAdmin)
recordsAdmin.route('/', historyAdmin)
