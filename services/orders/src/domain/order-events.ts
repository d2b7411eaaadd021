// The data of order:created / order:completed / order:cancelled (events.md, docs/ticket-delivery.md)
// for an order row.
import type { EventData } from '@ticketing/common';
import type { Order, OrderWithTicket } from '../db/orders.repository';
import { fromCents } from './money';

/**
 * Carries the recorded terms: payments charges this price, tickets checks it is still the ticket's
 * (and its generation). `sellerId`: who sells this generation as the replica has it, the reseller
 * of a resold ticket (payouts pays them).
 */
export function orderCreatedData(order: OrderWithTicket, sellerId: string): EventData<'order:created'> {
  const { ticket } = order;
  return {
    id: order.id, version: 0, status: 'created', userId: order.userId, expiresAt: order.expiresAt.toISOString(),
    ticket: {
      id: ticket.id, price: fromCents(ticket.priceCents), title: ticket.title, version: ticket.version,
      generation: ticket.generation, sellerId,
    },
  };
}

/** The order was paid: its buyer now holds that generation of the ticket (tickets, delivery). */
export function orderCompletedData(order: Order): EventData<'order:completed'> {
  return { id: order.id, version: order.version, userId: order.userId, ticket: { id: order.ticketId, generation: order.ticketGeneration } };
}

/** Carries the reason when the event was cancelled: tickets keeps the ticket withdrawn, payments refunds. */
export function orderCancelledData(order: Order): EventData<'order:cancelled'> {
  const data: EventData<'order:cancelled'> = { id: order.id, version: order.version, ticket: { id: order.ticketId } };
  if (order.cancelReason) data.reason = order.cancelReason;
  return data;
}
