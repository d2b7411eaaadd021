// The data of ticket:created / ticket:updated (events.md) for a ticket row.
import type { EventData } from '@ticketing/common';
import { fromCents } from './money';

interface TicketState {
  id: string;
  title: string;
  priceCents: number;
  userId: string;
  version: number;
  orderId: string | null;
}

export function ticketCreatedData(ticket: TicketState): EventData<'ticket:created'> {
  return { id: ticket.id, version: 0, title: ticket.title, price: fromCents(ticket.priceCents), userId: ticket.userId };
}

export function ticketUpdatedData(ticket: TicketState): EventData<'ticket:updated'> {
  const data: EventData<'ticket:updated'> = {
    id: ticket.id, version: ticket.version, title: ticket.title, price: fromCents(ticket.priceCents), userId: ticket.userId,
  };
  if (ticket.orderId) data.orderId = ticket.orderId;
  return data;
}
