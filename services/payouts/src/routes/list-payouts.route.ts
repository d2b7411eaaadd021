// GET /api/payouts — the signed-in seller's own sales (newest first), their totals and whether
// their connected account can be paid. Nobody sees another seller's sales: the query is by the
// session's user, never by a parameter.
import { requireAuth, requireUser, type Db, type HttpApp } from '@ticketing/common';
import { findAccount } from '../db/accounts.repository';
import { salesOfSeller } from '../db/sales.repository';
import { timelinesOf } from '../db/timeline.repository';
import { accountStatus, toSaleJson, totalsOf } from '../domain/sale-json';

export function registerListPayouts(app: HttpApp, db: Db): void {
  app.get('/api/payouts', { onRequest: requireAuth }, async (request) => {
    const user = requireUser(request);
    const sales = await salesOfSeller(db, user.id);
    const timelines = await timelinesOf(db, sales.map((sale) => sale.orderId));
    return {
      account: { status: accountStatus(await findAccount(db, user.id)) },
      totals: totalsOf(sales),
      sales: sales.map((sale) => toSaleJson(sale, timelines.get(sale.orderId) ?? [])),
    };
  });
}
