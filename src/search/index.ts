export { buildSearchIndexIfMissing, rebuildSearchIndex, reindexRecord } from './search.indexer.ts'
export { search, suggestNames, type SearchResults, type NameSuggestion } from './search.service.ts'
export { SearchInputSchema, type SearchInput } from './search.schema.ts'
