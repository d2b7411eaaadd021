// A payments service on a fresh PostgreSQL schema and an in-process bus, charging through the
// real Stripe SDK over HTTP against an in-process Stripe simulator. Tests feed the orders replica
// by publishing order events and watch what the service publishes.
import {
  createBus, loadConfig, makeEnvelope, silentLogger, type Envelope, type EventData, type ManagedBus, type RetryPolicy, type Service,
  type Subject,
} from '@ticketing/common';
import { createTestSessions, openTestPostgres, uniqueName, waitFor, type TestDb, type TestSessions } from '@ticketing/common/testing/index';
import { createStripeSimulator, type StripeSimulator } from '@ticketing/stripe-sim';
import { createServer } from 'node:net';
import { createPaymentsService } from '../../src/app';
import { paymentsConfigSchema } from '../../src/config';
import { createStripeProvider } from '../../src/provider/stripe.provider';
import type { RefundWorkerOptions } from '../../src/workers/refund-worker';

/** What POST /api/payments answers: a payment or an error body (loosely typed for assertions). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type PayResponseBody = Record<string, any>;

export const WEBHOOK_SECRET = 'whsec_payments_test_secret';

export interface Harness {
  service: Service;
  sim: StripeSimulator;
  bus: ManagedBus;
  testDb: TestDb;
  sessions: TestSessions;
  /** Events the service published, by subject. */
  published<S extends 'payment:created' | 'payment:refunded'>(subject: S): Envelope<S>[];
  publish<S extends Subject>(subject: S, data: EventData<S>): Promise<Envelope<S>>;
  /** Publishes order:created for the user and waits until the replica has it. */
  createOrder(userId: string, options?: { price?: number; expiresAt?: Date }): Promise<string>;
  cancelOrder(orderId: string, version?: number): Promise<Envelope<'order:cancelled'>>;
  pay(cookie: string | undefined, body: unknown, idempotencyKey?: string): Promise<{ status: number; body: PayResponseBody }>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Serve HTTP on a real port and have the simulator send webhooks to it. */
  webhooks?: boolean;
  /** memory:// (default) or a RabbitMQ URL (then on an exchange of the suite's own). */
  busUrl?: string;
  /** The bus's retry budget (default: generous and quick). */
  busPolicy?: RetryPolicy;
  /** Default: the refund worker looks every 50 ms and retries after 50 ms … 500 ms. */
  refunds?: RefundWorkerOptions;
  /** The simulator on a fixed port, so a test can stop it and start it again at the same address. */
  fixedSimPort?: boolean;
  /** Payments' environment on top of the harness's (e.g. the failed-payment limits). */
  env?: Record<string, string>;
}

const quickRefunds: RefundWorkerOptions = { pollMs: 50, retry: { baseDelayMs: 50, maxDelayMs: 500 } };

export async function startPaymentsHarness(options: HarnessOptions = {}): Promise<Harness> {
  const testDb = await openTestPostgres('payments', 30);
  const bus = await createBus(options.busUrl ?? 'memory://', {
    exchange: uniqueName('payments'), policy: options.busPolicy ?? { maxAttempts: 40, baseDelayMs: 20, maxDelayMs: 300 },
  });
  const sessions = await createTestSessions();
  const port = options.webhooks ? await freePort() : undefined;
  const sim = await createStripeSimulator({
    port: options.fixedSimPort ? await freePort() : 0,
    webhookUrl: port ? `http://127.0.0.1:${port}/api/payments/webhooks/stripe` : undefined,
    webhookSecret: WEBHOOK_SECRET,
    webhookRetry: { initialDelayMs: 20 },
  }).start();
  const config = loadConfig(paymentsConfigSchema, { STRIPE_API_BASE: sim.url, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, ...options.env });
  const provider = createStripeProvider({
    secretKey: config.STRIPE_SECRET_KEY, apiBase: config.STRIPE_API_BASE, webhookSecret: config.STRIPE_WEBHOOK_SECRET,
    maxNetworkRetries: 2, timeoutMs: 5_000,
  });
  const service = await createPaymentsService({
    db: testDb.db, bus, logger: silentLogger(), verifySession: sessions.verifySession, config, provider, refunds: options.refunds ?? quickRefunds,
  });
  await service.start(port ? { port } : undefined);

  const seen: Envelope[] = [];
  const observers = await Promise.all((['payment:created', 'payment:refunded'] as const).map((subject) =>
    bus.subscribe({ group: 'test-observer', subject, handler: async ({ envelope }) => { seen.push(envelope); } })));

  const publish = async <S extends Subject>(subject: S, data: EventData<S>) => {
    const envelope = makeEnvelope(subject, data);
    await bus.publish([{ envelope, headers: {} }]);
    return envelope;
  };

  return {
    service, sim, bus, testDb, sessions,
    published: <S extends Subject>(subject: S) => seen.filter((envelope): envelope is Envelope<S> => envelope.subject === subject),
    publish,
    async createOrder(userId, { price = 20, expiresAt = new Date(Date.now() + 15 * 60_000) } = {}) {
      const id = crypto.randomUUID();
      await publish('order:created', {
        id, version: 0, status: 'created', userId, expiresAt: expiresAt.toISOString(), ticket: { id: crypto.randomUUID(), price },
      });
      await waitFor(async () => (await testDb.db.query('SELECT 1 FROM orders WHERE id = $1', [id])).length > 0, { what: `order ${id} in the replica` });
      return id;
    },
    cancelOrder: (orderId, version = 1) => publish('order:cancelled', { id: orderId, version, ticket: { id: crypto.randomUUID() } }),
    async pay(cookie, body, idempotencyKey) {
      const headers: Record<string, string> = {};
      if (cookie) headers.cookie = cookie;
      if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;
      const response = await service.http.inject({ method: 'POST', url: '/api/payments', headers, payload: body as object });
      return { status: response.statusCode, body: response.json() };
    },
    async close() {
      await Promise.all(observers.map((observer) => observer.close()));
      await service.stop();
      await bus.destroy();
      await sim.stop();
      await testDb.close();
    },
  };
}

/** The order's replica status and its payment rows, read straight from the database. */
export async function paymentRows(harness: Harness, orderId: string) {
  return harness.testDb.db.query<{ id: string; status: string; stripeId: string | null; refundId: string | null }>(
    'SELECT id, status, stripe_id AS "stripeId", refund_id AS "refundId" FROM payments WHERE order_id = $1 ORDER BY created_at', [orderId]);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}
