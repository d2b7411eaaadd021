// Gives back the money of a payment whose order was cancelled (a refunds_due row), with no
// transaction open while the provider is called: in embedded mode one PGlite serialises every
// transaction of every service, so a slow Stripe call inside one would stop the whole marketplace.
//
// Exactly once, whatever crashes in between: the provider calls carry the attempt's charge key and
// a refund key derived from the payment, so a repeat after a crash (the row's lease runs out and
// another pass takes it) charges nothing new and returns the same refund; the refund and its
// payment:refunded commit in one transaction that also deletes the row, and only if the payment
// is not refunded yet.
import type { Db, Tx } from '@ticketing/common';
import { lockOrder } from '../db/orders.repository';
import { findPayment, markFailed, markRefunded, type PaymentRow } from '../db/payments.repository';
import { clearRefundDue } from '../db/refunds-due.repository';
import { refundKey } from '../domain/idempotency-keys';
import { CANCELLED_MESSAGE } from '../domain/order-payability';
import type { PaymentProvider } from '../provider/payment-provider.port';
import { errorAnswer } from './answers';
import { chargeAttempt } from './charge-attempt';

export interface RefundDeps {
  db: Db;
  provider: PaymentProvider;
}

/** Throws when not done (the provider is away or refused): the row stays and is retried. */
export async function refundDuePayment(deps: RefundDeps, paymentId: string): Promise<void> {
  const payment = await findPayment(deps.db, paymentId);
  if (!payment) throw new Error(`refund due for payment ${paymentId}, which does not exist`);
  if (payment.status === 'refunded' || payment.status === 'failed') return deps.db.transaction((tx) => clearRefundDue(tx, paymentId));

  const stripeId = payment.status === 'pending' ? await finishCharge(deps, payment) : payment.stripeId;
  if (stripeId === undefined) return; // the charge never happened: nothing to give back
  if (!stripeId) throw new Error(`payment ${payment.id} succeeded without a Stripe id`);
  const refundId = await deps.provider.refund(stripeId, refundKey(payment.id));
  await deps.db.transaction((tx) => recordRefund(tx, payment, stripeId, refundId));
}

/**
 * An attempt whose outcome is unknown: ask again with its own key and card (a replay if it had
 * charged). Its Stripe id when it charged; undefined when it did not (recorded as failed).
 */
async function finishCharge(deps: RefundDeps, payment: PaymentRow): Promise<string | undefined> {
  const outcome = await chargeAttempt(deps.provider, payment);
  if (outcome.kind === 'succeeded') return outcome.stripeId;
  if (outcome.kind === 'unknown') throw outcome.error;
  const answer = outcome.kind === 'declined' ? errorAnswer(402, outcome.message) : errorAnswer(400, outcome.message, 'token');
  await deps.db.transaction(async (tx) => {
    await lockOrder(tx, payment.orderId);
    // A late request may have settled it meanwhile (same key, so the same answer).
    if ((await findPayment(tx, payment.id))?.status === 'pending') await markFailed(tx, payment.id, answer);
    await clearRefundDue(tx, payment.id);
  });
  return undefined;
}

/** With the order row locked, as every writer of this order's payments. */
async function recordRefund(tx: Tx, payment: PaymentRow, stripeId: string, refundId: string): Promise<void> {
  await lockOrder(tx, payment.orderId);
  const current = await findPayment(tx, payment.id);
  if (current?.status !== 'refunded') {
    await markRefunded(tx, payment.id, stripeId, refundId, errorAnswer(400, CANCELLED_MESSAGE));
    await tx.publish('payment:refunded', { id: payment.id, orderId: payment.orderId, stripeId, refundId });
  }
  await clearRefundDue(tx, payment.id);
}
