// Who may take what (docs/ticket-delivery.md): an order's ticket and pass belong to its buyer once
// it completed; the file itself only while the buyer still holds that generation of the ticket.
import type { CompletedOrderRow } from '../db/replicas.repository';

export type Refusal = { allowed: false; message: string } | { allowed: true };

/** The order's buyer, once it completed. */
export function mayReadOrder(order: CompletedOrderRow | undefined, userId: string): Refusal {
  if (!order) return { allowed: false, message: 'This order is not complete, or not yours' };
  if (order.buyerId !== userId) return { allowed: false, message: 'This order is not yours' };
  return { allowed: true };
}

/** The buyer of a completed order while they hold its generation: not refunded, not resold since. */
export function mayTakeTicketFile(order: CompletedOrderRow | undefined, userId: string, newestSoldGeneration: number | undefined): Refusal {
  const reading = mayReadOrder(order, userId);
  if (!reading.allowed || !order) return reading;
  if (order.refundedAt) return { allowed: false, message: 'This order was refunded: the ticket is no longer yours' };
  if (newestSoldGeneration !== undefined && newestSoldGeneration > order.generation) {
    return { allowed: false, message: 'You resold this ticket: it now belongs to its new buyer' };
  }
  return { allowed: true };
}
