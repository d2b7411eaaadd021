// Order statuses (api.md) and which transitions each path may make (pure rules).
export const orderStatuses = ['created', 'cancelled', 'awaiting:payment', 'complete'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

/** The statuses that hold the ticket (mirrors the partial unique index). */
export const reservingStatuses: readonly OrderStatus[] = ['created', 'awaiting:payment', 'complete'];

/** The buyer may cancel an order that is not paid yet. */
export function canCancel(status: OrderStatus): boolean {
  return status === 'created' || status === 'awaiting:payment';
}

/** Expiry cancels only an unpaid order; a paid or already cancelled one is left alone. */
export function canExpire(status: OrderStatus): boolean {
  return status === 'created' || status === 'awaiting:payment';
}

/** A payment completes an order unless it was cancelled (payments refunds that one). */
export function canComplete(status: OrderStatus): boolean {
  return status === 'created' || status === 'awaiting:payment';
}

/**
 * Tickets refused the reservation (the terms changed before it arrived): the order ends whatever
 * it reached, a paid one included — payments refunds it, since the ticket is not the buyer's.
 */
export function canReject(status: OrderStatus): boolean {
  return status !== 'cancelled';
}
