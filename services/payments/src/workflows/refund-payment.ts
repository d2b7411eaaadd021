// Gives back the money of a payment whose order was cancelled (a refunds_due row), with no
// transaction open while the provider is called: in embedded mode one PGlite serialises every
// transaction of every service, so a slow Stripe call inside one would stop the whole marketplace.
//
// It never charges. An attempt whose outcome is unknown is looked up at the provider (by its
// PaymentIntent id, else by the attempt id in the metadata) and *that* payment is refunded; only
// the buyer's own request ever creates a charge (issue 11 §2).
//
// Exactly once, whatever crashes in between: the refund carries a key derived from the payment,
// so a repeat after a crash (the row's lease runs out and another pass takes it) returns the same
// refund; the refund and its payment:refunded commit in one transaction that also deletes the row,
// and only if the payment is not refunded yet.
import type { Db, Tx } from '@ticketing/common';
import { lockOrder } from '../db/orders.repository';
import { findPayment, markFailed, markRefunded, type PaymentRow } from '../db/payments.repository';
import { clearRefundDue } from '../db/refunds-due.repository';
import { refundKey } from '../domain/idempotency-keys';
import { CANCELLED_MESSAGE } from '../domain/order-payability';
import { ProviderUnavailable, type PaymentProvider, type ProviderRefund } from '../provider/payment-provider.port';
import { errorAnswer } from './answers';
import { lookUpAttempt } from './look-up-attempt';

export interface RefundDeps {
  db: Db;
  provider: PaymentProvider;
  /** How long after a charge the provider's search may not show it yet (STRIPE_SEARCH_LAG_SECONDS). */
  searchLagMs: number;
}

/** Throws when not done (the provider is away or refused): the row stays and is retried. */
export async function refundDuePayment(deps: RefundDeps, paymentId: string): Promise<void> {
  const payment = await findPayment(deps.db, paymentId);
  if (!payment) throw new Error(`refund due for payment ${paymentId}, which does not exist`);
  if (payment.status === 'refunded' || payment.status === 'failed') return deps.db.transaction((tx) => clearRefundDue(tx, paymentId));

  const stripeId = payment.status === 'pending' ? await finishCharge(deps, payment) : payment.stripeId;
  if (stripeId === undefined) return; // the charge never happened: nothing to give back
  if (!stripeId) throw new Error(`payment ${payment.id} succeeded without a Stripe id`);
  const refund = await deps.provider.refund(stripeId, refundKey(payment.id));
  await deps.db.transaction((tx) => recordRefund(tx, payment, stripeId, refund));
}

/**
 * An attempt whose outcome is unknown: what became of it, asked without charging. Its Stripe id
 * when it charged; undefined when it did not (recorded as failed, nothing to give back). Throws
 * (retried later) while that cannot be told yet.
 */
async function finishCharge(deps: RefundDeps, payment: PaymentRow): Promise<string | undefined> {
  const found = await lookUpAttempt(deps.provider, payment);
  switch (found.kind) {
    case 'succeeded':
      return found.stripeId;
    case 'unknown':
      throw found.error;
    case 'not-found':
      if (!searchHasCaughtUp(deps, payment)) {
        throw new ProviderUnavailable(`no payment found for attempt ${payment.id} yet; the provider's search may still be catching up`);
      }
      await recordNeverCharged(deps, payment, errorAnswer(400, CANCELLED_MESSAGE));
      return undefined;
    default: {
      const answer = found.kind === 'declined' ? errorAnswer(402, found.message) : errorAnswer(400, found.message);
      await recordNeverCharged(deps, payment, answer, found.kind === 'declined' ? found.stripeId : undefined);
      return undefined;
    }
  }
}

/** Nothing found long enough after its last charge was sent: that charge never reached the provider. */
function searchHasCaughtUp(deps: RefundDeps, payment: PaymentRow): boolean {
  const sentAt = payment.lastChargeAt?.getTime() ?? 0;
  return Date.now() - sentAt >= deps.searchLagMs;
}

async function recordNeverCharged(deps: RefundDeps, payment: PaymentRow, answer: ReturnType<typeof errorAnswer>, stripeId?: string) {
  await deps.db.transaction(async (tx) => {
    await lockOrder(tx, payment.orderId);
    // A webhook or a late request may have settled it meanwhile.
    if ((await findPayment(tx, payment.id))?.status === 'pending') await markFailed(tx, payment.id, answer, stripeId);
    await clearRefundDue(tx, payment.id);
  });
}

/**
 * With the order row locked, as every writer of this order's payments. payment:refunded carries
 * what the refund gave back, as the provider answered (a repeat with the key answers the same).
 */
async function recordRefund(tx: Tx, payment: PaymentRow, stripeId: string, refund: ProviderRefund): Promise<void> {
  await lockOrder(tx, payment.orderId);
  const current = await findPayment(tx, payment.id);
  if (current?.status !== 'refunded') {
    await markRefunded(tx, payment.id, stripeId, refund.id, errorAnswer(400, CANCELLED_MESSAGE));
    await tx.publish('payment:refunded', {
      id: payment.id, orderId: payment.orderId, stripeId, refundId: refund.id, amount: refund.amount, currency: refund.currency,
    });
  }
  await clearRefundDue(tx, payment.id);
}
