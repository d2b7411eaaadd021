// A BullMQ expiry worker as its own process, for tests that kill -9 it while it holds a job.
// The real scheduler and the real onDue (expireOrder, on the test's PostgreSQL schema), wrapped so
// the test can see where the job is and has time to kill it there: the process prints
// `entered <orderId>` when a job starts, waits HOLD_BEFORE_MS, fires, prints `committed <orderId>`
// once the event is in the outbox, then waits HOLD_AFTER_MS before the job completes.
import { setTimeout as sleep } from 'node:timers/promises';
import { createPostgresDb } from '@ticketing/common';
import { expireOrder } from '../../src/domain/expire-order';
import { BullmqScheduler } from '../../src/scheduler/bullmq.scheduler';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const db = createPostgresDb({ url: env('DATABASE_URL'), schema: env('DATABASE_SCHEMA'), poolSize: 2 });
const fire = expireOrder(db);
const scheduler = new BullmqScheduler({
  redisUrl: env('REDIS_URL'),
  queueName: env('QUEUE_NAME'),
  lockDurationMs: Number(env('LOCK_DURATION_MS')),
  stalledIntervalMs: Number(env('STALLED_INTERVAL_MS')),
});
await scheduler.start(async (orderId) => {
  console.log(`entered ${orderId}`);
  await sleep(Number(process.env.HOLD_BEFORE_MS ?? 0));
  await fire(orderId);
  console.log(`committed ${orderId}`);
  await sleep(Number(process.env.HOLD_AFTER_MS ?? 0));
});
console.log('worker ready');
