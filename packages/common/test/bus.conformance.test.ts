// One conformance suite for the three bus adapters (the in-process one also with its journal) (architecture decision 4): the same tests, on
// real brokers, each test on its own exchange / stream so suites can run side by side.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { context, ROOT_CONTEXT, type Context, type ContextManager } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { createInProcessBus } from '../src/bus/in-process';
import { createNatsBus } from '../src/bus/nats';
import type { ManagedBus } from '../src/bus/create-bus';
import { PublishFailed, type Handler, type IncomingMessage, type RetryPolicy, type Subscription } from '../src/bus/port';
import { createRabbitBus } from '../src/bus/rabbitmq';
import { DependencyUnavailable, PermanentError } from '../src/bus/handler-errors';
import { NotReadyYet } from '../src/messaging/consumer';
import { makeEnvelope, type Envelope } from '../src/events/contracts';
import { BusMetrics, Registry } from '../src/metrics';
import { activeTraceId } from '../src/tracing';

// A process gets its context manager from the OpenTelemetry SDK; this suite has no SDK, so it
// installs the same AsyncLocalStorage-based one to see the trace context inside handlers.
class AsyncLocalContextManager implements ContextManager {
  private readonly storage = new AsyncLocalStorage<Context>();
  active(): Context { return this.storage.getStore() ?? ROOT_CONTEXT; }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(ctx: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F> {
    return this.storage.run(ctx, () => fn.apply(thisArg, args));
  }
  bind<T>(ctx: Context, target: T): T {
    if (typeof target !== 'function') return target;
    const run = (thisArg: unknown, args: unknown[]) => this.with(ctx, () => (target as (...a: unknown[]) => unknown).apply(thisArg, args));
    return function (this: unknown, ...args: unknown[]) { return run(this, args); } as T;
  }
  enable(): this { return this; }
  disable(): this { this.storage.disable(); return this; }
}
context.setGlobalContextManager(new AsyncLocalContextManager());

const RABBIT_URL = process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const fastPolicy: RetryPolicy = { maxAttempts: 10, baseDelayMs: 50, maxDelayMs: 1_000 };

const suffix = () => `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

const adapters: Array<{ name: string; open: (policy: RetryPolicy, metrics?: BusMetrics) => Promise<ManagedBus> }> = [
  { name: 'in-process', open: async (policy, metrics) => createInProcessBus({ policy, metrics }) },
  {
    name: 'in-process with journal',
    open: async (policy, metrics) => createInProcessBus({ policy, metrics, journalPath: join(mkdtempSync(join(tmpdir(), 'bus-journal-')), 'journal.jsonl') }),
  },
  { name: 'rabbitmq', open: async (policy, metrics) => createRabbitBus({ url: RABBIT_URL, exchange: `test-bus-${suffix()}`, policy, metrics }) },
  {
    name: 'rabbitmq with quorum queues',
    open: async (policy, metrics) => createRabbitBus({ url: RABBIT_URL, exchange: `test-bus-q-${suffix()}`, queueType: 'quorum', policy, metrics }),
  },
  {
    name: 'nats',
    open: (policy, metrics) => {
      const id = suffix();
      return createNatsBus({ url: NATS_URL, stream: `TEST_BUS_${id}`, subjectPrefix: `testbus_${id}`, policy, metrics });
    },
  },
];

function ticketCreated(title = 'concert'): Envelope<'ticket:created'> {
  return makeEnvelope('ticket:created', { id: randomUUID(), version: 0, title, price: 20, userId: randomUUID() });
}

async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function counterValue(counter: BusMetrics['published'], labels: Record<string, string>): Promise<number> {
  const { values } = await counter.get();
  return values.filter((value) => Object.entries(labels).every(([key, label]) => value.labels[key] === label))
    .reduce((sum, value) => sum + value.value, 0);
}

describe.each(adapters)('event bus conformance: $name', ({ open }) => {
  let bus: ManagedBus | undefined;
  let subscriptions: Subscription[] = [];

  async function start(policy: RetryPolicy = fastPolicy, metrics?: BusMetrics): Promise<ManagedBus> {
    bus = await open(policy, metrics);
    return bus;
  }

  async function subscribe(group: string, handler: Handler, subject: 'ticket:created' | 'ticket:updated' = 'ticket:created', concurrency?: number) {
    const subscription = await bus!.subscribe({ group, subject, handler, concurrency });
    subscriptions.push(subscription);
    return subscription;
  }

  afterEach(async () => {
    await Promise.allSettled(subscriptions.map((subscription) => subscription.close()));
    subscriptions = [];
    if (bus) {
      await bus.destroy();
      await bus.close();
    }
    bus = undefined;
  });

  it('delivers every event to every group, and only the subjects it subscribed to', async () => {
    await start();
    const seen: Record<string, string[]> = { a: [], b: [], aUpdated: [] };
    await subscribe('group-a', async ({ envelope }) => { seen.a.push(envelope.id); });
    await subscribe('group-b', async ({ envelope }) => { seen.b.push(envelope.id); });
    await subscribe('group-a', async ({ envelope }) => { seen.aUpdated.push(envelope.id); }, 'ticket:updated');

    const created = Array.from({ length: 5 }, () => ticketCreated());
    const updated = makeEnvelope('ticket:updated', { ...created[0].data, version: 1, title: 'renamed' });
    await bus!.publish([...created, updated].map((envelope) => ({ envelope, headers: {} })));

    const ids = created.map((envelope) => envelope.id).sort();
    await waitFor(() => seen.a.length >= 5 && seen.b.length >= 5 && seen.aUpdated.length >= 1, 'deliveries');
    await sleep(200);
    expect([...seen.a].sort()).toEqual(ids);
    expect([...seen.b].sort()).toEqual(ids);
    expect(seen.aUpdated).toEqual([updated.id]);
  });

  it('keeps messages for a declared group until it subscribes, while away and before it ever subscribed', async () => {
    await start();
    await bus!.declare([{ group: 'durable', subject: 'ticket:created' }]);
    const before = ticketCreated('before the first subscribe');
    await bus!.publish([{ envelope: before, headers: {} }]);
    const early: string[] = [];
    const first = await subscribe('durable', async ({ envelope }) => { early.push(envelope.id); });
    await waitFor(() => early.length >= 1, 'the message published before the group subscribed');
    await first.close();

    const whileAway = [ticketCreated('away 1'), ticketCreated('away 2')];
    await bus!.publish(whileAway.map((envelope) => ({ envelope, headers: {} })));
    const received: string[] = [];
    await subscribe('durable', async ({ envelope }) => { received.push(envelope.id); });
    await waitFor(() => received.length >= 2, 'messages kept while away');
    await sleep(200);
    expect(early).toEqual([before.id]);
    expect(received.sort()).toEqual(whileAway.map((envelope) => envelope.id).sort());
  });

  it('never confirms a publish into nowhere: it is refused, or kept for the group that comes later', async () => {
    await start();
    const orphan = ticketCreated('published before any group existed');
    const outcome = await bus!.publish([{ envelope: orphan, headers: {} }]).then(() => 'confirmed', (error: Error) => error);
    if (outcome === 'confirmed') {
      // NATS: the stream keeps it, and a durable consumer created later starts from the stream's history.
      expect(bus!.kind).toBe('nats');
      const received: string[] = [];
      await subscribe('latecomer', async ({ envelope }) => { received.push(envelope.id); });
      await waitFor(() => received.includes(orphan.id), 'the event published before the group existed');
    } else {
      expect(outcome).toBeInstanceOf(PublishFailed);
      expect((outcome as PublishFailed).confirmed).toEqual([]);
      expect((outcome as PublishFailed).failures.map((failure) => failure.id)).toEqual([orphan.id]);
    }
  });

  it('reports which messages of a batch were confirmed when some have no queue', async () => {
    await start();
    await bus!.declare([{ group: 'only-created', subject: 'ticket:created' }]);
    const created = ticketCreated();
    const updated = makeEnvelope('ticket:updated', { ...created.data, version: 1, title: 'no queue for this one' });
    const outcome = await bus!.publish([created, updated].map((envelope) => ({ envelope, headers: {} }))).then(() => undefined, (error: Error) => error);
    if (bus!.kind === 'nats') {
      expect(outcome).toBeUndefined();
    } else {
      expect(outcome).toBeInstanceOf(PublishFailed);
      expect((outcome as PublishFailed).confirmed).toEqual([created.id]);
    }
  });

  it('shares a group\'s work between replicas without handling a message twice', async () => {
    await start();
    const handled: Array<{ replica: number; id: string }> = [];
    const replica = (n: number): Handler => async ({ envelope }) => {
      await sleep(15);
      handled.push({ replica: n, id: envelope.id });
    };
    await subscribe('workers', replica(1), 'ticket:created', 1);
    await subscribe('workers', replica(2), 'ticket:created', 1);

    const events = Array.from({ length: 30 }, (_, i) => ticketCreated(`t${i}`));
    await bus!.publish(events.map((envelope) => ({ envelope, headers: {} })));
    await waitFor(() => handled.length >= 30, 'all messages handled');
    await sleep(300);
    expect(handled).toHaveLength(30);
    expect(new Set(handled.map((entry) => entry.id)).size).toBe(30);
    expect(handled.filter((entry) => entry.replica === 1).length).toBeGreaterThan(0);
    expect(handled.filter((entry) => entry.replica === 2).length).toBeGreaterThan(0);
  });

  it('acknowledges only after success: a handler that throws gets the message again', async () => {
    await start();
    const deliveries: IncomingMessage[] = [];
    await subscribe('flaky', async (message) => {
      deliveries.push(message);
      if (message.attempt === 1) throw new Error('database unavailable');
    });
    const event = ticketCreated();
    await bus!.publish([{ envelope: event, headers: {} }]);
    await waitFor(() => deliveries.length >= 2, 'redelivery');
    await sleep(400);
    expect(deliveries.map((message) => message.attempt)).toEqual([1, 2]);
    expect(deliveries.map((message) => message.envelope)).toEqual([event, event]);
  });

  it('retries with increasing delay', async () => {
    await start({ maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1_000 });
    const times: number[] = [];
    await subscribe('backoff', async () => {
      times.push(performance.now());
      throw new Error('not yet');
    });
    await bus!.publish([{ envelope: ticketCreated(), headers: {} }]);
    await waitFor(() => times.length >= 4, 'four attempts');
    const gaps = times.slice(1).map((time, i) => time - times[i]);
    // Expected 100, 200, 400 ms: never early, not much late, each longer than the one before.
    [100, 200, 400].forEach((expected, i) => {
      expect(gaps[i]).toBeGreaterThanOrEqual(expected * 0.9);
      expect(gaps[i]).toBeLessThan(expected + 600);
    });
    // Growing, by the policy's doubling (a busy machine adds a constant to each gap, not a factor).
    expect(gaps[1]).toBeGreaterThan(gaps[0] + 50);
    expect(gaps[2]).toBeGreaterThan(gaps[1] + 100);
  });

  it('dead-letters after maxAttempts with the last error; replay brings it back, drop deletes', async () => {
    await start({ maxAttempts: 3, baseDelayMs: 50, maxDelayMs: 1_000 });
    let failing = true;
    const attempts: Array<{ id: string; attempt: number }> = [];
    const succeeded: string[] = [];
    await subscribe('doomed', async ({ envelope, attempt }) => {
      attempts.push({ id: envelope.id, attempt });
      if (failing) throw new Error(`boom on attempt ${attempt}`);
      succeeded.push(envelope.id);
    });

    const event = ticketCreated();
    await bus!.publish([{ envelope: event, headers: {} }]);
    let letters = await pollLetters(1);
    expect(letters).toHaveLength(1);
    const [letter] = letters;
    expect(letter).toMatchObject({ group: 'doomed', subject: 'ticket:created', attempts: 3 });
    expect(letter.error).toContain('boom on attempt 3');
    expect(JSON.parse(letter.body).id).toBe(event.id);
    expect(Number.isNaN(Date.parse(letter.deadAt))).toBe(false);
    await sleep(300);
    expect(attempts.map((entry) => entry.attempt)).toEqual([1, 2, 3]);

    failing = false;
    expect(await bus!.deadLetters.replay([letter.ref])).toBe(1);
    await waitFor(() => succeeded.includes(event.id), 'replayed message handled');
    expect(attempts.at(-1)).toEqual({ id: event.id, attempt: 1 });
    expect(await bus!.deadLetters.list()).toEqual([]);

    failing = true;
    const second = ticketCreated('second');
    await bus!.publish([{ envelope: second, headers: {} }]);
    letters = await pollLetters(1);
    expect(JSON.parse(letters[0].body).id).toBe(second.id);
    expect(await bus!.deadLetters.drop()).toBe(1);
    expect(await bus!.deadLetters.list()).toEqual([]);
  });

  async function pollLetters(count: number) {
    let letters = await bus!.deadLetters.list();
    await waitFor(async () => (letters = await bus!.deadLetters.list()).length >= count, `${count} dead letter(s)`);
    return letters;
  }

  it('waiting is not failing: a handler that waits far past maxAttempts is never dead-lettered, and the oldest wait is visible', async () => {
    const registry = new Registry();
    const metrics = new BusMetrics(registry);
    await start({ maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 100, maxWaitDelayMs: 100 }, metrics);
    let ready = false;
    const attempts: number[] = [];
    await subscribe('patient', async ({ attempt }) => {
      attempts.push(attempt);
      if (!ready) throw new DependencyUnavailable('payment provider unreachable');
    });
    const event = ticketCreated();
    await bus!.publish([{ envelope: event, headers: {} }]);
    await waitFor(() => attempts.length >= 12, 'twelve waits (four times maxAttempts)', 20_000);
    const oldest = (await registry.getSingleMetricAsString('bus_oldest_wait_seconds'));
    expect(oldest).toMatch(/bus_oldest_wait_seconds\{group="patient",subject="ticket:created"\} [0-9.]+/);
    expect(Number(/\} ([0-9.e-]+)/.exec(oldest)![1])).toBeGreaterThan(0);
    expect(await bus!.deadLetters.list()).toEqual([]);
    ready = true;
    const handledAt = attempts.length;
    await waitFor(() => attempts.length > handledAt, 'handled once the dependency is back');
    await sleep(300);
    expect(await bus!.deadLetters.list()).toEqual([]);
    expect(attempts.length).toBe(handledAt + 1);
    expect(await registry.getSingleMetricAsString('bus_oldest_wait_seconds')).not.toMatch(/group="patient"/);
  });

  it('poison is still dead-lettered: repeated unexpected errors after maxAttempts, a permanent error at once', async () => {
    await start({ maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 100 });
    const attempts: Record<string, number> = {};
    await subscribe('strict', async ({ envelope }) => {
      const { title } = envelope.data as { title: string };
      attempts[title] = (attempts[title] ?? 0) + 1;
      if (title === 'permanent') throw new PermanentError('this can never be applied');
      throw new Error('bug in the handler');
    });
    await bus!.publish([ticketCreated('unexpected'), ticketCreated('permanent')].map((envelope) => ({ envelope, headers: {} })));
    const letters = await pollLetters(2);
    await sleep(300);
    expect(attempts).toEqual({ unexpected: 3, permanent: 1 });
    const byTitle = Object.fromEntries(letters.map((letter) => [JSON.parse(letter.body).data.title, letter]));
    expect(byTitle.permanent.error).toContain('PermanentError');
    expect(byTitle.unexpected.error).toContain('bug in the handler');
  });

  it('a wait between failures does not reset nor add to the failure count', async () => {
    await start({ maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 100 });
    const seen: number[] = [];
    await subscribe('mixed', async ({ attempt }) => {
      seen.push(attempt);
      // fail, wait, wait, wait, fail, wait → then the third failure dead-letters it (attempt 7)
      if ([1, 5, 7].includes(attempt)) throw new Error(`failure at ${attempt}`);
      throw new NotReadyYet(`waiting at ${attempt}`);
    });
    await bus!.publish([{ envelope: ticketCreated(), headers: {} }]);
    const [letter] = await pollLetters(1);
    await sleep(300);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(letter.error).toContain('failure at 7');
  });

  it('a hung handler times out and is retried instead of holding its message for ever', async () => {
    await start({ maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 100, handlerTimeoutMs: 300 });
    const attempts: number[] = [];
    const done: number[] = [];
    await subscribe('stuck', async ({ attempt }) => {
      attempts.push(attempt);
      if (attempt === 1) await new Promise(() => undefined); // never settles
      done.push(attempt);
    });
    await bus!.publish([{ envelope: ticketCreated(), headers: {} }]);
    await waitFor(() => done.length >= 1, 'the retry after the timeout', 10_000);
    expect(attempts.slice(0, 2)).toEqual([1, 2]);
    expect(await bus!.deadLetters.list()).toEqual([]);
  });

  it('dead-letters an invalid message at once and keeps consuming valid ones', async () => {
    await start();
    const received: IncomingMessage[] = [];
    await subscribe('strict', async (message) => { received.push(message); });

    await bus!.publishRaw('ticket:created', 'this is not JSON');
    const invalidData = { ...ticketCreated(), data: { id: 'not-a-uuid', version: 0, title: '', price: -1 } };
    await bus!.publishRaw('ticket:created', JSON.stringify(invalidData));
    const valid = ticketCreated('valid');
    await bus!.publish([{ envelope: valid, headers: {} }]);

    await waitFor(() => received.length >= 1, 'the valid message');
    const letters = await pollLetters(2);
    await sleep(200);
    expect(received.map((message) => message.envelope.id)).toEqual([valid.id]);
    expect(letters).toHaveLength(2);
    for (const letter of letters) {
      expect(letter.attempts).toBe(1);
      expect(letter.error).toContain('InvalidMessageError');
      expect(letter.group).toBe('strict');
    }
    expect(letters.map((letter) => letter.body).sort()).toEqual([JSON.stringify(invalidData), 'this is not JSON'].sort());
  });

  it('carries the trace context in headers, also on redelivery', async () => {
    await start();
    const traceId = randomBytes(16).toString('hex');
    const traceparent = `00-${traceId}-${randomBytes(8).toString('hex')}-01`;
    const seen: Array<{ active: string | undefined; header: string | undefined }> = [];
    await subscribe('traced', async ({ headers, attempt }) => {
      seen.push({ active: activeTraceId(), header: headers.traceparent });
      if (attempt === 1) throw new Error('once more');
    });
    await bus!.publish([{ envelope: ticketCreated(), headers: { traceparent, tracestate: 'vendor=value' } }]);
    await waitFor(() => seen.length >= 2, 'two deliveries');
    expect(seen).toEqual([{ active: traceId, header: traceparent }, { active: traceId, header: traceparent }]);
  });

  it('counts published, consumed, retried and dead-lettered messages', async () => {
    const metrics = new BusMetrics(new Registry());
    await start(fastPolicy, metrics);
    let failedOnce = false;
    await subscribe('counted', async () => {
      if (!failedOnce) { failedOnce = true; throw new Error('first one fails'); }
    });
    await bus!.publish([ticketCreated(), ticketCreated()].map((envelope) => ({ envelope, headers: {} })));
    await bus!.publishRaw('ticket:created', '{}');
    const labels = { group: 'counted', subject: 'ticket:created' };
    await waitFor(async () => (await counterValue(metrics.consumed, labels)) >= 2 && (await counterValue(metrics.deadLettered, labels)) >= 1, 'counters');
    expect(await counterValue(metrics.published, { subject: 'ticket:created' })).toBe(2);
    expect(await counterValue(metrics.consumed, labels)).toBe(2);
    expect(await counterValue(metrics.retried, labels)).toBe(1);
    expect(await counterValue(metrics.deadLettered, labels)).toBe(1);
  });
});
