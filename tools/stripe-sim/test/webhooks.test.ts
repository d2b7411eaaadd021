import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StripeSimulator } from '../src/index';
import { CARD_ONLY, payment, rejection, startSimulator, stripeFor } from './support/harness';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver';

const SECRET = 'whsec_test_simulator_secret';

function eventsOf(receiver: WebhookReceiver, stripe: Stripe, secret = SECRET): Stripe.Event[] {
  return receiver.received.map(({ body, signature }) => stripe.webhooks.constructEvent(body, signature, secret));
}

describe('signed webhooks', () => {
  let receiver: WebhookReceiver;
  let simulator: StripeSimulator;
  let stripe: Stripe;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    simulator = await startSimulator({ webhookUrl: receiver.url, webhookSecret: SECRET });
    stripe = stripeFor(simulator);
  });
  afterEach(async () => {
    await simulator.webhooksIdle();
    receiver.received.length = 0;
  });
  afterAll(async () => {
    await simulator.stop();
    await receiver.close();
  });

  it('payment_intent.succeeded verifies with constructEvent and carries the intent', async () => {
    const intent = await stripe.paymentIntents.create(payment({ metadata: { orderId: 'hook-paid' } }));
    await simulator.webhooksIdle();

    const [event] = eventsOf(receiver, stripe);
    expect(event).toMatchObject({ object: 'event', type: 'payment_intent.succeeded', livemode: false, api_version: expect.any(String) });
    expect(event.id).toMatch(/^evt_/);
    expect(event.data.object).toMatchObject({ id: intent.id, status: 'succeeded', metadata: { orderId: 'hook-paid' } });
    expect(await stripe.events.retrieve(event.id)).toMatchObject({ id: event.id, type: 'payment_intent.succeeded' });
  });

  it('fails verification with the wrong secret', async () => {
    await stripe.paymentIntents.create(payment());
    await simulator.webhooksIdle();

    expect(receiver.received).toHaveLength(1);
    expect(() => eventsOf(receiver, stripe, 'whsec_wrong')).toThrow(Stripe.errors.StripeSignatureVerificationError);
  });

  it('sends payment_failed, canceled and charge.refunded, and only the subscribed types', async () => {
    await rejection(stripe.paymentIntents.create(payment({ payment_method: 'pm_card_chargeDeclined' })));
    const unpaid = await stripe.paymentIntents.create({ amount: 900, currency: 'usd', ...CARD_ONLY });
    await stripe.paymentIntents.cancel(unpaid.id);
    const paid = await stripe.paymentIntents.create(payment({ amount: 1200 }));
    await stripe.refunds.create({ payment_intent: paid.id });
    await simulator.webhooksIdle();

    const types = eventsOf(receiver, stripe).map((event) => event.type).sort();
    expect(types).toEqual(['charge.refunded', 'payment_intent.canceled', 'payment_intent.payment_failed', 'payment_intent.succeeded']);
    const refunded = eventsOf(receiver, stripe).find((event) => event.type === 'charge.refunded')!;
    expect(refunded.data.object).toMatchObject({ object: 'charge', payment_intent: paid.id, amount_refunded: 1200, refunded: true });
    // payment_intent.created and charge.succeeded happened too, recorded but not subscribed.
    expect(simulator.events('payment_intent.created').length).toBeGreaterThan(0);
  });

  it('answers the API without waiting for the receiver', async () => {
    const slow = await startWebhookReceiver({ hold: true });
    const other = await startSimulator({ webhookUrl: slow.url, webhookSecret: SECRET });
    try {
      const intent = await stripeFor(other).paymentIntents.create(payment());
      expect(intent.status).toBe('succeeded');
      expect(other.webhookDeliveries()).toEqual([expect.objectContaining({ type: 'payment_intent.succeeded', status: 'pending' })]);
    } finally {
      slow.release();
      await other.stop();
      await slow.close();
    }
  });
});

describe('webhook retries', () => {
  it('retries a failing endpoint with backoff until it answers 2xx', async () => {
    const flaky = await startWebhookReceiver({ answer: (n) => (n < 3 ? 500 : 200) });
    const simulator = await startSimulator({ webhookUrl: flaky.url, webhookSecret: SECRET, webhookRetry: { initialDelayMs: 20 } });
    try {
      const stripe = stripeFor(simulator);
      await stripe.paymentIntents.create(payment());
      await simulator.webhooksIdle();

      expect(simulator.webhookDeliveries()).toEqual([expect.objectContaining({ status: 'delivered', attempts: 3, lastResult: 200 })]);
      // Each attempt is signed afresh and verifies.
      expect(eventsOf(flaky, stripe).map((event) => event.type)).toEqual(Array(3).fill('payment_intent.succeeded'));
    } finally {
      await simulator.stop();
      await flaky.close();
    }
  });

  it('gives up after the configured attempts', async () => {
    const broken = await startWebhookReceiver({ answer: () => 503 });
    const simulator = await startSimulator({ webhookUrl: broken.url, webhookSecret: SECRET, webhookRetry: { maxAttempts: 3, initialDelayMs: 10 } });
    try {
      await stripeFor(simulator).paymentIntents.create(payment());
      await simulator.webhooksIdle();

      expect(broken.received).toHaveLength(3);
      expect(simulator.webhookDeliveries()).toEqual([expect.objectContaining({ status: 'failed', attempts: 3, lastResult: 503 })]);
    } finally {
      await simulator.stop();
      await broken.close();
    }
  });

  it('delivers every event type when subscribed to *', async () => {
    const receiver = await startWebhookReceiver();
    const simulator = await startSimulator({ webhookUrl: receiver.url, webhookSecret: SECRET, webhookEvents: ['*'] });
    try {
      const stripe = stripeFor(simulator);
      await stripe.paymentIntents.create(payment());
      await simulator.webhooksIdle();

      const types = eventsOf(receiver, stripe).map((event) => event.type).sort();
      expect(types).toEqual(['charge.succeeded', 'payment_intent.created', 'payment_intent.succeeded']);
    } finally {
      await simulator.stop();
      await receiver.close();
    }
  });
});
