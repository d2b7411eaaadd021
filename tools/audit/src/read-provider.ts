// The payment provider's side, through the official SDK (as payments talks to it): every charge
// and refund, auto-paginated. PaymentIntents are read too, to count them in the report.
import type Stripe from 'stripe';
import { createStripeClient } from '@ticketing/common/stripe/stripe-client';
import type { ProviderCharge, ProviderRefund } from './ledger';

export interface ProviderOptions {
  secretKey: string;
  /** `https://api.stripe.com` or the simulator's URL. */
  apiBase: string;
}

export interface ProviderSide {
  paymentIntents: number;
  charges: ProviderCharge[];
  refunds: ProviderRefund[];
}

export const PAGE = { limit: 100 } as const;

export function stripeClient(options: ProviderOptions): Stripe {
  // Long lists: the SDK's own 80 s per page rather than a service's 10 s.
  return createStripeClient({ secretKey: options.secretKey, apiBase: options.apiBase, maxNetworkRetries: 3, timeoutMs: 80_000 });
}

export async function readProvider(stripe: Stripe): Promise<ProviderSide> {
  const [intents, charges, refunds] = await Promise.all([
    all(stripe.paymentIntents.list(PAGE), () => true),
    all(stripe.charges.list(PAGE), toCharge),
    all(stripe.refunds.list(PAGE), toRefund),
  ]);
  return { paymentIntents: intents.length, charges, refunds };
}

/** Every item of a list, however many pages (autoPagingToArray stops at 10,000). */
export async function all<T, R>(list: AsyncIterable<T>, map: (item: T) => R): Promise<R[]> {
  const items: R[] = [];
  for await (const item of list) items.push(map(item));
  return items;
}

export function idOf(value: string | { id: string } | null | undefined): string | null {
  return value == null ? null : typeof value === 'string' ? value : value.id;
}

function toCharge(charge: Stripe.Charge): ProviderCharge {
  return {
    id: charge.id, paymentIntent: idOf(charge.payment_intent), status: charge.status, amount: charge.amount,
    amountRefunded: charge.amount_refunded, orderId: charge.metadata?.orderId ?? null, currency: charge.currency,
  };
}

function toRefund(refund: Stripe.Refund): ProviderRefund {
  return {
    id: refund.id, charge: idOf(refund.charge), paymentIntent: idOf(refund.payment_intent), status: refund.status, amount: refund.amount,
    currency: refund.currency,
  };
}
