import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StripeSimulator } from '../src/index';
import { CARD_ONLY, payment, rejection, startSimulator, stripeFor } from './support/harness';

const GENERIC = { code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' };
const INSUFFICIENT = { code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' };

describe('declined cards', () => {
  let simulator: StripeSimulator;
  let stripe: Stripe;

  beforeAll(async () => {
    simulator = await startSimulator();
    stripe = stripeFor(simulator);
  });
  afterAll(() => simulator.stop());

  it.each([
    ['pm_card_chargeDeclined', GENERIC],
    ['pm_card_chargeDeclinedInsufficientFunds', INSUFFICIENT],
    ['pm_card_visa_chargeDeclined', GENERIC],
  ])('%s throws StripeCardError 402 with Stripe\'s code, decline_code and message', async (paymentMethod, expected) => {
    const orderId = `decline-${paymentMethod}`;
    const error = await rejection(stripe.paymentIntents.create(payment({ payment_method: paymentMethod, metadata: { orderId } })));

    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(error).toMatchObject({ statusCode: 402, rawType: 'card_error', ...expected });
    expect(error.charge).toMatch(/^ch_/);
    const intent = error.payment_intent!;
    expect(intent).toMatchObject({ status: 'requires_payment_method', payment_method: null, amount_received: 0 });
    expect(intent.last_payment_error).toMatchObject({ type: 'card_error', ...expected });
    expect(simulator.charges({ metadata: { orderId } })).toEqual([]);
  });

  it.each([
    ['tok_chargeDeclined', GENERIC],
    ['tok_chargeDeclinedInsufficientFunds', INSUFFICIENT],
  ])('token %s declines the same way', async (token, expected) => {
    const error = await rejection(
      stripe.paymentIntents.create({
        amount: 2000,
        currency: 'usd',
        confirm: true,
        ...CARD_ONLY,
        payment_method_data: { type: 'card', card: { token } } as Stripe.PaymentIntentCreateParams.PaymentMethodData,
      }),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(error).toMatchObject({ statusCode: 402, ...expected });
  });

  it('leaves the intent payable: a second confirmation with a good card succeeds', async () => {
    const error = await rejection(stripe.paymentIntents.create(payment({ payment_method: 'pm_card_chargeDeclined', metadata: { orderId: 'retry-card' } })));
    const intentId = error.payment_intent!.id;

    const retried = await stripe.paymentIntents.confirm(intentId, { payment_method: 'pm_card_visa' });

    expect(retried).toMatchObject({ id: intentId, status: 'succeeded', last_payment_error: null });
    expect(simulator.charges({ metadata: { orderId: 'retry-card' } })).toHaveLength(1);
  });

  it('records the failed charge on the intent', async () => {
    const error = await rejection(stripe.paymentIntents.create(payment({ payment_method: 'pm_card_chargeDeclinedInsufficientFunds' })));
    const charge = await stripe.charges.retrieve(error.charge!);
    expect(charge).toMatchObject({ status: 'failed', paid: false, failure_code: 'card_declined', outcome: { reason: 'insufficient_funds', type: 'issuer_declined' } });
  });
});
