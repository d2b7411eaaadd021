// Issue 10 §4: no call to another network service while a database transaction is open. In
// embedded mode one PGlite holds every service's schema and runs one transaction at a time, so a
// refund made inside a consumer's transaction would stop the whole marketplace for as long as the
// provider takes. Here tickets and payments share one PGlite and the in-process bus, as in `npm
// start`; the Stripe simulator takes 5 s per refund; while several refunds are in progress,
// GET /api/tickets must keep answering in under a second.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createInProcessBus, loadConfig, makeEnvelope, silentLogger, type EventData, type InProcessBus, type Service, type Subject,
} from '@ticketing/common';
import { createTestSessions, openTestPglite, waitFor, type TestSessions } from '@ticketing/common/testing/index';
import { createPaymentsService, createStripeProvider, paymentsConfigSchema } from '@ticketing/payments';
import { createStripeSimulator, type StripeSimulator } from '@ticketing/stripe-sim';
import { createTicketsService, ticketsConfigSchema } from '@ticketing/tickets';
import type { AddressInfo } from 'node:net';

const REFUNDS = 4;
const REFUND_MS = 5_000;
const BROWSE_LIMIT_MS = 1_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('embedded mode: slow refunds do not stall the marketplace', () => {
  let database: Awaited<ReturnType<typeof openTestPglite>>;
  let bus: InProcessBus;
  let sim: StripeSimulator;
  let sessions: TestSessions;
  let tickets: Service;
  let payments: Service;
  let ticketsUrl: string;

  beforeAll(async () => {
    database = await openTestPglite('embedded');
    bus = createInProcessBus({ logger: silentLogger() });
    sessions = await createTestSessions();
    sim = await createStripeSimulator().start();
    const logger = silentLogger();
    const common = { bus, logger, verifySession: sessions.verifySession };
    tickets = await createTicketsService({ ...common, db: await database.host.database('tickets'), config: loadConfig(ticketsConfigSchema, {}) });
    const config = loadConfig(paymentsConfigSchema, { STRIPE_API_BASE: sim.url });
    payments = await createPaymentsService({
      ...common, db: await database.host.database('payments'), config,
      // As stripeProviderFromConfig builds it: a 5 s refund is well within the SDK's timeout.
      provider: createStripeProvider({ secretKey: config.STRIPE_SECRET_KEY, apiBase: config.STRIPE_API_BASE, maxNetworkRetries: 2, timeoutMs: 10_000 }),
    });
    await tickets.start({ port: 0 });
    await payments.start();
    ticketsUrl = `http://127.0.0.1:${(tickets.http.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await payments?.stop();
    await tickets?.stop();
    await bus?.close();
    await sim?.stop();
    await database?.close();
  });

  const publish = async <S extends Subject>(subject: S, data: EventData<S>) => {
    await bus.publish([{ envelope: makeEnvelope(subject, data), headers: {} }]);
  };
  const browse = async (): Promise<number> => {
    const started = performance.now();
    const response = await fetch(`${ticketsUrl}/api/tickets`);
    expect(response.status).toBe(200);
    await response.json();
    return performance.now() - started;
  };

  /** An order in payments' replica, paid through POST /api/payments. */
  const paidOrder = async (buyer: { id: string; cookie: string }): Promise<string> => {
    const id = crypto.randomUUID();
    await publish('order:created', {
      id, version: 0, status: 'created', userId: buyer.id, expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
      ticket: { id: crypto.randomUUID(), price: 25 },
    });
    await waitFor(async () => (await payments.db.query('SELECT 1 FROM orders WHERE id = $1', [id])).length > 0, { what: `order ${id} in payments` });
    const paid = await payments.http.inject({ method: 'POST', url: '/api/payments', headers: { cookie: buyer.cookie }, payload: { orderId: id, token: 'pm_card_visa' } });
    expect(paid.statusCode).toBe(201);
    return id;
  };

  it(`GET /api/tickets answers in < ${BROWSE_LIMIT_MS} ms while ${REFUNDS} refunds of ${REFUND_MS / 1000} s each are in progress`, { timeout: 120_000 }, async () => {
    const seller = await sessions.newUser();
    for (let i = 0; i < 3; i++) {
      const created = await tickets.http.inject({ method: 'POST', url: '/api/tickets', headers: { cookie: seller.cookie }, payload: { title: `concert ${i}`, price: 25 } });
      expect(created.statusCode).toBe(201);
    }
    const buyer = await sessions.newUser();
    const orders: string[] = [];
    for (let i = 0; i < REFUNDS; i++) orders.push(await paidOrder(buyer));
    expect(await browse()).toBeLessThan(BROWSE_LIMIT_MS);

    sim.delayNext(REFUNDS, REFUND_MS); // the next provider requests are the refunds
    const cancelledAt = Date.now();
    for (const id of orders) await publish('order:cancelled', { id, version: 1, ticket: { id: crypto.randomUUID() } });

    await sleep(300); // the refunds have started
    const latencies: number[] = [];
    while (Date.now() - cancelledAt < REFUND_MS - 700) {
      latencies.push(await browse());
      await sleep(100);
    }
    console.info(`browse during refunds: ${latencies.length} requests, max ${Math.round(Math.max(...latencies))} ms`);
    expect(Math.max(...latencies)).toBeLessThan(BROWSE_LIMIT_MS);
    expect(latencies.length).toBeGreaterThan(5);
    // Still in progress while we browsed: no refund had come back yet.
    expect(sim.refunds()).toEqual([]);

    // And the refunds are made, each once.
    await waitFor(async () => {
      const [{ n }] = await payments.db.query<{ n: number }>("SELECT count(*)::int4 AS n FROM payments WHERE status = 'refunded' AND order_id = ANY($1)", [orders]);
      return n === REFUNDS;
    }, { timeoutMs: 60_000, what: 'every refund recorded' });
    expect(sim.refunds()).toHaveLength(REFUNDS);
    for (const id of orders) expect(sim.charges({ metadata: { orderId: id } })).toEqual([expect.objectContaining({ refunded: true })]);
  });
});
