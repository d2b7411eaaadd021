// GET /api/orders/:orderId — the owner sees one order with its ticket.
import { requireAuth, requireUser, type Db, type HttpApp } from '@ticketing/common';
import { z } from 'zod';
import { findOrderWithTicket } from '../db/orders.repository';
import { toOrderJson } from '../domain/order-json';
import { assertKnownId, assertOwnedBy } from './owned-order';

export function registerShowOrder(app: HttpApp, db: Db): void {
  app.get('/api/orders/:orderId', { onRequest: requireAuth, schema: { params: z.object({ orderId: z.string() }) } }, async (request) => {
    const user = requireUser(request);
    assertKnownId(request.params.orderId);
    const order = await findOrderWithTicket(db, request.params.orderId);
    assertOwnedBy(order, user.id);
    return toOrderJson(order);
  });
}
