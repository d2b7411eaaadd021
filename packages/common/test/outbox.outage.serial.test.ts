// quality.md R1 at the kernel level: a service-like setup (PostgreSQL + outbox relay + RabbitMQ +
// a consumer with the inbox) keeps committing events while RabbitMQ is stopped for 10 s. Afterwards
// every event written has been delivered and applied exactly once. Serial: it stops the shared broker.
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { createBus } from '../src/bus/create-bus';
import { startConsumers } from '../src/messaging/consumer';
import { OutboxRelay } from '../src/messaging/outbox-relay';
import { openTestPostgres, uniqueName } from '../src/testing/databases';
import { waitFor } from '../src/testing/wait';
import { closeBus, effectConsumer, effectCounts, fastPolicy, logger, migrateFixture, publishTickets, RABBIT_URL, sleep } from './support/messaging';

function rabbitmqctl(...args: string[]): void {
  execFileSync('rabbitmqctl', args, { stdio: 'ignore', timeout: 60_000 });
}

function restartBroker(): void {
  rabbitmqctl('start_app');
  rabbitmqctl('await_startup');
}

/** Commits one event every few milliseconds until stopped; keeps the ticket ids it committed. */
function startWriting(write: () => Promise<string[]>) {
  const written: string[] = [];
  let stopped = false;
  const done = (async () => {
    while (!stopped) {
      written.push(...await write());
      await sleep(10);
    }
  })();
  return { written, stop: async () => { stopped = true; await done; } };
}

// Whatever happens to the test, the broker comes back for everyone else.
afterAll(() => restartBroker(), 120_000);

describe('outbox and inbox through a RabbitMQ outage', () => {
  it('delivers every event committed before, during and after a 10 s outage, each applied once', async () => {
    const testDb = await openTestPostgres('outage');
    const { db } = testDb;
    await migrateFixture(db);
    const bus = await createBus(RABBIT_URL, { exchange: uniqueName('x'), policy: fastPolicy, logger });
    const relay = new OutboxRelay({ db, bus, logger, pollIntervalMs: 500 });
    const subscriptions = await startConsumers({ db, bus, group: 'effects', consumers: [effectConsumer], logger });
    relay.start();
    const writer = startWriting(() => publishTickets(db, 1, 'outage'));
    try {
      await sleep(2_000);
      const beforeOutage = writer.written.length;
      let backlogDuringOutage = 0;
      try {
        rabbitmqctl('stop_app');
        await waitFor(() => !bus.isConnected(), { what: 'the bus to notice the outage', timeoutMs: 15_000 });
        await sleep(10_000);
        backlogDuringOutage = (await relay.backlog()).backlog;
      } finally {
        restartBroker();
      }
      await sleep(2_000);
      await writer.stop();
      const written = writer.written;

      expect(beforeOutage).toBeGreaterThan(0);
      expect(backlogDuringOutage).toBeGreaterThan(0); // events piled up in the outbox, not lost
      await waitFor(async () => (await effectCounts(db)).size === written.length, { what: 'every event applied', timeoutMs: 45_000, intervalMs: 250 });
      await waitFor(async () => (await relay.backlog()).backlog === 0, { what: 'the outbox drained', timeoutMs: 10_000 });
      await sleep(1_000); // redeliveries of unacked messages would land now
      const effects = await effectCounts(db);
      expect(new Set(effects.keys())).toEqual(new Set(written));
      expect([...effects.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    } finally {
      await writer.stop();
      await relay.stop();
      await closeBus(bus, subscriptions).catch(() => undefined);
      await testDb.close();
    }
  }, 90_000);
});
