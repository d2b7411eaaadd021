// An orders service on its own PostgreSQL schema and its own bus (memory:// or a RabbitMQ exchange
// of its own), with a recorder of what it publishes and helpers that feed it events.
import {
  makeEnvelope, silentLogger, type Envelope, type EventData, type ManagedBus, type Service,
  type Subject, type Subscription,
} from '@ticketing/common';
import { createTestSessions, openTestBus, openTestPostgres, waitFor, type TestDb, type TestSessions } from '@ticketing/common/testing/index';
import { createOrdersService } from '../../src/app';

export { TEST_RABBIT_URL as RABBIT_URL } from '@ticketing/common/testing/index';

export interface SeededTicket {
  id: string;
  title: string;
  price: number;
  userId: string;
  /** Set for a listing tied to an event (issue 15). */
  eventId?: string;
  withdrawn?: boolean;
}

export interface OrdersHarness {
  service: Service;
  bus: ManagedBus;
  database: TestDb;
  sessions: TestSessions;
  /** Every order event the service published so far, in arrival order. */
  published: Envelope[];
  publish<S extends Subject>(subject: S, data: EventData<S>): Promise<Envelope<S>>;
  waitForEvent<S extends Subject>(subject: S, match: (data: EventData<S>) => boolean): Promise<Envelope<S>>;
  eventsAbout(subject: 'order:created' | 'order:cancelled' | 'order:completed', orderId: string): Envelope[];
  /** Publishes ticket:created and waits until the replica holds it. */
  seedTicket(ticket?: Partial<SeededTicket>): Promise<SeededTicket>;
  /** Publishes event:cancelled for the event and waits until orders handled it. */
  cancelEvent(eventId: string): Promise<Envelope<'event:cancelled'>>;
  /** Waits until the inbox recorded the event (its effect, if any, committed with it). */
  waitHandled(eventId: string): Promise<void>;
  close(): Promise<void>;
}

export async function startOrders(options: { bus: 'memory' | 'rabbitmq'; expirationSeconds?: number; poolSize?: number; maxActiveOrders?: number }): Promise<OrdersHarness> {
  const database = await openTestPostgres('orders', options.poolSize);
  const bus = await openTestBus(options.bus, 'orders');
  const sessions = await createTestSessions();
  const service = await createOrdersService({
    db: database.db, bus, logger: silentLogger(), verifySession: sessions.verifySession,
    config: { ORDER_EXPIRATION_SECONDS: options.expirationSeconds ?? 900, MAX_ACTIVE_ORDERS_PER_USER: options.maxActiveOrders },
  });
  const published: Envelope[] = [];
  const listeners: Subscription[] = [];
  for (const subject of ['order:created', 'order:cancelled', 'order:completed'] as const) {
    listeners.push(await bus.subscribe({ group: 'test-listener', subject, handler: async ({ envelope }) => { published.push(envelope); } }));
  }
  await service.start();

  const publish = async <S extends Subject>(subject: S, data: EventData<S>) => {
    const envelope = makeEnvelope(subject, data);
    await bus.publish([{ envelope, headers: {} }]);
    return envelope;
  };
  const waitHandled = async (eventId: string) => {
    await waitFor(async () => (await database.db.query('SELECT 1 FROM inbox WHERE event_id = $1', [eventId])).length > 0, { what: `event ${eventId} handled` });
  };

  return {
    service, bus, database, sessions, published, publish, waitHandled,
    waitForEvent(subject, match) {
      return waitFor(() => published.find((event) => event.subject === subject && match(event.data as never)), { what: subject }) as never;
    },
    eventsAbout(subject, orderId) {
      return published.filter((event) => event.subject === subject && (event.data as { id: string }).id === orderId);
    },
    async seedTicket(ticket = {}) {
      const seeded: SeededTicket = {
        id: ticket.id ?? crypto.randomUUID(), title: ticket.title ?? 'Concert', price: ticket.price ?? 20, userId: ticket.userId ?? crypto.randomUUID(),
      };
      if (ticket.eventId) seeded.eventId = ticket.eventId;
      if (ticket.withdrawn !== undefined) seeded.withdrawn = ticket.withdrawn;
      const faceValue = seeded.eventId ? { faceValue: seeded.price } : {};
      const envelope = await publish('ticket:created', { ...seeded, ...faceValue, version: 0 });
      await waitHandled(envelope.id);
      return seeded;
    },
    async cancelEvent(eventId) {
      const envelope = await publish('event:cancelled', cancelledEventData(eventId));
      await waitHandled(envelope.id);
      return envelope;
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

/** event:cancelled data as catalog publishes it (a concert next month, cancelled at version 1). */
export function cancelledEventData(eventId: string): EventData<'event:cancelled'> {
  return {
    id: eventId, version: 1, status: 'cancelled', name: 'Cancelled concert', venue: 'Hall', city: 'Lyon', country: 'FR',
    startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(), userId: crypto.randomUUID(),
  };
}

export type OrderJson = {
  id: string; userId: string; status: string; expiresAt: string; version: number;
  ticket: { id: string; title: string; price: number; version: number; generation?: number };
  cancelReason?: string;
};

/** Orders a ticket through HTTP; returns the raw response. */
export function postOrder(harness: OrdersHarness, ticketId: unknown, cookie?: string) {
  return harness.service.http.inject({ method: 'POST', url: '/api/orders', headers: cookie ? { cookie } : {}, payload: { ticketId } });
}

/** Orders a ticket and expects 201; returns the order JSON. */
export async function createOrder(harness: OrdersHarness, ticketId: string, cookie: string): Promise<OrderJson> {
  const response = await postOrder(harness, ticketId, cookie);
  if (response.statusCode !== 201) throw new Error(`create order failed: ${response.statusCode} ${response.body}`);
  return response.json();
}

/**
 * The ticket:updated events tickets publishes around a sale and a resale (docs/ticket-delivery.md):
 * the reservation for an order (orderId set, version + 1), then the holder's resale listing (the
 * holder as userId, no orderId, the new price, generation + 1, version + 1). Each waits until handled.
 */
export async function reserveInReplica(harness: OrdersHarness, ticket: ListedTicket, orderId: string): Promise<ListedTicket> {
  const next = { ...ticket, version: ticket.version + 1 };
  await harness.waitHandled((await harness.publish('ticket:updated', { ...ticketEventFields(next), orderId })).id);
  return next;
}

export async function resellInReplica(harness: OrdersHarness, ticket: ListedTicket, resale: { holderId: string; price: number }): Promise<ListedTicket> {
  const next = { ...ticket, userId: resale.holderId, price: resale.price, version: ticket.version + 1, generation: ticket.generation + 1 };
  await harness.waitHandled((await harness.publish('ticket:updated', ticketEventFields(next))).id);
  return next;
}

/** A ticket as tickets last published it (seedTicket's, at version 0 and generation 0, to start with). */
export interface ListedTicket { id: string; title: string; price: number; userId: string; version: number; generation: number }

export function listed(ticket: SeededTicket): ListedTicket {
  return { id: ticket.id, title: ticket.title, price: ticket.price, userId: ticket.userId, version: 0, generation: 0 };
}

function ticketEventFields(ticket: ListedTicket): EventData<'ticket:updated'> {
  const data: EventData<'ticket:updated'> = { id: ticket.id, version: ticket.version, title: ticket.title, price: ticket.price, userId: ticket.userId };
  if (ticket.generation > 0) data.generation = ticket.generation;
  return data;
}

/** payment:created for the order, waiting until orders handled it. */
export async function payOrder(harness: OrdersHarness, orderId: string): Promise<void> {
  await harness.waitHandled((await harness.publish('payment:created', { id: crypto.randomUUID(), orderId, stripeId: 'pi_test' })).id);
}
