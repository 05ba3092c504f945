import type { Db } from '../db/database.ts'
import { ConflictError, InvalidInputError, NotFoundError } from '../lib/errors.ts'
import { nowIso } from '../lib/time.ts'
import type { EntityStore, Snapshot } from './entity-store.ts'
import * as repo from './revision.repository.ts'
import { recordRevision } from './revision.service.ts'

/** The version a form was opened on: the id of the record's latest revision, 0 before any. */
export async function currentVersion(db: Db, type: string, id: number) {
  return (await repo.findLatestRevisionId(db, type, id)) ?? 0
}

export class StaleVersionError extends ConflictError {
  constructor(readonly current: unknown, readonly currentVersion: number) {
    super('Someone else saved this record after you opened it. Compare the two versions below and save again.')
  }
}

export interface SaveOptions {
  actor: string
  /** The version the editor started from; a newer saved version is a conflict, not an overwrite. */
  expectedVersion?: number
  now?: Date
}

/** Saves a changed snapshot over the current record, with a revision and a redirect from an old slug. */
export async function saveSnapshot<S extends Snapshot>(db: Db, store: EntityStore<S>, next: S, options: SaveOptions) {
  const before = await store.load(db, next.id)
  if (!before) throw new NotFoundError(store.type, next.id)
  if (options.expectedVersion !== undefined) {
    const version = await currentVersion(db, store.type, next.id)
    if (version !== options.expectedVersion) throw new StaleVersionError(before, version)
  }
  const at = nowIso(options.now)
  await store.save(db, next, at)
  const after = (await store.load(db, next.id))!
  if (before.slug !== after.slug) await repo.addSlugRedirect(db, store.type, before.slug, after.id)
  if (JSON.stringify(before) !== JSON.stringify(after)) {
    await recordRevision(db, { entityType: store.type, entityId: next.id, actor: options.actor, before, after, now: options.now })
  }
  return after
}

/** Moves the record to the trash: it is removed, and its last snapshot stays in its delete revision. */
export async function deleteRecord<S extends Snapshot>(db: Db, store: EntityStore<S>, id: number, options: SaveOptions) {
  const before = await store.load(db, id)
  if (!before) throw new NotFoundError(store.type, id)
  const blocker = await store.deletionBlocker(db, id)
  if (blocker) throw new ConflictError(blocker)
  await store.remove(db, id)
  await recordRevision(db, { entityType: store.type, entityId: id, actor: options.actor, before, after: null, now: options.now })
  return before
}

/**
 * Brings the record back to what a revision recorded: the state after it, or for a deletion
 * the state before it. Restoring is itself a change with its own revision.
 */
export async function restoreRevision<S extends Snapshot>(db: Db, store: EntityStore<S>, revisionId: number, options: SaveOptions) {
  const revision = await repo.findRevisionById(db, revisionId)
  if (!revision || revision.entity_type !== store.type) throw new NotFoundError('revision', revisionId)
  const json = revision.after_json ?? revision.before_json
  if (!json) throw new InvalidInputError('This revision holds no version to restore.')
  const snapshot = JSON.parse(json) as S
  const before = await store.load(db, revision.entity_id)
  await store.save(db, snapshot, nowIso(options.now))
  const after = (await store.load(db, revision.entity_id))!
  await recordRevision(db, { entityType: store.type, entityId: after.id, actor: options.actor, before, after, now: options.now })
  return after
}
