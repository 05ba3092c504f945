import { expect, it } from 'vitest'
import { describeEachDialect, useTestDb } from '../../test/db.ts'
import { makeActivity, makeOrganization, makePerson, makePost } from '../../test/factories.ts'
import type { Editor } from '../accounts/editor.ts'
import { activityStore } from '../activities/activity.store.ts'
import type { Db } from '../db/database.ts'
import { pageOf } from '../lib/pagination.ts'
import { mergeRecords, undoMerge } from '../merge/merge.service.ts'
import { findNewsYears, listNews } from '../news/post.service.ts'
import { postStore } from '../news/post.store.ts'
import { getOrganizationProfile } from '../organizations/organization.service.ts'
import { getPersonProfile } from '../people/person.service.ts'
import { personStore } from '../people/person.store.ts'
import { createPublication } from '../publications/publication.service.ts'
import { publicationStore } from '../publications/publication.store.ts'
import { deleteRecord, saveSnapshot } from '../revisions/index.ts'
import { rebuildListings } from './listing.service.ts'

const editor: Editor = { userId: null, role: 'editor', actor: 'editor@example.org' }

/** Every copy and count the lists read, in a fixed order. */
async function listings(db: Db) {
  return {
    participations: await db.selectFrom('participation').select(['id', 'activity_starts_on', 'is_public']).orderBy('id').execute(),
    people: await db.selectFrom('person_activity_count').selectAll().orderBy('person_id').orderBy('role').execute(),
    organizations: await db.selectFrom('organization_activity_count').selectAll().orderBy('organization_id').orderBy('role').execute(),
    postPeople: await db.selectFrom('post_person').selectAll().orderBy('person_id').orderBy('post_id').execute(),
    postOrganizations: await db.selectFrom('post_organization').selectAll().orderBy('organization_id').orderBy('post_id').execute(),
    postKinds: await db.selectFrom('post').select(['id', 'activity_kind']).orderBy('id').execute(),
    contributions: await db.selectFrom('publication_contributor').select(['id', 'published_on']).orderBy('id').execute(),
    affiliations: await db.selectFrom('affiliation').select(['id', 'person_name']).orderBy('id').execute(),
    years: await db.selectFrom('news_year').selectAll().orderBy('year').execute(),
  }
}

/** The lists as the writes left them equal the lists made anew from the records. */
async function expectCurrent(db: Db) {
  const kept = await listings(db)
  await rebuildListings(db)
  expect(kept).toEqual(await listings(db))
}

describeEachDialect('lists kept current by each revision', (dialect) => {
  const t = useTestDb(dialect)

  it('counts activities per role once each, and lists them newest first whatever the writes', async () => {
    const db = t().db
    const speaker = await makePerson(db, { name: 'Aigerim Listed' })
    const host = await makeOrganization(db, { name: 'Listing Institute' })
    const first = await makeActivity(db, { kind: 'forum', startsOn: '2023-03-01', participants: [[host, 'organizer'], [speaker, 'speaker']] })
    // Two roles in one activity: one activity in all, one in each role.
    const second = await makeActivity(db, {
      kind: 'lecture', startsOn: '2024-05-01', participants: [[host, 'organizer'], [speaker, 'moderator'], [speaker, 'speaker']],
    })
    const hidden = await makeActivity(db, { startsOn: '2025-01-01', internal: true, participants: [[host, 'organizer'], [speaker, 'speaker']] })
    const post = await makePost(db, { activityId: second.id, publishedAt: '2024-05-02T10:00:00.000Z' })
    const draft = await makePost(db, { activityId: first.id, status: 'draft' })
    await expectCurrent(db)

    const profile = async () => {
      const p = await getPersonProfile(db, speaker.slug, pageOf(1, 50))
      return { count: p.activityCount, lines: p.activities.items.map((a) => [a.starts_on, a.role]) }
    }
    expect(await profile()).toEqual({ count: 2, lines: [['2024-05-01', 'moderator'], ['2024-05-01', 'speaker'], ['2023-03-01', 'speaker']] })
    const organization = await getOrganizationProfile(db, host.slug, { page: pageOf(1, 20) })
    expect(organization.groups.map((g) => [g.role, g.count, g.items.map((a) => a.starts_on)])).toEqual([['organizer', 2, ['2024-05-01', '2023-03-01']]])
    expect((await listNews(db, { person: speaker.slug }, pageOf(1))).items.map((p) => p.slug)).toEqual([post.slug])
    expect((await listNews(db, { kind: 'lecture' }, pageOf(1))).items.map((p) => p.slug)).toEqual([post.slug])
    expect(await findNewsYears(db)).toContain(2024)

    // The hidden activity goes public and moves; the second one goes internal.
    const opened = (await activityStore.load(db, hidden.id))!
    await saveSnapshot(db, activityStore, { ...opened, internal: false, startsOn: '2022-01-01' }, { actor: 'test' })
    const closed = (await activityStore.load(db, second.id))!
    await saveSnapshot(db, activityStore, { ...closed, internal: true }, { actor: 'test' })
    await expectCurrent(db)
    expect(await profile()).toEqual({ count: 2, lines: [['2023-03-01', 'speaker'], ['2022-01-01', 'speaker']] })
    expect((await listNews(db, { person: speaker.slug }, pageOf(1))).items).toEqual([])

    // The post moves to the first activity, of another kind; then the activity is deleted with its post.
    const moved = (await postStore.load(db, post.id))!
    await saveSnapshot(db, postStore, { ...moved, activityId: first.id }, { actor: 'test' })
    await expectCurrent(db)
    expect((await listNews(db, { kind: 'forum', organization: host.slug }, pageOf(1))).items.map((p) => p.slug)).toEqual([post.slug])
    for (const { id } of [post, draft]) await deleteRecord(db, postStore, id, { actor: 'test' })
    await deleteRecord(db, activityStore, first.id, { actor: 'test' })
    await expectCurrent(db)
    expect(await profile()).toEqual({ count: 1, lines: [['2022-01-01', 'speaker']] })
  })

  it('follows participations through a merge and its undoing, and names and dates through edits', async () => {
    const db = t().db
    const host = await makeOrganization(db, { name: 'Merging Listing Centre' })
    const kept = await makePerson(db, { name: 'Daniyar Kept' })
    const duplicate = await makePerson(db, { name: 'Daniyar Duplicate' })
    const shared = await makeActivity(db, { startsOn: '2024-02-01', participants: [[kept, 'speaker'], [duplicate, 'speaker'], [host, 'partner']] })
    const own = await makeActivity(db, { startsOn: '2024-03-01', participants: [[duplicate, 'moderator']] })
    await makePost(db, { activityId: own.id, publishedAt: '2024-03-02T10:00:00.000Z' })
    await makePost(db, { activityId: shared.id, publishedAt: '2024-02-02T10:00:00.000Z' })
    for (const { id } of [kept, duplicate]) {
      const person = (await personStore.load(db, id))!
      await saveSnapshot(db, personStore, { ...person, affiliations: [{ organizationId: host.id, position: 'Fellow', startsOn: null, endsOn: null }] },
        { actor: 'test' })
    }
    const report = await createPublication(db, {
      kind: 'report', title: 'Listing report', summary: null, publishedOn: '2024-06-01', activityId: null, sampleSize: null, regions: null,
      methods: [], contributors: [{ personId: duplicate.id, organizationId: null, role: 'author' }],
    }, 'test')
    await expectCurrent(db)

    const { mergeId } = await mergeRecords(db, 'person', duplicate.id, kept.id, editor)
    await expectCurrent(db)
    expect((await getPersonProfile(db, kept.slug, pageOf(1))).activityCount).toBe(2)
    expect((await getOrganizationProfile(db, host.slug, { page: pageOf(1, 20) })).people.items.map((p) => p.name)).toEqual(['Daniyar Kept'])
    await undoMerge(db, mergeId, editor)
    await expectCurrent(db)
    expect((await getPersonProfile(db, duplicate.slug, pageOf(1))).activityCount).toBe(2)

    const renamed = (await personStore.load(db, duplicate.id))!
    await saveSnapshot(db, personStore, { ...renamed, name: 'Aaron Renamed' }, { actor: 'test' })
    const dated = (await publicationStore.load(db, report.id))!
    await saveSnapshot(db, publicationStore, { ...dated, publishedOn: '2025-01-01' }, { actor: 'test' })
    await expectCurrent(db)
    expect((await getOrganizationProfile(db, host.slug, { page: pageOf(1, 20) })).people.items.map((p) => p.name))
      .toEqual(['Aaron Renamed', 'Daniyar Kept'])
  })
})
