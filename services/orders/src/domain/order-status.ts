// Order statuses (api.md, plus issue 15's `refunded`) and which transitions each path may make (pure rules).
export const orderStatuses = ['created', 'cancelled', 'awaiting:payment', 'complete', 'refunded'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

/** The statuses that hold the ticket (mirrors the partial unique index). */
export const reservingStatuses: readonly OrderStatus[] = ['created', 'awaiting:payment', 'complete'];

/** Why an order ended cancelled or refunded, when it was not the buyer, expiry or tickets' terms. */
export type CancelReason = 'event-cancelled';

/** The buyer may cancel an order that is not paid yet. */
export function canCancel(status: OrderStatus): boolean {
  return status === 'created' || status === 'awaiting:payment';
}

/** Expiry cancels only an unpaid order; a paid or already cancelled one is left alone. */
export function canExpire(status: OrderStatus): boolean {
  return status === 'created' || status === 'awaiting:payment';
}

/** A payment completes an order unless it was cancelled or refunded (payments refunds that one). */
export function canComplete(status: OrderStatus): boolean {
  return status === 'created' || status === 'awaiting:payment';
}

/**
 * Tickets refused the reservation (the terms changed before it arrived, or the ticket was
 * withdrawn): the order ends whatever it reached, a paid one included — payments refunds it, since
 * the ticket is not the buyer's. A refunded order has already ended (its money is going back).
 */
export function canReject(status: OrderStatus): boolean {
  return status !== 'cancelled' && status !== 'refunded';
}

/**
 * Where an order goes when its event is cancelled: an unpaid one is cancelled, a paid one refunded;
 * one that has already ended (cancelled, refunded) stays as it is (undefined).
 */
export function endedByEventCancellation(status: OrderStatus): 'cancelled' | 'refunded' | undefined {
  if (status === 'created' || status === 'awaiting:payment') return 'cancelled';
  if (status === 'complete') return 'refunded';
  return undefined;
}
