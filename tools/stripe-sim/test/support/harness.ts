// Starts a simulator per suite and points the real SDK at it over HTTP.
import Stripe from 'stripe';
import { createStripeSimulator, type StripeSimulator, type StripeSimulatorOptions } from '../../src/index';

export async function startSimulator(options: StripeSimulatorOptions = {}): Promise<StripeSimulator> {
  return createStripeSimulator(options).start();
}

export function stripeFor(simulator: StripeSimulator, config: Stripe.StripeConfig = {}, apiKey = 'sk_test_x'): Stripe {
  return new Stripe(apiKey, { host: '127.0.0.1', port: simulator.port, protocol: 'http', maxNetworkRetries: 2, ...config });
}

/**
 * Server-side card payments: no redirect-based methods, so no return_url is needed. (The SDK's
 * pinned API version has no `payment_method_types` any more; the allow-list replaces it.)
 */
export const CARD_ONLY: Pick<Stripe.PaymentIntentCreateParams, 'allowed_payment_method_types'> = { allowed_payment_method_types: ['card'] };

export function payment(overrides: Partial<Stripe.PaymentIntentCreateParams> = {}): Stripe.PaymentIntentCreateParams {
  return { amount: 2500, currency: 'usd', payment_method: 'pm_card_visa', confirm: true, ...CARD_ONLY, ...overrides };
}

/** The error a promise rejects with, so its fields can be asserted one by one. */
export async function rejection(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await promise;
  } catch (error) {
    return error as Stripe.errors.StripeError;
  }
  throw new Error('expected the request to fail, it succeeded');
}

/** The header the simulator's `/__sim/*` endpoints ask for, as its API does. */
export const SIM_AUTH = { authorization: 'Bearer sk_test_x' } as const;
