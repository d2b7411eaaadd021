// Sends one payment attempt to the provider and classifies the outcome (never throws).
import type { PaymentRow } from '../db/payments.repository';
import {
  CardDeclined, InvalidPaymentMethod, ProviderRejected, ProviderUnavailable, type PaymentProvider,
} from '../provider/payment-provider.port';

export type ChargeOutcome =
  /** `chargeId`: the charge that took the money, when the provider said (payment:created carries it). */
  | { kind: 'succeeded'; stripeId: string; chargeId?: string }
  /** `stripeId`: the declined PaymentIntent, when the provider made one. */
  | { kind: 'declined'; message: string; stripeId?: string }
  | { kind: 'invalid-payment-method'; message: string }
  /** The provider refused the request itself and will again (e.g. amount_too_small): nothing charged, final. */
  | { kind: 'rejected'; message: string; reason: ProviderRejected['reason'] }
  /** No answer, or not decided yet: the money may or may not have been taken. */
  | { kind: 'unknown'; message: string; error: Error };

export async function chargeAttempt(provider: PaymentProvider, attempt: PaymentRow): Promise<ChargeOutcome> {
  try {
    const metadata = {
      orderId: attempt.orderId,
      // The attempt id: what a later lookup searches for (one attempt, one PaymentIntent).
      paymentId: attempt.id,
    };
    // transfer_group = the order id: the seller's transfer (payouts) names the same group.
    const result = await provider.charge(attempt.amount, attempt.currency, attempt.paymentMethod, attempt.stripeIdempotencyKey, metadata, attempt.orderId);
    return { kind: 'succeeded', stripeId: result.id, ...(result.chargeId ? { chargeId: result.chargeId } : {}) };
  } catch (error) {
    return failedChargeOutcome(error);
  }
}

export function failedChargeOutcome(error: unknown): ChargeOutcome {
  if (error instanceof CardDeclined) return { kind: 'declined', message: error.message, ...(error.paymentId ? { stripeId: error.paymentId } : {}) };
  if (error instanceof InvalidPaymentMethod) return { kind: 'invalid-payment-method', message: error.message };
  if (error instanceof ProviderRejected) {
    // The provider's own words (e.g. "Amount must be at least $0.50 usd"), without our prefix.
    const message = error.cause instanceof Error ? error.cause.message : error.message;
    return { kind: 'rejected', message, reason: error.reason };
  }
  const cause = error instanceof Error ? error : new ProviderUnavailable(String(error));
  return { kind: 'unknown', message: cause.message, error: cause };
}
