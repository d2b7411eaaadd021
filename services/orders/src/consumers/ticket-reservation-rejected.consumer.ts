// ticket:reservation-rejected → tickets did not reserve the ticket for this order: the seller
// changed its terms before the reservation arrived ('terms-changed'), or the ticket was withdrawn
// because its event was cancelled ('withdrawn'). Cancel the order, so the buyer is not held to,
// nor charged for, a ticket that is not theirs at the price they were shown. A withdrawn ticket's
// order is cancelled as the event's cancellation would (reason 'event-cancelled').
import { consumer } from '@ticketing/common';
import { changeStatus, lockOrder } from '../db/orders.repository';
import { orderCancelledData } from '../domain/order-events';
import { canReject } from '../domain/order-status';

export const ticketReservationRejected = consumer({
  subject: 'ticket:reservation-rejected',
  async handle({ data }, tx, { logger }) {
    const order = await lockOrder(tx, data.orderId);
    if (!order) {
      logger.warn({ orderId: data.orderId }, 'ticket:reservation-rejected for an unknown order ignored');
      return;
    }
    if (!canReject(order.status)) return;
    logger.info({ orderId: order.id, ticketId: data.ticketId, reason: data.reason }, 'reservation rejected by tickets: order cancelled');
    const cancelled = await changeStatus(tx, order.id, 'cancelled', data.reason === 'withdrawn' ? 'event-cancelled' : undefined);
    await tx.publish('order:cancelled', orderCancelledData(cancelled));
  },
});
