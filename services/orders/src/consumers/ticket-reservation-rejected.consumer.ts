// ticket:reservation-rejected → tickets did not reserve the ticket for this order (the seller
// changed its terms before the reservation arrived): cancel the order, so the buyer is not held to,
// nor charged for, a ticket whose price is no longer the one they were shown.
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
    const cancelled = await changeStatus(tx, order.id, 'cancelled');
    await tx.publish('order:cancelled', orderCancelledData(cancelled));
  },
});
