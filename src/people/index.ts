export * from './person.service.ts'
