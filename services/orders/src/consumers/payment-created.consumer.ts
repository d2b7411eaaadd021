// payment:created → the order is complete, unless it was cancelled meanwhile (payments refunds that).
// order:completed goes out in the same transaction: its buyer now holds that generation of the
// ticket (tickets lets them resell it, delivery issues their pass).
import { consumer } from '@ticketing/common';
import { changeStatus, lockOrder } from '../db/orders.repository';
import { orderCompletedData } from '../domain/order-events';
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
    const completed = await changeStatus(tx, order.id, 'complete');
    await tx.publish('order:completed', orderCompletedData(completed));
  },
});
