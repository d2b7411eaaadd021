// Sends one payment attempt to the provider and classifies the outcome (never throws).
import type { PaymentRow } from '../db/payments.repository';
import { CardDeclined, InvalidPaymentMethod, ProviderUnavailable, type PaymentProvider } from '../provider/payment-provider.port';

export type ChargeOutcome =
  | { kind: 'succeeded'; stripeId: string }
  | { kind: 'declined'; message: string }
  | { kind: 'invalid-payment-method'; message: string }
  /** `error` says whether it is worth waiting for (ProviderUnavailable) or final (ProviderRejected). */
  | { kind: 'unknown'; message: string; error: Error };

export async function chargeAttempt(provider: PaymentProvider, attempt: PaymentRow): Promise<ChargeOutcome> {
  try {
    const result = await provider.charge(attempt.amount, attempt.currency, attempt.paymentMethod, attempt.stripeIdempotencyKey, {
      orderId: attempt.orderId,
      paymentId: attempt.id,
    });
    return { kind: 'succeeded', stripeId: result.id };
  } catch (error) {
    if (error instanceof CardDeclined) return { kind: 'declined', message: error.message };
    if (error instanceof InvalidPaymentMethod) return { kind: 'invalid-payment-method', message: error.message };
    const cause = error instanceof Error ? error : new ProviderUnavailable(String(error));
    return { kind: 'unknown', message: cause.message, error: cause };
  }
}
