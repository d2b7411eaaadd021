// The same consumer rules with order events travelling through RabbitMQ (an exchange of our own).
import { makeEnvelope } from '@ticketing/common';
import { waitFor } from '@ticketing/common/testing/index';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paymentRows, startPaymentsHarness, type Harness } from './support/payments-harness';

describe('order events over RabbitMQ', () => {
  let h: Harness;
  beforeAll(async () => { h = await startPaymentsHarness({ busUrl: 'amqp://guest:guest@127.0.0.1:5672' }); });
  afterAll(async () => { await h?.close(); });

  it('order:created fills the replica; a paid order cancelled twice is refunded once', async () => {
    const user = await h.sessions.newUser();
    const orderId = await h.createOrder(user.id, { price: 42.5 });
    const paid = await h.pay(user.cookie, { orderId, token: 'tok_visa' });
    expect(paid.body).toMatchObject({ amount: 4250, status: 'succeeded' });
    await waitFor(() => h.published('payment:created').some((envelope) => envelope.data.orderId === orderId));

    const cancelled = makeEnvelope('order:cancelled', { id: orderId, version: 1, ticket: { id: crypto.randomUUID() } });
    await h.bus.publish([{ envelope: cancelled, headers: {} }, { envelope: cancelled, headers: {} }]);

    await waitFor(() => h.published('payment:refunded').some((envelope) => envelope.data.orderId === orderId));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.sim.refunds({ payment_intent: paid.body.stripeId })).toHaveLength(1);
    expect((await paymentRows(h, orderId)).map((row) => row.status)).toEqual(['refunded']);
  });

  it('a cancellation during a slow charge is retried through the broker until the charge settles', async () => {
    const user = await h.sessions.newUser();
    const orderId = await h.createOrder(user.id);
    h.sim.delayNext(1, 500);
    const paying = h.pay(user.cookie, { orderId, token: 'pm_card_visa' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await h.cancelOrder(orderId);

    expect((await paying).status).toBe(201);
    await waitFor(() => h.published('payment:refunded').some((envelope) => envelope.data.orderId === orderId));
    expect(h.sim.charges({ metadata: { orderId } })).toEqual([expect.objectContaining({ refunded: true })]);
  });
});
