// order:cancelled → mark the replica cancelled (in version order); then give back any money taken
// for the order: refund a succeeded payment, or finish and refund an attempt whose outcome is
// unknown. Provider failures throw, so the bus retries (refund and charge keys make that safe).
import { consumer, NotReadyYet, type Tx } from '@ticketing/common';
import { lockOrder, markCancelled } from '../db/orders.repository';
import { findLiveAttempt, markFailed, type PaymentRow } from '../db/payments.repository';
import { ProviderUnavailable, type PaymentProvider } from '../provider/payment-provider.port';
import { errorAnswer } from '../workflows/answers';
import { chargeAttempt } from '../workflows/charge-attempt';
import { refundPayment } from '../workflows/refund-payment';

export function orderCancelledConsumer(deps: { provider: PaymentProvider }) {
  return consumer({
    subject: 'order:cancelled',
    async handle({ data }, tx) {
      const order = await lockOrder(tx, data.id);
      if (!order) throw new NotReadyYet(`order ${data.id} not in the replica yet`);
      if (data.version <= order.version) return; // older or already applied
      if (data.version > order.version + 1) throw new NotReadyYet(`order ${data.id} is at version ${order.version}, got ${data.version}`);

      const live = await findLiveAttempt(tx, order.id);
      // A request is charging this order right now: cancel after it settles, so its outcome is seen.
      if (live?.inFlight) throw new NotReadyYet(`a payment for order ${order.id} is in flight`);
      await markCancelled(tx, order.id, data.version);
      if (live) await giveMoneyBack(tx, deps.provider, live);
    },
  });
}

async function giveMoneyBack(tx: Tx, provider: PaymentProvider, payment: PaymentRow): Promise<void> {
  let stripeId = payment.stripeId;
  if (payment.status === 'pending') {
    const outcome = await chargeAttempt(provider, payment);
    if (outcome.kind === 'unknown') throw new ProviderUnavailable(outcome.message);
    if (outcome.kind !== 'succeeded') {
      await markFailed(tx, payment.id, outcome.kind === 'declined' ? errorAnswer(402, outcome.message) : errorAnswer(400, outcome.message, 'token'));
      return;
    }
    stripeId = outcome.stripeId;
  }
  if (!stripeId) throw new Error(`payment ${payment.id} succeeded without a Stripe id`);
  await refundPayment(tx, provider, payment, stripeId);
}
