// A tickets service on its own PostgreSQL schema and its own bus (memory:// or a RabbitMQ exchange
// of its own), with a recorder of what it publishes and a way to feed it events.
import {
  makeEnvelope, silentLogger, type Envelope, type EventData, type ManagedBus, type Service,
  type Subject, type Subscription,
} from '@ticketing/common';
import { createTestSessions, openTestBus, openTestPostgres, waitFor, type TestDb, type TestSessions } from '@ticketing/common/testing/index';
import { createTicketsService, type TicketsServiceDeps } from '../../src/app';

export { TEST_RABBIT_URL as RABBIT_URL } from '@ticketing/common/testing/index';

export interface TicketsHarness {
  service: Service;
  bus: ManagedBus;
  database: TestDb;
  sessions: TestSessions;
  /** Every event the service published so far, in arrival order. */
  published: Envelope[];
  publish<S extends Subject>(subject: S, data: EventData<S>): Promise<Envelope<S>>;
  waitForEvent<S extends Subject>(subject: S, match: (data: EventData<S>) => boolean): Promise<Envelope<S>>;
  /** The ticket:updated events published so far for one ticket. */
  updatesOf(ticketId: string): Envelope<'ticket:updated'>[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  bus: 'memory' | 'rabbitmq';
  /** Settings to change (RESALE_PRICE_CAPS, EVENT_REPLICA_WAIT_MS). */
  config?: TicketsServiceDeps['config'];
}

export async function startTickets(options: HarnessOptions): Promise<TicketsHarness> {
  const database = await openTestPostgres('tickets');
  const bus = await openTestBus(options.bus, 'tickets');
  const sessions = await createTestSessions();
  const service = await createTicketsService({ db: database.db, bus, logger: silentLogger(), verifySession: sessions.verifySession, config: options.config ?? {} });
  const published: Envelope[] = [];
  const listeners: Subscription[] = [];
  for (const subject of ['ticket:created', 'ticket:updated', 'ticket:reservation-rejected'] as const) {
    listeners.push(await bus.subscribe({ group: 'test-listener', subject, handler: async ({ envelope }) => { published.push(envelope); } }));
  }
  await service.start();

  return {
    service, bus, database, sessions, published,
    async publish(subject, data) {
      const envelope = makeEnvelope(subject, data);
      await bus.publish([{ envelope, headers: {} }]);
      return envelope;
    },
    waitForEvent(subject, match) {
      return waitFor(() => published.find((event) => event.subject === subject && match(event.data as never)), { what: subject }) as never;
    },
    updatesOf(ticketId) {
      return published.filter((event): event is Envelope<'ticket:updated'> =>
        event.subject === 'ticket:updated' && (event.data as EventData<'ticket:updated'>).id === ticketId);
    },
    async close() {
      await service.stop();
      await Promise.all(listeners.map((listener) => listener.close()));
      await bus.destroy();
      await bus.close();
      await database.close();
    },
  };
}

/** Lists a ticket through HTTP as the given seller; returns the ticket JSON. */
export async function createTicket(
  harness: TicketsHarness, cookie: string,
  body: { title: string; price: number | string; eventId?: string; faceValue?: number | string } = { title: 'Concert', price: 20 },
) {
  const response = await harness.service.http.inject({ method: 'POST', url: '/api/tickets', headers: { cookie }, payload: body });
  if (response.statusCode !== 201) throw new Error(`create ticket failed: ${response.statusCode} ${response.body}`);
  return response.json() as {
    id: string; title: string; price: number; userId: string; version: number; orderId?: string;
    eventId?: string; faceValue?: number; capPercent?: number;
  };
}
