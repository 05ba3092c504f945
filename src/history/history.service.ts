import type { Editor } from '../accounts/editor.ts'
import { activityStore } from '../activities/activity.store.ts'
import type { Db, RevisionRow } from '../db/database.ts'
import { inTransaction } from '../db/transaction.ts'
import { ConflictError, NotFoundError } from '../lib/errors.ts'
import { type Page, toPaged } from '../lib/pagination.ts'
import { findActiveMergeOf, findActiveMergesOfMany, findMergesOf, undoBlocker } from '../merge/merge.service.ts'
import { postStore } from '../news/post.store.ts'
import { organizationStore } from '../organizations/organization.store.ts'
import { personStore } from '../people/person.store.ts'
import { publicationStore } from '../publications/publication.store.ts'
import { type EntityStore, findRevisionById, restoreRevision, type Snapshot } from '../revisions/index.ts'
import { diffSnapshots, type FieldChange, type NameLookup, referencedIds } from './history.diff.ts'
import * as repo from './history.repository.ts'

export const HISTORY_TYPES = ['post', 'activity', 'person', 'organization', 'publication'] as const
export type HistoryType = (typeof HISTORY_TYPES)[number]

export const STORES: Record<HistoryType, EntityStore<Snapshot>> = {
  post: postStore as unknown as EntityStore<Snapshot>,
  activity: activityStore as unknown as EntityStore<Snapshot>,
  person: personStore as unknown as EntityStore<Snapshot>,
  organization: organizationStore as unknown as EntityStore<Snapshot>,
  publication: publicationStore as unknown as EntityStore<Snapshot>,
}

const isHistoryType = (type: string): type is HistoryType => (HISTORY_TYPES as readonly string[]).includes(type)

const parse = (json: string | null): Snapshot | null => (json ? JSON.parse(json) as Snapshot : null)

/** What a revision left, or for a deletion what it took away. */
const snapshotOf = (revision: RevisionRow) => parse(revision.after_json) ?? parse(revision.before_json)

/** A short name for the record a revision is about, as it was then. */
export function revisionLabel(revision: RevisionRow) {
  const snapshot = snapshotOf(revision)
  if (!snapshot) return `${revision.entity_type} #${revision.entity_id}`
  try {
    return isHistoryType(revision.entity_type) ? STORES[revision.entity_type].label(snapshot as never) : snapshot.slug
  } catch {
    return `${revision.entity_type} #${revision.entity_id}`
  }
}

/** Today's names of the people, organizations and activities these snapshots refer to. */
export async function lookupNames(db: Db, snapshots: unknown[]): Promise<NameLookup> {
  const ids = referencedIds(...snapshots)
  const [people, organizations, activities] = await Promise.all([
    repo.findPeopleNames(db, ids.person), repo.findOrganizationNames(db, ids.organization), repo.findActivityNames(db, ids.activity),
  ])
  const byId = <T extends { id: number }>(rows: T[], label: (row: T) => string) => new Map(rows.map((r) => [r.id, label(r)]))
  const p = byId(people, (r) => r.name), o = byId(organizations, (r) => r.name)
  const a = byId(activities, (r) => [r.starts_on, r.name ?? r.kind ?? 'activity'].filter(Boolean).join(' '))
  return { person: (id) => p.get(id), organization: (id) => o.get(id), activity: (id) => a.get(id) }
}

// ---------------------------------------------------------------- one record's history

export interface MergeView {
  id: number
  /** This record's part: it took the other in, or it was taken in. */
  role: 'survivor' | 'merged'
  otherId: number
  otherLabel: string
  actor: string
  at: string
  undoneAt: string | null
  /** Why undoing is not possible now; null when it is. */
  blocker: string | null
}

export interface RevisionView {
  id: number
  action: RevisionRow['action']
  actor: string
  at: string
  /** "merged …" or "merge undone" when the revision came from a merge. */
  note: string | null
  changes: FieldChange[]
  restorable: boolean
}

export async function getRecordHistory(db: Db, type: HistoryType, id: number, page: Page) {
  const store = STORES[type]
  const [current, rows, merges, revisionCount] = await Promise.all([
    store.load(db, id), repo.listRevisionsOf(db, type, id, page),
    type === 'person' || type === 'organization' ? findMergesOf(db, type, id) : Promise.resolve([]),
    repo.countRevisionsOf(db, type, id),
  ])
  if (!current && !rows.length) throw new NotFoundError(type, id)
  const paged = toPaged(rows, page)
  const snapshots = paged.items.flatMap((r) => [parse(r.before_json), parse(r.after_json)])
  const names = await lookupNames(db, [...snapshots, current])
  const mergeViews: MergeView[] = []
  for (const m of merges) {
    const role = m.survivor_id === id ? 'survivor' : 'merged'
    const otherId = role === 'survivor' ? m.merged_id : m.survivor_id
    const otherLabel = role === 'survivor'
      ? (JSON.parse(m.merged_snapshot) as { name: string }).name
      : await store.load(db, otherId).then((s) => (s ? store.label(s as never) : `${type} #${otherId}`))
    mergeViews.push({ id: m.id, role, otherId, otherLabel, actor: m.actor, at: m.at, undoneAt: m.undone_at,
      blocker: m.undone_at ? null : await undoBlocker(db, m) })
  }
  const merged = await findActiveMergeOf(db, type, id)
  const revisions: RevisionView[] = paged.items.map((r) => {
    const merge = mergeViews.find((m) => m.at === r.at)
    const undone = mergeViews.find((m) => m.undoneAt === r.at)
    const note = merge
      ? merge.role === 'survivor' ? `merged ${merge.otherLabel} into this record` : `merged into ${merge.otherLabel}`
      : undone ? `merge with ${undone.otherLabel} undone` : null
    return {
      id: r.id, action: r.action, actor: r.actor, at: r.at, note,
      changes: diffSnapshots(parse(r.before_json), parse(r.after_json), names),
      // A merged record comes back by undoing its merge, which also returns what moved.
      restorable: !merged && !!(r.after_json ?? r.before_json),
    }
  })
  const latest = rows.length ? rows[0] : undefined
  return {
    type, id, current,
    label: current ? store.label(current as never) : latest ? revisionLabel(latest) : `${type} #${id}`,
    revisions: { ...paged, items: revisions },
    revisionCount: revisionCount.n,
    merges: mergeViews,
    mergedInto: merged ? mergeViews.find((m) => m.id === merged.id) ?? null : null,
  }
}

export type RecordHistory = Awaited<ReturnType<typeof getRecordHistory>>

// ---------------------------------------------------------------- restoring

/** The revision, and the difference restoring it would make to the record as it is now. */
export async function previewRestore(db: Db, type: HistoryType, revisionId: number) {
  const revision = await findRevisionById(db, revisionId)
  if (!revision || revision.entity_type !== type) throw new NotFoundError('revision', revisionId)
  const target = snapshotOf(revision)
  const current = await STORES[type].load(db, revision.entity_id)
  const names = await lookupNames(db, [target, current])
  const label = current ? STORES[type].label(current as never) : revisionLabel(revision)
  return { revision, label, current, changes: diffSnapshots(current, target, names), problem: await restoreBlocker(db, type, revision) }
}

/** Why the version cannot be brought back as it is, or null when it can. */
async function restoreBlocker(db: Db, type: HistoryType, revision: RevisionRow): Promise<string | null> {
  const snapshot = snapshotOf(revision)
  if (!snapshot) return 'This revision holds no version to restore.'
  if ((type === 'person' || type === 'organization') && await findActiveMergeOf(db, type, revision.entity_id)) {
    return 'This record was merged into another. Undo the merge instead: that also brings back what moved.'
  }
  const owner = await repo.findSlugOwner(db, type, snapshot.slug)
  if (owner && owner.id !== revision.entity_id) return `The address “${snapshot.slug}” is now used by another ${type}; change that one’s address first.`
  // The version may name records deleted since; saving it would break their links.
  const ids = referencedIds(snapshot)
  const missing: string[] = []
  for (const [kind, table] of [['person', 'person'], ['organization', 'organization'], ['activity', 'activity']] as const) {
    const wanted = ids[kind].filter((id) => !(type === kind && id === revision.entity_id))
    const present = await repo.findExistingIds(db, table, wanted)
    missing.push(...wanted.filter((id) => !present.has(id)).map((id) => `${kind} #${id}`))
  }
  const files = fileIdsOf(snapshot)
  const presentFiles = await repo.findExistingIds(db, 'stored_file', files)
  missing.push(...files.filter((id) => !presentFiles.has(id)).map((id) => `file #${id}`))
  if (missing.length) {
    return `This version refers to records that no longer exist (${missing.join(', ')}). Restore them from the trash first, or undo the merge that removed them.`
  }
  return null
}

function fileIdsOf(snapshot: unknown): number[] {
  const ids: number[] = []
  const visit = (value: unknown, key?: string) => {
    if (Array.isArray(value)) value.forEach((v) => visit(v))
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, k)
    else if (typeof value === 'number' && key && /^(fileId|photoFileId)$/.test(key)) ids.push(value)
  }
  visit(snapshot)
  return ids
}

/** Brings the record back to a revision's version, in one transaction, or says clearly why not. */
export async function restoreVersion(db: Db, type: HistoryType, revisionId: number, editor: Editor) {
  return inTransaction(db, async (trx) => {
    const revision = await findRevisionById(trx, revisionId)
    if (!revision || revision.entity_type !== type) throw new NotFoundError('revision', revisionId)
    const problem = await restoreBlocker(trx, type, revision)
    if (problem) throw new ConflictError(problem)
    const restored = await restoreRevision(trx, STORES[type], revisionId, { actor: editor.actor })
    return { revision, restored }
  })
}

// ---------------------------------------------------------------- across records

export async function listRecentChanges(db: Db, page: Page) {
  const paged = toPaged(await repo.listRecentRevisions(db, page), page)
  return { ...paged, items: paged.items.map((r) => ({ id: r.id, type: r.entity_type, entityId: r.entity_id, action: r.action,
    actor: r.actor, at: r.at, label: revisionLabel(r) })) }
}

export interface TrashItem {
  revisionId: number
  type: string
  entityId: number
  label: string
  actor: string
  at: string
  /** Set when the record went by a merge: it comes back by undoing that. */
  mergedInto: { mergeId: number; survivorId: number; survivorLabel: string } | null
}

export async function listTrashPage(db: Db, page: Page) {
  const paged = toPaged(await repo.listTrash(db, page), page)
  const ofType = (type: 'person' | 'organization') => paged.items.filter((r) => r.entity_type === type).map((r) => r.entity_id)
  const merges = [
    ...await findActiveMergesOfMany(db, 'person', ofType('person')),
    ...await findActiveMergesOfMany(db, 'organization', ofType('organization')),
  ]
  const names = await lookupNames(db, merges.map((m) => (m.entity_type === 'person' ? { personId: m.survivor_id } : { organizationId: m.survivor_id })))
  const items: TrashItem[] = paged.items.map((r) => {
    const merge = merges.find((m) => m.entity_type === r.entity_type && m.merged_id === r.entity_id)
    const survivorLabel = merge ? names[merge.entity_type as 'person' | 'organization'](merge.survivor_id) ?? `#${merge.survivor_id}` : ''
    return {
      revisionId: r.id, type: r.entity_type, entityId: r.entity_id, label: revisionLabel(r), actor: r.actor, at: r.at,
      mergedInto: merge ? { mergeId: merge.id, survivorId: merge.survivor_id, survivorLabel } : null,
    }
  })
  return { ...paged, items }
}
