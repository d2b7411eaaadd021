// The kernel scheduler (scheduler.port.ts) with text keys, as payouts keys its release timers
// (`sale:<id>@<ms>`): the keys contain ':' and '@', which a uuid column or a raw BullMQ job id would
// not take. Tables use the default key column ("key"). DB timers run on PostgreSQL and PGlite;
// BullMQ on the local Redis, one queue per test, obliterated after it.
import { Queue } from 'bullmq';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/port';
import { BullmqScheduler } from '../src/scheduler/bullmq.scheduler';
import { DbTimersScheduler } from '../src/scheduler/db-timers.scheduler';
import type { OnDue, Scheduler } from '../src/scheduler/scheduler.port';
import { openTestDb, openTestPostgres, uniqueName, waitFor, type TestDb } from '../src/testing/index';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Allowed lateness on a shared two-core machine. */
const SLACK_MS = 1_000;
const fastRetry = { maxAttempts: 20, baseDelayMs: 50, maxDelayMs: 200 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const inMs = (ms: number) => new Date(Date.now() + ms);
/** A text key of the payouts shape, unique per call. */
const textKey = () => `sale:${crypto.randomUUID()}@${Date.now()}`;

/** An onDue that records each successful fire, and can fail a key's first calls on purpose. */
function recorder(failFirst = 0) {
  const fires: Array<{ key: string; at: number; dueAt?: Date; inTx: boolean }> = [];
  const calls = new Map<string, number>();
  const onDue: OnDue = async (key, tx, dueAt) => {
    const call = (calls.get(key) ?? 0) + 1;
    calls.set(key, call);
    if (call <= failFirst) throw new Error(`simulated failure ${call} of ${key}`);
    fires.push({ key, at: Date.now(), dueAt, inTx: tx !== undefined });
  };
  return { onDue, fires, calls, count: (key: string) => fires.filter((fire) => fire.key === key).length };
}

async function createTimerTable(db: Db, table: string): Promise<void> {
  await db.query(`CREATE TABLE ${table} (key text PRIMARY KEY, fire_at timestamptz NOT NULL)`);
  await db.query(`CREATE INDEX ${table}_fire_at ON ${table} (fire_at)`);
}

describe.each(['postgres', 'pglite'] as const)('DB timers with text keys on %s', (kind) => {
  let testDb: TestDb;
  let table: string;
  let started: Scheduler[] = [];
  beforeAll(async () => { testDb = await openTestDb(kind, 'kernel_sched'); });
  afterAll(async () => { await testDb?.close(); });
  afterEach(async () => {
    await Promise.all(started.map((scheduler) => scheduler.stop()));
    started = [];
  });

  /** A scheduler on a fresh table of its own (default key column). */
  async function newScheduler(): Promise<DbTimersScheduler> {
    table = uniqueName('timers');
    await createTimerTable(testDb.db, table);
    const scheduler = new DbTimersScheduler({ db: testDb.db, table: { table }, retryBaseDelayMs: 50, retryMaxDelayMs: 200, maxSleepMs: 200 });
    started.push(scheduler);
    return scheduler;
  }
  const rows = () => testDb.db.query<{ key: string }>(`SELECT key FROM ${table}`);

  it('fires a text key once, at or after its time, inside the claiming transaction, and removes it', async () => {
    const scheduler = await newScheduler();
    const fired = recorder();
    await scheduler.start(fired.onDue);
    const key = textKey();
    const fireAt = inMs(400);
    await scheduler.schedule(key, fireAt);
    expect(await rows()).toEqual([{ key }]);

    const fire = await waitFor(() => fired.fires.find((entry) => entry.key === key), { timeoutMs: 5_000, intervalMs: 10 });
    expect(fire.at).toBeGreaterThanOrEqual(fireAt.getTime());
    expect(fire.at - fireAt.getTime()).toBeLessThanOrEqual(SLACK_MS);
    expect(fire.dueAt?.getTime()).toBe(fireAt.getTime());
    expect(fire.inTx).toBe(true);
    await sleep(300);
    expect(fired.count(key)).toBe(1);
    expect(await rows()).toEqual([]);
  });

  it('keeps the first time when a key is scheduled again (even for an earlier time)', async () => {
    const scheduler = await newScheduler();
    const fired = recorder();
    await scheduler.start(fired.onDue);
    const key = textKey();
    const first = inMs(700);
    await scheduler.schedule(key, first);
    // Already due: had it replaced the first, the key would fire at once.
    await scheduler.schedule(key, inMs(-60_000));

    const fire = await waitFor(() => fired.fires.find((entry) => entry.key === key), { timeoutMs: 5_000, intervalMs: 10 });
    expect(fire.at).toBeGreaterThanOrEqual(first.getTime());
    expect(fire.dueAt?.getTime()).toBe(first.getTime());
    await sleep(300);
    expect(fired.count(key)).toBe(1);
  });

  it('never fires a timer scheduled in a transaction that rolled back', async () => {
    const scheduler = await newScheduler();
    const fired = recorder();
    await scheduler.start(fired.onDue);
    const rolledBack = textKey();
    const committed = textKey();
    await expect(testDb.db.transaction(async (tx) => {
      await scheduler.schedule(rolledBack, inMs(-1_000), tx);
      throw new Error('the caller failed after scheduling');
    })).rejects.toThrow('the caller failed');
    await testDb.db.transaction((tx) => scheduler.schedule(committed, inMs(-1_000), tx));

    // The committed one, due at the same time, shows the loop has looked (and looks again).
    await waitFor(() => fired.count(committed) === 1, { timeoutMs: 5_000, what: 'the committed timer fired' });
    await sleep(400);
    expect(fired.calls.has(rolledBack)).toBe(false);
    expect(await rows()).toEqual([]);
  });

  it('stop() waits for an onDue in progress, whose claim then commits', async () => {
    const scheduler = await newScheduler();
    const key = textKey();
    let entered = false;
    let finishedAt = 0;
    await scheduler.start(async () => {
      entered = true;
      await sleep(400);
      finishedAt = Date.now();
    });
    await scheduler.schedule(key, inMs(-1));
    await waitFor(() => entered, { timeoutMs: 5_000, intervalMs: 5, what: 'onDue entered' });

    await scheduler.stop();
    expect(finishedAt).toBeGreaterThan(0);
    expect(await rows()).toEqual([]);
  });

  it('keeps a timer whose onDue throws and retries it until it succeeds, once', async () => {
    const scheduler = await newScheduler();
    const fired = recorder(2);
    await scheduler.start(fired.onDue);
    const key = textKey();
    await scheduler.schedule(key, inMs(50));

    await waitFor(() => fired.count(key) === 1, { timeoutMs: 5_000, what: 'fired after two failures' });
    expect(fired.calls.get(key)).toBe(3);
    await sleep(300);
    expect(fired.count(key)).toBe(1);
    expect(await rows()).toEqual([]);
  });
});

describe('BullMQ timers with text keys on Redis', () => {
  let queueName: string;
  let inspector: Queue;
  let started: Scheduler[] = [];
  let handoffDb: TestDb;
  beforeAll(async () => { handoffDb = await openTestPostgres('kernel_handoff'); });
  afterAll(async () => { await handoffDb?.close(); });
  afterEach(async () => {
    await Promise.all(started.map((scheduler) => scheduler.stop()));
    started = [];
    await inspector.obliterate({ force: true });
    await inspector.close();
  });

  function newScheduler(handoff?: { table: string }): BullmqScheduler {
    queueName = uniqueName('test_kernel_timers');
    inspector = new Queue(queueName, { connection: { url: REDIS_URL } });
    const scheduler = new BullmqScheduler({
      redisUrl: REDIS_URL, queueName, jobIdPrefix: 'sale', retry: fastRetry,
      handoff: handoff ? { db: handoffDb.db, table: handoff } : undefined,
    });
    started.push(scheduler);
    return scheduler;
  }

  it('fires a text key once, at or after its time, under an id BullMQ accepts', async () => {
    const scheduler = newScheduler();
    const fired = recorder();
    await scheduler.start(fired.onDue);
    const key = textKey();
    const fireAt = inMs(500);
    await scheduler.schedule(key, fireAt);
    // ':' is BullMQ's separator and may not appear in a job id: the key is encoded in it.
    expect(scheduler.jobId(key)).not.toContain(':');
    expect((await inspector.getJob(scheduler.jobId(key)))?.data).toEqual({ key });

    const fire = await waitFor(() => fired.fires.find((entry) => entry.key === key), { timeoutMs: 5_000, intervalMs: 10 });
    expect(fire.at).toBeGreaterThanOrEqual(fireAt.getTime());
    expect(fire.at - fireAt.getTime()).toBeLessThanOrEqual(SLACK_MS);
    expect(fire.inTx).toBe(false);
    await sleep(300);
    expect(fired.count(key)).toBe(1);
    await waitFor(async () => (await inspector.getJob(scheduler.jobId(key))) === undefined, { timeoutMs: 2_000, what: 'completed job removed' });
  });

  it('keeps the first job when a key is scheduled again (even for an earlier time)', async () => {
    const scheduler = newScheduler();
    const fired = recorder();
    await scheduler.start(fired.onDue);
    const key = textKey();
    const first = inMs(800);
    await scheduler.schedule(key, first);
    await scheduler.schedule(key, inMs(-60_000));

    const fire = await waitFor(() => fired.fires.find((entry) => entry.key === key), { timeoutMs: 5_000, intervalMs: 10 });
    expect(fire.at).toBeGreaterThanOrEqual(first.getTime());
    await sleep(300);
    expect(fired.count(key)).toBe(1);
  });

  it('through the hand-off table: a rolled-back schedule never fires, a committed one does', async () => {
    const table = uniqueName('handoff');
    await createTimerTable(handoffDb.db, table);
    const scheduler = newScheduler({ table });
    const fired = recorder();
    await scheduler.start(fired.onDue);
    const rolledBack = textKey();
    const committed = textKey();
    await expect(handoffDb.db.transaction(async (tx) => {
      await scheduler.schedule(rolledBack, inMs(-1_000), tx);
      throw new Error('the caller failed after scheduling');
    })).rejects.toThrow('the caller failed');
    await handoffDb.db.transaction((tx) => scheduler.schedule(committed, inMs(-1_000), tx));

    await waitFor(() => fired.count(committed) === 1, { timeoutMs: 5_000, what: 'the handed-over timer fired' });
    await waitFor(async () => (await handoffDb.db.query(`SELECT 1 FROM ${table}`)).length === 0, { timeoutMs: 2_000, what: 'hand-off row removed' });
    await sleep(300);
    expect(fired.calls.has(rolledBack)).toBe(false);
    expect(await inspector.getJob(scheduler.jobId(rolledBack))).toBeUndefined();
  });

  it('stop() waits for an onDue in progress', async () => {
    const scheduler = newScheduler();
    const key = textKey();
    let entered = false;
    let finishedAt = 0;
    await scheduler.start(async () => {
      entered = true;
      await sleep(400);
      finishedAt = Date.now();
    });
    await scheduler.schedule(key, inMs(-1));
    await waitFor(() => entered, { timeoutMs: 5_000, intervalMs: 5, what: 'onDue entered' });

    await scheduler.stop();
    expect(finishedAt).toBeGreaterThan(0);
    // It completed: the job is gone, not left active or failed.
    await waitFor(async () => (await inspector.getJob(scheduler.jobId(key))) === undefined, { timeoutMs: 2_000, what: 'completed job removed' });
  });

  it('retries a job whose onDue throws until it succeeds, once', async () => {
    const scheduler = newScheduler();
    const fired = recorder(2);
    await scheduler.start(fired.onDue);
    const key = textKey();
    await scheduler.schedule(key, inMs(50));

    await waitFor(() => fired.count(key) === 1, { timeoutMs: 5_000, what: 'fired after two failures' });
    expect(fired.calls.get(key)).toBe(3);
    await sleep(300);
    expect(fired.count(key)).toBe(1);
  });
});
