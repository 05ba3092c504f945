import type { Db } from '../db/database.ts'
import { updateListings } from '../listings/index.ts'
import { nowIso } from '../lib/time.ts'
import { reindexRecord } from '../search/search.indexer.ts'
import { insertRevision } from './revision.repository.ts'

export type EntityType = 'post' | 'activity' | 'person' | 'organization' | 'publication'

export interface Change {
  entityType: EntityType
  entityId: number
  actor: string
  before: unknown
  after: unknown
  now?: Date
}

/**
 * Every write records the record before and after, so any earlier version can be shown and restored;
 * and, in the same transaction, brings the search index and the lists' copies and counts up to date.
 */
export async function recordRevision(db: Db, change: Change) {
  const action = change.before == null ? 'create' : change.after == null ? 'delete' : 'update'
  await insertRevision(db, {
    entity_type: change.entityType,
    entity_id: change.entityId,
    action,
    actor: change.actor,
    at: nowIso(change.now),
    before_json: change.before == null ? null : JSON.stringify(change.before),
    after_json: change.after == null ? null : JSON.stringify(change.after),
  })
  await updateListings(db, change)
  await reindexRecord(db, change.entityType, change.entityId)
}
