import type { Editor } from '../accounts/editor.ts'
import { activityStore } from '../activities/activity.store.ts'
import type { AffiliationRow, Db, ParticipationRow } from '../db/database.ts'
import { inTransaction } from '../db/transaction.ts'
import { ConflictError, InvalidInputError, NotFoundError } from '../lib/errors.ts'
import { isAcronym, nameKey } from '../lib/names.ts'
import { nowIso } from '../lib/time.ts'
import { organizationStore, type OrganizationSnapshot } from '../organizations/organization.store.ts'
import { personStore, type PersonSnapshot } from '../people/person.store.ts'
import { publicationStore } from '../publications/publication.store.ts'
import { type EntityStore, recordRevision, type Snapshot } from '../revisions/index.ts'
import * as repo from './merge.repository.ts'
import type { ContributorRow, MergeRecordRow, PartyColumn } from './merge.repository.ts'

export type MergeType = 'person' | 'organization'
export const MERGE_TYPES: readonly MergeType[] = ['person', 'organization']

type FilledParticipation = { id: number; activity_id: number; job_title?: string; affiliation_id?: number }

/**
 * Exactly what a merge changed, kept in merge_record.moved so that undoing it changes those rows
 * and no others. Rows are kept whole, as they were before the merge.
 */
export interface MovedRows {
  /** The duplicate's participations, now the survivor's. */
  participations: ParticipationRow[]
  /** The duplicate's participations in an activity where the survivor already had the same role: deleted. */
  droppedParticipations: ParticipationRow[]
  /** The survivor's participations given the job title or affiliation that only the dropped row had. */
  filledParticipations: FilledParticipation[]
  /** Participations whose affiliation at the time was the duplicate organization. */
  participationAffiliations: ParticipationRow[]
  affiliations: AffiliationRow[]
  /** Affiliations the survivor already had (same organization or person, position and period): deleted. */
  droppedAffiliations: AffiliationRow[]
  contributors: ContributorRow[]
  droppedContributors: ContributorRow[]
  /** Units of the duplicate organization, now units of the survivor. */
  children: { id: number; slug: string; name: string }[]
  /** The duplicate's names added to the survivor's variants: the name rows' ids. */
  names: { id: number; name: string }[]
  /** Older addresses of the duplicate, which now lead to the survivor. */
  redirects: { id: number; slug: string }[]
  /** The survivor's empty fields, given the duplicate's value. */
  filled: Record<string, string | number>
}

type AnySnapshot = PersonSnapshot | OrganizationSnapshot

const storeOf = (type: MergeType): EntityStore<AnySnapshot> =>
  (type === 'person' ? personStore : organizationStore) as EntityStore<AnySnapshot>
const columnOf = (type: MergeType): PartyColumn => (type === 'person' ? 'person_id' : 'organization_id')
const what = (type: MergeType) => (type === 'person' ? 'person' : 'organization')

// The survivor's fields that the duplicate may fill when the survivor has none.
const PERSON_FILLS = [['honorific', 'honorific'], ['degree', 'degree'], ['biography', 'biography'], ['photoFileId', 'photo_file_id']] as const
const ORGANIZATION_FILLS = [['kind', 'kind'], ['country', 'country'], ['website', 'website'], ['parentId', 'parent_id']] as const

async function loadPair(db: Db, type: MergeType, duplicateId: number, survivorId: number) {
  if (duplicateId === survivorId) throw new InvalidInputError(`A ${what(type)} cannot be merged into itself.`)
  const store = storeOf(type)
  const [duplicate, survivor] = await Promise.all([store.load(db, duplicateId), store.load(db, survivorId)])
  if (!duplicate) throw new NotFoundError(type, duplicateId)
  if (!survivor) throw new NotFoundError(type, survivorId)
  if (type === 'organization') {
    // Moving the duplicate's units under the survivor would put the survivor inside itself.
    for (let at: number | null = (survivor as OrganizationSnapshot).parentId, steps = 0; at && steps < 100; steps++) {
      if (at === duplicateId) {
        throw new ConflictError(`${survivor.name} is part of ${duplicate.name}. Change its parent organization first, or keep ${duplicate.name} instead.`)
      }
      at = (await repo.findParentId(db, at))?.parent_id ?? null
    }
  }
  return { duplicate, survivor }
}

/** Whether `ancestorId` is the organization or above it. */
async function isAtOrAbove(db: Db, ancestorId: number, organizationId: number) {
  for (let at: number | null = organizationId, steps = 0; at && steps < 100; steps++) {
    if (at === ancestorId) return true
    at = (await repo.findParentId(db, at))?.parent_id ?? null
  }
  return false
}

/** What merging would move, decided once, so that the confirmation page and the merge agree. */
async function planMove(db: Db, type: MergeType, duplicate: AnySnapshot, survivor: AnySnapshot): Promise<MovedRows> {
  const column = columnOf(type)
  const moved: MovedRows = {
    participations: [], droppedParticipations: [], filledParticipations: [], participationAffiliations: [],
    affiliations: [], droppedAffiliations: [], contributors: [], droppedContributors: [], children: [], names: [],
    redirects: [], filled: {},
  }

  // Participations: one row per activity and role. Where both took the same role, the survivor's row
  // stays and keeps whatever only the duplicate's row said (job title, affiliation at the time).
  const participations = await repo.findParticipationsOf(db, column, duplicate.id)
  const survivorRows = await repo.findParticipationsInActivities(db, column, survivor.id, [...new Set(participations.map((p) => p.activity_id))])
  const survivorByKey = new Map(survivorRows.map((p) => [`${p.activity_id}:${p.role}`, p]))
  const movedKeys = new Set<string>()
  const fills = new Map<number, FilledParticipation>()
  for (const row of participations) {
    const key = `${row.activity_id}:${row.role}`
    const kept = survivorByKey.get(key)
    if (kept) {
      moved.droppedParticipations.push(row)
      const fill = fills.get(kept.id) ?? { id: kept.id, activity_id: kept.activity_id }
      if (kept.job_title === null && fill.job_title === undefined && row.job_title) fill.job_title = row.job_title
      if (kept.affiliation_id === null && fill.affiliation_id === undefined && row.affiliation_id && row.affiliation_id !== duplicate.id) {
        fill.affiliation_id = row.affiliation_id
      }
      if (fill.job_title !== undefined || fill.affiliation_id !== undefined) fills.set(kept.id, fill)
    } else if (movedKeys.has(key)) {
      moved.droppedParticipations.push(row)
    } else {
      movedKeys.add(key)
      moved.participations.push(row)
    }
  }
  moved.filledParticipations = [...fills.values()]

  // Affiliations: an exact repeat of one the survivor has is dropped, every other one moves.
  const affiliationKey = (a: AffiliationRow) =>
    [type === 'person' ? a.organization_id : a.person_id, a.position, a.starts_on, a.ends_on].join('\u0000')
  const affiliations = await repo.findAffiliationsOf(db, column, duplicate.id)
  const affiliationKeys = new Set((await repo.findAffiliationsOf(db, column, survivor.id)).map(affiliationKey))
  for (const row of affiliations) {
    if (affiliationKeys.has(affiliationKey(row))) moved.droppedAffiliations.push(row)
    else { affiliationKeys.add(affiliationKey(row)); moved.affiliations.push(row) }
  }

  const contributorKey = (c: ContributorRow) => `${c.publication_id}:${c.role}`
  const contributors = await repo.findContributorsOf(db, column, duplicate.id)
  const contributorKeys = new Set((await repo.findContributorsOf(db, column, survivor.id)).map(contributorKey))
  for (const row of contributors) {
    if (contributorKeys.has(contributorKey(row))) moved.droppedContributors.push(row)
    else { contributorKeys.add(contributorKey(row)); moved.contributors.push(row) }
  }

  if (type === 'organization') {
    const dropped = new Set(moved.droppedParticipations.map((p) => p.id))
    moved.participationAffiliations = (await repo.findParticipationsAffiliatedWith(db, duplicate.id)).filter((p) => !dropped.has(p.id))
    moved.children = await repo.findChildOrganizations(db, duplicate.id)
  }
  moved.redirects = await repo.findRedirectsTo(db, type, duplicate.id)

  if (type === 'person') {
    const [d, s] = [duplicate as PersonSnapshot, survivor as PersonSnapshot]
    for (const [field, columnName] of PERSON_FILLS) {
      const value = d[field]
      if (s[field] === null && value !== null) moved.filled[columnName] = value
    }
  } else {
    const [d, s] = [duplicate as OrganizationSnapshot, survivor as OrganizationSnapshot]
    for (const [field, columnName] of ORGANIZATION_FILLS) {
      const value = d[field]
      if (s[field] !== null || value === null) continue
      // A parent inside the survivor would make a loop.
      if (field === 'parentId' && await isAtOrAbove(db, s.id, value as number)) continue
      moved.filled[columnName] = value
    }
  }
  return moved
}

/** The duplicate's names the survivor does not have yet, in the duplicate's order. */
function namesToAdd(duplicate: AnySnapshot, survivor: AnySnapshot) {
  const known = new Set([survivor.name, ...survivor.variants])
  return [...new Set([duplicate.name, ...duplicate.variants])].filter((n) => nameKey(n) && !known.has(n))
}

// ---------------------------------------------------------------- what the confirmation page lists

export interface MergeSection {
  heading: string
  items: string[]
}

export interface MergePreview {
  type: MergeType
  duplicate: AnySnapshot
  survivor: AnySnapshot
  sections: MergeSection[]
}

function period(from: string | null, to: string | null) {
  return from || to ? ` (${from ?? '…'} – ${to ?? 'now'})` : ''
}

async function describeMove(db: Db, type: MergeType, moved: MovedRows, names: string[]): Promise<MergeSection[]> {
  const activityIds = [...moved.participations, ...moved.droppedParticipations, ...moved.participationAffiliations,
    ...moved.filledParticipations].map((p) => p.activity_id)
  const publicationIds = [...moved.contributors, ...moved.droppedContributors].map((c) => c.publication_id)
  const personIds = [...moved.affiliations, ...moved.droppedAffiliations].map((a) => a.person_id)
    .concat(moved.participationAffiliations.flatMap((p) => (p.person_id ? [p.person_id] : [])))
  const organizationIds = [...moved.affiliations, ...moved.droppedAffiliations].map((a) => a.organization_id)
    .concat(moved.participationAffiliations.flatMap((p) => (p.organization_id ? [p.organization_id] : [])))
    .concat(moved.filledParticipations.flatMap((f) => (f.affiliation_id ? [f.affiliation_id] : [])))
    .concat(typeof moved.filled.parent_id === 'number' ? [moved.filled.parent_id] : [])
  const [activities, publications, people, organizations] = await Promise.all([
    repo.findActivityLabels(db, [...new Set(activityIds)]), repo.findPublicationLabels(db, [...new Set(publicationIds)]),
    repo.findPersonLabels(db, [...new Set(personIds)]), repo.findOrganizationLabels(db, [...new Set(organizationIds)]),
  ])
  const activity = (id: number) => {
    const a = activities.find((x) => x.id === id)
    return a ? [a.starts_on, a.name ?? a.kind ?? 'activity'].filter(Boolean).join(' ') : `activity #${id}`
  }
  const publication = (id: number) => publications.find((x) => x.id === id)?.title ?? `publication #${id}`
  const person = (id: number | null) => people.find((x) => x.id === id)?.name ?? `person #${id}`
  const organization = (id: number | null) => organizations.find((x) => x.id === id)?.name ?? `organization #${id}`
  const affiliation = (a: AffiliationRow) => (type === 'person'
    ? [a.position, organization(a.organization_id)].filter(Boolean).join(', ')
    : [person(a.person_id), a.position].filter(Boolean).join(', ')) + period(a.starts_on, a.ends_on)

  const sections: MergeSection[] = [
    { heading: 'Activities that move', items: moved.participations.map((p) => `${activity(p.activity_id)} — as ${p.role}`) },
    {
      heading: 'Activities where both already appear in the same role (the survivor’s row is kept)',
      items: moved.droppedParticipations.map((p) => `${activity(p.activity_id)} — as ${p.role}`),
    },
    {
      heading: 'Details only the duplicate’s row had, kept on the survivor’s',
      items: moved.filledParticipations.map((f) => `${activity(f.activity_id)}: ${[
        f.job_title !== undefined ? `job title “${f.job_title}”` : null,
        f.affiliation_id !== undefined ? `affiliation ${organization(f.affiliation_id)}` : null].filter(Boolean).join(', ')}`),
    },
    { heading: 'Affiliations that move', items: moved.affiliations.map(affiliation) },
    { heading: 'Affiliations the survivor already has (not repeated)', items: moved.droppedAffiliations.map(affiliation) },
    { heading: 'Publications that move', items: moved.contributors.map((c) => `${publication(c.publication_id)} — ${c.role}`) },
    { heading: 'Publications where both already appear in the same role (one row is kept)', items: moved.droppedContributors.map((c) => `${publication(c.publication_id)} — ${c.role}`) },
    {
      heading: 'Participants whose affiliation at the time moves',
      items: moved.participationAffiliations.map((p) => `${activity(p.activity_id)}: ${p.person_id ? person(p.person_id) : organization(p.organization_id)}`),
    },
    { heading: 'Units that move', items: moved.children.map((c) => c.name) },
    { heading: 'Names that become the survivor’s variants', items: names },
    {
      heading: 'Empty fields filled from the duplicate',
      items: Object.entries(moved.filled).map(([field, value]) => `${field.replace(/_id$/, '').replace('_', ' ')}: ${
        field === 'parent_id' ? organization(value as number) : field === 'photo_file_id' ? 'photo' : String(value).slice(0, 120)}`),
    },
    { heading: 'Older addresses that will lead to the survivor', items: moved.redirects.map((r) => `/${type === 'person' ? 'people' : 'organizations'}/${r.slug}`) },
  ]
  return sections.filter((s) => s.items.length > 0)
}

/** Everything a merge of the duplicate into the survivor would move, for the editor to confirm. */
export async function previewMerge(db: Db, type: MergeType, duplicateId: number, survivorId: number): Promise<MergePreview> {
  const { duplicate, survivor } = await loadPair(db, type, duplicateId, survivorId)
  const moved = await planMove(db, type, duplicate, survivor)
  return { type, duplicate, survivor, sections: await describeMove(db, type, moved, namesToAdd(duplicate, survivor)) }
}

// ---------------------------------------------------------------- merging

/** The records a merge or its undoing changes besides the two merged ones, by kind. */
function touchedRecords(moved: MovedRows) {
  const participations = [...moved.participations, ...moved.droppedParticipations, ...moved.participationAffiliations, ...moved.filledParticipations]
  return {
    activities: [...new Set(participations.map((p) => p.activity_id))],
    publications: [...new Set([...moved.contributors, ...moved.droppedContributors].map((c) => c.publication_id))],
    people: [...new Set([...moved.affiliations, ...moved.droppedAffiliations].map((a) => a.person_id))],
    organizations: moved.children.map((c) => c.id),
  }
}

interface Tracked {
  store: EntityStore<Snapshot>
  before: Map<number, Snapshot | null>
}

/** Snapshots of every record the change touches, before it, so each gets its own revision. */
async function trackRecords(db: Db, type: MergeType, moved: MovedRows, exclude: number[]): Promise<Tracked[]> {
  const touched = touchedRecords(moved)
  const groups: [EntityStore<Snapshot>, number[]][] = [
    [activityStore as unknown as EntityStore<Snapshot>, touched.activities],
    [publicationStore as unknown as EntityStore<Snapshot>, touched.publications],
    [personStore as unknown as EntityStore<Snapshot>, type === 'organization' ? touched.people : []],
    [organizationStore as unknown as EntityStore<Snapshot>, touched.organizations],
  ]
  const tracked: Tracked[] = []
  for (const [store, ids] of groups) {
    const before = new Map<number, Snapshot | null>()
    for (const id of ids) {
      if (store.type === type && exclude.includes(id)) continue
      before.set(id, await store.load(db, id))
    }
    tracked.push({ store, before })
  }
  return tracked
}

async function recordTracked(db: Db, tracked: Tracked[], actor: string, now: Date) {
  for (const { store, before } of tracked) {
    for (const [id, snapshot] of before) {
      const after = await store.load(db, id)
      if (snapshot && after && JSON.stringify(snapshot) !== JSON.stringify(after)) {
        await recordRevision(db, { entityType: store.type, entityId: id, actor, before: snapshot, after, now })
      }
    }
  }
}

export interface MergeResult {
  mergeId: number
  survivor: AnySnapshot
  merged: AnySnapshot
}

/**
 * Merges the duplicate into the survivor: every reference moves, the duplicate's names become
 * variants, the duplicate is removed and its address leads to the survivor. One transaction;
 * the merge record keeps what moved so that undoMerge can put it back.
 */
export async function mergeRecords(db: Db, type: MergeType, duplicateId: number, survivorId: number, editor: Editor,
  now = new Date()): Promise<MergeResult> {
  return inTransaction(db, async (trx) => {
    const { duplicate, survivor } = await loadPair(trx, type, duplicateId, survivorId)
    const moved = await planMove(trx, type, duplicate, survivor)
    const tracked = await trackRecords(trx, type, moved, [duplicateId, survivorId])
    const at = nowIso(now)
    const column = columnOf(type)

    await repo.deleteRows(trx, 'participation', moved.droppedParticipations.map((p) => p.id))
    await repo.setParticipationParty(trx, moved.participations.map((p) => p.id), column, survivor.id)
    for (const fill of moved.filledParticipations) {
      const { id, activity_id: _, ...fields } = fill
      await repo.setParticipationFields(trx, id, fields)
    }
    await repo.setParticipationAffiliation(trx, moved.participationAffiliations.map((p) => p.id), survivor.id)
    await repo.deleteRows(trx, 'affiliation', moved.droppedAffiliations.map((a) => a.id))
    await repo.setAffiliationParty(trx, moved.affiliations.map((a) => a.id), column, survivor.id)
    await repo.deleteRows(trx, 'publication_contributor', moved.droppedContributors.map((c) => c.id))
    await repo.setContributorParty(trx, moved.contributors.map((c) => c.id), column, survivor.id)
    await repo.setOrganizationParent(trx, moved.children.map((c) => c.id), survivor.id)
    await repo.setRedirectTarget(trx, moved.redirects.map((r) => r.id), survivor.id)
    for (const name of namesToAdd(duplicate, survivor)) {
      const id = type === 'person'
        ? await repo.insertPersonName(trx, survivor.id, name, nameKey(name))
        : await repo.insertOrganizationName(trx, survivor.id, name, nameKey(name), isAcronym(name))
      moved.names.push({ id, name })
    }
    if (Object.keys(moved.filled).length) {
      if (type === 'person') await repo.updatePersonFields(trx, survivor.id, moved.filled, at)
      else await repo.updateOrganizationFields(trx, survivor.id, moved.filled, at)
    }

    await storeOf(type).remove(trx, duplicate.id)
    await repo.insertRedirect(trx, type, duplicate.slug, survivor.id)

    const survivorAfter = (await storeOf(type).load(trx, survivor.id))!
    await recordRevision(trx, { entityType: type, entityId: duplicate.id, actor: editor.actor, before: duplicate, after: null, now })
    await recordRevision(trx, { entityType: type, entityId: survivor.id, actor: editor.actor, before: survivor, after: survivorAfter, now })
    await recordTracked(trx, tracked, editor.actor, now)
    const mergeId = await repo.insertMergeRecord(trx, {
      entity_type: type, survivor_id: survivor.id, merged_id: duplicate.id, merged_snapshot: JSON.stringify(duplicate),
      moved: JSON.stringify(moved), actor: editor.actor, at, undone_at: null,
    })
    return { mergeId, survivor: survivorAfter, merged: duplicate }
  })
}

// ---------------------------------------------------------------- undoing

export interface UndoResult {
  survivor: AnySnapshot
  restored: AnySnapshot
  /** Rows changed since the merge so that they could not be put back, described for the editor. */
  notReturned: string[]
}

export function parseMergeRecord(record: MergeRecordRow) {
  return {
    type: record.entity_type as MergeType,
    snapshot: JSON.parse(record.merged_snapshot) as AnySnapshot,
    moved: JSON.parse(record.moved) as MovedRows,
  }
}

/** Why the merge cannot be undone now, or null when it can. */
export async function undoBlocker(db: Db, record: MergeRecordRow): Promise<string | null> {
  if (record.undone_at) return 'This merge was already undone.'
  const { type, snapshot } = parseMergeRecord(record)
  const store = storeOf(type)
  const survivor = await store.load(db, record.survivor_id)
  if (!survivor) {
    const later = await repo.findActiveMergeOf(db, type, record.survivor_id)
    return later
      ? `The survivor was itself merged into another ${what(type)} afterwards; undo that merge first.`
      : `The survivor has been deleted since; restore it from the trash first.`
  }
  if (await store.load(db, record.merged_id)) return `${snapshot.name} exists again already.`
  const owner = type === 'person'
    ? await repo.findPersonSlugOwner(db, snapshot.slug) : await repo.findOrganizationSlugOwner(db, snapshot.slug)
  if (owner) return `The address ${snapshot.slug} is now used by ${owner.name}; give that record another address first.`
  return null
}

const same = <T extends object>(row: T, other: T, keys: (keyof T)[]) => keys.every((k) => row[k] === other[k])

/**
 * Finds where each row the merge moved is now: under its own id when it still points at the
 * survivor, else the same row saved again (an edited activity or person gets new row ids).
 */
function locate<T extends { id: number }>(rows: T[], current: T[], pointsAtSurvivor: (row: T) => boolean, sameRow: (original: T, now: T) => boolean) {
  const taken = new Set<number>()
  const found: { original: T; now: T | undefined }[] = []
  for (const original of rows) {
    const byId = current.find((r) => r.id === original.id && pointsAtSurvivor(r) && !taken.has(r.id))
    const now = byId ?? current.find((r) => pointsAtSurvivor(r) && !taken.has(r.id) && sameRow(original, r))
    if (now) taken.add(now.id)
    found.push({ original, now })
  }
  return found
}

/**
 * Undoes a merge: the duplicate comes back with its id and address, exactly the rows that moved
 * go back to it, the survivor loses the names and fields it got, and the redirect goes. Rows
 * changed since so that they can no longer be found stay where they are and are reported.
 */
export async function undoMerge(db: Db, mergeId: number, editor: Editor, now = new Date()): Promise<UndoResult> {
  return inTransaction(db, async (trx) => {
    const record = await repo.findMergeRecord(trx, mergeId)
    if (!record) throw new NotFoundError('merge', mergeId)
    const blocker = await undoBlocker(trx, record)
    if (blocker) throw new ConflictError(blocker)
    const { type, snapshot, moved } = parseMergeRecord(record)
    const store = storeOf(type)
    const column = columnOf(type)
    const survivorId = record.survivor_id
    const duplicateId = record.merged_id
    const at = nowIso(now)
    const notReturned: string[] = []
    const survivorBefore = (await store.load(trx, survivorId))!
    const tracked = await trackRecords(trx, type, moved, [duplicateId, survivorId])

    // The duplicate again, without the rows that are moved back below under their own ids.
    if (type === 'person') {
      const s = snapshot as PersonSnapshot
      const photo = s.photoFileId && (await repo.existingIds(trx, 'stored_file', [s.photoFileId])).has(s.photoFileId) ? s.photoFileId : null
      await personStore.save(trx, { ...s, photoFileId: photo, affiliations: [] }, at)
    } else {
      const s = snapshot as OrganizationSnapshot
      const parentOk = s.parentId && (await repo.existingIds(trx, 'organization', [s.parentId])).has(s.parentId)
      await organizationStore.save(trx, { ...s, parentId: parentOk ? s.parentId : null }, at)
    }

    // Participations.
    const current = await repo.findParticipationsOf(trx, column, survivorId)
    const back = locate(moved.participations, current, (r) => r[column] === survivorId,
      (o, r) => same(o, r, ['activity_id', 'role']))
    await repo.setParticipationParty(trx, back.flatMap((b) => (b.now ? [b.now.id] : [])), column, duplicateId)
    const activities = await repo.existingIds(trx, 'activity', moved.droppedParticipations.map((p) => p.activity_id))
    const stillThere = new Set((await repo.findParticipationsByIds(trx, moved.droppedParticipations.map((p) => p.id))).map((p) => p.id))
    await repo.insertParticipationRows(trx, moved.droppedParticipations.filter((p) => activities.has(p.activity_id) && !stillThere.has(p.id)))
    const filled = await repo.findParticipationsByIds(trx, moved.filledParticipations.map((f) => f.id))
    for (const fill of moved.filledParticipations) {
      const row = filled.find((r) => r.id === fill.id)
      if (!row) continue
      const reset: { job_title?: null; affiliation_id?: null } = {}
      if (fill.job_title !== undefined && row.job_title === fill.job_title) reset.job_title = null
      if (fill.affiliation_id !== undefined && row.affiliation_id === fill.affiliation_id) reset.affiliation_id = null
      if (Object.keys(reset).length) await repo.setParticipationFields(trx, row.id, reset)
    }
    if (moved.participationAffiliations.length) {
      const currentAffiliated = await repo.findParticipationsAffiliatedWith(trx, survivorId)
      const backAffiliations = locate(moved.participationAffiliations, currentAffiliated, (r) => r.affiliation_id === survivorId,
        (o, r) => same(o, r, ['activity_id', 'person_id', 'organization_id', 'role']))
      await repo.setParticipationAffiliation(trx, backAffiliations.flatMap((b) => (b.now ? [b.now.id] : [])), duplicateId)
      notReturned.push(...backAffiliations.filter((b) => !b.now).map((b) => `the affiliation at the time of a participant in activity #${b.original.activity_id}`))
    }

    // Affiliations.
    const affiliationColumn = type === 'person' ? 'person_id' : 'organization_id'
    const currentAffiliations = await repo.findAffiliationsOf(trx, affiliationColumn, survivorId)
    const backAffiliations = locate(moved.affiliations, currentAffiliations, (r) => r[affiliationColumn] === survivorId,
      (o, r) => same(o, r, [type === 'person' ? 'organization_id' : 'person_id', 'position', 'starts_on', 'ends_on']))
    await repo.setAffiliationParty(trx, backAffiliations.flatMap((b) => (b.now?.id === b.original.id ? [b.now.id] : [])), affiliationColumn, duplicateId)
    // Affiliations are listed in the order of their ids: one saved again since goes back under its first id.
    const savedAgain = backAffiliations.filter((b) => b.now && b.now.id !== b.original.id)
    await repo.deleteRows(trx, 'affiliation', savedAgain.map((b) => b.now!.id))
    // A person's own affiliations are part of their record: ones the survivor lost since come back too.
    const lostAffiliations = backAffiliations.filter((b) => !b.now).map((b) => b.original)
    const reinsert = [...moved.droppedAffiliations, ...savedAgain.map((b) => b.original), ...(type === 'person' ? lostAffiliations : [])]
    const [people, organizations] = await Promise.all([
      repo.existingIds(trx, 'person', reinsert.map((a) => a.person_id)),
      repo.existingIds(trx, 'organization', reinsert.map((a) => a.organization_id)),
    ])
    const presentAffiliations = new Set((await repo.findAffiliationsByIds(trx, reinsert.map((a) => a.id))).map((a) => a.id))
    await repo.insertAffiliationRows(trx, reinsert.filter((a) => people.has(a.person_id) && organizations.has(a.organization_id) && !presentAffiliations.has(a.id))
      .sort((a, b) => a.id - b.id))

    // Publications.
    const currentContributors = await repo.findContributorsOf(trx, column, survivorId)
    const backContributors = locate(moved.contributors, currentContributors, (r) => r[column] === survivorId,
      (o, r) => same(o, r, ['publication_id', 'role']))
    await repo.setContributorParty(trx, backContributors.flatMap((b) => (b.now ? [b.now.id] : [])), column, duplicateId)
    const publications = await repo.existingIds(trx, 'publication', moved.droppedContributors.map((c) => c.publication_id))
    const presentContributors = new Set((await repo.findContributorsByIds(trx, moved.droppedContributors.map((c) => c.id))).map((c) => c.id))
    await repo.insertContributorRows(trx, moved.droppedContributors.filter((c) => publications.has(c.publication_id) && !presentContributors.has(c.id)))

    // Units.
    const parents = await repo.findOrganizationParents(trx, moved.children.map((c) => c.id))
    const units = parents.filter((p) => p.parent_id === survivorId).map((p) => p.id)
    await repo.setOrganizationParent(trx, units, duplicateId)

    // Names, fields and addresses of the survivor.
    const survivorNames = await repo.findNameRows(trx, type, survivorId)
    const addedNames = new Set(moved.names.map((n) => n.name))
    const addedIds = new Set(moved.names.map((n) => n.id))
    const survivorNow = (await store.load(trx, survivorId))!
    await repo.deleteNameRows(trx, type, survivorNames
      .filter((n) => (addedIds.has(n.id) || addedNames.has(n.name)) && n.name !== survivorNow.name).map((n) => n.id))
    const reset: Record<string, null> = {}
    const currentFields = survivorNow as unknown as Record<string, unknown>
    const fields = type === 'person' ? PERSON_FILLS : ORGANIZATION_FILLS
    for (const [field, columnName] of fields) {
      if (columnName in moved.filled && currentFields[field] === moved.filled[columnName]) reset[columnName] = null
    }
    if (Object.keys(reset).length) {
      if (type === 'person') await repo.updatePersonFields(trx, survivorId, reset, at)
      else await repo.updateOrganizationFields(trx, survivorId, reset, at)
    }
    await repo.deleteRedirect(trx, type, snapshot.slug, survivorId)
    const redirects = await repo.findRedirectsByIds(trx, moved.redirects.map((r) => r.id))
    await repo.setRedirectTarget(trx, redirects.filter((r) => r.target_id === survivorId).map((r) => r.id), duplicateId)

    notReturned.push(
      ...back.filter((b) => !b.now).map((b) => `a participation as ${b.original.role} in activity #${b.original.activity_id}`),
      ...(type === 'organization' ? backAffiliations.filter((b) => !b.now).map((b) => `an affiliation of person #${b.original.person_id}`) : []),
      ...backContributors.filter((b) => !b.now).map((b) => `a contribution as ${b.original.role} to publication #${b.original.publication_id}`),
      ...moved.children.filter((c) => !units.includes(c.id)).map((c) => `the unit ${c.name}`),
    )

    await repo.markMergeUndone(trx, record.id, at)
    const restored = (await store.load(trx, duplicateId))!
    const survivorAfter = (await store.load(trx, survivorId))!
    await recordRevision(trx, { entityType: type, entityId: duplicateId, actor: editor.actor, before: null, after: restored, now })
    if (JSON.stringify(survivorBefore) !== JSON.stringify(survivorAfter)) {
      await recordRevision(trx, { entityType: type, entityId: survivorId, actor: editor.actor, before: survivorBefore, after: survivorAfter, now })
    }
    await recordTracked(trx, tracked, editor.actor, now)
    return { survivor: survivorAfter, restored, notReturned }
  })
}

// ---------------------------------------------------------------- reading merge records

export const findMergeRecord = repo.findMergeRecord
export const findMergesOf = repo.findMergesOf
export const findActiveMergeOf = repo.findActiveMergeOf
export const findActiveMergesOfMany = repo.findActiveMergesOfMany
