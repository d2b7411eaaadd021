// Sends one payment attempt to the provider and classifies the outcome (never throws).
import type { PaymentRow } from '../db/payments.repository';
import { CardDeclined, InvalidPaymentMethod, type PaymentProvider } from '../provider/payment-provider.port';

export type ChargeOutcome =
  | { kind: 'succeeded'; stripeId: string }
  | { kind: 'declined'; message: string }
  | { kind: 'invalid-payment-method'; message: string }
  | { kind: 'unknown'; message: string };

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
    return { kind: 'unknown', message: (error as Error).message };
  }
}
