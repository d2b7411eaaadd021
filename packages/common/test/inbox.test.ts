// The inbox: a consumer's effect and its (event id, group) claim commit together, so duplicates
// have no second effect, a failed handler leaves nothing behind (the retry applies it), what the
// handler publishes commits with its effect, and NotReadyYet waits for the missing version.
// PostgreSQL + RabbitMQ, and PGlite + the in-process bus (embedded mode).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ManagedBus } from '../src/bus/create-bus';
import type { Subscription } from '../src/bus/port';
import type { PgliteHost } from '../src/db/pglite';
import type { Db } from '../src/db/port';
import { makeEnvelope } from '../src/events/contracts';
import { consumer, handleOnce, NotReadyYet, startConsumers, type Consumer } from '../src/messaging/consumer';
import { openTestPglite, openTestPostgres, uniqueName, type TestDb, type TestDbKind } from '../src/testing/databases';
import { waitFor } from '../src/testing/wait';
import {
  closeBus, effectConsumer, effectCounts, logger, migrateFixture, observed, openBus, RABBIT_URL, recordEffect,
  replicaConsumers, sleep, ticketCreated,
} from './support/messaging';

const setups: Array<{ name: string; db: TestDbKind; busUrl: string }> = [
  { name: 'PostgreSQL + RabbitMQ', db: 'postgres', busUrl: RABBIT_URL },
  { name: 'PGlite + in-process bus', db: 'pglite', busUrl: 'memory://' },
];

async function pgliteSchema(host: PgliteHost): Promise<TestDb> {
  const schema = uniqueName('inbox');
  const db = await host.database(schema);
  return { db, schema, close: () => db.close() };
}

/** Registers the hooks of one setup; the returned object holds the current test's db, bus and helpers. */
function useFixture(setup: { db: TestDbKind; busUrl: string }) {
  const fixture = {
    testDb: undefined as unknown as TestDb,
    db: undefined as unknown as Db,
    bus: undefined as unknown as ManagedBus,
    subscriptions: [] as Subscription[],
    async consume(consumers: Consumer[], group = 'effects') {
      const watched = observed(fixture.bus);
      fixture.subscriptions.push(...await startConsumers({ db: fixture.db, bus: watched.bus, group, consumers, logger }));
      return watched.log;
    },
    inboxRows: async () => (await fixture.db.query('SELECT 1 FROM inbox')).length,
  };
  // PGlite: one instance for the suite (loading one costs seconds), a fresh schema per test.
  let pglite: (TestDb & { host: PgliteHost }) | undefined;
  beforeAll(async () => { if (setup.db === 'pglite') pglite = await openTestPglite('inbox'); });
  afterAll(async () => { await pglite?.close(); });
  beforeEach(async () => {
    fixture.testDb = pglite ? await pgliteSchema(pglite.host) : await openTestPostgres('inbox');
    fixture.db = fixture.testDb.db;
    await migrateFixture(fixture.db);
    fixture.bus = await openBus(setup.busUrl);
    fixture.subscriptions = [];
  });
  afterEach(async () => {
    await closeBus(fixture.bus, fixture.subscriptions);
    await fixture.testDb.close();
  });
  return fixture;
}

describe.each(setups)('inbox on $name', (setup) => {
  const fixture = useFixture(setup);
  const { consume, inboxRows } = fixture;
  let db: Db;
  let bus: ManagedBus;
  beforeEach(() => { ({ db, bus } = fixture); });

  it('applies an event handled twice once (handleOnce)', async () => {
    const event = ticketCreated();
    const apply = () => handleOnce(db, 'effects', event, (tx) => recordEffect(tx, event.id, event.data.id));
    expect(await apply()).toBe(true);
    expect(await apply()).toBe(false);
    expect(await effectCounts(db)).toEqual(new Map([[event.data.id, 1]]));
  });

  it('keeps groups apart: each group applies the event once', async () => {
    const event = ticketCreated();
    for (const group of ['orders', 'payments', 'orders']) {
      await handleOnce(db, group, event, (tx) => recordEffect(tx, event.id, event.data.id));
    }
    expect(await effectCounts(db)).toEqual(new Map([[event.data.id, 2]]));
  });

  it('applies the same envelope delivered twice by the bus once', async () => {
    const log = await consume([effectConsumer]);
    const event = ticketCreated();
    await bus.publishRaw(event.subject, JSON.stringify(event));
    await bus.publishRaw(event.subject, JSON.stringify(event));

    await waitFor(() => log.completed.length === 2, { what: 'both deliveries handled' });
    expect(await effectCounts(db)).toEqual(new Map([[event.data.id, 1]]));
    expect(await inboxRows()).toBe(1);
  });

  it('rolls back the effect and the inbox claim of a handler that throws, so the retry applies it', async () => {
    const event = ticketCreated();
    await expect(handleOnce(db, 'effects', event, async (tx) => {
      await recordEffect(tx, event.id, event.data.id);
      throw new Error('handler failed after its write');
    })).rejects.toThrow('handler failed after its write');
    expect(await effectCounts(db)).toEqual(new Map());
    expect(await inboxRows()).toBe(0);

    expect(await handleOnce(db, 'effects', event, (tx) => recordEffect(tx, event.id, event.data.id))).toBe(true);
    expect(await effectCounts(db)).toEqual(new Map([[event.data.id, 1]]));
  });

  it('retries a delivery whose handler failed and applies it once', async () => {
    const flaky = consumer({
      subject: 'ticket:created',
      async handle(event, tx, { attempt }) {
        await recordEffect(tx, event.id, event.data.id);
        if (attempt === 1) throw new Error('first attempt fails after writing');
      },
    });
    const log = await consume([flaky]);
    const event = ticketCreated();
    await bus.publish([{ envelope: event, headers: {} }]);

    await waitFor(() => log.completed.length === 1, { what: 'the retry to succeed' });
    expect(log.failed.map((message) => message.attempt)).toEqual([1]);
    expect(log.completed.map((message) => message.attempt)).toEqual([2]);
    expect(await effectCounts(db)).toEqual(new Map([[event.data.id, 1]]));
  });

  it('commits what a handler publishes with its effect, and drops it with a failed one', async () => {
    const event = ticketCreated();
    const publishUpdate = (fail: boolean) => handleOnce(db, 'effects', event, async (tx) => {
      await recordEffect(tx, event.id, event.data.id);
      await tx.publish('ticket:updated', { ...event.data, version: 1, title: fail ? 'lost' : 'kept' });
      if (fail) throw new Error('failed after publishing');
    });
    await expect(publishUpdate(true)).rejects.toThrow('failed after publishing');
    expect(await db.query('SELECT 1 FROM outbox')).toEqual([]);

    await publishUpdate(false);
    const outbox = await db.query<{ subject: string; title: string }>("SELECT subject, envelope->'data'->>'title' AS title FROM outbox");
    expect(outbox).toEqual([{ subject: 'ticket:updated', title: 'kept' }]);
    expect(await effectCounts(db)).toEqual(new Map([[event.data.id, 1]]));
  });

  it('retries an update that arrives before its previous version and applies it once that version is in', async () => {
    const log = await consume(replicaConsumers, 'replica');
    const created = ticketCreated('v0');
    const updated = makeEnvelope('ticket:updated', { ...created.data, version: 1, title: 'v1' });
    await bus.publish([{ envelope: updated, headers: {} }]);

    await waitFor(() => log.failed.length >= 2, { what: 'the early update to be retried' });
    expect(await db.query('SELECT 1 FROM replica_tickets')).toEqual([]);
    expect(await inboxRows()).toBe(0); // NotReadyYet left no claim behind

    await bus.publish([{ envelope: created, headers: {} }]);
    await waitFor(async () => (await db.query<{ version: number }>('SELECT version FROM replica_tickets'))[0]?.version === 1, { what: 'v1 applied' });
    await bus.publish([{ envelope: updated, headers: {} }]); // a late duplicate of v1
    await waitFor(() => log.completed.length === 3, { what: 'the duplicate handled' });
    const [replica] = await db.query('SELECT version, title, updates FROM replica_tickets');
    expect(replica).toEqual({ version: 1, title: 'v1', updates: 1 });
    expect(log.failed.every((message) => message.envelope.id === updated.id)).toBe(true);
  });

  it('batches a burst into few transactions, each effect once, a duplicate inside a batch included', async () => {
    let transactions = 0;
    const counting = Object.create(db) as Db;
    counting.transaction = (work) => { transactions++; return db.transaction(work); };
    const watched = observed(bus);
    fixture.subscriptions.push(...await startConsumers({ db: counting, bus: watched.bus, group: 'effects', consumers: [effectConsumer], logger }));
    const events = Array.from({ length: 200 }, () => ticketCreated());
    await bus.publish([...events, events[0], events[1]].map((envelope) => ({ envelope, headers: {} })));
    await waitFor(() => watched.log.completed.length === 202, { what: 'all 202 deliveries' });
    const effects = await effectCounts(db);
    expect(effects.size).toBe(200);
    expect([...effects.values()].every((n) => n === 1)).toBe(true);
    expect(await inboxRows()).toBe(200);
    expect(transactions, 'one transaction per batch, not per event').toBeLessThan(100);
  });

  it('a batch with one event that must wait applies the others once and retries only that one', async () => {
    const log = await consume(replicaConsumers, 'replica');
    const tickets = Array.from({ length: 20 }, (_, i) => ticketCreated(`t${i}`));
    const early = makeEnvelope('ticket:updated', { ...ticketCreated('unknown').data, version: 1, title: 'too early' });
    await bus.publish([...tickets.slice(0, 10), early, ...tickets.slice(10)].map((envelope) => ({ envelope, headers: {} })));
    await waitFor(async () => (await db.query('SELECT 1 FROM replica_tickets')).length === 20, { what: 'the 20 tickets applied' });
    await sleep(300);
    expect(log.failed.length).toBeGreaterThanOrEqual(1);
    expect(log.failed.every((message) => message.envelope.id === early.id)).toBe(true);
    expect(await inboxRows()).toBe(20);
  });

  it('does not hot-loop on NotReadyYet: retries back off', async () => {
    const never = consumer({ subject: 'ticket:updated', async handle() { throw new NotReadyYet('never ready'); } });
    const log = await consume([never], 'waiting');
    const event = ticketCreated();
    await bus.publish([{ envelope: makeEnvelope('ticket:updated', { ...event.data, version: 1 }), headers: {} }]);
    await sleep(1_000);
    // fastPolicy: 50, 100, 200, 400 ms… → about 5 attempts in a second, not thousands.
    expect(log.failed.length).toBeGreaterThanOrEqual(2);
    expect(log.failed.length).toBeLessThanOrEqual(8);
  });
});

// Concurrency needs real sessions: PGlite serialises every transaction.
describe('inbox on PostgreSQL under concurrent deliveries', () => {
  const fixture = useFixture(setups[0]);
  const { consume } = fixture;
  let db: Db;
  let bus: ManagedBus;
  beforeEach(() => { ({ db, bus } = fixture); });

  it('applies two concurrent deliveries of the same event once', async () => {
    const event = ticketCreated();
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => handleOnce(db, 'effects', event, async (tx) => {
      await recordEffect(tx, event.id, event.data.id);
      await tx.query('SELECT pg_sleep(0.05)'); // keep the claim open while the others arrive
    })));
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    expect(await effectCounts(db)).toEqual(new Map([[event.data.id, 1]]));
  });

  it('applies one event published twice at once to two competing consumers once', async () => {
    // Two replicas of the service (competing consumers of one group) each get a copy at the same time.
    const slow = consumer({
      subject: 'ticket:created',
      async handle(event, tx) {
        await recordEffect(tx, event.id, event.data.id);
        await tx.query('SELECT pg_sleep(0.1)');
      },
    });
    const first = await consume([slow]);
    const second = await consume([slow]);
    const events = Array.from({ length: 10 }, () => ticketCreated());
    await bus.publish([...events, ...events].map((envelope) => ({ envelope, headers: {} })));

    await waitFor(() => first.completed.length + second.completed.length === 20, { what: 'all 20 deliveries' });
    const effects = await effectCounts(db);
    expect(effects.size).toBe(10);
    expect([...effects.values()].every((n) => n === 1)).toBe(true);
  });
});
