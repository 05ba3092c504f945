import type { Db } from '../db/database.ts'
import { claimJob } from '../db/job-lock.ts'
import { inTransaction } from '../db/transaction.ts'
import { type RepeatingJob, startRepeatingJob } from '../lib/repeating-job.ts'
import { saveSnapshot } from '../revisions/index.ts'
import { findDueScheduledPosts, hasDueScheduledPosts } from './post.repository.ts'
import { postStore } from './post.store.ts'

export const SCHEDULER_ACTOR = 'scheduler'

/**
 * Marks scheduled posts whose time has come as published, each with a revision by the scheduler.
 * Readers see such a post on time anyway (the public queries take a due scheduled post as
 * published); this makes the admin's status and the history say so too. Returns the ids.
 */
export async function publishDueScheduledPosts(db: Db, now = new Date()): Promise<number[]> {
  // Nearly every run finds nothing due. Such a run must write nothing: on SQLite the claim is a
  // write, and any commit by this process fails another process's transaction that read before it
  // and writes after it (SQLITE_BUSY_SNAPSHOT, which no busy timeout waits out).
  if (!await hasDueScheduledPosts(db, now.toISOString())) return []
  // One transaction for the run: several servers on one database each run this job, and the claim makes it one run.
  return inTransaction(db, async (trx) => {
    if (!await claimJob(trx, 'publish-scheduled-posts')) return []
    const published: number[] = []
    for (const { id } of await findDueScheduledPosts(trx, now.toISOString())) {
      // Re-read: an editor may have changed the post since the list was read.
      const current = await postStore.load(trx, id)
      if (!current || current.status !== 'scheduled' || !current.publishedAt || current.publishedAt > now.toISOString()) continue
      await saveSnapshot(trx, postStore, { ...current, status: 'published' }, { actor: SCHEDULER_ACTOR, now })
      published.push(id)
    }
    return published
  })
}

/** Runs publishDueScheduledPosts now and then every `everyMs` (30 s unless told). */
export function startScheduledPublishing(db: Db, options: { everyMs?: number; onError?: (error: unknown) => void } = {}): RepeatingJob {
  return startRepeatingJob(() => publishDueScheduledPosts(db), { everyMs: options.everyMs ?? 30_000, onError: options.onError })
}
