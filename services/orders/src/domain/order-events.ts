// The data of order:created / order:cancelled (events.md) for an order row.
import type { EventData } from '@ticketing/common';
import type { Order } from '../db/orders.repository';
import { fromCents } from './money';

export function orderCreatedData(order: Order, ticketPriceCents: number): EventData<'order:created'> {
  return {
    id: order.id, version: 0, status: 'created', userId: order.userId, expiresAt: order.expiresAt.toISOString(),
    ticket: { id: order.ticketId, price: fromCents(ticketPriceCents) },
  };
}

export function orderCancelledData(order: Order): EventData<'order:cancelled'> {
  return { id: order.id, version: order.version, ticket: { id: order.ticketId } };
}
