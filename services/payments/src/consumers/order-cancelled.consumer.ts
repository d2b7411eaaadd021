// order:cancelled → mark the replica cancelled; if money was (or may have been)
// taken for the order, record that it is owed back (refunds_due) in the same transaction. The
// refund itself is the refund worker's, after this commits: no call to the provider while a
// transaction is open, so a slow or absent provider holds up neither the database nor this event.
// Cancelled is final, so a cancel at any newer version applies at once: the versions in between
// (an order paid, then cancelled after a ticket:reservation-rejected, is cancelled at version 2)
// change nothing this replica keeps.
import { consumer, NotReadyYet } from '@ticketing/common';
import { lockOrder, markCancelled } from '../db/orders.repository';
import { findLiveAttempt } from '../db/payments.repository';
import { markRefundDue } from '../db/refunds-due.repository';

export function orderCancelledConsumer(deps: { onRefundDue: () => void }) {
  return consumer({
    subject: 'order:cancelled',
    async handle({ data }, tx) {
      const order = await lockOrder(tx, data.id);
      if (!order) throw new NotReadyYet(`order ${data.id} not in the replica yet`);
      if (data.version <= order.version) return; // older or already applied

      const live = await findLiveAttempt(tx, order.id);
      // A request is charging this order right now: cancel after it settles, so its outcome is seen.
      if (live?.inFlight) throw new NotReadyYet(`a payment for order ${order.id} is in flight`);
      await markCancelled(tx, order.id, data.version);
      // Succeeded: refund it. Pending with no live lease: its outcome is unknown; the worker
      // finishes it with its own key and refunds it if it charged.
      if (live) {
        await markRefundDue(tx, live.id);
        deps.onRefundDue();
      }
    },
  });
}
