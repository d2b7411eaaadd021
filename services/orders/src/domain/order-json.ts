// Order JSON of api.md: {id, userId, status, expiresAt (ISO), version, ticket: {id, title, price, version}},
// plus `cancelReason` on an order cancelled or refunded because its event was (issue 15; absent otherwise)
// and `ticket.generation` on an order for a resold ticket (issue 17; absent for generation 0).
import type { OrderWithTicket } from '../db/orders.repository';
import { fromCents } from './money';
import type { CancelReason, OrderStatus } from './order-status';

export interface OrderJson {
  id: string;
  userId: string;
  status: OrderStatus;
  expiresAt: string;
  version: number;
  ticket: { id: string; title: string; price: number; version: number; generation?: number };
  cancelReason?: CancelReason;
}

export function toOrderJson(order: OrderWithTicket): OrderJson {
  const json: OrderJson = {
    id: order.id,
    userId: order.userId,
    status: order.status,
    expiresAt: order.expiresAt.toISOString(),
    version: order.version,
    ticket: { id: order.ticket.id, title: order.ticket.title, price: fromCents(order.ticket.priceCents), version: order.ticket.version },
  };
  if (order.ticket.generation > 0) json.ticket.generation = order.ticket.generation;
  if (order.cancelReason) json.cancelReason = order.cancelReason;
  return json;
}
