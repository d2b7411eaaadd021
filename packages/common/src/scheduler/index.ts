export * from './scheduler.port';
export * from './timer-table';
export * from './db-timers.scheduler';
export * from './bullmq.scheduler';
