// event:cancelled → buyers are made whole (docs/events-and-price-caps.md): the event is recorded as
// cancelled, so none of its tickets is ordered again (a ticket:created that arrives later included);
// every open order of its tickets is cancelled and every paid one refunded, in one set-based step;
// each publishes order:cancelled with reason 'event-cancelled' (payments refunds what was paid,
// tickets keeps the ticket withdrawn). A second delivery finds nothing left to end.
import { consumer, isPgError, NotReadyYet, PgError } from '@ticketing/common';
import { lockEventForCancellation, recordCancelledEvent } from '../db/cancelled-events.repository';
import { endOrdersOfEvent } from '../db/orders.repository';
import { orderCancelledData } from '../domain/order-events';

export const eventCancelled = consumer({
  subject: 'event:cancelled',
  async handle({ data }, tx, { logger }) {
    try {
      await lockEventForCancellation(tx, data.id);
      await recordCancelledEvent(tx, data.id);
      const ended = await endOrdersOfEvent(tx, data.id, 'event-cancelled');
      await tx.publishAll('order:cancelled', ended.map(orderCancelledData));
      if (ended.length > 0) {
        const refunded = ended.filter((order) => order.status === 'refunded').length;
        logger.info({ eventId: data.id, cancelled: ended.length - refunded, refunded }, 'event cancelled: its orders ended');
      }
    } catch (error) {
      // Another transaction (a batch of payments completing these orders) locked the same rows in
      // another order and PostgreSQL chose this one to abort: try again, it is contention, not poison.
      if (isPgError(error, PgError.deadlockDetected)) throw new NotReadyYet(`event ${data.id}: deadlock on its orders, retried`);
      throw error;
    }
  },
});
