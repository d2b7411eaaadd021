// The kernel's BullMQ scheduler with expiration's names, unchanged since before the kernel had it
// so that a running deployment keeps its jobs: queue "expiration", job "expire" with id
// `order-<orderId>` and data {orderId}, hand-off table bullmq_handoff (order_id, fire_at).
import {
  BullmqScheduler as KernelBullmqScheduler, defaultTimerRetry, timerJobId, type BullmqSchedulerOptions as KernelOptions, type Db,
  type RetryPolicy,
} from '@ticketing/common';

export type BullmqSchedulerOptions = Omit<KernelOptions, 'queueName' | 'handoff' | 'jobIdPrefix' | 'jobName' | 'dataKey'> & {
  /** The service's database (migrated): schedules made in its transactions go through bullmq_handoff. */
  db?: Db;
  /** Tests use a unique name and obliterate the queue afterwards. */
  queueName?: string;
};

export const defaultExpiryRetry: RetryPolicy = defaultTimerRetry;
const JOB_ID_PREFIX = 'order';

export function expiryJobId(orderId: string): string {
  return timerJobId(JOB_ID_PREFIX, orderId);
}

export class BullmqScheduler extends KernelBullmqScheduler {
  constructor({ db, queueName, ...options }: BullmqSchedulerOptions) {
    super({
      ...options,
      queueName: queueName ?? 'expiration',
      handoff: db ? { db, table: { table: 'bullmq_handoff', keyColumn: 'order_id' } } : undefined,
      jobIdPrefix: JOB_ID_PREFIX,
      jobName: 'expire',
      dataKey: 'orderId',
      // Each job holds its slot until its event commits, so a burst of 2,000 simultaneous expiries
      // needs hundreds in flight to stay under a second late (bench/expiry.ts; at 50 the commits
      // queue up behind the slots).
      concurrency: options.concurrency ?? 200,
    });
  }
}
