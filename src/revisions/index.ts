export { recordRevision, type EntityType } from './revision.service.ts'
export { findRevisionsOf, countRevisions } from './revision.repository.ts'
