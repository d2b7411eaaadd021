// payment:created → the order is complete, unless it was cancelled meanwhile (payments refunds that).
import { consumer } from '@ticketing/common';
import { changeStatus, lockOrder } from '../db/orders.repository';
import { canComplete } from '../domain/order-status';

export const paymentCreated = consumer({
  subject: 'payment:created',
  async handle({ data }, tx, { logger }) {
    const order = await lockOrder(tx, data.orderId);
    if (!order) {
      logger.warn({ orderId: data.orderId }, 'payment:created for an unknown order ignored');
      return;
    }
    if (!canComplete(order.status)) return;
    await changeStatus(tx, order.id, 'complete');
  },
});
