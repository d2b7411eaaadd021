// Ticket JSON of api.md: {id, title, price, userId, version, reserved} with price in major units,
// plus eventId, faceValue and capPercent when the ticket has them (a seed listing looks exactly
// as before) and withdrawn: true once its event was cancelled (never for sale again), and
// generation once it is above 0 (the ticket was resold by a buyer, issue 17).
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
  eventId?: string;
  faceValue?: number;
  capPercent?: number;
  withdrawn?: true;
  generation?: number;
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
  eventId: string | null;
  faceValueCents: number | null;
  capPercent: number | null;
  withdrawn: boolean;
  generation: number;
}

/** `viewerId`: the signed-in user asking (none for an anonymous request). */
export function toTicketJson(ticket: TicketRow, viewerId?: string | null): TicketJson {
  const json: TicketJson = {
    id: ticket.id, title: ticket.title, price: fromCents(ticket.priceCents), userId: ticket.userId, version: ticket.version,
    reserved: ticket.orderId !== null,
  };
  if (ticket.eventId) json.eventId = ticket.eventId;
  if (ticket.faceValueCents !== null) json.faceValue = fromCents(ticket.faceValueCents);
  if (ticket.capPercent !== null) json.capPercent = ticket.capPercent;
  if (ticket.withdrawn) json.withdrawn = true;
  if (ticket.generation > 0) json.generation = ticket.generation;
  if (ticket.orderId && viewerId === ticket.userId) json.orderId = ticket.orderId;
  return json;
}
