// Picks the scheduler adapter from config (EXPIRATION_SCHEDULER).
import type { Db, Logger } from '@ticketing/common';
import type { ExpirationConfig } from '../config';
import { BullmqScheduler } from './bullmq.scheduler';
import { DbTimersScheduler } from './db-timers.scheduler';
import type { ExpiryScheduler } from './scheduler.port';

export function createScheduler(config: Pick<ExpirationConfig, 'EXPIRATION_SCHEDULER' | 'REDIS_URL' | 'EXPIRATION_CONCURRENCY'>, deps: { db: Db; logger: Logger }): ExpiryScheduler {
  return config.EXPIRATION_SCHEDULER === 'db'
    ? new DbTimersScheduler({ db: deps.db, logger: deps.logger })
    : new BullmqScheduler({ redisUrl: config.REDIS_URL, db: deps.db, concurrency: config.EXPIRATION_CONCURRENCY, logger: deps.logger });
}
