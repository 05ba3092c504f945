import type { Insertable, Selectable } from 'kysely'
import type {
  AffiliationRow, Db, MergeRecordTable, ParticipationRow, PublicationContributorTable,
} from '../db/database.ts'

export type ContributorRow = Selectable<PublicationContributorTable>
export type MergeRecordRow = Selectable<MergeRecordTable>
/** Which column names the merged party: a person's or an organization's. */
export type PartyColumn = 'person_id' | 'organization_id'

// ---------------------------------------------------------------- what refers to a record

export function findParticipationsOf(db: Db, column: PartyColumn, id: number): Promise<ParticipationRow[]> {
  return db.selectFrom('participation').selectAll().where(column, '=', id).orderBy('id').execute()
}

/** Participations whose "affiliation at the time" is this organization. */
export function findParticipationsAffiliatedWith(db: Db, organizationId: number): Promise<ParticipationRow[]> {
  return db.selectFrom('participation').selectAll().where('affiliation_id', '=', organizationId).orderBy('id').execute()
}

export function findParticipationsInActivities(db: Db, column: PartyColumn, id: number, activityIds: number[]): Promise<ParticipationRow[]> {
  if (!activityIds.length) return Promise.resolve([])
  return db.selectFrom('participation').selectAll().where(column, '=', id).where('activity_id', 'in', activityIds).orderBy('id').execute()
}

export function findAffiliationsOf(db: Db, column: 'person_id' | 'organization_id', id: number): Promise<AffiliationRow[]> {
  return db.selectFrom('affiliation').selectAll().where(column, '=', id).orderBy('id').execute()
}

export function findContributorsOf(db: Db, column: PartyColumn, id: number): Promise<ContributorRow[]> {
  return db.selectFrom('publication_contributor').selectAll().where(column, '=', id).orderBy('id').execute()
}

export function findChildOrganizations(db: Db, parentId: number) {
  return db.selectFrom('organization').select(['id', 'slug', 'name']).where('parent_id', '=', parentId).orderBy('id').execute()
}

export function findRedirectsTo(db: Db, entityType: string, targetId: number) {
  return db.selectFrom('slug_redirect').select(['id', 'slug']).where('entity_type', '=', entityType)
    .where('target_id', '=', targetId).orderBy('id').execute()
}

export function findNameRows(db: Db, type: 'person' | 'organization', id: number) {
  return type === 'person'
    ? db.selectFrom('person_name').select(['id', 'name']).where('person_id', '=', id).orderBy('id').execute()
    : db.selectFrom('organization_name').select(['id', 'name']).where('organization_id', '=', id).orderBy('id').execute()
}

/** Labels for the lists a merge shows: activities and publications by id. */
export function findActivityLabels(db: Db, ids: number[]) {
  if (!ids.length) return Promise.resolve([])
  return db.selectFrom('activity').select(['id', 'name', 'kind', 'starts_on']).where('id', 'in', ids).execute()
}

export function findPublicationLabels(db: Db, ids: number[]) {
  if (!ids.length) return Promise.resolve([])
  return db.selectFrom('publication').select(['id', 'title']).where('id', 'in', ids).execute()
}

export function findPersonLabels(db: Db, ids: number[]) {
  if (!ids.length) return Promise.resolve([])
  return db.selectFrom('person').select(['id', 'name']).where('id', 'in', ids).execute()
}

export function findOrganizationLabels(db: Db, ids: number[]) {
  if (!ids.length) return Promise.resolve([])
  return db.selectFrom('organization').select(['id', 'name']).where('id', 'in', ids).execute()
}

export async function existingIds(db: Db, table: 'activity' | 'publication' | 'person' | 'organization' | 'stored_file', ids: number[]) {
  if (!ids.length) return new Set<number>()
  const rows = await db.selectFrom(table).select('id').where('id', 'in', ids).execute()
  return new Set(rows.map((r) => r.id))
}

// ---------------------------------------------------------------- moving references

export function setParticipationParty(db: Db, ids: number[], column: PartyColumn, id: number) {
  if (!ids.length) return Promise.resolve()
  return db.updateTable('participation').set({ [column]: id }).where('id', 'in', ids).execute()
}

export function setParticipationAffiliation(db: Db, ids: number[], organizationId: number) {
  if (!ids.length) return Promise.resolve()
  return db.updateTable('participation').set({ affiliation_id: organizationId }).where('id', 'in', ids).execute()
}

export function setParticipationFields(db: Db, id: number, fields: { job_title?: string | null; affiliation_id?: number | null }) {
  return db.updateTable('participation').set(fields).where('id', '=', id).execute()
}

export function setAffiliationParty(db: Db, ids: number[], column: 'person_id' | 'organization_id', id: number) {
  if (!ids.length) return Promise.resolve()
  return db.updateTable('affiliation').set({ [column]: id }).where('id', 'in', ids).execute()
}

export function setContributorParty(db: Db, ids: number[], column: PartyColumn, id: number) {
  if (!ids.length) return Promise.resolve()
  return db.updateTable('publication_contributor').set({ [column]: id }).where('id', 'in', ids).execute()
}

export function setOrganizationParent(db: Db, ids: number[], parentId: number | null) {
  if (!ids.length) return Promise.resolve()
  return db.updateTable('organization').set({ parent_id: parentId }).where('id', 'in', ids).execute()
}

export function setRedirectTarget(db: Db, ids: number[], targetId: number) {
  if (!ids.length) return Promise.resolve()
  return db.updateTable('slug_redirect').set({ target_id: targetId }).where('id', 'in', ids).execute()
}

export function deleteRows(db: Db, table: 'participation' | 'affiliation' | 'publication_contributor', ids: number[]) {
  if (!ids.length) return Promise.resolve()
  return db.deleteFrom(table).where('id', 'in', ids).execute()
}

// Rows a merge dropped come back under their own ids, so every list keeps its order.
export async function insertParticipationRows(db: Db, rows: ParticipationRow[]) {
  if (rows.length) await db.insertInto('participation').values(rows).execute()
}

export async function insertAffiliationRows(db: Db, rows: AffiliationRow[]) {
  if (rows.length) await db.insertInto('affiliation').values(rows).execute()
}

export async function insertContributorRows(db: Db, rows: ContributorRow[]) {
  if (rows.length) await db.insertInto('publication_contributor').values(rows).execute()
}

export async function insertPersonName(db: Db, personId: number, name: string, nameKey: string) {
  const { id } = await db.insertInto('person_name').values({ person_id: personId, name, name_key: nameKey })
    .returning('id').executeTakeFirstOrThrow()
  return id
}

export async function insertOrganizationName(db: Db, organizationId: number, name: string, nameKey: string, isAcronym: boolean) {
  const { id } = await db.insertInto('organization_name')
    .values({ organization_id: organizationId, name, name_key: nameKey, is_acronym: isAcronym ? 1 : 0 })
    .returning('id').executeTakeFirstOrThrow()
  return id
}

export function deleteNameRows(db: Db, type: 'person' | 'organization', ids: number[]) {
  if (!ids.length) return Promise.resolve()
  return db.deleteFrom(type === 'person' ? 'person_name' : 'organization_name').where('id', 'in', ids).execute()
}

export function insertRedirect(db: Db, entityType: string, slug: string, targetId: number) {
  return db.insertInto('slug_redirect').values({ entity_type: entityType, slug, target_id: targetId }).execute()
}

export function deleteRedirect(db: Db, entityType: string, slug: string, targetId: number) {
  return db.deleteFrom('slug_redirect').where('entity_type', '=', entityType).where('slug', '=', slug)
    .where('target_id', '=', targetId).execute()
}

// ---------------------------------------------------------------- merge records

export async function insertMergeRecord(db: Db, row: Insertable<MergeRecordTable>) {
  const { id } = await db.insertInto('merge_record').values(row).returning('id').executeTakeFirstOrThrow()
  return id
}

export function findMergeRecord(db: Db, id: number): Promise<MergeRecordRow | undefined> {
  return db.selectFrom('merge_record').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Merges in which the record took part, as survivor or as the merged one, newest first. */
export function findMergesOf(db: Db, entityType: string, id: number): Promise<MergeRecordRow[]> {
  return db.selectFrom('merge_record').selectAll().where('entity_type', '=', entityType)
    .where((eb) => eb.or([eb('survivor_id', '=', id), eb('merged_id', '=', id)]))
    .orderBy('id', 'desc').execute()
}

/** The merge that removed this record and has not been undone, if any. */
export function findActiveMergeOf(db: Db, entityType: string, mergedId: number): Promise<MergeRecordRow | undefined> {
  return db.selectFrom('merge_record').selectAll().where('entity_type', '=', entityType)
    .where('merged_id', '=', mergedId).where('undone_at', 'is', null).orderBy('id', 'desc').limit(1).executeTakeFirst()
}

export function findActiveMergesOfMany(db: Db, entityType: string, mergedIds: number[]): Promise<MergeRecordRow[]> {
  if (!mergedIds.length) return Promise.resolve([])
  return db.selectFrom('merge_record').selectAll().where('entity_type', '=', entityType)
    .where('merged_id', 'in', mergedIds).where('undone_at', 'is', null).execute()
}

export function markMergeUndone(db: Db, id: number, at: string) {
  return db.updateTable('merge_record').set({ undone_at: at }).where('id', '=', id).execute()
}

// ---------------------------------------------------------------- the survivor's own fields

export interface PersonFields { honorific?: string | null; degree?: string | null; biography?: string | null; photo_file_id?: number | null }
export interface OrganizationFields { kind?: string | null; country?: string | null; website?: string | null; parent_id?: number | null }

export async function updatePersonFields(db: Db, id: number, fields: PersonFields, now: string) {
  await db.updateTable('person').set({ ...fields, updated_at: now }).where('id', '=', id).execute()
}

export async function updateOrganizationFields(db: Db, id: number, fields: OrganizationFields, now: string) {
  await db.updateTable('organization').set({ ...fields, updated_at: now }).where('id', '=', id).execute()
}

export function findParentId(db: Db, organizationId: number) {
  return db.selectFrom('organization').select('parent_id').where('id', '=', organizationId).executeTakeFirst()
}

export function findPersonSlugOwner(db: Db, slug: string) {
  return db.selectFrom('person').select(['id', 'name']).where('slug', '=', slug).executeTakeFirst()
}

export function findOrganizationSlugOwner(db: Db, slug: string) {
  return db.selectFrom('organization').select(['id', 'name']).where('slug', '=', slug).executeTakeFirst()
}

/** Rows by id, for checking which of a merge's moved rows are still where the merge put them. */
export function findParticipationsByIds(db: Db, ids: number[]): Promise<ParticipationRow[]> {
  if (!ids.length) return Promise.resolve([])
  return db.selectFrom('participation').selectAll().where('id', 'in', ids).execute()
}

export function findAffiliationsByIds(db: Db, ids: number[]): Promise<AffiliationRow[]> {
  if (!ids.length) return Promise.resolve([])
  return db.selectFrom('affiliation').selectAll().where('id', 'in', ids).execute()
}

export function findContributorsByIds(db: Db, ids: number[]): Promise<ContributorRow[]> {
  if (!ids.length) return Promise.resolve([])
  return db.selectFrom('publication_contributor').selectAll().where('id', 'in', ids).execute()
}

export function findOrganizationParents(db: Db, ids: number[]) {
  if (!ids.length) return Promise.resolve([])
  return db.selectFrom('organization').select(['id', 'parent_id']).where('id', 'in', ids).execute()
}

export function findRedirectsByIds(db: Db, ids: number[]) {
  if (!ids.length) return Promise.resolve([])
  return db.selectFrom('slug_redirect').select(['id', 'slug', 'target_id']).where('id', 'in', ids).execute()
}
