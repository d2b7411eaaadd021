// Ticket JSON of api.md: {id, title, price, userId, version, reserved} with price in major units.
// Which order holds a ticket is the buyer's business and the seller's, not the public's: only the
// ticket's owner also sees `orderId` (the buyer finds their order under /api/orders).
import { fromCents } from './money';

export interface TicketJson {
  id: string;
  title: string;
  price: number;
  userId: string;
  version: number;
  reserved: boolean;
  /** The holding order, for the ticket's owner only. */
  orderId?: string;
}

export interface TicketRow {
  id: string;
  title: string;
  priceCents: number;
  userId: string;
  version: number;
  orderId: string | null;
}

/** `viewerId`: the signed-in user asking (none for an anonymous request). */
export function toTicketJson(ticket: TicketRow, viewerId?: string | null): TicketJson {
  const json: TicketJson = {
    id: ticket.id, title: ticket.title, price: fromCents(ticket.priceCents), userId: ticket.userId, version: ticket.version,
    reserved: ticket.orderId !== null,
  };
  if (ticket.orderId && viewerId === ticket.userId) json.orderId = ticket.orderId;
  return json;
}
