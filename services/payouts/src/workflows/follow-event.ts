// event:created/updated/cancelled → the events replica (version rule). A new start re-times the
// held sales of the event (each gets a timer for its new payable time; the old timer then finds
// its time gone and does nothing). A cancellation holds them for good: the refunds come as
// payment:refunded, and nothing is paid out.
import type { EventData, Tx } from '@ticketing/common';
import { upsertEvent } from '../db/replicas.repository';
import { lockHeldSalesOfEvent, updateSale } from '../db/sales.repository';
import { appendTimeline } from '../db/timeline.repository';
import { payableAt as payableTime, why } from '../domain/sale-state';
import { releaseTimerKey, type PayoutsContext } from './payouts-context';

type CatalogEvent = EventData<'event:created'> | EventData<'event:updated'> | EventData<'event:cancelled'>;

export async function followEvent(tx: Tx, ctx: PayoutsContext, data: CatalogEvent): Promise<void> {
  const applied = await upsertEvent(tx, { id: data.id, startsAt: new Date(data.startsAt), status: data.status, version: data.version });
  if (!applied) return; // an older record than the one kept
  const at = ctx.now();
  for (const sale of await lockHeldSalesOfEvent(tx, data.id)) {
    if (data.status === 'cancelled') {
      if (sale.why === why.eventCancelled) continue;
      await updateSale(tx, sale.orderId, { why: why.eventCancelled });
      await appendTimeline(tx, sale.orderId, { state: 'held', at, why: why.eventCancelled });
      continue;
    }
    const payableAt = payableTime({ soldAt: new Date(sale.soldAt), eventStartsAt: new Date(data.startsAt), holdHours: ctx.holdHours });
    if (payableAt.getTime() === new Date(sale.payableAt).getTime()) continue;
    await updateSale(tx, sale.orderId, { payableAt, why: why.retimed(payableAt) });
    await appendTimeline(tx, sale.orderId, { state: 'held', at, why: why.retimed(payableAt) });
    await ctx.scheduler.schedule(releaseTimerKey(sale.orderId, payableAt), payableAt, tx);
  }
}
