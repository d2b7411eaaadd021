// Refunds a charge made for an order that is cancelled, and tells the others (payment:refunded).
import type { Tx } from '@ticketing/common';
import { markRefunded, type PaymentRow } from '../db/payments.repository';
import { refundKey } from '../domain/idempotency-keys';
import { CANCELLED_MESSAGE } from '../domain/order-payability';
import type { PaymentProvider } from '../provider/payment-provider.port';
import { errorAnswer } from './answers';

/**
 * Called with the order row locked. A provider failure throws (the transaction rolls back and the
 * caller retries); the refund key makes the retry refund once.
 */
export async function refundPayment(tx: Tx, provider: PaymentProvider, payment: PaymentRow, stripeId: string): Promise<string> {
  const refundId = await provider.refund(stripeId, refundKey(payment.id));
  await markRefunded(tx, payment.id, stripeId, refundId, errorAnswer(400, CANCELLED_MESSAGE));
  await tx.publish('payment:refunded', { id: payment.id, orderId: payment.orderId, stripeId, refundId });
  return refundId;
}
