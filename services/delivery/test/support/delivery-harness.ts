// A delivery service on a fresh PostgreSQL schema (or PGlite, as embedded mode runs it) and its own
// bus, fed the events other services publish: tickets listed and resold, events, orders completed
// and refunded. Requests go in-process (inject); the database is read only to see what the API cannot.
import {
  generateSigningKey, makeEnvelope, silentLogger, type EventData, type Envelope, type ManagedBus, type Service, type Subject,
} from '@ticketing/common';
import { createTestSessions, openTestBus, openTestDb, waitFor, type TestDb, type TestDbKind, type TestSessions } from '@ticketing/common/testing/index';
import { createDeliveryService } from '../../src/app';
import type { DeliveryKeys } from '../../src/keys/delivery-keys';
import { generateFileKey, type FileKey } from '../../src/keys/file-keys';

export interface User { id: string; email: string; cookie: string }
interface TicketState { id: string; sellerId: string; eventId?: string; version: number; generation: number }

export interface Answer { status: number; body: any; headers: Record<string, unknown>; raw: Buffer } // eslint-disable-line @typescript-eslint/no-explicit-any

export interface DeliveryHarness {
  service: Service;
  database: TestDb;
  bus: ManagedBus;
  sessions: TestSessions;
  keys: DeliveryKeys;
  newUser(): Promise<User>;
  /** Publishes and waits until delivery's inbox recorded the event (its effect committed). */
  feed<S extends Subject>(subject: S, data: EventData<S>): Promise<Envelope<S>>;
  publish<S extends Subject>(subject: S, data: EventData<S>): Promise<Envelope<S>>;
  handled(envelope: Envelope): Promise<void>;
  /** event:created with `organiser` as its organiser. */
  createEvent(organiser: User): Promise<string>;
  /** ticket:created by the seller. */
  listTicket(seller: User, options?: { eventId?: string }): Promise<string>;
  /** order:completed of a new order of the ticket's current generation by `buyer`. */
  complete(ticketId: string, buyer: User): Promise<string>;
  /** The holder lists the ticket again: ticket:updated, the next generation, the holder as its seller. */
  resell(ticketId: string, holder: User): Promise<void>;
  /** order:cancelled of a completed order because its event was cancelled (a refund). */
  refund(orderId: string, ticketId: string): Promise<void>;
  upload(user: User | undefined, ticketId: string, bytes: Buffer, contentType?: string): Promise<Answer>;
  request(user: User | undefined, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown): Promise<Answer>;
  /** Stops the service and starts a new one on the same database, with other keys if given. */
  restart(keys?: Partial<DeliveryKeys>): Promise<void>;
  close(): Promise<void>;
}

export async function newFileKeys(...keys: FileKey[]): Promise<DeliveryKeys['files']> {
  const list = keys.length ? keys : [generateFileKey('test')];
  return { current: list[0], byId: new Map(list.map((key) => [key.kid, key.key])) };
}

export async function startDelivery(options: { db?: TestDbKind; keys?: Partial<DeliveryKeys> } = {}): Promise<DeliveryHarness> {
  const database = await openTestDb(options.db ?? 'postgres', 'delivery');
  const bus = await openTestBus('memory', 'delivery');
  const sessions = await createTestSessions();
  let keys: DeliveryKeys = { files: options.keys?.files ?? await newFileKeys(), pass: options.keys?.pass ?? await generateSigningKey() };
  const build = async () => {
    const built = await createDeliveryService({ db: database.db, bus, logger: silentLogger(), verifySession: sessions.verifySession, config: {}, keys });
    await built.start();
    return built;
  };
  let service = await build();
  const tickets = new Map<string, TicketState>();

  const publish = async <S extends Subject>(subject: S, data: EventData<S>) => {
    const envelope = makeEnvelope(subject, data);
    await bus.publish([{ envelope, headers: {} }]);
    return envelope;
  };
  const handled = async (envelope: Envelope) => {
    await waitFor(async () => (await database.db.query('SELECT 1 FROM inbox WHERE event_id = $1', [envelope.id])).length === 1,
      { what: `${envelope.subject} ${envelope.id} handled` });
  };
  const feed = async <S extends Subject>(subject: S, data: EventData<S>) => {
    const envelope = await publish(subject, data);
    await handled(envelope);
    return envelope;
  };
  const request = async (user: User | undefined, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown): Promise<Answer> => {
    const response = await service.http.inject({
      method, url, headers: user ? { cookie: user.cookie } : {}, ...(payload !== undefined ? { payload: payload as object } : {}),
    });
    let body: unknown;
    try { body = response.json(); } catch { body = response.body; }
    return { status: response.statusCode, body, headers: response.headers, raw: response.rawPayload };
  };
  const ticketUpdated = (ticket: TicketState) => ({
    id: ticket.id, version: ticket.version, title: 'Row 3 seat 7', price: 50, userId: ticket.sellerId,
    ...(ticket.eventId ? { eventId: ticket.eventId } : {}), ...(ticket.generation ? { generation: ticket.generation } : {}),
  });

  const harness: DeliveryHarness = {
    get service() { return service; },
    database, bus, sessions,
    get keys() { return keys; },
    newUser: () => sessions.newUser(),
    feed, publish, handled, request,
    async createEvent(organiser) {
      const id = crypto.randomUUID();
      await feed('event:created', {
        id, version: 0, status: 'scheduled', name: 'Night Concert', venue: 'Olympia', city: 'Paris', country: 'FR',
        startsAt: new Date(Date.now() + 86_400_000).toISOString(), userId: organiser.id,
      });
      return id;
    },
    async listTicket(seller, { eventId } = {}) {
      const ticket: TicketState = { id: crypto.randomUUID(), sellerId: seller.id, eventId, version: 0, generation: 0 };
      tickets.set(ticket.id, ticket);
      await feed('ticket:created', { ...ticketUpdated(ticket), version: 0 });
      return ticket.id;
    },
    async complete(ticketId, buyer) {
      const ticket = tickets.get(ticketId)!;
      const orderId = crypto.randomUUID();
      await feed('order:completed', { id: orderId, version: 1, userId: buyer.id, ticket: { id: ticketId, generation: ticket.generation } });
      return orderId;
    },
    async resell(ticketId, holder) {
      const ticket = tickets.get(ticketId)!;
      Object.assign(ticket, { sellerId: holder.id, version: ticket.version + 1, generation: ticket.generation + 1 });
      await feed('ticket:updated', ticketUpdated(ticket) as EventData<'ticket:updated'>);
    },
    async refund(orderId, ticketId) {
      await feed('order:cancelled', { id: orderId, version: 2, ticket: { id: ticketId }, reason: 'event-cancelled' });
    },
    async upload(user, ticketId, bytes, contentType = 'application/pdf') {
      const response = await service.http.inject({
        method: 'PUT', url: `/api/tickets/${ticketId}/file`,
        headers: { ...(user ? { cookie: user.cookie } : {}), 'content-type': contentType }, payload: bytes,
      });
      let body: unknown;
      try { body = response.json(); } catch { body = response.body; }
      return { status: response.statusCode, body, headers: response.headers, raw: response.rawPayload };
    },
    async restart(next = {}) {
      await service.stop();
      keys = { ...keys, ...next };
      service = await build();
    },
    async close() {
      await service.stop();
      await bus.destroy();
      await bus.close();
      await database.close();
    },
  };
  return harness;
}

/** A small but real-looking PDF (its magic bytes, then random content). */
export function pdfBytes(size = 10_000): Buffer {
  const body = Buffer.alloc(size);
  for (let i = 0; i < size; i += 1) body[i] = (i * 7919 + 13) % 256;
  return Buffer.concat([Buffer.from('%PDF-1.7\n'), body, Buffer.from('\n%%EOF\n')]);
}
