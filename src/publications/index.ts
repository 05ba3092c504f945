export * from './publication.service.ts'
