// What became of an attempt whose answer we never heard, asked of the provider without charging:
// by its PaymentIntent id when we have it, else by the attempt id in the PaymentIntent's metadata.
// This is how every step after the buyer's request settles an unknown outcome (issue 11 §2): a
// charge retried with the same idempotency key would create a second PaymentIntent once Stripe
// has forgotten the key (24 h), and would charge a card whose first try never reached Stripe.
import type { PaymentRow } from '../db/payments.repository';
import { ProviderUnavailable, type PaymentProvider, type ProviderPayment } from '../provider/payment-provider.port';
import { failedChargeOutcome, type ChargeOutcome } from './charge-attempt';

/** `not-found`: the provider has no payment for it (or its search has not caught up yet). */
export type LookedUp = ChargeOutcome | { kind: 'not-found' };

export async function lookUpAttempt(provider: PaymentProvider, attempt: Pick<PaymentRow, 'id' | 'stripeId'>): Promise<LookedUp> {
  try {
    const found = await provider.lookUp({ attemptId: attempt.id, providerId: attempt.stripeId });
    return found ? outcomeOf(found) : { kind: 'not-found' };
  } catch (error) {
    const outcome = failedChargeOutcome(error);
    // A lookup refused (our key, a vanished id) says nothing about the charge: still unknown.
    return outcome.kind === 'unknown' ? outcome : { kind: 'unknown', message: (error as Error).message, error: error as Error };
  }
}

/** A payment as the provider reports it (looked up, or in a webhook) as the outcome of its attempt. */
export function outcomeOf(payment: ProviderPayment): ChargeOutcome {
  switch (payment.status) {
    case 'succeeded':
      return { kind: 'succeeded', stripeId: payment.id, ...(payment.chargeId ? { chargeId: payment.chargeId } : {}) };
    case 'failed':
      return { kind: 'declined', message: payment.failureMessage ?? 'Your card was declined.', stripeId: payment.id };
    case 'processing':
      return { kind: 'unknown', message: `payment ${payment.id} is still processing`, error: new ProviderUnavailable(`payment ${payment.id} is still processing`) };
  }
}
