// P3 propagate (quality.md): a ticket written with its event in one transaction → the outbox relay
// → RabbitMQ → a consumer that applies it to a replica through the inbox and commits. Measures,
// in one run:
//   1. the raw bus baseline: bench/bus-latency.ts (publish→consume, no database) at the same rate;
//   2. propagation latency at a steady rate (default 500 events/s), after a 2 s warm-up at that
//      rate: producer commit → replica commit (and producer transaction start → replica commit),
//      p50/p90/p99/max;
//   3. relay throughput: a burst of 20,000 pending outbox rows drained by one relay, events/s
//      (and the consumer's end-to-end rate for the same burst, for information).
// The producer (tickets: row + outbox, relay) and the consumer (orders: inbox + replica) each have
// their own database and pool, as services do; the consumer runs at a service's default concurrency.
//   npx tsx bench/propagation.ts [--url amqp://…] [--rate 500] [--seconds 10] [--burst 20000]
// Prints a table and writes bench/results/propagation.json; runPropagationBench() is the same for a
// bench runner (returns { name, checks, details }).
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createBus } from '../packages/common/src/bus/create-bus';
import type { EventBus, Subscription } from '../packages/common/src/bus/port';
import { migrate } from '../packages/common/src/db/migrate';
import type { Db } from '../packages/common/src/db/port';
import type { EventData } from '../packages/common/src/events/contracts';
import { silentLogger } from '../packages/common/src/logger';
import { consumer, startConsumers } from '../packages/common/src/messaging/consumer';
import { OutboxRelay } from '../packages/common/src/messaging/outbox-relay';
import { openTestPostgres, uniqueName } from '../packages/common/src/testing/databases';

export interface PropagationOptions {
  /** Bus URL (RabbitMQ by default). */
  url: string;
  /** Events per second of the steady phase, and its length. */
  rate: number;
  seconds: number;
  /** Outbox rows of the relay-throughput burst. */
  burst: number;
}

const logger = silentLogger();
const WARM_UP_SECONDS = 2;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const here = fileURLToPath(new URL('.', import.meta.url));

interface Percentiles { p50: number; p90: number; p99: number; max: number }
type BusBaseline = Percentiles & { adapter: string; achievedRate: number; received: number; sent: number };

function percentiles(samples: number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => Number((sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN).toFixed(1));
  return { p50: at(50), p90: at(90), p99: at(99), max: at(100) };
}

/** The raw bus baseline, measured by bench/bus-latency.ts itself (its last output line is JSON). */
function busBaseline({ url, rate, seconds }: PropagationOptions): BusBaseline {
  const output = execFileSync('npx', ['tsx', `${here}bus-latency.ts`, '--url', url, '--rate', String(rate), '--seconds', String(seconds)], { encoding: 'utf8' });
  return JSON.parse(output.trim().split('\n').at(-1)!) as BusBaseline;
}

function ticket(i: number): EventData<'ticket:created'> {
  return { id: randomUUID(), version: 0, title: `bench ${i}`, price: 10, userId: randomUUID() };
}

/** What a tickets service does: the ticket row and its event in one transaction. */
async function createTicket(db: Db, data: EventData<'ticket:created'>): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('INSERT INTO tickets (id, title, price) VALUES ($1, $2, $3)', [data.id, data.title, data.price]);
    await tx.publish('ticket:created', data);
  });
}

/** What orders does with it: a replica row, through the inbox. */
const replicate = consumer({
  subject: 'ticket:created',
  async handle({ data }, tx) {
    await tx.query('INSERT INTO replica (id, title, price) VALUES ($1, $2, $3)', [data.id, data.title, data.price]);
  },
});

/** The bus with each subscriber's handler timed: it returns after the inbox transaction committed. */
function timedBus(bus: EventBus, appliedAt: Map<string, number>): EventBus {
  const wrapped: EventBus = Object.create(bus);
  wrapped.subscribe = (options) => bus.subscribe({
    ...options,
    handler: async (message) => {
      await options.handler(message);
      appliedAt.set((message.envelope.data as { id: string }).id, performance.now());
    },
  });
  return wrapped;
}

/** The bus as the relay sees it, with the time the broker confirmed each event. */
function confirmTimedBus(bus: EventBus, confirmedAt: Map<string, number>): EventBus {
  const wrapped: EventBus = Object.create(bus);
  wrapped.publish = async (messages) => {
    await bus.publish(messages);
    const now = performance.now();
    for (const { envelope } of messages) confirmedAt.set((envelope.data as { id: string }).id, now);
  };
  return wrapped;
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await sleep(20);
}

async function steadyLatency({ rate, seconds }: PropagationOptions, db: Db, appliedAt: Map<string, number>, confirmedAt: Map<string, number>) {
  const startedAt = new Map<string, number>();
  const committedAt = new Map<string, number>();
  const total = Math.round(rate * seconds);
  const writes: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const wait = start + (i * 1000) / rate - performance.now();
    if (wait > 1) await sleep(wait);
    const data = ticket(i);
    startedAt.set(data.id, performance.now());
    writes.push(createTicket(db, data).then(() => { committedAt.set(data.id, performance.now()); }));
  }
  await Promise.all(writes);
  const achievedRate = total / ((performance.now() - start) / 1000);
  await waitUntil(() => [...startedAt.keys()].every((id) => appliedAt.has(id)), 30_000);
  const fromCommit: number[] = [];
  const fromStart: number[] = [];
  const toConfirm: number[] = [];
  for (const [id, started] of startedAt) {
    const applied = appliedAt.get(id);
    if (applied === undefined) continue;
    fromStart.push(applied - started);
    fromCommit.push(applied - committedAt.get(id)!);
    toConfirm.push(confirmedAt.get(id)! - committedAt.get(id)!);
  }
  return { sent: total, achievedRate: Math.round(achievedRate), applied: fromCommit.length, commitToReplica: percentiles(fromCommit), commitToConfirmed: percentiles(toConfirm), writeToReplica: percentiles(fromStart) };
}

async function burstThroughput({ burst }: PropagationOptions, db: Db, bus: EventBus, appliedAt: Map<string, number>) {
  appliedAt.clear();
  const ids: string[] = [];
  const perTransaction = 500;
  for (let offset = 0; offset < burst; offset += perTransaction * 4) {
    await Promise.all([0, 1, 2, 3].map((lane) => db.transaction(async (tx) => {
      for (let i = offset + lane * perTransaction; i < Math.min(burst, offset + (lane + 1) * perTransaction); i++) {
        const data = ticket(i);
        ids.push(data.id);
        await tx.publish('ticket:created', data);
      }
    })));
  }
  // A relay started after the burst was written: it finds 20,000 pending rows.
  const relay = new OutboxRelay({ db, bus, logger });
  const start = performance.now();
  const sent = await relay.drain();
  const relaySeconds = (performance.now() - start) / 1000;
  await waitUntil(() => appliedAt.size >= ids.length, 120_000);
  const appliedSeconds = (Math.max(...appliedAt.values()) - start) / 1000;
  return {
    rows: burst, sent, relaySeconds: Number(relaySeconds.toFixed(2)), relayEventsPerSecond: Math.round(sent / relaySeconds),
    applied: appliedAt.size, endToEndEventsPerSecond: Math.round(appliedAt.size / appliedSeconds),
  };
}

/** The steady phase and the burst, on two service-like databases, one bus and one relay. */
async function measure(options: PropagationOptions) {
  // Two services, two databases (schemas with their own pools): tickets writes, orders replicates.
  const ticketsDb = await openTestPostgres('bench_tickets');
  const ordersDb = await openTestPostgres('bench_orders');
  const { db } = ticketsDb;
  const bus = await createBus(options.url, { exchange: uniqueName('bench_propagation'), logger });
  const appliedAt = new Map<string, number>();
  const confirmedAt = new Map<string, number>();
  const relay = new OutboxRelay({ db, bus: confirmTimedBus(bus, confirmedAt), logger });
  let subscriptions: Subscription[] = [];
  try {
    await migrate(db, `${here}none`);
    await migrate(ordersDb.db, `${here}none`);
    await db.query('CREATE TABLE tickets (id uuid PRIMARY KEY, title text NOT NULL, price float8 NOT NULL)');
    await ordersDb.db.query('CREATE TABLE replica (id uuid PRIMARY KEY, title text NOT NULL, price float8 NOT NULL)');
    // The consumer concurrency a service gets by default (createService leaves it to the bus: 10).
    subscriptions = await startConsumers({ db: ordersDb.db, bus: timedBus(bus, appliedAt), group: 'replica', consumers: [replicate], logger });
    console.log(`propagation: ticket + outbox → relay → consumer + inbox at ${options.rate}/s for ${options.seconds} s …`);
    relay.start();
    // Warm-up at the same rate, not measured: the pools open their connections and V8 compiles the
    // hot paths (otherwise the first second's cold start is the whole p99).
    await steadyLatency({ ...options, seconds: WARM_UP_SECONDS }, db, appliedAt, confirmedAt);
    const steady = await steadyLatency(options, db, appliedAt, confirmedAt);
    await relay.stop();
    console.log(`relay throughput: burst of ${options.burst} rows …`);
    const throughput = await burstThroughput(options, db, bus, appliedAt);
    return { adapter: bus.kind, steady, throughput };
  } finally {
    await relay.stop();
    await Promise.allSettled(subscriptions.map((subscription) => subscription.close()));
    await bus.destroy().catch(() => undefined);
    await bus.close();
    await ticketsDb.close();
    await ordersDb.close();
  }
}

function printTable(baseline: BusBaseline, steady: Awaited<ReturnType<typeof steadyLatency>>) {
  const row = (name: string, p: Percentiles) => `| ${name.padEnd(38)} | ${String(p.p50).padStart(7)} | ${String(p.p90).padStart(7)} | ${String(p.p99).padStart(7)} | ${String(p.max).padStart(7)} |`;
  console.log('');
  console.log(`| ${'latency, ms'.padEnd(38)} |     p50 |     p90 |     p99 |     max |`);
  console.log(row(`raw bus (${baseline.received}/${baseline.sent}, ~${baseline.achievedRate}/s)`, baseline));
  console.log(row(`commit → replica (${steady.applied}/${steady.sent}, ~${steady.achievedRate}/s)`, steady.commitToReplica));
  console.log(row('write start → replica', steady.writeToReplica));
  console.log(row('commit → relay got broker confirm', steady.commitToConfirmed));
}

/** Runs P3 and writes bench/results/propagation.json; returns what a bench runner tabulates. */
export async function runPropagationBench(options: PropagationOptions) {
  // Shared machines are noisy: the load average goes into the results next to the figures.
  const loadBefore = loadavg()[0];
  console.log(`baseline: raw ${options.url.split(':')[0]} publish→consume at ${options.rate}/s for ${options.seconds} s …`);
  const baseline = busBaseline(options);
  const { adapter, steady, throughput } = await measure(options);
  const added = {
    p50: Number((steady.commitToReplica.p50 - baseline.p50).toFixed(1)),
    p99: Number((steady.commitToReplica.p99 - baseline.p99).toFixed(1)),
  };
  const checks = [
    { id: 'P3', what: 'propagate p50 added over raw bus', target: '≤ 10 ms', measured: `${added.p50} ms`, pass: added.p50 <= 10 },
    { id: 'P3', what: 'propagate p99 added over raw bus', target: '≤ 50 ms', measured: `${added.p99} ms`, pass: added.p99 <= 50 },
    { id: 'P3', what: 'events applied at the steady rate', target: `${steady.sent}`, measured: `${steady.applied}`, pass: steady.applied === steady.sent },
  ];
  const details = {
    adapter, options, baseline, steady, added, throughput,
    loadAverage1m: { before: Number(loadBefore.toFixed(2)), after: Number(loadavg()[0].toFixed(2)) },
  };
  printTable(baseline, steady);
  for (const check of checks) console.log(`${check.pass ? 'pass' : 'FAIL'}  ${check.what}: ${check.measured} (target ${check.target})`);
  console.log(`1-minute load average: ${details.loadAverage1m.before} before, ${details.loadAverage1m.after} after (2 cores)`);
  console.log(`relay: ${throughput.sent} rows in ${throughput.relaySeconds} s = ${throughput.relayEventsPerSecond} events/s; consumer end to end ${throughput.applied} at ${throughput.endToEndEventsPerSecond} events/s`);
  const result = { name: 'propagation', checks, details };
  mkdirSync(`${here}results`, { recursive: true });
  writeFileSync(`${here}results/propagation.json`, `${JSON.stringify({ ...result, measuredAt: new Date().toISOString() }, null, 2)}\n`);
  console.log('wrote bench/results/propagation.json');
  return result;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      url: { type: 'string', default: process.env.BUS_URL ?? 'amqp://guest:guest@127.0.0.1:5672' },
      rate: { type: 'string', default: '500' },
      seconds: { type: 'string', default: '10' },
      burst: { type: 'string', default: '20000' },
    },
  });
  await runPropagationBench({ url: values.url, rate: Number(values.rate), seconds: Number(values.seconds), burst: Number(values.burst) });
}
