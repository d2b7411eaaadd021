// Ticket JSON of api.md: {id, title, price, userId, version, orderId?} with price in major units.
import { fromCents } from './money';

export interface TicketJson {
  id: string;
  title: string;
  price: number;
  userId: string;
  version: number;
  orderId?: string;
}

export function toTicketJson(ticket: { id: string; title: string; priceCents: number; userId: string; version: number; orderId: string | null }): TicketJson {
  const json: TicketJson = { id: ticket.id, title: ticket.title, price: fromCents(ticket.priceCents), userId: ticket.userId, version: ticket.version };
  if (ticket.orderId) json.orderId = ticket.orderId;
  return json;
}
