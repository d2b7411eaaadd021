// Stripe's webhooks as a second channel for outcomes (issue 11 §2): an attempt whose API answer
// never came is settled from `payment_intent.succeeded` / `payment_intent.payment_failed` — paid
// (payment:created, once: settling happens only from `pending`, with the order row locked), or owed
// back if its order was cancelled meanwhile. `charge.refunded` for a refund we still owe (its answer
// was lost) makes that refund due now; the worker repeats it with its key and records it.
// Runs in the transaction that records the event, so a redelivered event has no second effect.
import type { Logger, Tx } from '@ticketing/common';
import { findByStripeId, findPayment } from '../db/payments.repository';
import { expediteRefundDue } from '../db/refunds-due.repository';
import type { ProviderEvent, ProviderPayment } from '../provider/payment-provider.port';
import { outcomeOf } from './look-up-attempt';
import { settleAttempt } from './settle-attempt';

export interface Applied {
  /** A refund is (now) due: nudge the refund worker once this commits. */
  refundDue: boolean;
}

const nothing: Applied = { refundDue: false };
const SETTLING_EVENTS = new Set(['payment_intent.succeeded', 'payment_intent.payment_failed']);

export async function applyProviderEvent(tx: Tx, event: ProviderEvent, logger: Logger): Promise<Applied> {
  if (SETTLING_EVENTS.has(event.type) && event.payment) return settleFromEvent(tx, event.payment, logger);
  if (event.type === 'charge.refunded' && event.refundedProviderId) return refundFromEvent(tx, event.refundedProviderId, logger);
  return nothing;
}

async function settleFromEvent(tx: Tx, payment: ProviderPayment, logger: Logger): Promise<Applied> {
  const attempt = payment.attemptId ? await findPayment(tx, payment.attemptId) : undefined;
  if (!attempt) return nothing; // not made by this service (another integration on the account)
  if (!matches(attempt, payment)) {
    logger.error({ paymentId: attempt.id, stripeId: payment.id }, 'webhook names an attempt whose PaymentIntent or amount differs; ignored');
    return nothing;
  }
  if (attempt.status === 'failed' && payment.status === 'succeeded') {
    // Only if a lookup wrongly found nothing (search lag longer than STRIPE_SEARCH_LAG_SECONDS).
    logger.error({ paymentId: attempt.id, stripeId: payment.id, orderId: attempt.orderId }, 'an attempt recorded as failed has succeeded at the provider: money to look at');
    return nothing;
  }
  const outcome = outcomeOf(payment);
  if (outcome.kind === 'unknown' || attempt.status !== 'pending') return nothing;
  const settled = await settleAttempt(tx, attempt, outcome);
  return { refundDue: settled.refundDue };
}

/** The attempt's PaymentIntent (when we know it already) and amount are the event's. */
function matches(attempt: { stripeId: string | null; amount: number; currency: string }, payment: ProviderPayment): boolean {
  return (attempt.stripeId === null || attempt.stripeId === payment.id) && attempt.amount === payment.amount && attempt.currency === payment.currency;
}

async function refundFromEvent(tx: Tx, stripeId: string, logger: Logger): Promise<Applied> {
  const payment = await findByStripeId(tx, stripeId);
  if (!payment || payment.status === 'refunded') return nothing;
  if (await expediteRefundDue(tx, payment.id)) return { refundDue: true };
  logger.warn({ paymentId: payment.id, stripeId, orderId: payment.orderId }, 'refunded at the provider without a refund owed here (by hand?)');
  return nothing;
}
