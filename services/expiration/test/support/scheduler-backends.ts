// The backing stores the shared scheduler suite runs on: a unique BullMQ queue on the real Redis,
// and a fresh database (PostgreSQL schema or PGlite) with this service's migrations applied.
// `newScheduler()` gives another instance on the same store (a restarted process).
import { Queue } from 'bullmq';
import { migrate, type RetryPolicy } from '@ticketing/common';
import { openTestPglite, openTestPostgres, uniqueName, type TestDb } from '@ticketing/common/testing/index';
import { migrationsDir } from '../../src/db/migrations-dir';
import { BullmqScheduler, expiryJobId } from '../../src/scheduler/bullmq.scheduler';
import { DbTimersScheduler } from '../../src/scheduler/db-timers.scheduler';
import type { ExpiryScheduler } from '../../src/scheduler/scheduler.port';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Quick retries so the "failing onDue is retried" test stays short. */
export const fastRetry: RetryPolicy = { maxAttempts: 20, baseDelayMs: 100, maxDelayMs: 1_000 };

export interface SchedulerStore {
  newScheduler(): ExpiryScheduler;
  /** Whether the store still holds a timer for the order (a fired timer must be removed). */
  holdsTimer(orderId: string): Promise<boolean>;
  /** Stops every scheduler made so far (between tests). */
  stopSchedulers(): Promise<void>;
  close(): Promise<void>;
}

function tracking(make: () => ExpiryScheduler, holdsTimer: (orderId: string) => Promise<boolean>, cleanup: () => Promise<void>): SchedulerStore {
  let made: ExpiryScheduler[] = [];
  const stopSchedulers = async () => {
    await Promise.all(made.map((scheduler) => scheduler.stop()));
    made = [];
  };
  return {
    holdsTimer,
    newScheduler() {
      const scheduler = make();
      made.push(scheduler);
      return scheduler;
    },
    stopSchedulers,
    async close() {
      await stopSchedulers();
      await cleanup();
    },
  };
}

export async function openBullmqStore(): Promise<SchedulerStore> {
  const queueName = uniqueName('test_expiration');
  const inspector = new Queue(queueName, { connection: { url: REDIS_URL } });
  return tracking(
    () => new BullmqScheduler({ redisUrl: REDIS_URL, queueName, retry: fastRetry }),
    async (orderId) => (await inspector.getJob(expiryJobId(orderId))) !== undefined,
    async () => {
      await inspector.obliterate({ force: true });
      await inspector.close();
    },
  );
}

export async function openDbTimersStore(kind: 'postgres' | 'pglite'): Promise<SchedulerStore> {
  const database: TestDb = kind === 'postgres' ? await openTestPostgres('expiration') : await openTestPglite('expiration');
  await migrate(database.db, migrationsDir);
  return tracking(
    () => new DbTimersScheduler({ db: database.db, retryBaseDelayMs: fastRetry.baseDelayMs, retryMaxDelayMs: fastRetry.maxDelayMs }),
    async (orderId) => (await database.db.query('SELECT 1 FROM timers WHERE order_id = $1', [orderId])).length > 0,
    () => database.close(),
  );
}

export const schedulerBackends: Array<[string, () => Promise<SchedulerStore>]> = [
  ['BullMQ on Redis', openBullmqStore],
  ['db timers on PostgreSQL', () => openDbTimersStore('postgres')],
  ['db timers on PGlite', () => openDbTimersStore('pglite')],
];
