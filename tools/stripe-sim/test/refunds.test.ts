import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StripeSimulator } from '../src/index';
import { CARD_ONLY, payment, rejection, startSimulator, stripeFor } from './support/harness';

describe('refunds', () => {
  let simulator: StripeSimulator;
  let stripe: Stripe;

  beforeAll(async () => {
    simulator = await startSimulator();
    stripe = stripeFor(simulator);
  });
  afterAll(() => simulator.stop());

  it('refunds a succeeded PaymentIntent in full', async () => {
    const intent = await stripe.paymentIntents.create(payment({ amount: 3100, metadata: { orderId: 'refund-full' } }));

    const refund = await stripe.refunds.create({ payment_intent: intent.id });

    expect(refund).toMatchObject({ object: 'refund', status: 'succeeded', amount: 3100, currency: 'usd', payment_intent: intent.id, charge: intent.latest_charge });
    expect(refund.id).toMatch(/^re_/);
    expect(simulator.charges({ metadata: { orderId: 'refund-full' } })[0]).toMatchObject({ amount_refunded: 3100, refunded: true });
    expect(simulator.refunds({ payment_intent: intent.id })).toHaveLength(1);
    expect(await stripe.refunds.retrieve(refund.id)).toEqual(refund);
  });

  it('refuses a second refund with charge_already_refunded', async () => {
    const intent = await stripe.paymentIntents.create(payment());
    await stripe.refunds.create({ payment_intent: intent.id });

    const error = await rejection(stripe.refunds.create({ payment_intent: intent.id }));

    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 400, code: 'charge_already_refunded', message: `Charge ${intent.latest_charge} has already been refunded.` });
    expect(simulator.refunds({ payment_intent: intent.id })).toHaveLength(1);
  });

  it('allows partial refunds up to what remains, then amount_too_large', async () => {
    const intent = await stripe.paymentIntents.create(payment({ amount: 1000 }));
    await stripe.refunds.create({ payment_intent: intent.id, amount: 400 });

    const error = await rejection(stripe.refunds.create({ payment_intent: intent.id, amount: 700 }));
    expect(error).toMatchObject({ statusCode: 400, code: 'amount_too_large', param: 'amount' });
    expect(error.message).toBe('Refund amount ($7.00) is greater than unrefunded amount on charge ($6.00)');

    const rest = await stripe.refunds.create({ payment_intent: intent.id });
    expect(rest.amount).toBe(600);
    expect(simulator.charges({ payment_intent: intent.id })[0]).toMatchObject({ amount_refunded: 1000, refunded: true });
  });

  it('is idempotent by key: one refund for two identical requests', async () => {
    const intent = await stripe.paymentIntents.create(payment());
    const first = await stripe.refunds.create({ payment_intent: intent.id }, { idempotencyKey: `refund-${intent.id}` });
    const second = await stripe.refunds.create({ payment_intent: intent.id }, { idempotencyKey: `refund-${intent.id}` });

    expect(second.id).toBe(first.id);
    expect(simulator.refunds({ payment_intent: intent.id })).toHaveLength(1);
  });

  it('refuses to refund an intent that was never paid', async () => {
    const unpaid = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd', ...CARD_ONLY });
    const error = await rejection(stripe.refunds.create({ payment_intent: unpaid.id }));
    expect(error).toMatchObject({ statusCode: 400, param: 'payment_intent' });
    expect(error.message).toContain('does not have a successful charge to refund');
  });

  it('answers resource_missing for unknown intents and refunds', async () => {
    const unknownIntent = await rejection(stripe.refunds.create({ payment_intent: 'pi_nope' }));
    expect(unknownIntent).toMatchObject({ statusCode: 400, code: 'resource_missing', param: 'payment_intent' });

    const unknownRefund = await rejection(stripe.refunds.retrieve('re_nope'));
    expect(unknownRefund).toMatchObject({ statusCode: 404, code: 'resource_missing', message: "No such refund: 're_nope'" });
  });

  it('requires payment_intent or charge', async () => {
    const error = await rejection(stripe.refunds.create({}));
    expect(error).toMatchObject({ statusCode: 400, code: 'parameter_missing' });
  });
});
