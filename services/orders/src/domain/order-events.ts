// The data of order:created / order:cancelled (events.md) for an order row.
import type { EventData } from '@ticketing/common';
import type { Order, OrderWithTicket } from '../db/orders.repository';
import { fromCents } from './money';

/** Carries the recorded terms: payments charges this price, tickets checks it is still the ticket's. */
export function orderCreatedData(order: OrderWithTicket): EventData<'order:created'> {
  const { ticket } = order;
  return {
    id: order.id, version: 0, status: 'created', userId: order.userId, expiresAt: order.expiresAt.toISOString(),
    ticket: { id: ticket.id, price: fromCents(ticket.priceCents), title: ticket.title, version: ticket.version },
  };
}

export function orderCancelledData(order: Order): EventData<'order:cancelled'> {
  return { id: order.id, version: order.version, ticket: { id: order.ticketId } };
}
