import type { Db } from '../db/database.ts'
import type { EntityType } from './revision.service.ts'

/** The whole of one record (its row and the rows that belong to it), as revisions keep it. */
export interface Snapshot {
  id: number
  slug: string
}

/**
 * How one kind of record is read and written as a snapshot, so that editing, history, restore
 * and the trash work the same way for every kind.
 */
export interface EntityStore<S extends Snapshot> {
  type: EntityType
  load(db: Db, id: number): Promise<S | null>
  /** Writes the snapshot over the stored record, or inserts it again under its id when it was deleted. */
  save(db: Db, snapshot: S, now: string): Promise<void>
  remove(db: Db, id: number): Promise<void>
  /** Why deleting the record would lose other records, or null when it may go. */
  deletionBlocker(db: Db, id: number): Promise<string | null>
  /** A short label for lists of revisions and the trash. */
  label(snapshot: S): string
}
