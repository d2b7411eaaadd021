import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StripeSimulator } from '../src/index';
import { payment, rejection, startSimulator, stripeFor } from './support/harness';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('Idempotency-Key', () => {
  let simulator: StripeSimulator;
  let stripe: Stripe;
  let clock = Date.now();

  beforeAll(async () => {
    simulator = await startSimulator({ now: () => clock });
    stripe = stripeFor(simulator);
  });
  afterAll(() => simulator.stop());

  it('same key and parameters: the first answer is replayed and the card is charged once', async () => {
    const params = payment({ metadata: { orderId: 'idem-same' } });
    const first = await stripe.paymentIntents.create(params, { idempotencyKey: 'order-idem-same' });
    const second = await stripe.paymentIntents.create(params, { idempotencyKey: 'order-idem-same' });

    expect(second.id).toBe(first.id);
    expect(second.latest_charge).toBe(first.latest_charge);
    expect(second.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(first.lastResponse.headers['idempotent-replayed']).toBeUndefined();
    expect(simulator.charges({ metadata: { orderId: 'idem-same' } })).toHaveLength(1);
    expect(simulator.paymentIntents({ metadata: { orderId: 'idem-same' } })).toHaveLength(1);
  });

  it('same key with other parameters: StripeIdempotencyError, nothing charged twice', async () => {
    await stripe.paymentIntents.create(payment({ amount: 1000, metadata: { orderId: 'idem-other' } }), { idempotencyKey: 'order-idem-other' });
    const error = await rejection(
      stripe.paymentIntents.create(payment({ amount: 2000, metadata: { orderId: 'idem-other' } }), { idempotencyKey: 'order-idem-other' }),
    );

    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(error).toMatchObject({ statusCode: 400, rawType: 'idempotency_error' });
    expect(error.message).toBe(
      "Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than 'order-idem-other' if you meant to execute a different request.",
    );
    expect(simulator.charges({ metadata: { orderId: 'idem-other' } })).toHaveLength(1);
  });

  it('same key on another endpoint: StripeIdempotencyError, as on Stripe', async () => {
    const intent = await stripe.paymentIntents.create(payment(), { idempotencyKey: 'shared-key' });
    const error = await rejection(stripe.refunds.create({ payment_intent: intent.id }, { idempotencyKey: 'shared-key' }));
    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(error.message).toContain("can only be used for the same endpoint they were first used for ('/v1/payment_intents' vs '/v1/refunds')");
  });

  it('keys belong to one API key: another key may reuse the value', async () => {
    const params = payment({ metadata: { orderId: 'idem-per-key' } });
    const first = await stripe.paymentIntents.create(params, { idempotencyKey: 'per-api-key' });
    const other = await stripeFor(simulator, {}, 'sk_test_other').paymentIntents.create(params, { idempotencyKey: 'per-api-key' });
    expect(other.id).not.toBe(first.id);
  });

  it('a decline is replayed too: the card is tried once', async () => {
    const params = payment({ payment_method: 'pm_card_chargeDeclined', metadata: { orderId: 'idem-decline' } });
    const first = await rejection(stripe.paymentIntents.create(params, { idempotencyKey: 'idem-decline' }));
    const second = await rejection(stripe.paymentIntents.create(params, { idempotencyKey: 'idem-decline' }));

    expect(second).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(second.charge).toBe(first.charge);
    expect(second.headers?.['idempotent-replayed']).toBe('true');
    expect(simulator.paymentIntents({ metadata: { orderId: 'idem-decline' } })).toHaveLength(1);
  });

  it('a request that failed validation is not kept: the corrected request may use the key', async () => {
    const invalid = await rejection(stripe.paymentIntents.create(payment({ amount: 10 }), { idempotencyKey: 'idem-fixed' }));
    expect(invalid.code).toBe('amount_too_small');

    const intent = await stripe.paymentIntents.create(payment({ amount: 1000 }), { idempotencyKey: 'idem-fixed' });
    expect(intent.status).toBe('succeeded');
  });

  it('a retry while the first request is still running gets a 409; the SDK retries until it can replay', async () => {
    const key = 'idem-concurrent';
    // The same parameters as payment({ metadata: { orderId: key } }), in Stripe's form encoding.
    const body = `amount=2500&currency=usd&payment_method=pm_card_visa&confirm=true&allowed_payment_method_types[0]=card&metadata[orderId]=${key}`;
    const post = () =>
      fetch(`${simulator.url}/v1/payment_intents`, {
        method: 'POST',
        headers: { Authorization: 'Bearer sk_test_x', 'Content-Type': 'application/x-www-form-urlencoded', 'Idempotency-Key': key },
        body,
      });
    simulator.delayNext(1, 1_200);
    const first = post();
    await new Promise((resolve) => setTimeout(resolve, 100));

    const conflict = await post();
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toMatchObject({ error: { type: 'idempotency_error', code: 'idempotency_key_in_use' } });

    let attempts = 0;
    const retrying = stripeFor(simulator, { maxNetworkRetries: 5 });
    retrying.on('request', () => attempts++);
    const viaSdk = await retrying.paymentIntents.create(payment({ metadata: { orderId: key } }), { idempotencyKey: key });
    const original = (await (await first).json()) as { id: string };

    expect(viaSdk.id).toBe(original.id);
    expect(attempts).toBeGreaterThan(1);
    expect(simulator.charges({ metadata: { orderId: key } })).toHaveLength(1);
  });

  it('a key is forgotten after 24 hours', async () => {
    const params = payment({ metadata: { orderId: 'idem-expiry' } });
    const first = await stripe.paymentIntents.create(params, { idempotencyKey: 'idem-expiry' });
    clock += DAY_MS + 1_000;
    const later = await stripe.paymentIntents.create(params, { idempotencyKey: 'idem-expiry' });

    expect(later.id).not.toBe(first.id);
    expect(simulator.charges({ metadata: { orderId: 'idem-expiry' } })).toHaveLength(2);
  });
});
