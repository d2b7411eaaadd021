// GET /api/orders — the caller's orders, oldest first, each with its ticket.
import { requireAuth, requireUser, type Db, type HttpApp } from '@ticketing/common';
import { listOrdersOfUser } from '../db/orders.repository';
import { toOrderJson } from '../domain/order-json';

export function registerListOrders(app: HttpApp, db: Db): void {
  app.get('/api/orders', { onRequest: requireAuth }, async (request) => {
    const user = requireUser(request);
    return (await listOrdersOfUser(db, user.id)).map(toOrderJson);
  });
}
