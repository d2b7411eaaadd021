// Records the outcome of a charge, with the order row locked: paid (payment:created), owed back
// when the order was cancelled meanwhile (refunds_due: the refund worker refunds it after this
// commits, not while the transaction is open), failed (declined, or refused by the provider for
// good), or left for a retry (unknown). The buyer's request, a webhook and the refund worker all
// settle through here; whichever comes first decides, the others find it settled.
import type { Tx } from '@ticketing/common';
import { lockOrder } from '../db/orders.repository';
import { findPayment, markFailed, markSucceeded, releaseLease, type PaymentRow, type StoredAnswer } from '../db/payments.repository';
import { markRefundDue } from '../db/refunds-due.repository';
import { CANCELLED_MESSAGE } from '../domain/order-payability';
import { errorAnswer, paidAnswer } from './answers';
import type { ChargeOutcome } from './charge-attempt';

export const PROVIDER_UNAVAILABLE_MESSAGE = 'The payment provider is unavailable, try again later';
export const PROVIDER_REFUSED_PREFIX = 'This order cannot be paid by card';

export interface Settled {
  answer: StoredAnswer;
  /** A refund was recorded as due (the caller nudges the refund worker once this commits). */
  refundDue: boolean;
}

export async function settleAttempt(tx: Tx, attempt: PaymentRow, outcome: ChargeOutcome): Promise<Settled> {
  const answer = (value: StoredAnswer): Settled => ({ answer: value, refundDue: false });
  const order = await lockOrder(tx, attempt.orderId);
  const current = await findPayment(tx, attempt.id);
  if (!order || !current) throw new Error(`payment attempt ${attempt.id} vanished`);
  // Someone else (the refund worker, after our lease ran out) settled it already.
  if (current.status !== 'pending') return answer(current.answer ?? errorAnswer(400, CANCELLED_MESSAGE));

  switch (outcome.kind) {
    case 'unknown':
      await releaseLease(tx, current.id);
      return answer(errorAnswer(503, PROVIDER_UNAVAILABLE_MESSAGE));
    case 'declined':
      return answer(await failed(tx, current, errorAnswer(402, outcome.message), outcome.stripeId));
    case 'invalid-payment-method':
      return answer(await failed(tx, current, errorAnswer(400, outcome.message, 'token')));
    case 'rejected':
      return answer(await failed(tx, current, rejectedAnswer(outcome)));
    case 'succeeded':
      if (order.status === 'cancelled') return { answer: await owedBack(tx, current, outcome.stripeId), refundDue: true };
      return answer(await paid(tx, current, outcome.stripeId, outcome.chargeId));
  }
}

/**
 * The amount and currency are the attempt row's (what was sent to the provider and charged; a
 * webhook's are checked against them), never the order's, which may change afterwards.
 */
async function paid(tx: Tx, payment: PaymentRow, stripeId: string, chargeId: string | undefined): Promise<StoredAnswer> {
  const answer = paidAnswer(payment, stripeId);
  await markSucceeded(tx, payment.id, stripeId, answer);
  await tx.publish('payment:created', {
    id: payment.id, orderId: payment.orderId, stripeId, amount: payment.amount, currency: payment.currency,
    ...(chargeId ? { chargeId } : {}),
  });
  return answer;
}

async function failed(tx: Tx, payment: PaymentRow, answer: StoredAnswer, stripeId?: string): Promise<StoredAnswer> {
  await markFailed(tx, payment.id, answer, stripeId);
  return answer;
}

/**
 * Final, not "try again": the same request would be refused again. A refused request (an amount
 * outside the card limits) is the buyer's 400 with the provider's reason; a refused account (our
 * key) is our own fault, a 500 that shows nothing of it.
 */
function rejectedAnswer(outcome: Extract<ChargeOutcome, { kind: 'rejected' }>): StoredAnswer {
  if (outcome.reason === 'account') return errorAnswer(500, 'Something went wrong');
  return errorAnswer(400, `${PROVIDER_REFUSED_PREFIX}: ${outcome.message}`);
}

/**
 * The order was cancelled while we charged: keep the charge on record and owe it back. The buyer
 * is told the order is cancelled (and a replay of the same Idempotency-Key says so too).
 */
async function owedBack(tx: Tx, payment: PaymentRow, stripeId: string): Promise<StoredAnswer> {
  const answer = errorAnswer(400, CANCELLED_MESSAGE);
  await markSucceeded(tx, payment.id, stripeId, answer);
  await markRefundDue(tx, payment.id);
  return answer;
}
