import type { Order } from './types';

export type StatusTone = 'ok' | 'muted' | 'pending';

/**
 * What a buyer reads for an order's status. The seed's statuses stay the API's own words; an
 * order ended by its event's cancellation says so, since the buyer did nothing to cause it.
 */
export function orderStatusLabel(order: Pick<Order, 'status' | 'cancelReason'>): string {
  const byEvent = order.cancelReason === 'event-cancelled';
  if (order.status === 'refunded') return byEvent ? 'Refunded — event cancelled' : 'Refunded';
  if (order.status === 'cancelled' && byEvent) return 'Cancelled — event cancelled';
  return order.status;
}

export function orderStatusTone(status: Order['status']): StatusTone {
  if (status === 'complete') return 'ok';
  if (status === 'cancelled' || status === 'refunded') return 'muted';
  return 'pending';
}
