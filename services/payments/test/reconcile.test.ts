// Issue 11 §2: an attempt whose answer was lost is reconciled by looking its PaymentIntent up,
// never by charging again — not even with the same idempotency key, which Stripe forgets after
// 24 h (R9: "an unknown charge reconciled 24 h later, provider clock moved"). And Stripe's
// webhooks settle an attempt whose answer never came.
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@ticketing/common/testing/index';
import { paymentRows, startPaymentsHarness, WEBHOOK_SECRET, type Harness } from './support/payments-harness';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Long enough for the tests below to see the refund worker wait, short enough to see it end. */
const SEARCH_LAG_SECONDS = 4;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The charge ran at Stripe, and the answer to it and to both of the SDK's retries was lost. */
async function payWithLostAnswer(h: Harness, cookie: string, orderId: string) {
  h.sim.failNext(3, 'network', { stage: 'after' });
  const response = await h.pay(cookie, { orderId, token: 'pm_card_visa' });
  expect(h.sim.paymentIntents({ metadata: { orderId } })).toHaveLength(1);
  return response;
}

const createdFor = (h: Harness, orderId: string) => h.published('payment:created').filter((envelope) => envelope.data.orderId === orderId);
const refundedFor = (h: Harness, orderId: string) => h.published('payment:refunded').filter((envelope) => envelope.data.orderId === orderId);

describe('reconciling an unknown outcome by lookup (no webhooks)', () => {
  let h: Harness;
  beforeAll(async () => { h = await startPaymentsHarness({ env: { STRIPE_SEARCH_LAG_SECONDS: String(SEARCH_LAG_SECONDS) } }); });
  afterAll(async () => { await h?.close(); });

  it('24 h later (Stripe has forgotten the key) a cancel refunds the one charge made: one PaymentIntent, refunded', async () => {
    const user = await h.sessions.newUser();
    const orderId = await h.createOrder(user.id);
    expect((await payWithLostAnswer(h, user.cookie, orderId)).status).toBe(503);
    h.sim.advanceClock(DAY_MS + 60_000);

    await h.cancelOrder(orderId);

    await waitFor(() => refundedFor(h, orderId).length > 0, { what: 'payment:refunded' });
    const intents = h.sim.paymentIntents({ metadata: { orderId } });
    expect(intents).toHaveLength(1); // before: a second PaymentIntent, charged, and only that one refunded
    const [refund] = h.sim.refunds({ payment_intent: intents[0].id });
    expect(refundedFor(h, orderId)[0].data).toMatchObject({ refundId: refund.id, amount: refund.amount, currency: refund.currency });
    const charges = h.sim.charges({ metadata: { orderId } });
    expect(charges).toHaveLength(1);
    expect(charges[0]).toMatchObject({ refunded: true, payment_intent: intents[0].id });
    expect(h.sim.refunds({ payment_intent: intents[0].id })).toHaveLength(1);
    expect(await paymentRows(h, orderId)).toEqual([expect.objectContaining({ status: 'refunded', stripeId: intents[0].id })]);
    expect(refundedFor(h, orderId)).toHaveLength(1);
  });

  it('24 h later the buyer\'s retry settles the PaymentIntent already made instead of making a second one', async () => {
    const user = await h.sessions.newUser();
    const orderId = await h.createOrder(user.id, { expiresAt: new Date(Date.now() + 2 * DAY_MS) });
    expect((await payWithLostAnswer(h, user.cookie, orderId)).status).toBe(503);
    h.sim.advanceClock(DAY_MS + 60_000);

    const retried = await h.pay(user.cookie, { orderId, token: 'pm_card_visa' });

    const intents = h.sim.paymentIntents({ metadata: { orderId } });
    expect(intents).toHaveLength(1);
    expect(retried).toMatchObject({ status: 201, body: { stripeId: intents[0].id, status: 'succeeded' } });
    await waitFor(() => createdFor(h, orderId).length > 0);
    await sleep(100);
    expect(createdFor(h, orderId)).toHaveLength(1);
    // Settled from the lookup: the charge is the looked-up PaymentIntent's.
    expect(createdFor(h, orderId)[0].data).toMatchObject({ amount: intents[0].amount, currency: 'usd', chargeId: intents[0].latest_charge });
    expect(intents[0].transfer_group).toBe(orderId);
  });

  it('a charge that never reached Stripe is not made by the cancel: nothing charged, the attempt failed once the search has caught up', async () => {
    const user = await h.sessions.newUser();
    const orderId = await h.createOrder(user.id);
    h.sim.failNext(3, 'network', { stage: 'before' });
    const attemptedAt = Date.now();
    expect((await h.pay(user.cookie, { orderId, token: 'pm_card_visa' })).status).toBe(503);

    await h.cancelOrder(orderId);
    // Half the search lag after the attempt (however long the requests above took on a busy machine).
    await sleep(Math.max(0, attemptedAt + SEARCH_LAG_SECONDS * 500 - Date.now()));
    // Not found yet, but Stripe's search may lag: the refund stays owed, the attempt unknown.
    expect((await paymentRows(h, orderId)).map((row) => row.status)).toEqual(['pending']);
    expect(await h.testDb.db.query('SELECT 1 FROM refunds_due')).not.toEqual([]);

    await waitFor(async () => (await paymentRows(h, orderId))[0]?.status === 'failed', { timeoutMs: 10_000, what: 'attempt failed' });
    expect(h.sim.paymentIntents({ metadata: { orderId } })).toEqual([]); // before: charged at the cancel, then refunded
    expect(refundedFor(h, orderId)).toEqual([]);
    await waitFor(async () => (await h.testDb.db.query(
      'SELECT 1 FROM refunds_due d JOIN payments p ON p.id = d.payment_id WHERE p.order_id = $1', [orderId])).length === 0);
  });

  it('answer lost, then Stripe\'s webhook: the order is paid (payment:created once) without the buyer retrying', async () => {
    const user = await h.sessions.newUser();
    const orderId = await h.createOrder(user.id);
    expect((await payWithLostAnswer(h, user.cookie, orderId)).status).toBe(503);
    expect(createdFor(h, orderId)).toEqual([]);
    const [intent] = h.sim.paymentIntents({ metadata: { orderId } });

    // What Stripe sends (the simulator's own event, signed), twice: endpoints see redeliveries.
    const event = h.sim.events('payment_intent.succeeded').find((candidate) => (candidate.data.object as Stripe.PaymentIntent).id === intent.id)!;
    for (let delivery = 0; delivery < 2; delivery++) expect((await deliver(h, event)).statusCode).toBe(200);

    await waitFor(() => createdFor(h, orderId).length > 0, { what: 'payment:created' });
    const [row] = await paymentRows(h, orderId);
    expect(row).toMatchObject({ status: 'succeeded', stripeId: intent.id });
    // Settled from the webhook's PaymentIntent: its latest charge is the one to transfer from.
    expect(createdFor(h, orderId)).toEqual([expect.objectContaining({
      data: { id: row.id, orderId, stripeId: intent.id, amount: intent.amount, currency: intent.currency, chargeId: intent.latest_charge },
    })]);
    // The buyer coming back finds it paid; nothing more is charged.
    expect((await h.pay(user.cookie, { orderId, token: 'pm_card_visa' })).body.errors[0].message).toBe('Order is already paid');
    await sleep(100);
    expect(createdFor(h, orderId)).toHaveLength(1);
    expect(h.sim.paymentIntents({ metadata: { orderId } })).toHaveLength(1);
  });

  it('payment_intent.payment_failed settles an unknown attempt as failed: the order can be paid again', async () => {
    const user = await h.sessions.newUser();
    const orderId = await h.createOrder(user.id);
    h.sim.failNext(3, 'network', { stage: 'after' });
    expect((await h.pay(user.cookie, { orderId, token: 'pm_card_chargeDeclined' })).status).toBe(503);
    const [intent] = h.sim.paymentIntents({ metadata: { orderId } });
    const event = h.sim.events('payment_intent.payment_failed').find((candidate) => (candidate.data.object as Stripe.PaymentIntent).id === intent.id)!;

    expect((await deliver(h, event)).statusCode).toBe(200);

    expect(await paymentRows(h, orderId)).toEqual([expect.objectContaining({ status: 'failed', stripeId: intent.id })]);
    expect((await h.pay(user.cookie, { orderId, token: 'pm_card_visa' })).status).toBe(201);
  });
});

describe('webhooks delivered by the simulator', () => {
  let h: Harness;
  beforeAll(async () => { h = await startPaymentsHarness({ webhooks: true }); });
  afterAll(async () => { await h?.close(); });

  it('answer lost: the delivered payment_intent.succeeded completes the order, payment:created exactly once', async () => {
    const user = await h.sessions.newUser();
    const orderId = await h.createOrder(user.id);
    // The webhook may even beat the lost answer, and then the request answers 201 from it.
    expect([201, 503]).toContain((await payWithLostAnswer(h, user.cookie, orderId)).status);

    await waitFor(() => createdFor(h, orderId).length > 0, { what: 'payment:created' });
    await h.sim.webhooksIdle();
    await sleep(100);
    expect(createdFor(h, orderId)).toHaveLength(1);
    const [intent] = h.sim.paymentIntents({ metadata: { orderId } });
    expect(await paymentRows(h, orderId)).toEqual([expect.objectContaining({ status: 'succeeded', stripeId: intent.id })]);
  });
});

describe('charge.refunded for a refund whose answer was lost', () => {
  let h: Harness;
  // The refund worker, once it failed, would only look again in 30 s.
  beforeAll(async () => { h = await startPaymentsHarness({ refunds: { pollMs: 50, retry: { baseDelayMs: 30_000, maxDelayMs: 30_000 } } }); });
  afterAll(async () => { await h?.close(); });

  it('records the refund at once instead of after the worker\'s backoff', async () => {
    const user = await h.sessions.newUser();
    const orderId = await h.createOrder(user.id);
    const paid = await h.pay(user.cookie, { orderId, token: 'pm_card_visa' });
    h.sim.failNext(3, 'network', { stage: 'after' });
    await h.cancelOrder(orderId);
    await waitFor(async () => (await h.testDb.db.query<{ attempts: number }>(
      'SELECT attempts FROM refunds_due WHERE payment_id = $1 AND lease_until IS NULL AND attempts >= 1', [paid.body.id])).length === 1,
    { what: 'the refund postponed' });
    expect(h.sim.refunds({ payment_intent: paid.body.stripeId })).toHaveLength(1); // made, but we never heard
    expect(refundedFor(h, orderId)).toEqual([]);

    const event = h.sim.events('charge.refunded').find((candidate) => (candidate.data.object as Stripe.Charge).payment_intent === paid.body.stripeId)!;
    expect((await deliver(h, event)).statusCode).toBe(200);

    await waitFor(() => refundedFor(h, orderId).length > 0, { timeoutMs: 5_000, what: 'payment:refunded' });
    expect(h.sim.refunds({ payment_intent: paid.body.stripeId })).toHaveLength(1);
    expect((await paymentRows(h, orderId)).map((row) => row.status)).toEqual(['refunded']);
  });
});

function deliver(h: Harness, event: Stripe.Event) {
  const payload = JSON.stringify(event);
  return h.service.http.inject({
    method: 'POST', url: '/api/payments/webhooks/stripe', payload,
    headers: { 'content-type': 'application/json', 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET }) },
  });
}
