// Extraction: free-text news → proposed activity records (shared/eval/FORMAT.md). Pure functions only.
export { extractItems, extractRecords, type ExtractOptions, type KnownNames } from './extract.ts'
export { describeRecords } from './summary.ts'
export type { KnownEntity } from './organizations.ts'
export { segmentItems } from './segment.ts'
export { findDates } from './dates.ts'
export { detectLanguage, type ItemLanguage } from './language.ts'
export { countryCode, lookupCity } from './places.ts'
