import type { Db } from '../db/database.ts'
import * as repo from './listing.repository.ts'

/** What a revision says changed: the record, and its snapshots before and after (null when none). */
export interface ListedChange {
  entityType: 'post' | 'activity' | 'person' | 'organization' | 'publication'
  entityId: number
  before: unknown
  after: unknown
}

interface PartyLists {
  personIds: number[]
  organizationIds: number[]
}

/** The people and organizations an activity snapshot names, and what decides who sees them. */
function participationsOf(snapshot: unknown) {
  const s = snapshot as { internal?: boolean; participations?: { personId: number | null; organizationId: number | null }[] } | null
  return { internal: s?.internal, participations: s?.participations ?? [] }
}

function union(...lists: (number | null)[][]) {
  return [...new Set(lists.flat().filter((id): id is number => id !== null))].sort((a, b) => a - b)
}

async function recount(db: Db, { personIds, organizationIds }: PartyLists) {
  await repo.lockParties(db, personIds, organizationIds)
  await repo.recountActivities(db, 'person', personIds)
  await repo.recountActivities(db, 'organization', organizationIds)
}

/**
 * Brings the copies and counts the public lists read up to date with one change, in the change's
 * transaction: called by every revision, as the search index is.
 */
export async function updateListings(db: Db, change: ListedChange) {
  switch (change.entityType) {
    case 'activity': {
      const id = change.entityId
      await repo.refreshParticipationCopies(db, [id])
      const before = participationsOf(change.before)
      const after = participationsOf(change.after)
      // Who takes part, and whether anyone sees it, decide the counts; a new name or date does not.
      const partiesChanged = change.before == null || change.after == null || before.internal !== after.internal
        || JSON.stringify(before.participations) !== JSON.stringify(after.participations)
      if (partiesChanged) {
        const now = await repo.findPartiesOfActivity(db, id)
        await recount(db, {
          personIds: union(before.participations.map((p) => p.personId), now.map((p) => p.person_id)),
          organizationIds: union(before.participations.map((p) => p.organizationId), now.map((p) => p.organization_id)),
        })
      }
      const posts = await repo.findPostIdsOfActivity(db, id)
      await repo.refreshPostKinds(db, posts)
      await repo.refreshPostParties(db, posts)
      // An activity made internal hides its posts, and their years may go with them.
      if (before.internal !== after.internal) await repo.refreshNewsYears(db, await repo.findPostYears(db, posts))
      return
    }
    case 'post': {
      await repo.refreshPostKinds(db, [change.entityId])
      await repo.refreshPostParties(db, [change.entityId])
      const before = repo.yearOf((change.before as { publishedAt?: string | null } | null)?.publishedAt)
      await repo.refreshNewsYears(db, [...(before ? [before] : []), ...await repo.findPostYears(db, [change.entityId])])
      return
    }
    case 'publication':
      await repo.refreshContributorDates(db, [change.entityId])
      return
    // A merge moves participations to the survivor, and undoing it moves them back.
    case 'person':
      await recount(db, { personIds: [change.entityId], organizationIds: [] })
      await repo.refreshAffiliationNames(db, [change.entityId])
      return
    case 'organization':
      await recount(db, { personIds: [], organizationIds: [change.entityId] })
  }
}

/** Makes every copy and count anew, after rows were written without revisions (a bulk load). */
export async function rebuildListings(db: Db) {
  await repo.refreshParticipationCopies(db, 'all')
  await repo.recountActivities(db, 'person', 'all')
  await repo.recountActivities(db, 'organization', 'all')
  await repo.refreshPostKinds(db, 'all')
  await repo.refreshPostParties(db, 'all')
  await repo.refreshContributorDates(db, 'all')
  await repo.refreshAffiliationNames(db, 'all')
  await repo.refreshNewsYears(db, 'all')
}
