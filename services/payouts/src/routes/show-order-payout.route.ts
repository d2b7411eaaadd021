// GET /api/payouts/orders/:orderId — the money of one order as its buyer sees it (charged → held →
// released, or refunded), or as its seller does (every step). Anyone else: 403.
import { Forbidden, NotFound, requireAuth, requireUser, type Db, type HttpApp } from '@ticketing/common';
import { z } from 'zod';
import { findSale } from '../db/sales.repository';
import { timelinesOf } from '../db/timeline.repository';
import { fromCents } from '../domain/money';
import { buyerTimeline, toTimelineJson } from '../domain/sale-json';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function registerShowOrderPayout(app: HttpApp, db: Db): void {
  app.get('/api/payouts/orders/:orderId', {
    onRequest: requireAuth,
    schema: { params: z.object({ orderId: z.string() }) },
  }, async (request) => {
    const user = requireUser(request);
    const { orderId } = request.params;
    const sale = UUID.test(orderId) ? await findSale(db, orderId) : undefined;
    if (!sale) throw new NotFound('No payment found for this order');
    const isSeller = sale.sellerId === user.id;
    if (!isSeller && sale.buyerId !== user.id) throw new Forbidden('This order is not yours');
    const steps = (await timelinesOf(db, [orderId])).get(orderId) ?? [];
    return {
      orderId, state: sale.state, gross: fromCents(sale.grossCents), currency: sale.currency,
      timeline: toTimelineJson(isSeller ? steps : buyerTimeline(steps)),
    };
  });
}
