import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StripeSimulator } from '../src/index';
import { CARD_ONLY, payment, rejection, startSimulator, stripeFor } from './support/harness';

describe('PaymentIntents through the real SDK', () => {
  let simulator: StripeSimulator;
  let stripe: Stripe;

  beforeAll(async () => {
    simulator = await startSimulator();
    stripe = stripeFor(simulator);
  });
  afterAll(() => simulator.stop());

  it('create + confirm with pm_card_visa succeeds and records one charge', async () => {
    const intent = await stripe.paymentIntents.create(payment({ amount: 4200, metadata: { orderId: 'order-visa' } }));

    expect(intent).toMatchObject({ object: 'payment_intent', status: 'succeeded', amount: 4200, amount_received: 4200, currency: 'usd' });
    expect(intent.id).toMatch(/^pi_/);
    expect(intent.client_secret).toMatch(new RegExp(`^${intent.id}_secret_`));
    expect(intent.latest_charge).toMatch(/^ch_/);
    expect(intent.payment_method).toMatch(/^pm_(?!card_)/);
    const charges = simulator.charges({ metadata: { orderId: 'order-visa' } });
    expect(charges).toHaveLength(1);
    expect(charges[0]).toMatchObject({ id: intent.latest_charge, amount: 4200, currency: 'usd', payment_intent: intent.id, amount_refunded: 0, status: 'succeeded' });
  });

  it('creates without confirming, then confirms in a second call', async () => {
    const created = await stripe.paymentIntents.create({ amount: 1500, currency: 'eur', ...CARD_ONLY, metadata: { orderId: 'two-step' } });
    expect(created).toMatchObject({ status: 'requires_payment_method', latest_charge: null, amount_received: 0 });

    const confirmed = await stripe.paymentIntents.confirm(created.id, { payment_method: 'pm_card_mastercard' });

    expect(confirmed).toMatchObject({ id: created.id, status: 'succeeded', amount_received: 1500 });
    expect(simulator.charges({ payment_intent: created.id })[0].payment_method_details?.card).toMatchObject({ brand: 'mastercard', last4: '4444' });
  });

  it('accepts a test token through payment_method_data[card][token]', async () => {
    const intent = await stripe.paymentIntents.create({
      amount: 999,
      currency: 'usd',
      confirm: true,
      ...CARD_ONLY,
      payment_method_data: { type: 'card', card: { token: 'tok_visa' } } as Stripe.PaymentIntentCreateParams.PaymentMethodData,
    });
    expect(intent.status).toBe('succeeded');
  });

  it('refuses a token passed as payment_method, as Stripe does', async () => {
    const error = await rejection(stripe.paymentIntents.create(payment({ payment_method: 'tok_visa' })));
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 400, param: 'payment_method' });
    expect(error.message).toContain('A token may not be passed in as a PaymentMethod');
  });

  it('answers 400 resource_missing for an unknown payment method', async () => {
    const error = await rejection(stripe.paymentIntents.create(payment({ payment_method: 'pm_does_not_exist' })));
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 400, code: 'resource_missing', param: 'payment_method', message: "No such PaymentMethod: 'pm_does_not_exist'" });
  });

  it('keeps metadata keys and values with brackets, spaces and symbols intact', async () => {
    const metadata = { orderId: 'o-1', 'user id': 'a&b=c [x]', emoji: 'ticket 🎫', '0': 'numeric key' };
    const intent = await stripe.paymentIntents.create(payment({ metadata }));
    expect(intent.metadata).toEqual(metadata);
    expect(simulator.charges({ payment_intent: intent.id })[0].metadata).toEqual(metadata);
  });

  it('refuses to confirm with automatic payment methods and no return_url (API ≥ 2023-08-16)', async () => {
    const error = await rejection(stripe.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true }));
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error.message).toContain('A `return_url` must be specified');
  });

  it('confirms with automatic payment methods when redirects are turned off', async () => {
    const intent = await stripe.paymentIntents.create({
      amount: 1000,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: true,
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    });
    expect(intent).toMatchObject({ status: 'succeeded', automatic_payment_methods: { enabled: true, allow_redirects: 'never' } });
  });

  it('retrieves an intent, and answers 404 for an unknown one', async () => {
    const created = await stripe.paymentIntents.create(payment());
    const retrieved = await stripe.paymentIntents.retrieve(created.id);
    expect(retrieved).toEqual(created);

    const error = await rejection(stripe.paymentIntents.retrieve('pi_unknown'));
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 404, code: 'resource_missing', message: "No such payment_intent: 'pi_unknown'" });
  });

  it('expands latest_charge on request', async () => {
    const intent = await stripe.paymentIntents.create(payment({ expand: ['latest_charge'] }));
    const charge = intent.latest_charge as Stripe.Charge;
    expect(charge).toMatchObject({ object: 'charge', status: 'succeeded', payment_intent: intent.id, amount: 2500 });
  });

  it('cancels an unpaid intent, and refuses to cancel a succeeded one', async () => {
    const unpaid = await stripe.paymentIntents.create({ amount: 700, currency: 'usd', ...CARD_ONLY });
    const canceled = await stripe.paymentIntents.cancel(unpaid.id, { cancellation_reason: 'abandoned' });
    expect(canceled).toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned' });
    expect(canceled.canceled_at).toEqual(expect.any(Number));

    const paid = await stripe.paymentIntents.create(payment());
    const error = await rejection(stripe.paymentIntents.cancel(paid.id));
    expect(error).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state' });
    expect(error.message).toContain('because it has a status of succeeded');
  });

  it('refuses to confirm an intent that already succeeded or was canceled', async () => {
    const paid = await stripe.paymentIntents.create(payment());
    const again = await rejection(stripe.paymentIntents.confirm(paid.id, { payment_method: 'pm_card_visa' }));
    expect(again).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state' });
    expect(again.message).toBe('You cannot confirm this PaymentIntent because it has already succeeded after being previously confirmed.');

    const unpaid = await stripe.paymentIntents.create({ amount: 700, currency: 'usd', ...CARD_ONLY });
    await stripe.paymentIntents.cancel(unpaid.id);
    const canceled = await rejection(stripe.paymentIntents.confirm(unpaid.id, { payment_method: 'pm_card_visa' }));
    expect(canceled).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state' });
  });

  it('refuses to confirm without a payment method', async () => {
    const unpaid = await stripe.paymentIntents.create({ amount: 700, currency: 'usd', ...CARD_ONLY });
    const error = await rejection(stripe.paymentIntents.confirm(unpaid.id));
    expect(error).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state' });
    expect(error.message).toContain("because it's missing a payment method");
  });

  it.each([
    ['a missing amount', { amount: undefined }, 'amount', 'parameter_missing', 'Missing required param: amount.'],
    ['an amount that is not an integer', { amount: 12.5 }, 'amount', undefined, 'Invalid integer: 12.5'],
    ['an amount below the minimum', { amount: 49 }, 'amount', 'amount_too_small', 'Amount must be at least $0.50 usd'],
    ['an unknown currency', { currency: 'xyz' }, 'currency', undefined, 'Invalid currency: xyz'],
    ['an unknown parameter', { shipping_speed: 'fast' }, 'shipping_speed', 'parameter_unknown', 'Received unknown parameter: shipping_speed'],
  ])('answers 400 invalid_request_error with param for %s', async (_name, overrides, param, code, message) => {
    const error = await rejection(stripe.paymentIntents.create({ ...payment(), ...overrides } as Stripe.PaymentIntentCreateParams));
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 400, rawType: 'invalid_request_error', param });
    expect(error.code).toBe(code);
    expect(error.message).toContain(message);
  });

  it('refuses payment_method_types under the SDK\'s pinned API version (removed in 2026-09-30.endive)', async () => {
    const legacy = { amount: 1000, currency: 'usd', payment_method_types: ['card'] } as Stripe.PaymentIntentCreateParams;
    const error = await rejection(stripe.paymentIntents.create(legacy));
    expect(error).toMatchObject({ statusCode: 400, code: 'parameter_unknown', param: 'payment_method_types' });
  });

  it('still accepts payment_method_types from a client pinned to an older API version', async () => {
    const older = stripeFor(simulator, { apiVersion: '2025-03-31.basil' as Stripe.LatestApiVersion });
    const legacy = { amount: 1000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true, payment_method_types: ['card'] };
    const intent = await older.paymentIntents.create(legacy as Stripe.PaymentIntentCreateParams);
    expect(intent).toMatchObject({ status: 'succeeded', payment_method_types: ['card'], automatic_payment_methods: null, capture_method: 'automatic_async' });
    expect(intent.lastResponse.apiVersion).toBe('2025-03-31.basil');
  });

  it('before 2023-08-16 an intent has no automatic payment methods and needs no return_url', async () => {
    const older = stripeFor(simulator, { apiVersion: '2023-05-16' as Stripe.LatestApiVersion });
    const intent = await older.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true });
    expect(intent).toMatchObject({ status: 'succeeded', automatic_payment_methods: null, capture_method: 'automatic' });
  });

  it('lowercases the currency like Stripe', async () => {
    const intent = await stripe.paymentIntents.create(payment({ currency: 'GBP', amount: 30 }));
    expect(intent.currency).toBe('gbp');
  });
});
