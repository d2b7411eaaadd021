// Rules about a ticket's reservation mark (pure).
export interface Reservable {
  orderId: string | null;
}

export function isReserved(ticket: Reservable): boolean {
  return ticket.orderId !== null;
}

/** order:created reserves a ticket only if no order holds it yet. */
export function canReserve(ticket: Reservable): boolean {
  return ticket.orderId === null;
}

/** order:cancelled releases a ticket only if that very order holds it (a stale cancel does not). */
export function canRelease(ticket: Reservable, orderId: string): boolean {
  return ticket.orderId === orderId;
}
