export { createExpirationService, type ExpirationServiceDeps } from './app';
export { expirationConfigSchema, type ExpirationConfig } from './config';
export { createScheduler } from './scheduler/create-scheduler';
export { BullmqScheduler, type BullmqSchedulerOptions } from './scheduler/bullmq.scheduler';
export { DbTimersScheduler, type DbTimersSchedulerOptions } from './scheduler/db-timers.scheduler';
export type { ExpiryScheduler, OnDue } from './scheduler/scheduler.port';
