// Order JSON of api.md: {id, userId, status, expiresAt (ISO), version, ticket: {id, title, price, version}}.
import type { OrderWithTicket } from '../db/orders.repository';
import { fromCents } from './money';
import type { OrderStatus } from './order-status';

export interface OrderJson {
  id: string;
  userId: string;
  status: OrderStatus;
  expiresAt: string;
  version: number;
  ticket: { id: string; title: string; price: number; version: number };
}

export function toOrderJson(order: OrderWithTicket): OrderJson {
  return {
    id: order.id,
    userId: order.userId,
    status: order.status,
    expiresAt: order.expiresAt.toISOString(),
    version: order.version,
    ticket: { id: order.ticket.id, title: order.ticket.title, price: fromCents(order.ticket.priceCents), version: order.ticket.version },
  };
}
