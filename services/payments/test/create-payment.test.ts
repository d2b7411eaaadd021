import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@ticketing/common/testing/index';
import { paymentRows, startPaymentsHarness, type Harness } from './support/payments-harness';

describe('POST /api/payments', () => {
  let h: Harness;
  beforeAll(async () => { h = await startPaymentsHarness(); });
  afterAll(async () => { await h?.close(); });

  async function buyerWithOrder(price = 20) {
    const user = await h.sessions.newUser();
    const orderId = await h.createOrder(user.id, { price });
    return { user, orderId };
  }

  it('anonymous: 401', async () => {
    const { orderId } = await buyerWithOrder();
    const response = await h.pay(undefined, { orderId, token: 'tok_visa' });
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ errors: [{ message: expect.any(String) }] });
  });

  it('malformed orderId and empty token: 400 naming each field', async () => {
    const user = await h.sessions.newUser();
    const response = await h.pay(user.cookie, { orderId: 'not-an-id', token: '  ' });
    expect(response.status).toBe(400);
    const fields = response.body.errors.map((error: { field?: string }) => error.field).sort();
    expect(fields).toEqual(['orderId', 'token']);
  });

  it('unknown order: 404', async () => {
    const user = await h.sessions.newUser();
    const response = await h.pay(user.cookie, { orderId: crypto.randomUUID(), token: 'tok_visa' });
    expect(response.status).toBe(404);
  });

  it('someone else\'s order: 403 and nothing charged', async () => {
    const { orderId } = await buyerWithOrder();
    const stranger = await h.sessions.newUser();
    const response = await h.pay(stranger.cookie, { orderId, token: 'tok_visa' });
    expect(response.status).toBe(403);
    expect(h.sim.charges({ metadata: { orderId } })).toEqual([]);
  });

  it('cancelled order: 400 "Cannot pay for a cancelled order"', async () => {
    const { user, orderId } = await buyerWithOrder();
    await h.cancelOrder(orderId);
    await waitFor(async () => (await h.testDb.db.query("SELECT 1 FROM orders WHERE id = $1 AND status = 'cancelled'", [orderId])).length);
    const response = await h.pay(user.cookie, { orderId, token: 'tok_visa' });
    expect(response).toEqual({ status: 400, body: { errors: [{ message: 'Cannot pay for a cancelled order' }] } });
  });

  it('order past its expiry (not yet cancelled): 400 "Order has expired"', async () => {
    const user = await h.sessions.newUser();
    const orderId = await h.createOrder(user.id, { expiresAt: new Date(Date.now() - 1_000) });
    const response = await h.pay(user.cookie, { orderId, token: 'tok_visa' });
    expect(response).toEqual({ status: 400, body: { errors: [{ message: 'Order has expired' }] } });
    expect(h.sim.charges({ metadata: { orderId } })).toEqual([]);
  });

  it('pays with pm_card_visa: 201 with the amount in cents, payment:created, one charge', async () => {
    const { user, orderId } = await buyerWithOrder(12.34);
    const response = await h.pay(user.cookie, { orderId, token: 'pm_card_visa' });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.any(String), orderId, stripeId: expect.stringMatching(/^pi_/), amount: 1234, currency: 'usd', status: 'succeeded',
    });
    const charges = h.sim.charges({ metadata: { orderId } });
    expect(charges).toHaveLength(1);
    expect(charges[0]).toMatchObject({ amount: 1234, currency: 'usd', payment_intent: response.body.stripeId });
    const event = await waitFor(() => h.published('payment:created').find((envelope) => envelope.data.id === response.body.id));
    expect(event.data).toEqual({
      id: response.body.id, orderId, stripeId: response.body.stripeId, amount: 1234, currency: 'usd', chargeId: charges[0].id,
    });
  });

  // Issue 16: payouts transfers the seller's share from this charge (source_transaction), in the
  // order's transfer group, and books exactly what the provider charged.
  it('the PaymentIntent carries transfer_group = the order id; payment:created carries its amount, currency and charge', async () => {
    const { user, orderId } = await buyerWithOrder(45.67);
    const response = await h.pay(user.cookie, { orderId, token: 'tok_visa' });
    expect(response.status).toBe(201);

    const [intent] = h.sim.paymentIntents({ metadata: { orderId } });
    expect(intent).toMatchObject({ id: response.body.stripeId, transfer_group: orderId, status: 'succeeded' });
    const [charge] = h.sim.charges({ metadata: { orderId } });
    expect(charge).toMatchObject({ id: intent.latest_charge, transfer_group: orderId });
    const event = await waitFor(() => h.published('payment:created').find((envelope) => envelope.data.orderId === orderId));
    expect(event.data).toMatchObject({ amount: intent.amount, currency: intent.currency, chargeId: charge.id });
    expect(event.data.amount).toBe(4567);
  });

  it('payment:created carries the amount sent to the provider, not the order\'s price read at settle time', async () => {
    const { user, orderId } = await buyerWithOrder(10);
    h.sim.delayNext(1, 400);
    const paying = h.pay(user.cookie, { orderId, token: 'pm_card_visa' });
    // While the charge is at the provider, the replica's price changes (as a mutable record may).
    await waitFor(async () => (await h.testDb.db.query('SELECT 1 FROM payments WHERE order_id = $1', [orderId])).length > 0);
    await h.testDb.db.query('UPDATE orders SET price_cents = 99999 WHERE id = $1', [orderId]);
    expect((await paying).status).toBe(201);

    const event = await waitFor(() => h.published('payment:created').find((envelope) => envelope.data.orderId === orderId));
    expect(h.sim.paymentIntents({ metadata: { orderId } })[0].amount).toBe(1000);
    expect(event.data.amount).toBe(1000);
  });

  it('pays with a token (tok_visa)', async () => {
    const { user, orderId } = await buyerWithOrder();
    const response = await h.pay(user.cookie, { orderId, token: 'tok_visa' });
    expect(response.status).toBe(201);
    expect(h.sim.charges({ metadata: { orderId } })).toHaveLength(1);
  });

  it('a paid order: 400 "Order is already paid", no second charge', async () => {
    const { user, orderId } = await buyerWithOrder();
    expect((await h.pay(user.cookie, { orderId, token: 'tok_visa' })).status).toBe(201);
    const again = await h.pay(user.cookie, { orderId, token: 'tok_visa' });
    expect(again).toEqual({ status: 400, body: { errors: [{ message: 'Order is already paid' }] } });
    expect(h.sim.charges({ metadata: { orderId } })).toHaveLength(1);
  });

  it('declined card: 402 with Stripe\'s message, nothing paid; then another card pays', async () => {
    const { user, orderId } = await buyerWithOrder();
    const declined = await h.pay(user.cookie, { orderId, token: 'pm_card_chargeDeclined' });
    expect(declined).toEqual({ status: 402, body: { errors: [{ message: 'Your card was declined.' }] } });
    expect(h.sim.charges({ metadata: { orderId } })).toEqual([]);
    expect((await paymentRows(h, orderId)).map((row) => row.status)).toEqual(['failed']);

    const paid = await h.pay(user.cookie, { orderId, token: 'pm_card_visa' });
    expect(paid.status).toBe(201);
    expect(h.sim.charges({ metadata: { orderId } })).toHaveLength(1);
  });

  it('unknown token: 400 on token, nothing charged', async () => {
    const { user, orderId } = await buyerWithOrder();
    const response = await h.pay(user.cookie, { orderId, token: 'tok_does_not_exist' });
    expect(response.status).toBe(400);
    expect(response.body.errors[0]).toMatchObject({ field: 'token' });
    expect(h.sim.charges({ metadata: { orderId } })).toEqual([]);
  });

  it('Idempotency-Key replay: the first answer again and one charge', async () => {
    const { user, orderId } = await buyerWithOrder();
    const first = await h.pay(user.cookie, { orderId, token: 'pm_card_visa' }, 'checkout-1');
    const replay = await h.pay(user.cookie, { orderId, token: 'pm_card_visa' }, 'checkout-1');
    expect(first.status).toBe(201);
    expect(replay).toEqual(first);
    expect(h.sim.charges({ metadata: { orderId } })).toHaveLength(1);
  });

  it('concurrent requests with the same Idempotency-Key charge once', async () => {
    const { user, orderId } = await buyerWithOrder();
    const answers = await Promise.all(Array.from({ length: 5 }, () => h.pay(user.cookie, { orderId, token: 'pm_card_visa' }, 'double-click')));
    expect(answers.filter((answer) => answer.status === 201).length).toBeGreaterThanOrEqual(1);
    expect(answers.every((answer) => answer.status === 201 || answer.status === 409)).toBe(true);
    expect(h.sim.charges({ metadata: { orderId } })).toHaveLength(1);
  });

  it('provider down beyond the SDK\'s retries: 503, nothing recorded as paid; a retry with the same key charges once', async () => {
    const { user, orderId } = await buyerWithOrder();
    h.sim.failNext(3, 500);
    const unavailable = await h.pay(user.cookie, { orderId, token: 'pm_card_visa' }, 'retry-me');
    expect(unavailable.status).toBe(503);
    expect(unavailable.body).toEqual({ errors: [{ message: expect.any(String) }] });
    expect(h.sim.charges({ metadata: { orderId } })).toEqual([]);
    expect((await paymentRows(h, orderId)).filter((row) => row.status === 'succeeded')).toEqual([]);
    expect(h.published('payment:created').filter((envelope) => envelope.data.orderId === orderId)).toEqual([]);

    const retried = await h.pay(user.cookie, { orderId, token: 'pm_card_visa' }, 'retry-me');
    expect(retried.status).toBe(201);
    expect(h.sim.charges({ metadata: { orderId } })).toHaveLength(1);
  });

  it('unknown outcome (charged, answer lost every time): the retry replays it, still one charge', async () => {
    const { user, orderId } = await buyerWithOrder();
    h.sim.failNext(3, 503, { stage: 'after' });
    expect((await h.pay(user.cookie, { orderId, token: 'pm_card_visa' }, 'lost-answer')).status).toBe(503);

    const retried = await h.pay(user.cookie, { orderId, token: 'pm_card_visa' }, 'lost-answer');
    expect(retried.status).toBe(201);
    expect(h.sim.charges({ metadata: { orderId } })).toHaveLength(1);
  });

  it('unknown outcome, then a request without the key: finishes the first attempt instead of charging again', async () => {
    const { user, orderId } = await buyerWithOrder();
    h.sim.failNext(3, 'network', { stage: 'after' });
    expect((await h.pay(user.cookie, { orderId, token: 'pm_card_visa' })).status).toBe(503);

    const next = await h.pay(user.cookie, { orderId, token: 'pm_card_visa' });
    expect(next.status).toBe(201);
    expect(h.sim.charges({ metadata: { orderId } })).toHaveLength(1);
  });

  it('the OpenAPI document describes the route', async () => {
    const response = await h.service.http.inject({ method: 'GET', url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    expect(Object.keys(response.json().paths)).toContain('/api/payments');
  });
});

// Issue 11 §4: an Idempotency-Key belongs to one request (user, order, body).
describe('POST /api/payments: an Idempotency-Key reused for another request', () => {
  let h: Harness;
  beforeAll(async () => { h = await startPaymentsHarness(); });
  afterAll(async () => { await h?.close(); });

  const keyReused = { status: 400, body: { errors: [{ message: expect.stringMatching(/already used for a different payment/), field: 'Idempotency-Key' }] } };

  it('for another order: 400 with the error body, never the first order\'s 201; that order is still payable', async () => {
    const user = await h.sessions.newUser();
    const [orderA, orderB] = [await h.createOrder(user.id), await h.createOrder(user.id)];
    const paidA = await h.pay(user.cookie, { orderId: orderA, token: 'pm_card_visa' }, 'checkout-shared');
    expect(paidA.status).toBe(201);

    const reused = await h.pay(user.cookie, { orderId: orderB, token: 'pm_card_visa' }, 'checkout-shared');

    expect(reused).toEqual(keyReused); // before: A's 201 again, and B left unpaid
    expect(h.sim.charges({ metadata: { orderId: orderB } })).toEqual([]);
    const paidB = await h.pay(user.cookie, { orderId: orderB, token: 'pm_card_visa' }, 'checkout-b');
    expect(paidB).toMatchObject({ status: 201, body: { orderId: orderB } });
    // The key still answers its own request.
    expect(await h.pay(user.cookie, { orderId: orderA, token: 'pm_card_visa' }, 'checkout-shared')).toEqual(paidA);
  });

  it('for the same order with another card: 400, not the first answer (here a decline)', async () => {
    const user = await h.sessions.newUser();
    const orderId = await h.createOrder(user.id);
    expect((await h.pay(user.cookie, { orderId, token: 'pm_card_chargeDeclined' }, 'card-swap')).status).toBe(402);

    expect(await h.pay(user.cookie, { orderId, token: 'pm_card_visa' }, 'card-swap')).toEqual(keyReused);
    expect(h.sim.charges({ metadata: { orderId } }).filter((charge) => charge.status === 'succeeded')).toEqual([]);
  });

  it('another user with the same key is a different key: each pays their own order', async () => {
    const [first, second] = [await h.sessions.newUser(), await h.sessions.newUser()];
    const [orderA, orderB] = [await h.createOrder(first.id), await h.createOrder(second.id)];
    expect((await h.pay(first.cookie, { orderId: orderA, token: 'pm_card_visa' }, 'same-key')).status).toBe(201);
    expect(await h.pay(second.cookie, { orderId: orderB, token: 'pm_card_visa' }, 'same-key')).toMatchObject({ status: 201, body: { orderId: orderB } });
  });
});
