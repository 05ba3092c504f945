export * from './activity.service.ts'
export * as activityRepository from './activity.repository.ts'
