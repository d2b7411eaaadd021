import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEnvelope } from '@ticketing/common';
import { waitFor } from '@ticketing/common/testing/index';
import { refundKey } from '../src/domain/idempotency-keys';
import { createStripeProvider } from '../src/provider/stripe.provider';
import { paymentRows, startPaymentsHarness, type Harness } from './support/payments-harness';

describe('order:cancelled consumer', () => {
  let h: Harness;
  beforeAll(async () => { h = await startPaymentsHarness(); });
  afterAll(async () => { await h?.close(); });

  const replicaStatus = async (orderId: string) =>
    (await h.testDb.db.query<{ status: string; version: number }>('SELECT status, version FROM orders WHERE id = $1', [orderId]))[0];

  it('order:created fills the replica with the price in cents', async () => {
    const user = await h.sessions.newUser();
    const orderId = await h.createOrder(user.id, { price: 19.99 });
    const [row] = await h.testDb.db.query('SELECT version, user_id AS "userId", price_cents AS "priceCents", status FROM orders WHERE id = $1', [orderId]);
    expect(row).toEqual({ version: 0, userId: user.id, priceCents: 1999, status: 'created' });
  });

  it('cancelling a paid order refunds it in Stripe and publishes payment:refunded', async () => {
    const user = await h.sessions.newUser();
    const orderId = await h.createOrder(user.id);
    const paid = await h.pay(user.cookie, { orderId, token: 'pm_card_visa' });
    expect(paid.status).toBe(201);

    await h.cancelOrder(orderId);

    const event = await waitFor(() => h.published('payment:refunded').find((envelope) => envelope.data.orderId === orderId));
    const refunds = h.sim.refunds({ payment_intent: paid.body.stripeId });
    expect(refunds).toHaveLength(1);
    expect(event.data).toEqual({
      id: paid.body.id, orderId, stripeId: paid.body.stripeId, refundId: refunds[0].id, amount: refunds[0].amount, currency: refunds[0].currency,
    });
    expect(event.data).toMatchObject({ amount: 2000, currency: 'usd' }); // the whole charge (price 20)
    expect(h.sim.charges({ metadata: { orderId } })[0]).toMatchObject({ refunded: true });
    expect(await replicaStatus(orderId)).toEqual({ status: 'cancelled', version: 1 });
    expect((await paymentRows(h, orderId)).map((row) => row.status)).toEqual(['refunded']);
  });

  it('a redelivered order:cancelled refunds once', async () => {
    const user = await h.sessions.newUser();
    const orderId = await h.createOrder(user.id);
    const paid = await h.pay(user.cookie, { orderId, token: 'pm_card_visa' });
    const cancelled = makeEnvelope('order:cancelled', { id: orderId, version: 1, ticket: { id: crypto.randomUUID() } });

    await h.bus.publish([{ envelope: cancelled, headers: {} }, { envelope: cancelled, headers: {} }]);
    // The same cancellation as a new event (a second id): the version rule keeps it out.
    await h.cancelOrder(orderId, 1);

    await waitFor(() => h.published('payment:refunded').some((envelope) => envelope.data.orderId === orderId));
    await waitFor(async () => {
      const handled = await h.testDb.db.query("SELECT count(*)::int4 AS n FROM inbox WHERE subject = 'order:cancelled' AND consumer_group = 'payments-service'");
      return (handled[0] as { n: number }).n >= 1;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.sim.refunds({ payment_intent: paid.body.stripeId })).toHaveLength(1);
    expect(h.published('payment:refunded').filter((envelope) => envelope.data.orderId === orderId)).toHaveLength(1);
  });

  it('order:cancelled before its order:created waits, then applies', async () => {
    const user = await h.sessions.newUser();
    const orderId = crypto.randomUUID();
    await h.cancelOrder(orderId);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await h.publish('order:created', {
      id: orderId, version: 0, status: 'created', userId: user.id,
      expiresAt: new Date(Date.now() + 60_000).toISOString(), ticket: { id: crypto.randomUUID(), price: 5 },
    });
    await waitFor(async () => (await replicaStatus(orderId))?.status === 'cancelled');
  });

  it('a cancel at a later version (2: paid, then its reservation rejected) applies at once and refunds: cancelled is final', async () => {
    const user = await h.sessions.newUser();
    const orderId = await h.createOrder(user.id);
    const paid = await h.pay(user.cookie, { orderId, token: 'pm_card_visa' });
    expect(paid.status).toBe(201);

    await h.cancelOrder(orderId, 2);

    await waitFor(() => h.published('payment:refunded').some((envelope) => envelope.data.orderId === orderId), { what: 'payment:refunded' });
    expect(await replicaStatus(orderId)).toEqual({ status: 'cancelled', version: 2 });
    expect(h.sim.refunds({ payment_intent: paid.body.stripeId })).toHaveLength(1);
    expect((await paymentRows(h, orderId)).map((row) => row.status)).toEqual(['refunded']);
    // An older cancel arriving late changes nothing.
    await h.cancelOrder(orderId, 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await replicaStatus(orderId)).toEqual({ status: 'cancelled', version: 2 });
  });

  it('cancelling an unpaid order refunds nothing', async () => {
    const user = await h.sessions.newUser();
    const orderId = await h.createOrder(user.id);
    await h.cancelOrder(orderId);
    await waitFor(async () => (await replicaStatus(orderId))?.status === 'cancelled');
    expect(h.published('payment:refunded').filter((envelope) => envelope.data.orderId === orderId)).toEqual([]);
  });

  it('an attempt with an unknown outcome is finished and refunded when the order is cancelled', async () => {
    const user = await h.sessions.newUser();
    const orderId = await h.createOrder(user.id);
    h.sim.failNext(3, 'network', { stage: 'after' });
    expect((await h.pay(user.cookie, { orderId, token: 'pm_card_visa' })).status).toBe(503);
    expect(h.sim.charges({ metadata: { orderId } })).toHaveLength(1); // charged, but we never heard

    await h.cancelOrder(orderId);

    await waitFor(() => h.published('payment:refunded').some((envelope) => envelope.data.orderId === orderId));
    const charges = h.sim.charges({ metadata: { orderId } });
    expect(charges).toHaveLength(1);
    expect(charges[0]).toMatchObject({ refunded: true });
    expect((await paymentRows(h, orderId)).map((row) => row.status)).toEqual(['refunded']);
  });

  it('a refund the provider refuses for a while is retried until it succeeds', async () => {
    const user = await h.sessions.newUser();
    const orderId = await h.createOrder(user.id);
    const paid = await h.pay(user.cookie, { orderId, token: 'pm_card_visa' });
    h.sim.failNext(4, 500); // more than one consumer attempt's worth (SDK retries 2)

    await h.cancelOrder(orderId);

    await waitFor(() => h.published('payment:refunded').some((envelope) => envelope.data.orderId === orderId));
    expect(h.sim.refunds({ payment_intent: paid.body.stripeId })).toHaveLength(1);
  });

  it('a cancellation during a slow charge waits for it to settle, then refunds it', async () => {
    const user = await h.sessions.newUser();
    const orderId = await h.createOrder(user.id);
    h.sim.delayNext(1, 600);
    const paying = h.pay(user.cookie, { orderId, token: 'pm_card_visa' });
    await new Promise((resolve) => setTimeout(resolve, 150));

    await h.cancelOrder(orderId);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await replicaStatus(orderId)).toEqual({ status: 'created', version: 0 }); // held back while the charge is in flight

    const paid = await paying;
    expect(paid.status).toBe(201);
    await waitFor(() => h.published('payment:refunded').some((envelope) => envelope.data.orderId === orderId));
    expect(h.sim.refunds({ payment_intent: paid.body.stripeId })).toHaveLength(1);
    expect(await replicaStatus(orderId)).toEqual({ status: 'cancelled', version: 1 });
  });

  it('a refund whose worker died after Stripe answered is finished once, with the same refund', async () => {
    const user = await h.sessions.newUser();
    const orderId = await h.createOrder(user.id);
    const paid = await h.pay(user.cookie, { orderId, token: 'pm_card_visa' });
    // What a worker that crashed before its outcome committed left behind: the refund at Stripe,
    // made with the payment's refund key, and nothing recorded here.
    const provider = createStripeProvider({ secretKey: 'sk_test_simulator', apiBase: h.sim.url });
    const earlier = await provider.refund(paid.body.stripeId, refundKey(paid.body.id));

    await h.cancelOrder(orderId);

    const event = await waitFor(() => h.published('payment:refunded').find((envelope) => envelope.data.orderId === orderId));
    expect(event.data).toMatchObject({ refundId: earlier.id, amount: earlier.amount, currency: earlier.currency });
    expect(h.sim.refunds({ payment_intent: paid.body.stripeId })).toHaveLength(1);
    await waitFor(async () => (await h.testDb.db.query('SELECT 1 FROM refunds_due WHERE payment_id = $1', [paid.body.id])).length === 0);
    expect(await paymentRows(h, orderId)).toEqual([expect.objectContaining({ status: 'refunded', refundId: earlier.id })]);
  });
});
