export * from './post.service.ts'
