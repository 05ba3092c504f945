import { expect, it } from 'vitest'
import { describeEachDialect, useTestDb } from '../../test/db.ts'
import { makeOrganization, makePerson } from '../../test/factories.ts'
import type { Editor } from '../accounts/editor.ts'
import { createActivity } from '../activities/activity.service.ts'
import { activityStore } from '../activities/activity.store.ts'
import { exportArchive } from '../archive/index.ts'
import type { Db } from '../db/database.ts'
import { createOrganization } from '../organizations/organization.service.ts'
import { organizationStore } from '../organizations/organization.store.ts'
import { createPerson } from '../people/person.service.ts'
import { personStore } from '../people/person.store.ts'
import { updatePersonFromInput, personToInput } from '../people/person.write.ts'
import { createPublication } from '../publications/publication.service.ts'
import { findRedirectTarget, findRevisionsOf, saveSnapshot } from '../revisions/index.ts'
import { findMergeRecord, mergeRecords, previewMerge, undoMerge } from './merge.service.ts'

const editor: Editor = { userId: null, role: 'editor', actor: 'editor@example.org' }

type Part = { personId?: number; organizationId?: number; role: string; jobTitle?: string; affiliationId?: number }

async function activity(db: Db, name: string, parts: Part[]) {
  return createActivity(db, {
    kind: 'seminar', name, startsOn: '2024-05-01', endsOn: null, city: null, country: null, format: null, internal: false,
    participations: parts.map((p) => ({
      personId: p.personId ?? null, organizationId: p.organizationId ?? null, role: p.role as 'speaker',
      affiliationId: p.affiliationId ?? null, jobTitle: p.jobTitle ?? null, internal: false,
    })),
  }, 'test')
}

async function publication(db: Db, title: string, contributors: { personId?: number; organizationId?: number; role: string }[]) {
  return createPublication(db, {
    kind: 'report', title, summary: null, publishedOn: '2024-06-01', activityId: null, sampleSize: null, regions: null, methods: [],
    contributors: contributors.map((c) => ({ personId: c.personId ?? null, organizationId: c.organizationId ?? null, role: c.role })),
  }, 'test')
}

const participationsOf = (db: Db, activityId: number) =>
  db.selectFrom('participation').select(['person_id', 'organization_id', 'role', 'job_title', 'affiliation_id'])
    .where('activity_id', '=', activityId).orderBy('position').execute()

describeEachDialect('merging people', (dialect) => {
  const t = useTestDb(dialect)

  let round = 0
  async function twoPeople(db: Db) {
    // Each case gets its own slugs: the database is shared by the block.
    const n = ++round
    const institute = await makeOrganization(db, { name: `Institute of Merging ${n}` })
    const university = await makeOrganization(db, { name: `University of Duplicates ${n}` })
    const survivor = await createPerson(db, {
      slug: `botagoz-rakisheva-${n}`, name: 'Botagoz Rakisheva', variants: [], honorific: 'Dr.', degree: null, biography: 'Sociologist.',
      affiliations: [{ organizationId: university.id, position: 'Professor', startsOn: null, endsOn: null }],
    }, 'test')
    const duplicate = await createPerson(db, {
      slug: `b-rakisheva-${n}`, name: 'B. Rakisheva', variants: ['Rakisheva B.'], honorific: null, degree: 'PhD in Sociology', biography: null,
      affiliations: [
        { organizationId: institute.id, position: 'Director', startsOn: '2010-01-01', endsOn: null },
        { organizationId: university.id, position: 'Professor', startsOn: null, endsOn: null },
      ],
    }, 'test')
    // An older address of the duplicate, which must follow it to the survivor.
    const d = (await personStore.load(db, duplicate.id))!
    await saveSnapshot(db, personStore, { ...d, slug: `${d.slug}-renamed` }, { actor: 'test' })
    const onlyDuplicate = await activity(db, 'Only the duplicate', [{ personId: duplicate.id, role: 'speaker', jobTitle: 'Director', affiliationId: institute.id }])
    const both = await activity(db, 'Both as speakers', [
      { personId: survivor.id, role: 'speaker' },
      { organizationId: institute.id, role: 'organizer' },
      { personId: duplicate.id, role: 'speaker', jobTitle: 'Director of the Institute' },
    ])
    const twoRoles = await activity(db, 'Two roles', [{ personId: survivor.id, role: 'moderator' }, { personId: duplicate.id, role: 'speaker' }])
    const report = await publication(db, 'A report', [{ personId: duplicate.id, role: 'author' }, { personId: survivor.id, role: 'editor' }])
    const coauthored = await publication(db, 'Co-written twice', [{ personId: survivor.id, role: 'author' }, { personId: duplicate.id, role: 'author' }])
    return { institute, university, survivor, duplicate: { id: duplicate.id, slug: `${d.slug}-renamed`, oldSlug: d.slug },
      onlyDuplicate, both, twoRoles, report, coauthored }
  }

  it('moves every reference to the survivor, keeps one row where both had the same role, and undoes exactly', async () => {
    const { db } = t()
    const w = await twoPeople(db)
    const before = await exportArchive(db)
    const survivorRevisions = (await findRevisionsOf(db, 'person', w.survivor.id)).length

    const preview = await previewMerge(db, 'person', w.duplicate.id, w.survivor.id)
    expect(preview.sections.map((s) => s.heading)).toContain('Activities that move')
    expect(preview.sections.find((s) => s.heading === 'Activities that move')!.items).toEqual([
      '2024-05-01 Only the duplicate — as speaker', '2024-05-01 Two roles — as speaker'])

    const { mergeId } = await mergeRecords(db, 'person', w.duplicate.id, w.survivor.id, editor)

    expect(await personStore.load(db, w.duplicate.id)).toBeNull()
    const survivor = (await personStore.load(db, w.survivor.id))!
    expect(survivor.variants).toEqual(['B. Rakisheva', 'Rakisheva B.'])
    // Empty fields take the duplicate's value; filled ones keep the survivor's.
    expect([survivor.honorific, survivor.degree, survivor.biography]).toEqual(['Dr.', 'PhD in Sociology', 'Sociologist.'])
    expect(survivor.affiliations.map((a) => [a.organizationId, a.position])).toEqual([
      [w.university.id, 'Professor'], [w.institute.id, 'Director']])
    expect(await participationsOf(db, w.onlyDuplicate.id)).toEqual([
      { person_id: w.survivor.id, organization_id: null, role: 'speaker', job_title: 'Director', affiliation_id: w.institute.id }])
    // Same activity, same role: one row, the survivor's, with the job title only the duplicate's row had.
    expect(await participationsOf(db, w.both.id)).toEqual([
      { person_id: w.survivor.id, organization_id: null, role: 'speaker', job_title: 'Director of the Institute', affiliation_id: null },
      { person_id: null, organization_id: w.institute.id, role: 'organizer', job_title: null, affiliation_id: null },
    ])
    expect((await participationsOf(db, w.twoRoles.id)).map((p) => [p.person_id, p.role])).toEqual([
      [w.survivor.id, 'moderator'], [w.survivor.id, 'speaker']])
    const contributors = await db.selectFrom('publication_contributor').select(['publication_id', 'person_id', 'role']).orderBy('id').execute()
    expect(contributors).toEqual([
      { publication_id: w.report.id, person_id: w.survivor.id, role: 'author' },
      { publication_id: w.report.id, person_id: w.survivor.id, role: 'editor' },
      { publication_id: w.coauthored.id, person_id: w.survivor.id, role: 'author' },
    ])
    expect(await findRedirectTarget(db, 'person', w.duplicate.slug)).toBe(w.survivor.id)
    expect(await findRedirectTarget(db, 'person', w.duplicate.oldSlug)).toBe(w.survivor.id)

    const record = (await findMergeRecord(db, mergeId))!
    expect([record.entity_type, record.survivor_id, record.merged_id, record.actor, record.undone_at])
      .toEqual(['person', w.survivor.id, w.duplicate.id, 'editor@example.org', null])
    expect(JSON.parse(record.merged_snapshot).name).toBe('B. Rakisheva')
    expect((await findRevisionsOf(db, 'person', w.duplicate.id)).at(-1)!.action).toBe('delete')
    expect(await findRevisionsOf(db, 'person', w.survivor.id)).toHaveLength(survivorRevisions + 1)
    expect((await findRevisionsOf(db, 'activity', w.both.id)).at(-1)!.action).toBe('update')
    expect((await findRevisionsOf(db, 'publication', w.report.id)).at(-1)!.action).toBe('update')

    const undone = await undoMerge(db, mergeId, editor)
    expect(undone.notReturned).toEqual([])
    expect(await exportArchive(db)).toEqual(before)
    const restored = (await personStore.load(db, w.duplicate.id))!
    expect([restored.id, restored.slug]).toEqual([w.duplicate.id, w.duplicate.slug])
    expect(await findRedirectTarget(db, 'person', w.duplicate.slug)).toBeNull()
    expect(await findRedirectTarget(db, 'person', w.duplicate.oldSlug)).toBe(w.duplicate.id)
    expect((await findMergeRecord(db, mergeId))!.undone_at).not.toBeNull()
    expect((await findRevisionsOf(db, 'person', w.duplicate.id)).at(-1)!.action).toBe('create')
    expect(await findRevisionsOf(db, 'person', w.survivor.id)).toHaveLength(survivorRevisions + 2)
    await expect(undoMerge(db, mergeId, editor)).rejects.toThrow(/already undone/)
  })

  it('still undoes exactly after the survivor and an activity were saved again with new row ids', async () => {
    const { db } = t()
    const w = await twoPeople(db)
    const before = await exportArchive(db)
    const { mergeId } = await mergeRecords(db, 'person', w.duplicate.id, w.survivor.id, editor)
    // Saving rewrites an activity's participations and a person's affiliations under new ids.
    const a = (await activityStore.load(db, w.twoRoles.id))!
    await saveSnapshot(db, activityStore, { ...a, name: 'Two roles, edited' }, { actor: 'test' })
    await saveSnapshot(db, activityStore, { ...a }, { actor: 'test' })
    const s = (await personStore.load(db, w.survivor.id))!
    await updatePersonFromInput(db, w.survivor.id, { ...(await personToInput(db, s)), biography: 'Sociologist.' }, editor)
    const result = await undoMerge(db, mergeId, editor)
    expect(result.notReturned).toEqual([])
    expect(await exportArchive(db)).toEqual(before)
  })

  it('refuses to undo a merge whose survivor was merged again, until that one is undone', async () => {
    const { db } = t()
    const a = await makePerson(db, { name: 'Anar Somuncuoglu' })
    const b = await makePerson(db, { name: 'Anar Somuncuoğlu' })
    const c = await makePerson(db, { name: 'A. Somuncuoglu' })
    await activity(db, 'Chain', [{ personId: a.id, role: 'speaker' }, { personId: b.id, role: 'moderator' }])
    const before = await exportArchive(db)
    const first = await mergeRecords(db, 'person', a.id, b.id, editor)
    const second = await mergeRecords(db, 'person', b.id, c.id, editor)
    expect(await findRedirectTarget(db, 'person', a.slug)).toBe(c.id)
    await expect(undoMerge(db, first.mergeId, editor)).rejects.toThrow(/undo that merge first/)
    await undoMerge(db, second.mergeId, editor)
    await undoMerge(db, first.mergeId, editor)
    expect(await exportArchive(db)).toEqual(before)
  })

  it('refuses to undo when the address was taken meanwhile, and to merge a person into themselves', async () => {
    const { db } = t()
    const a = await makePerson(db, { name: 'Taken Address' })
    const b = await makePerson(db, { name: 'Other Person' })
    const { mergeId } = await mergeRecords(db, 'person', a.id, b.id, editor)
    await createPerson(db, { slug: a.slug, name: 'Newcomer', variants: [], honorific: null, degree: null, biography: null, affiliations: [] }, 'test')
    await expect(undoMerge(db, mergeId, editor)).rejects.toThrow(/now used by Newcomer/)
    await expect(mergeRecords(db, 'person', b.id, b.id, editor)).rejects.toThrow(/into itself/)
  })
})

describeEachDialect('merging organizations', (dialect) => {
  const t = useTestDb(dialect)

  it('moves participations, affiliations, contributors, affiliations at the time and units, and undoes exactly', async () => {
    const { db } = t()
    const parent = await makeOrganization(db, { name: 'Ministry of Science' })
    const survivor = await createOrganization(db, {
      name: 'Nazarbayev University', variants: [], kind: 'university', country: 'KZ', parentId: null, website: null,
    }, 'test')
    const duplicate = await createOrganization(db, {
      name: 'Nazarbaev Univ.', variants: ['NU'], kind: null, country: null, parentId: parent.id, website: 'https://nu.edu.kz',
    }, 'test')
    const unit = await createOrganization(db, {
      name: 'Graduate School of Education', variants: [], kind: null, country: null, parentId: duplicate.id, website: null,
    }, 'test')
    const person = await createPerson(db, {
      name: 'Aigerim Sarsenova', variants: [], honorific: null, degree: null, biography: null,
      affiliations: [{ organizationId: duplicate.id, position: 'Lecturer', startsOn: null, endsOn: null }],
    }, 'test')
    const twice = await createPerson(db, {
      name: 'Daniyar Kenzhebayev', variants: [], honorific: null, degree: null, biography: null,
      affiliations: [
        { organizationId: survivor.id, position: 'Dean', startsOn: null, endsOn: null },
        { organizationId: duplicate.id, position: 'Dean', startsOn: null, endsOn: null },
      ],
    }, 'test')
    const hosted = await activity(db, 'Hosted', [{ organizationId: duplicate.id, role: 'organizer' },
      { personId: person.id, role: 'speaker', affiliationId: duplicate.id }])
    const both = await activity(db, 'Both organize', [{ organizationId: survivor.id, role: 'organizer' }, { organizationId: duplicate.id, role: 'organizer' }])
    const report = await publication(db, 'Commissioned', [{ organizationId: duplicate.id, role: 'commissioner' }])
    const before = await exportArchive(db)

    const { mergeId } = await mergeRecords(db, 'organization', duplicate.id, survivor.id, editor)
    expect(await organizationStore.load(db, duplicate.id)).toBeNull()
    const merged = (await organizationStore.load(db, survivor.id))!
    expect(merged.variants).toEqual(['Nazarbaev Univ.', 'NU'])
    expect([merged.kind, merged.country, merged.website, merged.parentId]).toEqual(['university', 'KZ', 'https://nu.edu.kz', parent.id])
    expect((await organizationStore.load(db, unit.id))!.parentId).toBe(survivor.id)
    expect((await personStore.load(db, person.id))!.affiliations.map((a) => a.organizationId)).toEqual([survivor.id])
    expect((await personStore.load(db, twice.id))!.affiliations.map((a) => [a.organizationId, a.position])).toEqual([[survivor.id, 'Dean']])
    expect(await participationsOf(db, hosted.id)).toEqual([
      { person_id: null, organization_id: survivor.id, role: 'organizer', job_title: null, affiliation_id: null },
      { person_id: person.id, organization_id: null, role: 'speaker', job_title: null, affiliation_id: survivor.id },
    ])
    expect(await participationsOf(db, both.id)).toHaveLength(1)
    expect((await db.selectFrom('publication_contributor').select('organization_id').where('publication_id', '=', report.id).execute()))
      .toEqual([{ organization_id: survivor.id }])
    expect(await findRedirectTarget(db, 'organization', duplicate.slug)).toBe(survivor.id)
    expect((await findRevisionsOf(db, 'person', person.id)).at(-1)!.action).toBe('update')
    expect((await findRevisionsOf(db, 'organization', unit.id)).at(-1)!.action).toBe('update')

    await undoMerge(db, mergeId, editor)
    expect(await exportArchive(db)).toEqual(before)
    expect((await organizationStore.load(db, duplicate.id))!.parentId).toBe(parent.id)
  })

  it('refuses to merge an organization into one of its own units', async () => {
    const { db } = t()
    const top = await makeOrganization(db, { name: 'Top Body' })
    const unit = await createOrganization(db, { name: 'Its Unit', variants: [], kind: null, country: null, parentId: top.id, website: null }, 'test')
    await expect(mergeRecords(db, 'organization', top.id, unit.id, editor)).rejects.toThrow(/Its Unit is part of Top Body/)
    expect(await organizationStore.load(db, top.id)).not.toBeNull()
  })
})
