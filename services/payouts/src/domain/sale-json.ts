// The JSON of a sale and of the payouts page (docs/payouts.md): amounts in price units.
import type { AccountRow } from '../db/accounts.repository';
import type { SaleRow } from '../db/sales.repository';
import type { TimelineStep } from '../db/timeline.repository';
import { fromCents } from './money';

const iso = (at: Date | string | null) => (at === null ? null : new Date(at).toISOString());

export function toTimelineJson(steps: TimelineStep[]) {
  return steps.map((step) => ({ state: step.state, at: iso(step.at), why: step.why }));
}

export function toSaleJson(sale: SaleRow, timeline: TimelineStep[]) {
  return {
    orderId: sale.orderId, ticketId: sale.ticketId, eventId: sale.eventId,
    gross: fromCents(sale.grossCents), fee: fromCents(sale.feeCents), net: fromCents(sale.netCents), currency: sale.currency,
    state: sale.state, payableAt: iso(sale.payableAt), transferredAt: iso(sale.transferredAt), refundedAt: iso(sale.refundedAt),
    reversedAt: iso(sale.reversedAt), debt: fromCents(sale.debtCents), why: sale.why, timeline: toTimelineJson(timeline),
  };
}

export function accountStatus(account: AccountRow | undefined): 'none' | 'pending' | 'enabled' {
  if (!account?.stripeAccountId) return 'none';
  return account.payoutsEnabled ? 'enabled' : 'pending';
}

/** What is held, payable, paid out and owed, over the seller's sales (net amounts). */
export function totalsOf(sales: SaleRow[], fallbackCurrency = 'usd') {
  const sum = (state: SaleRow['state']) => fromCents(sales.filter((sale) => sale.state === state).reduce((total, sale) => total + sale.netCents, 0));
  return {
    held: sum('held'), payable: sum('payable'), transferred: sum('transferred'),
    debt: fromCents(sales.reduce((total, sale) => total + sale.debtCents, 0)),
    currency: sales[0]?.currency ?? fallbackCurrency,
  };
}

/**
 * The buyer's view of the same money: charged → held → released, or refunded. The seller's
 * payout steps are theirs; the buyer sees that the money left the platform ("released").
 */
export function buyerTimeline(steps: TimelineStep[]): TimelineStep[] {
  const released = steps.find((step) => step.state === 'transferred');
  return [
    ...steps.filter((step) => step.state === 'charged' || step.state === 'refunded'
      || (step.state === 'held' && step === steps.find((first) => first.state === 'held'))),
    ...(released ? [{ state: 'released', at: released.at, why: 'Paid out to the seller after the event' }] : []),
  ].sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());
}
