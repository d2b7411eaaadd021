// The transactional outbox on real PostgreSQL and RabbitMQ: what commits is sent (promptly, and
// eventually even without a wake), what rolls back never is, a crash between the broker's confirm
// and "mark sent" resends (and the inbox absorbs it), two relays never double-send, sent rows are
// pruned, and the backlog is visible in metrics.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ManagedBus } from '../src/bus/create-bus';
import type { EventBus, OutgoingMessage, Subscription } from '../src/bus/port';
import { createPostgresDb } from '../src/db/postgres';
import type { Db } from '../src/db/port';
import { handleOnce, startConsumers } from '../src/messaging/consumer';
import { OutboxRelay, type OutboxRelayOptions } from '../src/messaging/outbox-relay';
import { Registry } from '../src/metrics';
import { openTestPglite, openTestPostgres, TEST_DATABASE_URL, type TestDb } from '../src/testing/databases';
import { waitFor } from '../src/testing/wait';
import {
  closeBus, countDeliveries, effectConsumer, effectCounts, logger, migrateFixture, observed, openBus, publishTickets,
  sleep, ticketCreated, ticketData,
} from './support/messaging';

describe('outbox relay on PostgreSQL + RabbitMQ', () => {
  let testDb: TestDb;
  let db: Db;
  let bus: ManagedBus;
  let subscriptions: Subscription[];
  let relays: OutboxRelay[];
  let extraDbs: Db[];

  beforeEach(async () => {
    testDb = await openTestPostgres('outbox');
    db = testDb.db;
    await migrateFixture(db);
    bus = await openBus();
    subscriptions = [];
    relays = [];
    extraDbs = [];
  });

  afterEach(async () => {
    await Promise.all(relays.map((relay) => relay.stop()));
    await closeBus(bus, subscriptions);
    await Promise.all(extraDbs.map((extra) => extra.close()));
    await testDb.close();
  });

  function relayOn(options: Partial<OutboxRelayOptions> = {}): OutboxRelay {
    const relay = new OutboxRelay({ db, bus, logger, ...options });
    relays.push(relay);
    return relay;
  }

  /** Another connection pool on the same schema: another process, as far as the relay can tell. */
  function secondHandle(): Db {
    const other = createPostgresDb({ url: TEST_DATABASE_URL, schema: testDb.schema, poolSize: 5 });
    extraDbs.push(other);
    return other;
  }

  async function listen(): Promise<Awaited<ReturnType<typeof countDeliveries>>> {
    const listener = await countDeliveries(bus);
    subscriptions.push(listener.subscription);
    return listener;
  }

  async function unsentCount(): Promise<number> {
    const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL');
    return row.n;
  }

  it('never sends an event whose transaction rolled back', async () => {
    const { ticketIds } = await listen();
    relayOn({ pollIntervalMs: 100 }).start();

    const rolledBack = ticketCreated('rolled back');
    await expect(db.transaction(async (tx) => {
      await tx.publish('ticket:created', rolledBack.data);
      throw new Error('the rest of the transaction failed');
    })).rejects.toThrow('the rest of the transaction failed');
    const [committed] = await publishTickets(db, 1, 'committed');

    await waitFor(() => ticketIds.has(committed), { what: 'the committed event' });
    await sleep(300); // a few more poll intervals: a stray row would have gone out by now
    expect(ticketIds.has(rolledBack.data.id)).toBe(false);
    const rows = await db.query<{ ticket: string }>("SELECT envelope->'data'->>'id' AS ticket FROM outbox");
    expect(rows.map((row) => row.ticket)).toEqual([committed]);
  });

  it('sends a committed event right after the commit, well before the next poll', async () => {
    const { ticketIds } = await listen();
    const relay = relayOn({ pollIntervalMs: 10_000 });
    relay.start();
    await sleep(200); // the first pass (empty outbox) is over; the next poll is 10 s away

    const started = performance.now();
    const [ticket] = await publishTickets(db);
    await waitFor(() => ticketIds.has(ticket), { what: 'the event', timeoutMs: 9_000, intervalMs: 5 });
    const elapsedMs = performance.now() - started;
    expect(elapsedMs).toBeLessThan(2_000);
  });

  it('publishAll writes a whole batch in one statement, in order, validated, and wakes the relay after the commit', async () => {
    const { ticketIds } = await listen();
    relayOn({ pollIntervalMs: 10_000 }).start();
    await sleep(200);

    const batch = Array.from({ length: 300 }, (_, index) => ticketData(`batch ${index}`));
    const started = performance.now();
    await db.transaction((tx) => tx.publishAll('ticket:created', batch));
    await waitFor(() => batch.every((data) => ticketIds.has(data.id)), { what: 'the whole batch', timeoutMs: 9_000, intervalMs: 5 });
    expect(performance.now() - started).toBeLessThan(2_000); // woken, not found by the 10 s poll

    const rows = await db.query<{ ticket: string; subject: string }>(
      `SELECT envelope->'data'->>'id' AS ticket, subject FROM outbox ORDER BY seq`,
    );
    expect(rows.map((row) => row.ticket)).toEqual(batch.map((data) => data.id));
    expect(new Set(rows.map((row) => row.subject))).toEqual(new Set(['ticket:created']));
    // An invalid item fails the whole transaction: nothing of the batch is written.
    await expect(db.transaction((tx) => tx.publishAll('ticket:created', [ticketData('ok'), { ...ticketData('bad'), price: -1 }])))
      .rejects.toThrow();
    expect(await db.query('SELECT 1 FROM outbox')).toHaveLength(300);
  });

  it('keeps polling: a row committed by another process, which cannot wake it, is sent within the poll interval', async () => {
    const { ticketIds } = await listen();
    relayOn({ pollIntervalMs: 500 }).start();
    await sleep(100);

    const [ticket] = await publishTickets(secondHandle());
    const started = performance.now();
    await waitFor(() => ticketIds.has(ticket), { what: 'the polled event', timeoutMs: 5_000, intervalMs: 10 });
    // One poll interval (500 ms) plus the send; generous for a noisy machine, far from "never".
    expect(performance.now() - started).toBeLessThan(2_500);
  });

  it('resends a batch whose relay died after the broker confirmed it, and the inbox applies each event once', async () => {
    const inboxSide = observed(bus);
    subscriptions.push(...await startConsumers({ db, bus: inboxSide.bus, group: 'effects', consumers: [effectConsumer], logger }));
    const { counts } = await listen();
    const tickets = await publishTickets(db, 25);

    // The broker confirms the whole batch, then the relay's transaction fails before "mark sent".
    const dyingBus: EventBus = Object.create(bus);
    dyingBus.publish = async (messages: OutgoingMessage[]) => {
      await bus.publish(messages);
      throw new Error('relay killed after the broker confirmed');
    };
    const dying = new OutboxRelay({ db, bus: dyingBus, logger, batchSize: 100 });
    expect(await dying.drain()).toBe(0);
    expect(await unsentCount()).toBe(25);

    const survivor = relayOn({ batchSize: 100 });
    expect(await survivor.drain()).toBe(25);
    expect(await unsentCount()).toBe(0);

    await waitFor(() => counts.size === 25 && [...counts.values()].every((n) => n === 2), { what: 'every event delivered twice' });
    await waitFor(() => inboxSide.log.completed.length === 50, { what: 'the inbox consumer to see both copies' });
    const effects = await effectCounts(db);
    expect([...effects.keys()].sort()).toEqual([...tickets].sort());
    expect([...effects.values()].every((n) => n === 1)).toBe(true);
  });

  it('two relays on one database send each of 2,000 events exactly once', async () => {
    const { counts } = await listen();
    const [handleA, handleB] = [secondHandle(), secondHandle()];
    const sentBy = { a: 0, b: 0 };
    const counting = (key: 'a' | 'b'): EventBus => {
      const wrapped: EventBus = Object.create(bus);
      wrapped.publish = async (messages) => { await bus.publish(messages); sentBy[key] += messages.length; };
      return wrapped;
    };
    relays.push(
      new OutboxRelay({ db: handleA, bus: counting('a'), logger, batchSize: 50, pollIntervalMs: 200 }),
      new OutboxRelay({ db: handleB, bus: counting('b'), logger, batchSize: 50, pollIntervalMs: 200 }),
    );
    relays.forEach((relay) => relay.start());

    // 200 transactions of 10 events, half through each replica's handle, 10 at a time.
    const writers = Array.from({ length: 10 }, async (_, writer) => {
      for (let i = 0; i < 20; i++) await publishTickets(writer % 2 ? handleB : handleA, 10);
    });
    await Promise.all(writers);

    await waitFor(() => counts.size === 2_000, { what: '2,000 distinct events', timeoutMs: 25_000 });
    await waitFor(async () => (await unsentCount()) === 0, { what: 'every row marked sent' });
    await sleep(500); // late duplicates would arrive now
    const duplicates = [...counts.entries()].filter(([, n]) => n !== 1);
    expect(duplicates).toEqual([]);
    expect(sentBy.a + sentBy.b).toBe(2_000);
    expect(sentBy.a).toBeGreaterThan(0);
    expect(sentBy.b).toBeGreaterThan(0);
  });

  it('one row the broker refuses stays pending and does not hold back the rest of its batch', async () => {
    const { ticketIds } = await listen();
    const good = await publishTickets(db, 5, 'routable');
    // ticket:updated has no queue on this exchange: RabbitMQ returns it (mandatory), the publish fails.
    const orphan = ticketCreated('orphan');
    await db.transaction(async (tx) => { await tx.publish('ticket:updated', { ...orphan.data, version: 1 }); });
    await bus.removeGroup('sink', 'ticket:updated');
    const more = await publishTickets(db, 5, 'after the orphan');

    const relay = relayOn({ batchSize: 100 });
    expect(await relay.drain()).toBe(0); // a partial batch ends the pass; what was confirmed is marked
    await waitFor(() => [...good, ...more].every((id) => ticketIds.has(id)), { what: 'the ten routable events' });
    const pending = await db.query<{ subject: string }>('SELECT subject FROM outbox WHERE sent_at IS NULL');
    expect(pending.map((row) => row.subject)).toEqual(['ticket:updated']);

    // Once its queue exists, the next pass sends it.
    await bus.declare([{ group: 'sink', subject: 'ticket:updated' }]);
    expect(await relay.drain()).toBe(1);
    expect(await unsentCount()).toBe(0);
  });

  it('stops between batches when asked, instead of draining a long backlog first', async () => {
    await listen();
    await publishTickets(db, 300);
    const slowBus: EventBus = Object.create(bus);
    slowBus.publish = async (messages) => { await sleep(50); await bus.publish(messages); };
    const relay = new OutboxRelay({ db, bus: slowBus, logger, batchSize: 1 });
    relays.push(relay);
    relay.start();
    await sleep(300);
    const stopping = performance.now();
    await relay.stop();
    expect(performance.now() - stopping).toBeLessThan(1_000);
    expect(await unsentCount()).toBeGreaterThan(200);
  });

  it('prunes sent rows (and handled inbox rows) older than the retention, never unsent ones', async () => {
    await publishTickets(db, 3);
    const relay = relayOn({ retentionMs: 1 });
    expect(await relay.drain()).toBe(3);
    await handleOnce(db, 'effects', ticketCreated(), async () => undefined);
    await publishTickets(db, 1, 'still pending');

    // The default retention (7 days) keeps everything.
    await relayOn().prune();
    expect((await db.query('SELECT 1 FROM outbox')).length).toBe(4);
    expect((await db.query('SELECT 1 FROM inbox')).length).toBe(1);

    await sleep(20);
    await relay.prune();
    const left = await db.query<{ title: string; sent: boolean }>("SELECT envelope->'data'->>'title' AS title, sent_at IS NOT NULL AS sent FROM outbox");
    expect(left).toEqual([{ title: 'still pending', sent: false }]);
    expect((await db.query('SELECT 1 FROM inbox')).length).toBe(0);
  });

  it('exposes outbox_backlog and outbox_oldest_age_seconds on the registry', async () => {
    const registry = new Registry();
    const relay = relayOn({ registry });
    await publishTickets(db, 2);
    await sleep(50);

    const before = await registry.getMetricsAsJSON();
    const value = (metrics: typeof before, name: string) => metrics.find((metric) => metric.name === name)?.values[0]?.value;
    expect(value(before, 'outbox_backlog')).toBe(2);
    expect(value(before, 'outbox_oldest_age_seconds')).toBeGreaterThan(0);
    expect(await registry.metrics()).toMatch(/^outbox_backlog 2$/m);

    await relay.drain();
    const after = await registry.getMetricsAsJSON();
    expect(value(after, 'outbox_backlog')).toBe(0);
    expect(value(after, 'outbox_oldest_age_seconds')).toBe(0);
  });
});

// Embedded mode runs the same relay on PGlite with the in-process bus.
describe('outbox relay on PGlite + in-process bus', () => {
  let pglite: Awaited<ReturnType<typeof openTestPglite>>;
  let bus: ManagedBus;
  let relay: OutboxRelay;
  let subscription: Subscription;
  beforeAll(async () => { pglite = await openTestPglite('outbox'); });
  afterAll(async () => { await pglite.close(); });
  beforeEach(async () => { bus = await openBus('memory://'); });
  afterEach(async () => {
    await relay.stop();
    await closeBus(bus, [subscription]);
  });

  it('sends what commits right after the commit, never what rolls back, and reports and prunes its rows', async () => {
    const db = pglite.db;
    await migrateFixture(db);
    const registry = new Registry();
    relay = new OutboxRelay({ db, bus, logger, registry, pollIntervalMs: 10_000, retentionMs: 1 });
    const listener = await countDeliveries(bus);
    subscription = listener.subscription;

    const rolledBack = ticketCreated('rolled back');
    await expect(db.transaction(async (tx) => {
      await tx.publish('ticket:created', rolledBack.data);
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    const pending = await publishTickets(db, 2, 'pending');
    expect(await registry.metrics()).toMatch(/^outbox_backlog 2$/m);

    relay.start();
    await waitFor(() => pending.every((id) => listener.ticketIds.has(id)), { what: 'the rows pending at start' });
    await sleep(100);
    const started = performance.now();
    const [prompt] = await publishTickets(db, 1, 'prompt');
    await waitFor(() => listener.ticketIds.has(prompt), { what: 'the prompt event', timeoutMs: 9_000, intervalMs: 5 });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(listener.ticketIds.has(rolledBack.data.id)).toBe(false);
    expect([...listener.counts.values()]).toEqual([1, 1, 1]);

    await waitFor(async () => (await relay.backlog()).backlog === 0, { what: 'rows marked sent' });
    await sleep(20);
    await relay.prune();
    expect(await db.query('SELECT 1 FROM outbox')).toEqual([]);
  });
});
