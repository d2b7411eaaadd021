// Pure rules: may this order be paid now, and what the buyer is told when not.
import type { ReplicaOrder } from '../db/orders.repository';

export const CANCELLED_MESSAGE = 'Cannot pay for a cancelled order';
export const EXPIRED_MESSAGE = 'Order has expired';
export const ALREADY_PAID_MESSAGE = 'Order is already paid';

/** The reason an order cannot be charged, or undefined when it can (ownership is checked before). */
export function whyNotPayable(order: Pick<ReplicaOrder, 'status' | 'expiresAt'>, now: Date): string | undefined {
  if (order.status === 'cancelled') return CANCELLED_MESSAGE;
  // Expired but not cancelled yet: the cancellation is on its way, so charging would only refund.
  if (now.getTime() > order.expiresAt.getTime()) return EXPIRED_MESSAGE;
  return undefined;
}

/** Amount in minor units, exactly round(price × 100) (api.md, Money). */
export function priceInCents(price: number): number {
  return Math.round(price * 100);
}
