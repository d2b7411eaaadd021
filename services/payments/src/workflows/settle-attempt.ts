// Records the outcome of a charge, with the order row locked: paid (payment:created), refunded
// at once when the order was cancelled meanwhile, failed (declined), or left for a retry (unknown).
import { ServiceUnavailable, type Tx } from '@ticketing/common';
import { lockOrder } from '../db/orders.repository';
import { findPayment, markFailed, markSucceeded, releaseLease, type PaymentRow, type StoredAnswer } from '../db/payments.repository';
import { CANCELLED_MESSAGE } from '../domain/order-payability';
import type { PaymentProvider } from '../provider/payment-provider.port';
import { errorAnswer, paidAnswer } from './answers';
import type { ChargeOutcome } from './charge-attempt';
import { refundPayment } from './refund-payment';

export const PROVIDER_UNAVAILABLE_MESSAGE = 'The payment provider is unavailable, try again later';

export async function settleAttempt(tx: Tx, provider: PaymentProvider, attempt: PaymentRow, outcome: ChargeOutcome): Promise<StoredAnswer> {
  const order = await lockOrder(tx, attempt.orderId);
  const current = await findPayment(tx, attempt.id);
  if (!order || !current) throw new Error(`payment attempt ${attempt.id} vanished`);
  // Someone else (the cancel consumer, after our lease ran out) settled it already.
  if (current.status !== 'pending') return current.answer ?? errorAnswer(400, CANCELLED_MESSAGE);

  switch (outcome.kind) {
    case 'unknown':
      await releaseLease(tx, current.id);
      return errorAnswer(503, PROVIDER_UNAVAILABLE_MESSAGE);
    case 'declined':
      return failed(tx, current, errorAnswer(402, outcome.message));
    case 'invalid-payment-method':
      return failed(tx, current, errorAnswer(400, outcome.message, 'token'));
    case 'succeeded':
      if (order.status === 'cancelled') return refundCharged(tx, provider, current, outcome.stripeId);
      return paid(tx, current, outcome.stripeId);
  }
}

async function paid(tx: Tx, payment: PaymentRow, stripeId: string): Promise<StoredAnswer> {
  const answer = paidAnswer(payment, stripeId);
  await markSucceeded(tx, payment.id, stripeId, answer);
  await tx.publish('payment:created', { id: payment.id, orderId: payment.orderId, stripeId });
  return answer;
}

async function failed(tx: Tx, payment: PaymentRow, answer: StoredAnswer): Promise<StoredAnswer> {
  await markFailed(tx, payment.id, answer);
  return answer;
}

/** The order was cancelled while we charged: give the money back before answering. */
async function refundCharged(tx: Tx, provider: PaymentProvider, payment: PaymentRow, stripeId: string): Promise<StoredAnswer> {
  try {
    await refundPayment(tx, provider, payment, stripeId);
  } catch {
    // Rolls back: the attempt stays pending and is retried with the same keys.
    throw new ServiceUnavailable(PROVIDER_UNAVAILABLE_MESSAGE);
  }
  return errorAnswer(400, CANCELLED_MESSAGE);
}
