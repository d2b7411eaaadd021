// Connect helpers for the simulator's tests: a seller's connected account, onboarded or not, and a
// paid PaymentIntent whose charge can fund a transfer.
import type Stripe from 'stripe';
import type { StripeSimulator } from '../../src/index';
import { payment } from './harness';

export async function connectedAccount(stripe: Stripe, metadata: Record<string, string> = {}): Promise<Stripe.Account> {
  return stripe.accounts.create({ type: 'express', country: 'US', email: 'seller@example.com', capabilities: { transfers: { requested: true } }, metadata });
}

export async function onboardedAccount(simulator: StripeSimulator, stripe: Stripe, metadata: Record<string, string> = {}): Promise<Stripe.Account> {
  const account = await connectedAccount(stripe, metadata);
  simulator.completeOnboarding(account.id);
  return stripe.accounts.retrieve(account.id);
}

/** A succeeded card payment; returns its charge id. */
export async function paidCharge(stripe: Stripe, overrides: Partial<Stripe.PaymentIntentCreateParams> = {}): Promise<string> {
  const intent = await stripe.paymentIntents.create(payment(overrides));
  return intent.latest_charge as string;
}
