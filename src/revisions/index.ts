export { recordRevision, type EntityType } from './revision.service.ts'
export { findRevisionsOf, countRevisions, findRedirectTarget, findDeleteRevisions, findRecentRevisions, findRevisionById } from './revision.repository.ts'
export { saveSnapshot, deleteRecord, restoreRevision, currentVersion, StaleVersionError, type SaveOptions } from './history.service.ts'
export type { EntityStore, Snapshot } from './entity-store.ts'
