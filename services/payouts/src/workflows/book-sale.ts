// payment:created → the sale is booked: its amounts (from the event, never a request), the charge
// movement, held until event start + hold (or sale + hold), and its release timer — all in the
// consumer's transaction. What it needs (the order, its ticket, the ticket's event) may not have
// arrived yet: that is a wait, not a failure. The seller is the order's (order:created names the
// seller of the generation ordered, a reseller included), or the ticket's for an order:created
// published before it did; written once with the sale.
import { NotReadyYet, type EventData, type Tx } from '@ticketing/common';
import { insertMovement } from '../db/ledger.repository';
import { findEvent, findOrder, findTicket } from '../db/replicas.repository';
import { insertSale } from '../db/sales.repository';
import { appendTimeline } from '../db/timeline.repository';
import { splitGross } from '../domain/fee';
import { chargeMovement } from '../domain/ledger-movements';
import { payableAt as payableTime, why } from '../domain/sale-state';
import { releaseTimerKey, type PayoutsContext } from './payouts-context';

/** A payment:created published before it carried its currency was charged in the default one. */
const LEGACY_CURRENCY = 'usd';

export async function bookSale(tx: Tx, ctx: PayoutsContext, data: EventData<'payment:created'>, occurredAt: string): Promise<void> {
  const order = await findOrder(tx, data.orderId);
  if (!order) throw new NotReadyYet(`payment for order ${data.orderId} before its order:created`);
  const ticket = await findTicket(tx, order.ticketId);
  if (!ticket) throw new NotReadyYet(`payment for order ${order.id} before its ticket ${order.ticketId}'s ticket:created`);
  const event = ticket.eventId ? await findEvent(tx, ticket.eventId) : undefined;
  if (ticket.eventId && !event) throw new NotReadyYet(`payment for order ${order.id} before its event ${ticket.eventId}'s event:created`);

  const grossCents = data.amount ?? order.priceCents;
  const { fee, net } = splitGross(grossCents, ctx.feeBasisPoints);
  const soldAt = new Date(occurredAt);
  const payableAt = payableTime({ soldAt, eventStartsAt: event ? new Date(event.startsAt) : null, holdHours: ctx.holdHours });
  const cancelled = event?.status === 'cancelled';
  const sale = {
    orderId: order.id, ticketId: ticket.id, sellerId: order.sellerId ?? ticket.sellerId, buyerId: order.buyerId, eventId: ticket.eventId,
    grossCents, feeCents: fee, netCents: net, currency: data.currency ?? LEGACY_CURRENCY, chargeId: data.chargeId ?? null,
    paymentIntentId: data.stripeId, soldAt, payableAt, state: 'held' as const,
    why: cancelled ? why.eventCancelled : why.held(payableAt),
  };
  if (!(await insertSale(tx, sale))) return; // the order's sale is already booked
  await insertMovement(tx, sale.orderId, sale.currency, chargeMovement(sale));
  await appendTimeline(tx, sale.orderId, { state: 'charged', at: soldAt, why: why.charged });
  await appendTimeline(tx, sale.orderId, { state: 'held', at: ctx.now(), why: sale.why });
  await ctx.scheduler.schedule(releaseTimerKey(sale.orderId, payableAt), payableAt, tx);
}
