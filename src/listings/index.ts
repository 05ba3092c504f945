export { rebuildListings, updateListings, type ListedChange } from './listing.service.ts'
