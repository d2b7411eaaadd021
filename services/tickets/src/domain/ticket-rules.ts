// Rules about a ticket's reservation mark and its withdrawal (pure).
import { toCents } from './money';

export interface Reservable {
  orderId: string | null;
}

export function isReserved(ticket: Reservable): boolean {
  return ticket.orderId !== null;
}

/** A withdrawn ticket (its event was cancelled) is never listed, reserved or edited again. */
export function isWithdrawn(ticket: { withdrawn: boolean }): boolean {
  return ticket.withdrawn;
}

/** order:created reserves a ticket only if no order holds it yet. */
export function canReserve(ticket: Reservable): boolean {
  return ticket.orderId === null;
}

/** order:cancelled releases a ticket only if that very order holds it (a stale cancel does not). */
export function canRelease(ticket: Reservable, orderId: string): boolean {
  return ticket.orderId === orderId;
}

/**
 * An order is for one generation of the ticket (absent in events published before issue 17: 0).
 * Any other is stale: the listing it was made for was sold and listed again since.
 */
export function isForGeneration(ticket: { generation: number }, shown: { generation?: number }): boolean {
  return (shown.generation ?? 0) === ticket.generation;
}

/** The buyer of the current generation's completed order may list the ticket again; nobody else. */
export function isHolder(ticket: { holderId: string | null }, userId: string): boolean {
  return ticket.holderId !== null && ticket.holderId === userId;
}

export interface ShownTerms {
  /** Major units, as order:created carries it. */
  price: number;
  /** Absent in events published before orders recorded it. */
  title?: string;
}

/**
 * order:created reserves only at the terms the buyer was shown. Terms are compared rather than
 * versions: the version also moves when a reservation is made or released, which changes no terms.
 */
export function termsMatch(ticket: { priceCents: number; title: string }, shown: ShownTerms): boolean {
  return ticket.priceCents === toCents(shown.price) && (shown.title === undefined || shown.title === ticket.title);
}
