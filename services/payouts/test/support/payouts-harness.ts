// A payouts service on a fresh PostgreSQL schema and an in-process bus, talking Connect through the
// real Stripe SDK to an in-process Stripe simulator whose Connect webhooks reach the service's
// webhook route. Tests feed it the events other services publish (with real charges and refunds
// made at the simulator, so transfers have a source) and read the ledger to check its invariants.
import {
  createBus, DbTimersScheduler, makeEnvelope, silentLogger, type Envelope, type EventData, type ManagedBus, type Service, type Subject,
} from '@ticketing/common';
import { createTestSessions, openTestPostgres, uniqueName, waitFor, type TestDb, type TestSessions } from '@ticketing/common/testing/index';
import { createStripeSimulator, type StripeSimulator } from '@ticketing/stripe-sim';
import { createServer } from 'node:net';
import Stripe from 'stripe';
import { createPayoutsService } from '../../src/app';
import { createStripeConnectProvider } from '../../src/provider/stripe-connect.provider';
import type { PayoutsProvider } from '../../src/provider/payouts-provider.port';
import { RELEASE_TIMERS_TABLE } from '../../src/scheduler/create-scheduler';

export const CONNECT_SECRET = 'whsec_payouts_test_secret';
/** 2 s of hold: a sale without an event is payable two seconds after it is paid. */
export const HOLD_HOURS = 2 / 3600;

export interface User { id: string; cookie: string }

export interface Harness {
  service: Service;
  sim: StripeSimulator;
  stripe: Stripe;
  bus: ManagedBus;
  testDb: TestDb;
  sessions: TestSessions;
  provider: PayoutsProvider;
  newUser(): Promise<User>;
  publish<S extends Subject>(subject: S, data: EventData<S>, occurredAt?: Date): Promise<Envelope<S>>;
  /** event:created for an event starting at `startsAt`. */
  createEvent(startsAt: Date, userId?: string): Promise<EventData<'event:created'>>;
  /** ticket:created for the seller (and the event, if any). */
  listTicket(sellerId: string, options?: { eventId?: string; price?: number }): Promise<string>;
  /** order:created for the buyer (of that generation, sold by `sellerId`, when given: issue 17). */
  orderTicket(ticketId: string, buyerId: string, price?: number, listing?: { sellerId?: string; generation?: number }): Promise<string>;
  /** A real charge at the simulator for the order, then payment:created carrying it. */
  pay(orderId: string, amountCents: number, options?: { occurredAt?: Date; publish?: boolean }): Promise<PaymentOf>;
  /** The payment:created of a charge already made (to publish it later or twice). */
  paymentCreated(payment: PaymentOf, occurredAt?: Date): Promise<void>;
  /** A real refund at the simulator, then payment:refunded. */
  refund(payment: PaymentOf): Promise<void>;
  /** The refund at the simulator only; its id. */
  refundAtProvider(payment: PaymentOf): Promise<string>;
  /** payment:refunded only (the refund made, or to be made, at the simulator). */
  refunded(payment: PaymentOf, refundId?: string): Promise<void>;
  /** listTicket + orderTicket + pay, waiting until the sale is booked. */
  sell(seller: User, buyer: User, options?: { eventId?: string; amountCents?: number }): Promise<PaymentOf>;
  /** POST /api/payouts/onboarding, then the simulator's onboarding shortcut; resolves once payouts are enabled. */
  onboard(seller: User): Promise<string>;
  /** POST /api/payouts/onboarding only: the seller's account id. */
  startOnboarding(seller: User): Promise<string>;
  get(cookie: string | undefined, url: string): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  sale(orderId: string): Promise<SaleSnapshot | undefined>;
  waitForState(orderId: string, state: string, timeoutMs?: number): Promise<SaleSnapshot>;
  /** The ledger invariants: every movement sums to zero, each sale's movements happen at most once. */
  expectLedgerBalanced(): Promise<void>;
  close(): Promise<void>;
}

export interface PaymentOf { orderId: string; paymentId: string; paymentIntentId: string; chargeId: string; amountCents: number }
export interface SaleSnapshot { state: string; transferId: string | null; reversalId: string | null; debtCents: number; netCents: number; feeCents: number; grossCents: number; payableAt: Date }

export interface HarnessOptions {
  holdHours?: number;
  feePercent?: number;
  now?: () => Date;
  /** The simulator on a fixed port (to stop it and start it again at the same address). */
  fixedSimPort?: number;
}

export async function startPayoutsHarness(options: HarnessOptions = {}): Promise<Harness> {
  const testDb = await openTestPostgres('payouts', 20);
  const bus = await createBus('memory://', { exchange: uniqueName('payouts'), policy: { maxAttempts: 40, baseDelayMs: 20, maxDelayMs: 300 } });
  const sessions = await createTestSessions();
  const port = await freePort();
  const sim = await createStripeSimulator({
    port: options.fixedSimPort ?? 0,
    connectWebhookUrl: `http://127.0.0.1:${port}/api/payouts/webhooks/stripe`,
    connectWebhookSecret: CONNECT_SECRET,
    webhookRetry: { initialDelayMs: 20 },
  }).start();
  const stripe = new Stripe('sk_test_simulator', { host: '127.0.0.1', port: sim.port, protocol: 'http', telemetry: false, maxNetworkRetries: 0 });
  const provider = createStripeConnectProvider({
    secretKey: 'sk_test_simulator', apiBase: sim.url, webhookSecret: CONNECT_SECRET, maxNetworkRetries: 0, timeoutMs: 5_000,
  });
  const scheduler = new DbTimersScheduler({ db: testDb.db, table: RELEASE_TIMERS_TABLE, maxSleepMs: 100 });
  const service = await createPayoutsService({
    db: testDb.db, bus, logger: silentLogger(), verifySession: sessions.verifySession, provider, scheduler,
    config: { PAYOUT_HOLD_HOURS: options.holdHours ?? HOLD_HOURS, PLATFORM_FEE_PERCENT: options.feePercent ?? 5, PAYOUTS_WEB_URL: 'http://web.test' },
    now: options.now, payouts: { pollMs: 50, retry: { baseDelayMs: 50, maxDelayMs: 300 } },
  });
  await service.start({ port });

  const publish = async <S extends Subject>(subject: S, data: EventData<S>, occurredAt?: Date) => {
    const envelope = makeEnvelope(subject, data);
    if (occurredAt) envelope.occurredAt = occurredAt.toISOString();
    await bus.publish([{ envelope, headers: {} }]);
    return envelope;
  };
  const rows = (sql: string, params: unknown[] = []) => testDb.db.query<Record<string, unknown>>(sql, params);
  const sale = async (orderId: string) => (await testDb.db.query<SaleSnapshot>(
    `SELECT state, transfer_id AS "transferId", reversal_id AS "reversalId", debt_cents AS "debtCents", net_cents AS "netCents",
       fee_cents AS "feeCents", gross_cents AS "grossCents", payable_at AS "payableAt" FROM sales WHERE order_id = $1`, [orderId]))[0];

  const harness: Harness = {
    service, sim, stripe, bus, testDb, sessions, provider,
    newUser: () => sessions.newUser(),
    publish,
    async createEvent(startsAt, userId = crypto.randomUUID()) {
      const data = {
        id: crypto.randomUUID(), version: 0 as const, status: 'scheduled' as const, name: 'Concert', venue: 'Hall', city: 'Paris', country: 'FR',
        startsAt: startsAt.toISOString(), userId,
      };
      await publish('event:created', data);
      return data;
    },
    async listTicket(sellerId, { eventId, price = 20 } = {}) {
      const id = crypto.randomUUID();
      await publish('ticket:created', { id, version: 0, title: 'Ticket', price, userId: sellerId, ...(eventId ? { eventId } : {}) });
      return id;
    },
    async orderTicket(ticketId, buyerId, price = 20, listing = {}) {
      const id = crypto.randomUUID();
      await publish('order:created', {
        id, version: 0, status: 'created', userId: buyerId, expiresAt: new Date(Date.now() + 900_000).toISOString(), ticket: { id: ticketId, price, ...listing },
      });
      return id;
    },
    async pay(orderId, amountCents, { occurredAt, publish: send = true } = {}) {
      const intent = await stripe.paymentIntents.create({
        amount: amountCents, currency: 'usd', confirm: true, payment_method: 'pm_card_visa', transfer_group: orderId,
        automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
      });
      const chargeId = typeof intent.latest_charge === 'string' ? intent.latest_charge : intent.latest_charge!.id;
      const payment = { orderId, paymentId: crypto.randomUUID(), paymentIntentId: intent.id, chargeId, amountCents };
      if (send) await harness.paymentCreated(payment, occurredAt);
      return payment;
    },
    async paymentCreated(payment, occurredAt) {
      await publish('payment:created', {
        id: payment.paymentId, orderId: payment.orderId, stripeId: payment.paymentIntentId, amount: payment.amountCents, currency: 'usd', chargeId: payment.chargeId,
      }, occurredAt);
    },
    async refund(payment) {
      await harness.refunded(payment, await harness.refundAtProvider(payment));
    },
    async refundAtProvider(payment) {
      return (await stripe.refunds.create({ payment_intent: payment.paymentIntentId })).id;
    },
    async refunded(payment, refundId = `re_${crypto.randomUUID().replaceAll('-', '')}`) {
      await publish('payment:refunded', {
        id: payment.paymentId, orderId: payment.orderId, stripeId: payment.paymentIntentId, refundId, amount: payment.amountCents, currency: 'usd',
      });
    },
    async sell(seller, buyer, { eventId, amountCents = 2000 } = {}) {
      const ticketId = await harness.listTicket(seller.id, { eventId, price: amountCents / 100 });
      const orderId = await harness.orderTicket(ticketId, buyer.id, amountCents / 100);
      const payment = await harness.pay(orderId, amountCents);
      await waitFor(() => sale(orderId), { what: `sale of order ${orderId}` });
      return payment;
    },
    async startOnboarding(seller) {
      const response = await service.http.inject({ method: 'POST', url: '/api/payouts/onboarding', headers: { cookie: seller.cookie } });
      if (response.statusCode !== 200) throw new Error(`onboarding answered ${response.statusCode}: ${response.body}`);
      const [account] = await rows('SELECT stripe_account_id AS id FROM accounts WHERE seller_id = $1', [seller.id]);
      return account.id as string;
    },
    async onboard(seller) {
      const accountId = await harness.startOnboarding(seller);
      sim.completeOnboarding(accountId);
      await waitFor(async () => (await rows('SELECT 1 FROM accounts WHERE seller_id = $1 AND payouts_enabled', [seller.id])).length > 0,
        { what: `payouts enabled for ${seller.id}` });
      return accountId;
    },
    async get(cookie, url) {
      const response = await service.http.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
      return { status: response.statusCode, body: response.json() };
    },
    sale,
    async waitForState(orderId, state, timeoutMs = 15_000) {
      return waitFor(async () => {
        const current = await sale(orderId);
        return current?.state === state ? current : undefined;
      }, { what: `sale ${orderId} ${state}`, timeoutMs });
    },
    async expectLedgerBalanced() {
      const unbalanced = await rows('SELECT movement_id, sum(amount_cents)::int8 AS sum FROM ledger_entries GROUP BY movement_id HAVING sum(amount_cents) <> 0');
      if (unbalanced.length) throw new Error(`unbalanced movements: ${JSON.stringify(unbalanced)}`);
      const repeated = await rows('SELECT order_id, movement FROM ledger_entries GROUP BY order_id, movement HAVING count(DISTINCT movement_id) > 1');
      if (repeated.length) throw new Error(`movements written twice: ${JSON.stringify(repeated)}`);
      // Each sale's seller account: what the platform still owes them (negative) or they owe (positive), by state.
      const wrong = await rows(`SELECT s.order_id, s.state, coalesce(sum(l.amount_cents), 0)::int8 AS owed FROM sales s
        LEFT JOIN ledger_entries l ON l.order_id = s.order_id AND l.account = 'seller:' || s.seller_id
        GROUP BY s.order_id, s.state, s.net_cents, s.debt_cents
        HAVING coalesce(sum(l.amount_cents), 0) <> CASE
          WHEN s.state IN ('held', 'payable') THEN -s.net_cents
          WHEN s.state = 'reversed' THEN s.debt_cents
          ELSE coalesce(sum(l.amount_cents), 0) END`);
      if (wrong.length) throw new Error(`seller balances that do not match the sale's state: ${JSON.stringify(wrong)}`);
    },
    async close() {
      await service.stop();
      await bus.destroy();
      await sim.stop();
      await testDb.close();
    },
  };
  return harness;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}
