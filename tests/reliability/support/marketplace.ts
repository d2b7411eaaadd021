// The seven HTTP services in one process, as the embedded launcher wires them: one in-process bus,
// a PostgreSQL schema each, auth signing the sessions every other service verifies, catalog owning
// the events tickets lists for, payments charging and payouts onboarding sellers through the real
// Stripe SDK against the in-process Stripe simulator (payouts' release timers in its own schema),
// delivery keeping the sellers' files and signing the buyers' passes (its keys made for the run).
import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import { createBus, createSessionVerifier, DbTimersScheduler, loadConfig, silentLogger, type Db, type ManagedBus, type Service } from '@ticketing/common';
import { openTestPostgres, waitFor, type TestDb } from '@ticketing/common/testing/index';
import { createAuthService, generateSigningKey, jwksOf, type SigningKey } from '@ticketing/auth';
import { createCatalogService } from '@ticketing/catalog';
import { createTicketsService } from '@ticketing/tickets';
import { createOrdersService } from '@ticketing/orders';
import { createPaymentsService, paymentsConfigSchema, stripeProviderFromConfig } from '@ticketing/payments';
import { createPayoutsService, payoutsConfigSchema, RELEASE_TIMERS_TABLE, stripeConnectProviderFromConfig } from '@ticketing/payouts';
import { createDeliveryService, deliveryConfigSchema, resolveDeliveryKeys, type DeliveryKeys } from '@ticketing/delivery';
import { createStripeSimulator, type StripeSimulator } from '@ticketing/stripe-sim';

export type ServiceName = 'auth' | 'catalog' | 'tickets' | 'orders' | 'payments' | 'payouts' | 'delivery';
export const serviceNames: ServiceName[] = ['auth', 'catalog', 'tickets', 'orders', 'payments', 'payouts', 'delivery'];

export interface User {
  id: string;
  email: string;
  /** `session=<jwt>`, ready for a Cookie header. */
  cookie: string;
  token: string;
}

/** POST /api/events's body (docs/events-and-price-caps.md). */
export interface EventBody {
  name: string;
  venue: string;
  city: string;
  country: string;
  startsAt: string;
}

/** Event JSON as catalog answers it. */
export interface EventJson extends EventBody {
  id: string;
  status: 'scheduled' | 'cancelled';
  version: number;
  userId: string;
}

export interface TicketBody {
  title: string;
  price: number;
  eventId?: string;
  faceValue?: number;
}

/** A valid event body: a concert a month from now in `country` (France, with its 100 % cap, by default). */
export function eventBody(overrides: Partial<EventBody> = {}): EventBody {
  return {
    name: 'Reliability Night', venue: 'Salle Pleyel', city: 'Paris', country: 'FR',
    startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(), ...overrides,
  };
}

export interface InjectRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  url: string;
  headers?: Record<string, string>;
  /** A JSON value (sent as application/json unless headers say otherwise), raw text or bytes. */
  payload?: unknown;
  /** Send `payload` as it is (a string, or a Buffer's bytes), not JSON-encoded. */
  raw?: boolean;
}

export interface InjectResponse {
  status: number;
  headers: Record<string, unknown>;
  text: string;
  /** The body's bytes (a ticket file, a pass's PDF). */
  body: Buffer;
}

/** A small PDF as a seller attaches one: its magic bytes, then content of its own. */
export function pdfFile(label: string = crypto.randomUUID()): Buffer {
  return Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(`% reliability ticket ${label}\n`), randomBytes(2_000), Buffer.from('\n%%EOF\n')]);
}

export interface Marketplace {
  services: Record<ServiceName, Service>;
  dbs: Record<ServiceName, Db>;
  sim: StripeSimulator;
  signingKey: SigningKey;
  /** The secret payouts checks Connect webhooks' signatures against. */
  connectWebhookSecret: string;
  /** Delivery's file keyring and pass signing key, as resolved from TICKET_FILE_KEYS and PASS_SIGNING_KEY. */
  deliveryKeys: DeliveryKeys;
  inject(service: ServiceName, request: InjectRequest): Promise<InjectResponse>;
  signUp(): Promise<User>;
  /** Lists a ticket as the seller and waits until orders can sell it and delivery can take its file. */
  listTicket(seller: User, body?: TicketBody): Promise<{ id: string; title: string; price: number; version: number }>;
  /** Creates an event as the owner and waits until tickets' events replica has it (a listing for it is then checked at once), and delivery's (its organiser checks passes in). */
  createEvent(owner: User, body?: EventBody): Promise<EventJson>;
  /** Cancels the owner's event and waits until tickets' replica has it cancelled. */
  cancelEvent(owner: User, eventId: string): Promise<EventJson>;
  /** Reserves the ticket for the buyer and waits until payments can charge it and tickets marked it. */
  placeOrder(buyer: User, ticketId: string): Promise<{ id: string; status: string }>;
  /**
   * Pays the buyer's order (tok_visa) and waits until it is complete everywhere: payouts has booked
   * its sale, held; tickets made the buyer the holder; delivery issued the buyer's pass.
   */
  payOrder(buyer: User, orderId: string): Promise<void>;
  /** PUT /api/tickets/:id/file as the seller, once delivery knows the ticket; the answer's JSON. */
  attachFile(seller: User, ticketId: string, bytes?: Buffer, contentType?: string): Promise<{ ticketId: string; contentType: string; size: number; sha256: string }>;
  /** POST /api/tickets/:id/resale as its holder; waits until orders and delivery have the next generation. */
  resell(holder: User, ticketId: string, price: number): Promise<{ id: string; price: number; generation: number; version: number }>;
  /** POST /api/payouts/onboarding as the seller: their connected account (made once) and a fresh link. */
  startOnboarding(seller: User): Promise<{ url: string }>;
  /** Waits until every outbox is sent: no event of earlier requests is still on its way. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export async function startMarketplace(): Promise<Marketplace> {
  const bus: ManagedBus = await createBus('memory://');
  const testDbs: TestDb[] = [];
  const open = async (name: ServiceName) => {
    const testDb = await openTestPostgres(`rel_${name}`);
    testDbs.push(testDb);
    return testDb.db;
  };
  const dbs = {
    auth: await open('auth'), catalog: await open('catalog'), tickets: await open('tickets'), orders: await open('orders'), payments: await open('payments'),
    payouts: await open('payouts'), delivery: await open('delivery'),
  };
  const signingKey = await generateSigningKey();
  const verifySession = createSessionVerifier({ jwks: jwksOf(signingKey) });
  const deps = (name: ServiceName) => ({ db: dbs[name], bus, logger: silentLogger(), verifySession });
  const connectWebhookSecret = `whsec_${randomBytes(16).toString('hex')}`;
  const sim = await createStripeSimulator({ connectWebhookSecret }).start();
  const paymentsConfig = loadConfig(paymentsConfigSchema, { STRIPE_API_BASE: sim.url });
  const payoutsConfig = loadConfig(payoutsConfigSchema, { STRIPE_API_BASE: sim.url, STRIPE_CONNECT_WEBHOOK_SECRET: connectWebhookSecret, PAYOUTS_SCHEDULER: 'db' });
  // Production's way in: a file key `kid:base64-32-bytes` and a private Ed25519 JWK, fresh for each run.
  const { privateKey: passKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const deliveryConfig = loadConfig(deliveryConfigSchema, {
    TICKET_FILE_KEYS: `rel${randomBytes(4).toString('hex')}:${randomBytes(32).toString('base64')}`,
    PASS_SIGNING_KEY: JSON.stringify(await exportJWK(passKey)),
  });
  const deliveryKeys = await resolveDeliveryKeys(deliveryConfig, silentLogger());
  const services: Record<ServiceName, Service> = {
    auth: await createAuthService({
      ...deps('auth'), signingKey, config: { JWT_TTL_SECONDS: 3_600, COOKIE_SECURE: true, AUTH_RATE_LIMIT_PER_MINUTE: 1_000_000 },
    }),
    catalog: await createCatalogService({ ...deps('catalog'), config: {} }),
    // A listing for an event the replica has not seen waits this long before its 400 (2 s by
    // default): the suites send many listings for unknown events and wait for every real one themselves.
    tickets: await createTicketsService({ ...deps('tickets'), config: { EVENT_REPLICA_WAIT_MS: 50 } }),
    // The suites arrange a fresh order of one owner per case: more than the default cap on unpaid orders.
    orders: await createOrdersService({ ...deps('orders'), config: { ORDER_EXPIRATION_SECONDS: 3_600, MAX_ACTIVE_ORDERS_PER_USER: 1_000 } }),
    payments: await createPaymentsService({ ...deps('payments'), config: paymentsConfig, provider: stripeProviderFromConfig(paymentsConfig) }),
    // The default 48 h hold: no sale of the suites comes due while they run.
    payouts: await createPayoutsService({
      ...deps('payouts'), config: payoutsConfig, provider: stripeConnectProviderFromConfig(payoutsConfig),
      scheduler: new DbTimersScheduler({ db: dbs.payouts, table: RELEASE_TIMERS_TABLE, logger: silentLogger() }),
    }),
    delivery: await createDeliveryService({ ...deps('delivery'), config: deliveryConfig, keys: deliveryKeys }),
  };
  for (const name of serviceNames) await services[name].start();

  const inject: Marketplace['inject'] = async (service, request) => {
    const headers = { ...request.headers };
    let payload: string | Buffer | undefined;
    if (request.payload !== undefined) {
      payload = request.raw ? (Buffer.isBuffer(request.payload) ? request.payload : String(request.payload)) : JSON.stringify(request.payload);
      if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
    }
    const response = await services[service].http.inject({ method: request.method, url: request.url, headers, payload });
    return { status: response.statusCode, headers: response.headers, text: response.body, body: response.rawPayload };
  };

  const json = async (service: ServiceName, request: InjectRequest, expected: number) => {
    const response = await inject(service, request);
    if (response.status !== expected) throw new Error(`${request.method} ${request.url}: ${response.status} ${response.text}`);
    return JSON.parse(response.text);
  };

  return {
    services, dbs, sim, signingKey, connectWebhookSecret, deliveryKeys, inject,
    async signUp() {
      const email = `rel-${crypto.randomUUID().slice(0, 12)}@example.com`;
      const response = await services.auth.http.inject({ method: 'POST', url: '/api/users/signup', payload: { email, password: 'correct horse' } });
      if (response.statusCode !== 201) throw new Error(`signup failed: ${response.statusCode} ${response.body}`);
      const session = response.cookies.find((cookie) => cookie.name === 'session');
      if (!session) throw new Error('signup set no session cookie');
      return { id: response.json().id, email, cookie: `session=${session.value}`, token: session.value };
    },
    async listTicket(seller, body = { title: 'Concert', price: 20 }) {
      const ticket = await json('tickets', { method: 'POST', url: '/api/tickets', headers: { cookie: seller.cookie }, payload: body }, 201);
      await waitFor(async () => (await dbs.orders.query('SELECT 1 FROM tickets WHERE id = $1', [ticket.id])).length > 0, { what: `ticket ${ticket.id} in orders` });
      await waitFor(async () => (await dbs.delivery.query('SELECT 1 FROM tickets WHERE id = $1', [ticket.id])).length > 0, { what: `ticket ${ticket.id} in delivery` });
      return ticket;
    },
    async createEvent(owner, body = eventBody()) {
      const event = await json('catalog', { method: 'POST', url: '/api/events', headers: { cookie: owner.cookie }, payload: body }, 201);
      await waitFor(async () => (await dbs.tickets.query('SELECT 1 FROM events WHERE id = $1', [event.id])).length > 0, { what: `event ${event.id} in tickets` });
      await waitFor(async () => (await dbs.delivery.query('SELECT 1 FROM events WHERE id = $1', [event.id])).length > 0, { what: `event ${event.id} in delivery` });
      return event;
    },
    async cancelEvent(owner, eventId) {
      const event = await json('catalog', { method: 'POST', url: `/api/events/${eventId}/cancel`, headers: { cookie: owner.cookie } }, 200);
      await waitFor(async () => (await dbs.tickets.query("SELECT 1 FROM events WHERE id = $1 AND status = 'cancelled'", [eventId])).length > 0, { what: `event ${eventId} cancelled in tickets` });
      return event;
    },
    async placeOrder(buyer, ticketId) {
      const order = await json('orders', { method: 'POST', url: '/api/orders', headers: { cookie: buyer.cookie }, payload: { ticketId } }, 201);
      await waitFor(async () => (await dbs.payments.query('SELECT 1 FROM orders WHERE id = $1', [order.id])).length > 0, { what: `order ${order.id} in payments` });
      await waitFor(async () => (await dbs.tickets.query('SELECT 1 FROM tickets WHERE id = $1 AND order_id IS NOT NULL', [ticketId])).length > 0, { what: `ticket ${ticketId} reserved` });
      return order;
    },
    async payOrder(buyer, orderId) {
      await json('payments', { method: 'POST', url: '/api/payments', headers: { cookie: buyer.cookie }, payload: { orderId, token: 'tok_visa' } }, 201);
      await waitFor(async () => (await dbs.payouts.query("SELECT 1 FROM sales WHERE order_id = $1 AND state = 'held'", [orderId])).length > 0, { what: `sale of order ${orderId} in payouts` });
      await waitFor(async () => (await dbs.tickets.query('SELECT 1 FROM tickets WHERE order_id = $1 AND holder_id = $2', [orderId, buyer.id])).length > 0, { what: `buyer of order ${orderId} holding its ticket` });
      await waitFor(async () => (await dbs.delivery.query('SELECT 1 FROM passes WHERE order_id = $1', [orderId])).length > 0, { what: `pass of order ${orderId} in delivery` });
    },
    async attachFile(seller, ticketId, bytes = pdfFile(), contentType = 'application/pdf') {
      await waitFor(async () => (await dbs.delivery.query('SELECT 1 FROM tickets WHERE id = $1 AND seller_id = $2', [ticketId, seller.id])).length > 0, { what: `ticket ${ticketId} in delivery` });
      return json('delivery', {
        method: 'PUT', url: `/api/tickets/${ticketId}/file`, headers: { cookie: seller.cookie, 'content-type': contentType }, payload: bytes, raw: true,
      }, 200);
    },
    async resell(holder, ticketId, price) {
      const ticket = await json('tickets', { method: 'POST', url: `/api/tickets/${ticketId}/resale`, headers: { cookie: holder.cookie }, payload: { price } }, 200);
      await waitFor(async () => (await dbs.orders.query('SELECT 1 FROM tickets WHERE id = $1 AND generation = $2', [ticketId, ticket.generation])).length > 0, { what: `ticket ${ticketId} resold in orders` });
      await waitFor(async () => (await dbs.delivery.query('SELECT 1 FROM tickets WHERE id = $1 AND generation = $2', [ticketId, ticket.generation])).length > 0, { what: `ticket ${ticketId} resold in delivery` });
      return ticket;
    },
    async startOnboarding(seller) {
      return json('payouts', { method: 'POST', url: '/api/payouts/onboarding', headers: { cookie: seller.cookie } }, 200);
    },
    async settle() {
      for (const name of serviceNames) {
        await waitFor(async () => (await dbs[name].query<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL'))[0].n === 0, { what: `${name} outbox sent` });
      }
    },
    async close() {
      for (const name of serviceNames) await services[name].stop();
      await bus.close();
      await sim.stop();
      for (const testDb of testDbs) await testDb.close();
    },
  };
}
