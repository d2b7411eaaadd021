// expiration:complete → cancel the order if it is still unpaid; paid or cancelled: nothing to do.
import { consumer } from '@ticketing/common';
import { changeStatus, lockOrder } from '../db/orders.repository';
import { orderCancelledData } from '../domain/order-events';
import { canExpire } from '../domain/order-status';

export const expirationComplete = consumer({
  subject: 'expiration:complete',
  async handle({ data }, tx, { logger }) {
    const order = await lockOrder(tx, data.orderId);
    if (!order) {
      logger.warn({ orderId: data.orderId }, 'expiration:complete for an unknown order ignored');
      return;
    }
    if (!canExpire(order.status)) return;
    const cancelled = await changeStatus(tx, order.id, 'cancelled');
    await tx.publish('order:cancelled', orderCancelledData(cancelled));
  },
});
