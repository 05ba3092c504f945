export * from './organization.service.ts'
