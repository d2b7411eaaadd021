// Shared fixtures of the outbox/inbox tests: a migrated database with an effects table, buses on
// their own exchange, the consumers that write effects, and a bus decorator that observes deliveries.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createBus, type ManagedBus } from '../../src/bus/create-bus';
import type { EventBus, IncomingMessage, RetryPolicy, Subscription } from '../../src/bus/port';
import type { Db, Tx } from '../../src/db/port';
import { migrate } from '../../src/db/migrate';
import { makeEnvelope, type Envelope, type EventData } from '../../src/events/contracts';
import { silentLogger } from '../../src/logger';
import { consumer, NotReadyYet } from '../../src/messaging/consumer';
import { uniqueName } from '../../src/testing/databases';

export const RABBIT_URL = process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
export const fastPolicy: RetryPolicy = { maxAttempts: 20, baseDelayMs: 50, maxDelayMs: 500 };
export const logger = silentLogger();
export const fixtureMigrations = fileURLToPath(new URL('./migrations', import.meta.url));

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A group that receives every fixture subject, so relays always have somewhere to publish (topology before traffic). */
export const sinkTopology = [{ group: 'sink', subject: 'ticket:created' }, { group: 'sink', subject: 'ticket:updated' }];

/** A RabbitMQ bus on an exchange of its own (memory:// for the in-process adapter), its sink declared. */
export async function openBus(url = RABBIT_URL, policy: RetryPolicy = fastPolicy): Promise<ManagedBus> {
  const bus = await createBus(url, { exchange: uniqueName('x'), policy, logger });
  await bus.declare(sinkTopology);
  return bus;
}

export async function closeBus(bus: ManagedBus, subscriptions: Subscription[]): Promise<void> {
  await Promise.allSettled(subscriptions.map((subscription) => subscription.close()));
  await bus.destroy().catch(() => undefined);
  await bus.close();
}

export async function migrateFixture(db: Db): Promise<void> {
  await migrate(db, fixtureMigrations);
}

export function ticketData(title = 'concert'): EventData<'ticket:created'> {
  return { id: randomUUID(), version: 0, title, price: 20, userId: randomUUID() };
}

export function ticketCreated(title = 'concert'): Envelope<'ticket:created'> {
  return makeEnvelope('ticket:created', ticketData(title));
}

/** Commits one transaction publishing ticket:created for each ticket; returns the ticket ids. */
export async function publishTickets(db: Db, count = 1, title = 'concert'): Promise<string[]> {
  return db.transaction(async (tx) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const data = ticketData(title);
      await tx.publish('ticket:created', data);
      ids.push(data.id);
    }
    return ids;
  });
}

/** The effect a consumer applies: one row per application (two rows = applied twice). */
export async function recordEffect(tx: Tx, eventId: string, ticketId: string): Promise<void> {
  await tx.query('INSERT INTO effects (event_id, ticket_id) VALUES ($1, $2)', [eventId, ticketId]);
}

export const effectConsumer = consumer({
  subject: 'ticket:created',
  async handle(event, tx) { await recordEffect(tx, event.id, event.data.id); },
});

/** Applies ticket:created / ticket:updated to replica_tickets in version order. */
export const replicaConsumers = [
  consumer({
    subject: 'ticket:created',
    async handle({ data }, tx) {
      await tx.query('INSERT INTO replica_tickets (id, version, title) VALUES ($1, $2, $3)', [data.id, data.version, data.title]);
    },
  }),
  consumer({
    subject: 'ticket:updated',
    async handle({ data }, tx) {
      const updated = await tx.query(
        'UPDATE replica_tickets SET version = $2, title = $3, updates = updates + 1 WHERE id = $1 AND version = $2 - 1 RETURNING id',
        [data.id, data.version, data.title],
      );
      if (updated.length === 0) throw new NotReadyYet(`ticket ${data.id} v${data.version - 1} not applied yet`);
    },
  }),
];

/** Effect rows per ticket id. */
export async function effectCounts(db: Db): Promise<Map<string, number>> {
  const rows = await db.query<{ ticket_id: string; n: number }>('SELECT ticket_id, count(*)::int AS n FROM effects GROUP BY ticket_id');
  return new Map(rows.map((row) => [row.ticket_id, row.n]));
}

export interface DeliveryLog {
  /** Handler runs that returned (for a consumer with the inbox: after its transaction committed). */
  completed: IncomingMessage[];
  failed: IncomingMessage[];
}

/**
 * The same bus, with every subscriber's handler observed: what completed and what threw. Lets a
 * test wait until a duplicate has really been through the consumer before asserting "no effect".
 */
export function observed<B extends EventBus>(bus: B): { bus: B; log: DeliveryLog } {
  const log: DeliveryLog = { completed: [], failed: [] };
  const wrapped = Object.create(bus) as B;
  wrapped.subscribe = (options) => bus.subscribe({
    ...options,
    handler: async (message) => {
      try {
        await options.handler(message);
        log.completed.push(message);
      } catch (error) {
        log.failed.push(message);
        throw error;
      }
    },
  });
  return { bus: wrapped, log };
}

/** Event ids seen by a plain subscriber (no inbox), with how many times each arrived. */
export async function countDeliveries(bus: EventBus, group = 'counter', concurrency = 50): Promise<{ counts: Map<string, number>; ticketIds: Map<string, string>; subscription: Subscription }> {
  const counts = new Map<string, number>();
  const ticketIds = new Map<string, string>();
  const subscription = await bus.subscribe({
    group, subject: 'ticket:created', concurrency,
    handler: async ({ envelope }) => {
      counts.set(envelope.id, (counts.get(envelope.id) ?? 0) + 1);
      ticketIds.set((envelope.data as { id: string }).id, envelope.id);
    },
  });
  return { counts, ticketIds, subscription };
}
