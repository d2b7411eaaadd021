// DELETE /api/orders/:orderId — the owner cancels an unpaid order; publishes order:cancelled.
// Cancelling a cancelled order is a no-op 204 without an event; a completed one cannot be cancelled,
// nor can a refunded one (its event was cancelled after it was paid: it has ended, money going back).
import { BadRequest, requireAuth, requireUser, type Db, type HttpApp } from '@ticketing/common';
import { z } from 'zod';
import { changeStatus, lockOrder } from '../db/orders.repository';
import { orderCancelledData } from '../domain/order-events';
import { canCancel } from '../domain/order-status';
import { assertKnownId, assertOwnedBy } from './owned-order';

export function registerCancelOrder(app: HttpApp, db: Db): void {
  app.delete('/api/orders/:orderId', { onRequest: requireAuth, schema: { params: z.object({ orderId: z.string() }) } }, async (request, reply) => {
    const user = requireUser(request);
    assertKnownId(request.params.orderId);
    await db.transaction(async (tx) => {
      const order = await lockOrder(tx, request.params.orderId);
      assertOwnedBy(order, user.id);
      if (order.status === 'cancelled') return;
      if (order.status === 'refunded') throw new BadRequest('Cannot cancel a refunded order');
      if (!canCancel(order.status)) throw new BadRequest('Cannot cancel a completed order');
      const cancelled = await changeStatus(tx, order.id, 'cancelled');
      await tx.publish('order:cancelled', orderCancelledData(cancelled));
    });
    return reply.code(204).send();
  });
}
