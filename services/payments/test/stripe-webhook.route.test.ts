import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@ticketing/common/testing/index';
import { startPaymentsHarness, WEBHOOK_SECRET, type Harness } from './support/payments-harness';

describe('POST /api/payments/webhooks/stripe', () => {
  let h: Harness;
  beforeAll(async () => { h = await startPaymentsHarness({ webhooks: true }); });
  afterAll(async () => { await h?.close(); });

  const recorded = async (id: string) => h.testDb.db.query('SELECT id, type FROM stripe_events WHERE id = $1', [id]);
  const post = (payload: string, signature?: string) => h.service.http.inject({
    method: 'POST', url: '/api/payments/webhooks/stripe', payload,
    headers: { 'content-type': 'application/json', ...(signature ? { 'stripe-signature': signature } : {}) },
  });

  it('records the simulator\'s signed payment_intent.succeeded once, even when delivered again', async () => {
    const user = await h.sessions.newUser();
    const orderId = await h.createOrder(user.id);
    const paid = await h.pay(user.cookie, { orderId, token: 'pm_card_visa' });
    expect(paid.status).toBe(201);
    await h.sim.webhooksIdle();

    const [delivery] = h.sim.webhookDeliveries().filter((entry) => entry.type === 'payment_intent.succeeded');
    expect(delivery).toMatchObject({ status: 'delivered', lastResult: 200 });
    const event = h.sim.events('payment_intent.succeeded').find((candidate) => (candidate.data.object as Stripe.PaymentIntent).id === paid.body.stripeId)!;
    expect(await recorded(event.id)).toEqual([{ id: event.id, type: 'payment_intent.succeeded' }]);

    // Stripe may deliver an event more than once.
    const payload = JSON.stringify(event);
    const again = await post(payload, Stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET }));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ received: true, duplicate: true });
    expect(await recorded(event.id)).toHaveLength(1);
  });

  it('a bad signature: 400 with the error body, nothing recorded', async () => {
    const payload = JSON.stringify({ id: 'evt_forged', object: 'event', type: 'payment_intent.succeeded', data: { object: {} } });
    const response = await post(payload, Stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_wrong' }));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ errors: [{ message: expect.any(String), field: 'Stripe-Signature' }] });
    expect(await recorded('evt_forged')).toEqual([]);
  });

  it('a body altered after signing: 400', async () => {
    const payload = JSON.stringify({ id: 'evt_altered', object: 'event', type: 'charge.refunded', data: { object: {} } });
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });
    const response = await post(payload.replace('charge.refunded', 'charge.succeeded'), signature);
    expect(response.statusCode).toBe(400);
  });

  it('no signature header: 400', async () => {
    const response = await post('{}');
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].message).toMatch(/Stripe-Signature/);
  });

  it('the simulator\'s charge.refunded arrives too', async () => {
    const user = await h.sessions.newUser();
    const orderId = await h.createOrder(user.id);
    expect((await h.pay(user.cookie, { orderId, token: 'tok_visa' })).status).toBe(201);
    await h.cancelOrder(orderId);
    await waitFor(async () => (await h.testDb.db.query("SELECT 1 FROM stripe_events WHERE type = 'charge.refunded'")).length > 0);
  });

  it('the JSON routes still reject non-JSON bodies (the raw parser is only for the webhook)', async () => {
    const user = await h.sessions.newUser();
    const response = await h.service.http.inject({
      method: 'POST', url: '/api/payments', payload: 'orderId=x', headers: { cookie: user.cookie, 'content-type': 'text/plain' },
    });
    expect(response.statusCode).toBe(415);
  });
});
