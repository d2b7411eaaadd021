// One suite for the scheduler port, run on every adapter and store.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@ticketing/common/testing/index';
import { fireRecorder, sleep } from './support/fire-recorder';
import { schedulerBackends, type SchedulerStore } from './support/scheduler-backends';

/** Allowed lateness: the machine is shared with other suites (stack-notes: allow ≥ 200 ms). */
const SLACK_MS = 750;
const inMs = (ms: number) => new Date(Date.now() + ms);

describe.each(schedulerBackends)('scheduler: %s', (_name, openStore) => {
  let store: SchedulerStore;
  beforeAll(async () => { store = await openStore(); });
  afterEach(async () => { await store.stopSchedulers(); });
  afterAll(async () => { await store.close(); });

  it('fires an order at its time, not before', async () => {
    const scheduler = store.newScheduler();
    const recorder = fireRecorder();
    await scheduler.start(recorder.onDue);
    const orderId = randomUUID();
    const fireAt = inMs(1_000);
    await scheduler.schedule(orderId, fireAt);

    const fire = await waitFor(() => recorder.fires.find((entry) => entry.orderId === orderId), { timeoutMs: 5_000, intervalMs: 10 });
    expect(fire.at).toBeGreaterThanOrEqual(fireAt.getTime());
    expect(fire.at - fireAt.getTime()).toBeLessThanOrEqual(SLACK_MS);
  });

  it('removes a timer once it has fired', async () => {
    const scheduler = store.newScheduler();
    const recorder = fireRecorder();
    const orderId = randomUUID();
    await scheduler.schedule(orderId, inMs(200));
    expect(await store.holdsTimer(orderId)).toBe(true);
    await scheduler.start(recorder.onDue);

    await waitFor(() => recorder.count(orderId) === 1, { timeoutMs: 5_000 });
    await waitFor(async () => !(await store.holdsTimer(orderId)), { timeoutMs: 2_000, what: 'timer removed' });
  });

  it('fires an order scheduled twice once, at the first time given', async () => {
    const scheduler = store.newScheduler();
    const recorder = fireRecorder();
    await scheduler.start(recorder.onDue);
    const orderId = randomUUID();
    const fireAt = inMs(300);
    await scheduler.schedule(orderId, fireAt);
    await scheduler.schedule(orderId, fireAt);
    await scheduler.schedule(orderId, inMs(1_200));

    const fire = await waitFor(() => recorder.fires.find((entry) => entry.orderId === orderId), { timeoutMs: 5_000, intervalMs: 10 });
    expect(fire.at - fireAt.getTime()).toBeLessThanOrEqual(SLACK_MS);
    await sleep(1_500); // past the second call's time too
    expect(recorder.count(orderId)).toBe(1);
  });

  it('fires 200 orders due within the same second, each once', async () => {
    const scheduler = store.newScheduler();
    const recorder = fireRecorder();
    await scheduler.start(recorder.onDue);
    const base = Date.now() + 1_000;
    const timers = Array.from({ length: 200 }, (_, i) => ({ orderId: randomUUID(), fireAt: new Date(base + (i * 5) % 1_000) }));
    await Promise.all(timers.map((timer) => scheduler.schedule(timer.orderId, timer.fireAt)));

    await waitFor(() => recorder.fires.length >= timers.length, { timeoutMs: 10_000, what: '200 fires' });
    await sleep(500);
    for (const timer of timers) {
      expect(recorder.count(timer.orderId)).toBe(1);
      const fire = recorder.fires.find((entry) => entry.orderId === timer.orderId)!;
      expect(fire.at).toBeGreaterThanOrEqual(timer.fireAt.getTime());
    }
    expect(recorder.fires).toHaveLength(timers.length);
  });

  it('fires an order whose time is already past at once', async () => {
    const scheduler = store.newScheduler();
    const recorder = fireRecorder();
    await scheduler.start(recorder.onDue);
    const orderId = randomUUID();
    const scheduledAt = Date.now();
    await scheduler.schedule(orderId, inMs(-60_000));

    const fire = await waitFor(() => recorder.fires.find((entry) => entry.orderId === orderId), { timeoutMs: 5_000, intervalMs: 10 });
    expect(fire.at - scheduledAt).toBeLessThanOrEqual(SLACK_MS);
  });

  it('fires overdue orders scheduled while no scheduler ran as soon as one starts', async () => {
    const orderIds = [randomUUID(), randomUUID()];
    const writer = store.newScheduler();
    for (const orderId of orderIds) await writer.schedule(orderId, inMs(-1_000));
    await writer.stop();

    const scheduler = store.newScheduler();
    const recorder = fireRecorder();
    const startedAt = Date.now();
    await scheduler.start(recorder.onDue);
    await waitFor(() => recorder.fires.length === orderIds.length, { timeoutMs: 5_000, intervalMs: 10 });
    expect(Math.max(...recorder.fires.map((fire) => fire.at)) - startedAt).toBeLessThanOrEqual(SLACK_MS);
  });

  it('loses no timer when the scheduler restarts before the time is up', async () => {
    const first = store.newScheduler();
    const beforeRestart = fireRecorder();
    await first.start(beforeRestart.onDue);
    const orderId = randomUUID();
    const fireAt = inMs(1_500);
    await first.schedule(orderId, fireAt);
    await sleep(300);
    await first.stop();

    const second = store.newScheduler();
    const afterRestart = fireRecorder();
    await second.start(afterRestart.onDue);
    const fire = await waitFor(() => afterRestart.fires.find((entry) => entry.orderId === orderId), { timeoutMs: 5_000, intervalMs: 10 });
    expect(fire.at).toBeGreaterThanOrEqual(fireAt.getTime());
    await sleep(500);
    expect(afterRestart.count(orderId)).toBe(1);
    expect(beforeRestart.count(orderId)).toBe(0);
  });

  it('keeps a timer whose onDue fails and retries it until it succeeds', async () => {
    const orderId = randomUUID();
    const scheduler = store.newScheduler();
    const recorder = fireRecorder({ failTimes: new Map([[orderId, 2]]) });
    await scheduler.start(recorder.onDue);
    await scheduler.schedule(orderId, inMs(100));

    await waitFor(() => recorder.count(orderId) === 1, { timeoutMs: 10_000 });
    expect(recorder.calls.get(orderId)).toBe(3);
    await sleep(500);
    expect(recorder.count(orderId)).toBe(1);
  });
});
