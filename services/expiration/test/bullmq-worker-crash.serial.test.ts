// R9: the expiration worker killed twice while holding a job. A real BullMQ worker runs in a child
// process against the real Redis and PostgreSQL; it is killed with SIGKILL once before its fire
// commits and once after (the event is in the outbox but the job is not completed), then a fresh
// worker starts. The expiry must fire exactly once: one expiration:complete in the outbox, and the
// job done, not parked in the failed set (BullMQ's default gives up after one stall).
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '@ticketing/common';
import { openTestPostgres, TEST_DATABASE_URL, uniqueName, waitFor, type TestDb } from '@ticketing/common/testing/index';
import { migrationsDir } from '../src/db/migrations-dir';
import { BullmqScheduler, expiryJobId } from '../src/scheduler/bullmq.scheduler';
import { REDIS_URL } from './support/scheduler-backends';

const workerScript = fileURLToPath(new URL('./support/expiry-worker-process.ts', import.meta.url));
/** Short, so a dead worker's job is taken back within a few seconds instead of BullMQ's 30 s. */
const LOCK_DURATION_MS = 1_000;
const STALLED_INTERVAL_MS = 500;

interface WorkerProcess {
  child: ChildProcess;
  output(): string;
  killHard(): Promise<void>;
}

function startWorker(env: Record<string, string>): WorkerProcess {
  // `node --import tsx`: one process, so SIGKILL hits the worker itself (the tsx CLI would fork).
  const child = spawn(process.execPath, ['--import', 'tsx', workerScript], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => { output += chunk; });
  child.stderr?.on('data', (chunk) => { output += chunk; });
  return {
    child, output: () => output,
    killHard: () => new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    }),
  };
}

describe('BullMQ expiry worker killed twice while holding the job', () => {
  let database: TestDb;
  let queue: Queue;
  const queueName = uniqueName('test_expiration_crash');
  const workers: WorkerProcess[] = [];
  const workerEnv = (hold: { before?: number; after?: number }) => ({
    DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: database.schema, REDIS_URL, QUEUE_NAME: queueName,
    LOCK_DURATION_MS: String(LOCK_DURATION_MS), STALLED_INTERVAL_MS: String(STALLED_INTERVAL_MS),
    HOLD_BEFORE_MS: String(hold.before ?? 0), HOLD_AFTER_MS: String(hold.after ?? 0),
  });
  const spawnWorker = (hold: { before?: number; after?: number }) => {
    const worker = startWorker(workerEnv(hold));
    workers.push(worker);
    return worker;
  };
  const printed = (worker: WorkerProcess, line: string, timeoutMs = 20_000) =>
    waitFor(() => worker.output().includes(line), { timeoutMs, what: `worker to print "${line}"` });
  const expirations = async (orderId: string) =>
    (await database.db.query<{ n: number }>(
      "SELECT count(*)::int4 AS n FROM outbox WHERE subject = 'expiration:complete' AND envelope->'data'->>'orderId' = $1", [orderId]))[0].n;

  beforeAll(async () => {
    database = await openTestPostgres('expiration_crash');
    await migrate(database.db, migrationsDir);
    queue = new Queue(queueName, { connection: { url: REDIS_URL } });
  });
  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.killHard()));
    await queue?.obliterate({ force: true });
    await queue?.close();
    await database?.close();
  });

  it('fires exactly once and completes the job', { timeout: 120_000 }, async () => {
    const orderId = crypto.randomUUID();
    const scheduling = new BullmqScheduler({ redisUrl: REDIS_URL, queueName });
    await scheduling.schedule(orderId, new Date());
    await scheduling.stop();

    // First death: inside the job, before its fire commits.
    const first = spawnWorker({ before: 60_000 });
    await printed(first, `entered ${orderId}`);
    await first.killHard();
    expect(await expirations(orderId)).toBe(0);

    // Second death: the event is committed, the job not yet completed.
    const second = spawnWorker({ after: 60_000 });
    await printed(second, `committed ${orderId}`);
    await second.killHard();
    expect(await expirations(orderId)).toBe(1);

    // A fresh worker takes the job back, runs it again and completes it, publishing nothing new.
    const third = spawnWorker({});
    await printed(third, `committed ${orderId}`);
    await waitFor(async () => (await queue.getJob(expiryJobId(orderId))) === undefined, { timeoutMs: 10_000, what: 'the job completed and removed' });
    expect(await queue.getFailedCount()).toBe(0);
    expect(await expirations(orderId)).toBe(1);
  });
});
