// Release timers from config (PAYOUTS_SCHEDULER): timers in this service's database (embedded
// mode) or BullMQ delayed jobs (infra mode), whose schedules made in a transaction go through the
// hand-off table (no Redis call while it is open). Tables: 0004_payout_work.sql.
import { BullmqScheduler, DbTimersScheduler, type Db, type Logger, type Scheduler } from '@ticketing/common';
import type { PayoutsConfig } from '../config';

export const RELEASE_TIMERS_TABLE = { table: 'release_timers', keyColumn: 'key' };
export const RELEASE_HANDOFF_TABLE = { table: 'release_timers_handoff', keyColumn: 'key' };
export const RELEASE_QUEUE = 'payouts-release';

export function createReleaseScheduler(config: Pick<PayoutsConfig, 'PAYOUTS_SCHEDULER' | 'REDIS_URL'>, deps: { db: Db; logger: Logger }): Scheduler {
  const logger = deps.logger.child({ component: 'release-timers' });
  return config.PAYOUTS_SCHEDULER === 'db'
    ? new DbTimersScheduler({ db: deps.db, table: RELEASE_TIMERS_TABLE, logger })
    : new BullmqScheduler({
      redisUrl: config.REDIS_URL, queueName: RELEASE_QUEUE, jobIdPrefix: 'release', logger,
      handoff: { db: deps.db, table: RELEASE_HANDOFF_TABLE },
    });
}
