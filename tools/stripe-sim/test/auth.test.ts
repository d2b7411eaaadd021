import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StripeSimulator } from '../src/index';
import { rejection, startSimulator, stripeFor } from './support/harness';

describe('authentication and routing', () => {
  let simulator: StripeSimulator;

  beforeAll(async () => {
    simulator = await startSimulator();
  });
  afterAll(() => simulator.stop());

  it.each([
    ['a live key', 'sk_live_abcdefgh1234', 'Invalid API Key provided: sk_live_********1234'],
    ['a publishable key', 'pk_test_abcdefgh1234', 'Invalid API Key provided'],
  ])('rejects %s with 401 in Stripe\'s format', async (_name, key, message) => {
    const error = await rejection(stripeFor(simulator, {}, key).paymentIntents.retrieve('pi_x'));
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(error).toMatchObject({ statusCode: 401, rawType: 'invalid_request_error' });
    expect(error.message).toContain(message);
  });

  it('answers 401 without an Authorization header', async () => {
    const response = await fetch(`${simulator.url}/v1/payment_intents/pi_x`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Basic realm="Stripe"');
    const body = (await response.json()) as { error: { type: string; message: string } };
    expect(body.error.type).toBe('invalid_request_error');
    expect(body.error.message).toContain('You did not provide an API key');
  });

  it('accepts the key as the Basic-auth user name, as Stripe does', async () => {
    const response = await fetch(`${simulator.url}/v1/payment_intents/pi_x`, {
      headers: { Authorization: `Basic ${Buffer.from('sk_test_basic:').toString('base64')}` },
    });
    expect(response.status).toBe(404);
  });

  it('answers 400 for a malformed Stripe-Version', async () => {
    const client = stripeFor(simulator, { apiVersion: 'latest' as Stripe.LatestApiVersion });
    const error = await rejection(client.paymentIntents.retrieve('pi_x'));
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 400, message: 'Invalid Stripe API version: latest' });
  });

  it('answers 404 for an URL outside the simulated subset', async () => {
    const error = await rejection(stripeFor(simulator).customers.create({ email: 'a@example.com' }));
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 404 });
    expect(error.message).toContain('Unrecognized request URL (POST: /v1/customers)');
  });
});
