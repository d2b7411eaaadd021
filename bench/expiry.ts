// P5 expiry (quality.md), the expiration part: 2,000 orders expiring within the same second on
// BullMQ (infra mode), lateness after expiresAt. Two measurements in one run:
//   1. scheduler: BullmqScheduler alone, onDue records the time (no database, no broker);
//   2. service: the expiration service (PostgreSQL outbox, RabbitMQ) fed 2,000 order:created
//      events; lateness = expiration:complete arriving on the bus − expiresAt.
// Every order must fire exactly once; target p99 lateness ≤ 1 s (the orders/tickets half of P5 is
// the system benchmark's).
//   npx tsx bench/expiry.ts [--orders 2000] [--concurrency 200] [--url amqp://…] [--redis redis://…]
// Prints a table and writes bench/results/expiry.json.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Queue } from 'bullmq';
import { createBus } from '../packages/common/src/bus/create-bus';
import { makeEnvelope, type EventData } from '../packages/common/src/events/contracts';
import { silentLogger } from '../packages/common/src/logger';
import { openTestPostgres, uniqueName } from '../packages/common/src/testing/databases';
import { createExpirationService } from '../services/expiration/src/app';
import { BullmqScheduler } from '../services/expiration/src/scheduler/bullmq.scheduler';
import type { ExpiryScheduler } from '../services/expiration/src/scheduler/scheduler.port';

const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '2000' },
    url: { type: 'string', default: process.env.BUS_URL ?? 'amqp://guest:guest@127.0.0.1:5672' },
    redis: { type: 'string', default: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' },
    concurrency: { type: 'string', default: '200' },
  },
});
const orders = Number(values.orders);
const redisUrl = values.redis;
const concurrency = Number(values.concurrency);
const TARGET_P99_MS = 1_000;
const here = fileURLToPath(new URL('.', import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Percentiles { p50: number; p90: number; p99: number; max: number }
interface Measurement extends Percentiles { fired: number; duplicates: number; missing: number; early: number }

function percentiles(samples: number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => Number((sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN).toFixed(1));
  return { p50: at(50), p90: at(90), p99: at(99), max: at(100) };
}

/** Due times spread evenly over one second starting `leadMs` from now. */
function dueTimes(leadMs: number): Map<string, number> {
  const base = Date.now() + leadMs;
  return new Map(Array.from({ length: orders }, (_, i) => [randomUUID(), base + Math.floor((i * 1_000) / orders)]));
}

/** Lateness per order from its fire times; counts missing, duplicated and early fires. */
function measure(due: Map<string, number>, fires: Map<string, number[]>): Measurement {
  const lateness: number[] = [];
  let duplicates = 0;
  let missing = 0;
  let early = 0;
  for (const [orderId, dueAt] of due) {
    const times = fires.get(orderId) ?? [];
    if (times.length === 0) missing++;
    duplicates += Math.max(0, times.length - 1);
    if (times[0] !== undefined) {
      lateness.push(times[0] - dueAt);
      if (times[0] < dueAt) early++;
    }
  }
  return { ...percentiles(lateness), fired: lateness.length, duplicates, missing, early };
}

async function waitForAll(fires: Map<string, number[]>, lastDueAt: number): Promise<void> {
  const deadline = lastDueAt + 30_000;
  while (fires.size < orders && Date.now() < deadline) await sleep(50);
  await sleep(1_000); // let any duplicate show up
}

async function obliterate(queueName: string): Promise<void> {
  const queue = new Queue(queueName, { connection: { url: redisUrl } });
  await queue.obliterate({ force: true });
  await queue.close();
}

async function waitForDelayed(queueName: string, count: number, until: number): Promise<number> {
  const queue = new Queue(queueName, { connection: { url: redisUrl } });
  try {
    let delayed = 0;
    while (Date.now() < until && (delayed = await queue.getDelayedCount()) < count) await sleep(50);
    return delayed;
  } finally {
    await queue.close();
  }
}

function record(fires: Map<string, number[]>, orderId: string): void {
  const at = Date.now();
  fires.set(orderId, [...(fires.get(orderId) ?? []), at]);
}

/** 1. The scheduler alone. */
async function schedulerOnly(): Promise<Measurement> {
  const queueName = uniqueName('bench_expiry');
  const scheduler = new BullmqScheduler({ redisUrl, queueName, concurrency });
  const fires = new Map<string, number[]>();
  const due = dueTimes(5_000);
  try {
    await scheduler.start(async (orderId) => record(fires, orderId));
    await Promise.all([...due].map(([orderId, dueAt]) => scheduler.schedule(orderId, new Date(dueAt))));
    if (Date.now() > Math.min(...due.values())) console.warn('warning: scheduling took longer than the lead time');
    await waitForAll(fires, Math.max(...due.values()));
    return measure(due, fires);
  } finally {
    await scheduler.stop();
    await obliterate(queueName);
  }
}

function orderCreated(orderId: string, expiresAt: number): EventData<'order:created'> {
  return {
    id: orderId, version: 0, status: 'created', userId: randomUUID(), expiresAt: new Date(expiresAt).toISOString(),
    ticket: { id: randomUUID(), price: 20 },
  };
}

/** 2. The whole expiration service: order:created in, expiration:complete out on RabbitMQ. */
async function throughService(): Promise<Measurement & { scheduledBeforeDue: boolean; committed: Measurement; called: Measurement }> {
  const queueName = uniqueName('bench_expiry');
  const database = await openTestPostgres('bench_expiry');
  const bus = await createBus(values.url, { exchange: uniqueName('bench_expiry') });
  const bullmq = new BullmqScheduler({ redisUrl, queueName, concurrency });
  const called = new Map<string, number[]>();
  const committed = new Map<string, number[]>();
  // The same scheduler, also noting when each expiration:complete committed to the outbox.
  const scheduler: ExpiryScheduler = {
    kind: bullmq.kind,
    schedule: (orderId, fireAt) => bullmq.schedule(orderId, fireAt),
    start: (onDue) => bullmq.start(async (orderId, tx) => { record(called, orderId); await onDue(orderId, tx); record(committed, orderId); }),
    stop: () => bullmq.stop(),
  };
  const service = await createExpirationService({
    db: database.db, bus, logger: silentLogger(), config: {}, scheduler,
    verifySession: async () => { throw new Error('no sessions in this benchmark'); },
  });
  const fires = new Map<string, number[]>();
  const listener = await bus.subscribe({
    group: 'bench-listener', subject: 'expiration:complete', concurrency: 100,
    handler: async ({ envelope }) => record(fires, (envelope.data as EventData<'expiration:complete'>).orderId),
  });
  try {
    await service.start();
    const due = dueTimes(10_000);
    const firstDueAt = Math.min(...due.values());
    await bus.publish([...due].map(([orderId, dueAt]) => ({ envelope: makeEnvelope('order:created', orderCreated(orderId, dueAt)), headers: {} })));
    const delayed = await waitForDelayed(queueName, orders, firstDueAt);
    const scheduledBeforeDue = delayed >= orders;
    if (!scheduledBeforeDue) console.warn(`warning: only ${delayed}/${orders} jobs scheduled before the first was due`);
    await waitForAll(fires, Math.max(...due.values()));
    return { ...measure(due, fires), scheduledBeforeDue, committed: measure(due, committed), called: measure(due, called) };
  } finally {
    await service.stop();
    await listener.close();
    await bus.destroy();
    await bus.close();
    await database.close();
    await obliterate(queueName);
  }
}

console.log(`expiry: ${orders} orders due within one second, BullMQ on ${redisUrl}`);
console.log('1. scheduler alone …');
const scheduler = await schedulerOnly();
console.log('2. through the expiration service (PostgreSQL outbox → RabbitMQ) …');
const service = await throughService();

const correct = (m: Measurement) => m.missing === 0 && m.duplicates === 0 && m.early === 0;
const result = {
  bench: 'P5 expiry (expiration service)', orders, concurrency, targetP99Ms: TARGET_P99_MS,
  // The machines are shared: the load during the run says how much to trust the figures.
  loadAverage: loadavg().map((load) => Number(load.toFixed(2))),
  scheduler, service,
  pass: {
    scheduler: correct(scheduler) && scheduler.p99 <= TARGET_P99_MS,
    service: correct(service) && service.p99 <= TARGET_P99_MS,
  },
};
const row = (label: string, m: Measurement) =>
  `| ${label.padEnd(34)} | ${String(m.fired).padStart(5)} | ${String(m.duplicates).padStart(4)} | ${String(m.early).padStart(5)} | ${String(m.p50).padStart(6)} | ${String(m.p90).padStart(6)} | ${String(m.p99).padStart(6)} | ${String(m.max).padStart(7)} |`;
console.log('');
console.log(`| lateness after expiresAt, ms       | fired | dup. | early |    p50 |    p90 |    p99 |     max |`);
console.log(row(`scheduler alone (concurrency ${concurrency})`, scheduler));
console.log(row('service: job started', service.called));
console.log(row('service: event committed (outbox)', service.committed));
console.log(row('service: event arrived on the bus', service));
console.log(`load average during the run: ${result.loadAverage.join(', ')} (2 cores)`);
console.log(`target p99 ≤ ${TARGET_P99_MS} ms, each order once: scheduler ${result.pass.scheduler ? 'pass' : 'FAIL'}, service ${result.pass.service ? 'pass' : 'FAIL'}`);
mkdirSync(`${here}results`, { recursive: true });
writeFileSync(`${here}results/expiry.json`, `${JSON.stringify(result, null, 2)}\n`);
console.log('wrote bench/results/expiry.json');
