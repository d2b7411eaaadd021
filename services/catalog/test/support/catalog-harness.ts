// A catalog service on its own PostgreSQL schema and its own bus (memory:// or a RabbitMQ exchange
// of its own), with a recorder of what it publishes and a way to feed it ticket events.
import {
  makeEnvelope, silentLogger, type Envelope, type EventData, type ManagedBus, type Service,
  type Subject, type Subscription,
} from '@ticketing/common';
import { createTestSessions, openTestBus, openTestPostgres, waitFor, type TestDb, type TestSessions } from '@ticketing/common/testing/index';
import { createCatalogService } from '../../src/app';

export { TEST_RABBIT_URL as RABBIT_URL } from '@ticketing/common/testing/index';

export interface CatalogHarness {
  service: Service;
  bus: ManagedBus;
  database: TestDb;
  sessions: TestSessions;
  /** Every event the service published so far, in arrival order. */
  published: Envelope[];
  publish<S extends Subject>(subject: S, data: EventData<S>): Promise<Envelope<S>>;
  waitForEvent<S extends Subject>(subject: S, match: (data: EventData<S>) => boolean): Promise<Envelope<S>>;
  /** Resolves once the catalog's inbox has recorded the event (its effect committed). */
  handled(envelope: Envelope): Promise<void>;
  /** The event:* messages published so far for one event. */
  messagesOf(eventId: string): Envelope[];
  close(): Promise<void>;
}

export async function startCatalog(options: { bus: 'memory' | 'rabbitmq'; now?: () => Date }): Promise<CatalogHarness> {
  const database = await openTestPostgres('catalog');
  const bus = await openTestBus(options.bus, 'catalog');
  const sessions = await createTestSessions();
  const service = await createCatalogService({
    db: database.db, bus, logger: silentLogger(), verifySession: sessions.verifySession, config: {}, now: options.now,
  });
  const published: Envelope[] = [];
  const listeners: Subscription[] = [];
  for (const subject of ['event:created', 'event:updated', 'event:cancelled'] as const) {
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
    async handled(envelope) {
      await waitFor(async () => (await database.db.query('SELECT 1 FROM inbox WHERE event_id = $1', [envelope.id])).length === 1,
        { what: `${envelope.subject} ${envelope.id} handled` });
    },
    messagesOf(eventId) {
      return published.filter((event) => (event.data as { id: string }).id === eventId);
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

export interface EventInput {
  name: string;
  venue: string;
  city: string;
  country: string;
  startsAt: string;
}

/** An ISO instant `days` days from now (fractions allowed), for events in the future. */
export function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString();
}

export function eventInput(overrides: Partial<EventInput> = {}): EventInput {
  return { name: 'Night Concert', venue: 'Olympia', city: 'Paris', country: 'FR', startsAt: daysFromNow(30), ...overrides };
}

export interface EventJson extends EventInput {
  id: string;
  status: 'scheduled' | 'cancelled';
  version: number;
  userId: string;
}

/** Creates an event through HTTP as the given user; returns the event JSON. */
export async function createEvent(harness: CatalogHarness, cookie: string, body: Partial<EventInput> = {}): Promise<EventJson> {
  const response = await harness.service.http.inject({ method: 'POST', url: '/api/events', headers: { cookie }, payload: eventInput(body) });
  if (response.statusCode !== 201) throw new Error(`create event failed: ${response.statusCode} ${response.body}`);
  return response.json() as EventJson;
}

/** ticket:created data for a listing of an event (as tickets publishes it). */
export function listingCreated(eventId: string | undefined, overrides: Partial<EventData<'ticket:created'>> = {}): EventData<'ticket:created'> {
  const tie = eventId ? { eventId, faceValue: 50, capPercent: 120 } : {};
  const data: EventData<'ticket:created'> = {
    id: crypto.randomUUID(), version: 0, title: 'Seat', price: 50, userId: crypto.randomUUID(), ...tie, ...overrides,
  };
  return data;
}
