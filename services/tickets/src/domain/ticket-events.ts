// The data of ticket:created / ticket:updated (events.md) for a ticket row. A listing's tie to an
// event travels on every one of its events (eventId, faceValue, capPercent, withdrawn), so a
// replica that keeps only event listings (catalog) can skip the others; a seed listing
// {title, price} publishes exactly the fields it always did. `generation` travels once it is above
// 0 (a resale, issue 17; absent means 0).
import type { EventData } from '@ticketing/common';
import { fromCents } from './money';

interface TicketState {
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

type ListingFields = Pick<EventData<'ticket:updated'>, 'eventId' | 'faceValue' | 'capPercent' | 'withdrawn' | 'generation'>;

function listingFields(ticket: TicketState): ListingFields {
  const fields: ListingFields = {};
  if (ticket.eventId) fields.eventId = ticket.eventId;
  if (ticket.faceValueCents !== null) fields.faceValue = fromCents(ticket.faceValueCents);
  if (ticket.capPercent !== null) fields.capPercent = ticket.capPercent;
  if (ticket.eventId || ticket.withdrawn) fields.withdrawn = ticket.withdrawn;
  if (ticket.generation > 0) fields.generation = ticket.generation;
  return fields;
}

export function ticketCreatedData(ticket: TicketState): EventData<'ticket:created'> {
  return {
    id: ticket.id, version: 0, title: ticket.title, price: fromCents(ticket.priceCents), userId: ticket.userId, ...listingFields(ticket),
  };
}

export function ticketUpdatedData(ticket: TicketState): EventData<'ticket:updated'> {
  const data: EventData<'ticket:updated'> = {
    id: ticket.id, version: ticket.version, title: ticket.title, price: fromCents(ticket.priceCents), userId: ticket.userId,
    ...listingFields(ticket),
  };
  if (ticket.orderId) data.orderId = ticket.orderId;
  return data;
}
