// A ticket's sale as tickets sees it (issue 17): orders' order:created (for a generation) reserves
// it, order:completed makes the buyer its holder, who may list it again through POST …/resale.
import type { EventData } from '@ticketing/common';
import { waitFor } from '@ticketing/common/testing/index';
import type { TicketsHarness } from './tickets-harness';

export interface SaleOf { orderId: string; buyerId: string; generation: number }

/** order:created as orders publishes it for the ticket's listing of that generation (default 0). */
export function orderCreatedFor(
  ticket: { id: string; price: number; title?: string }, options: { buyerId?: string; generation?: number; sellerId?: string; orderId?: string } = {},
): EventData<'order:created'> {
  const data: EventData<'order:created'> = {
    id: options.orderId ?? crypto.randomUUID(), version: 0, status: 'created', userId: options.buyerId ?? crypto.randomUUID(),
    expiresAt: new Date(Date.now() + 900_000).toISOString(), ticket: { id: ticket.id, price: ticket.price, generation: options.generation ?? 0 },
  };
  if (ticket.title) data.ticket.title = ticket.title;
  if (options.sellerId) data.ticket.sellerId = options.sellerId;
  return data;
}

export function orderCompletedFor(order: EventData<'order:created'>): EventData<'order:completed'> {
  return { id: order.id, version: 1, userId: order.userId, ticket: { id: order.ticket.id, generation: order.ticket.generation ?? 0 } };
}

export async function ticketRow(harness: TicketsHarness, id: string) {
  const [row] = await harness.database.db.query<{ orderId: string | null; holderId: string | null; userId: string; generation: number; version: number }>(
    'SELECT order_id AS "orderId", holder_id AS "holderId", user_id AS "userId", generation, version FROM tickets WHERE id = $1', [id]);
  return row;
}

/** The buyer orders the ticket's current listing and pays: it is reserved for them, then they hold it. */
export async function sell(harness: TicketsHarness, ticket: { id: string; price: number }, buyerId: string, generation = 0): Promise<SaleOf> {
  const order = orderCreatedFor(ticket, { buyerId, generation });
  await harness.publish('order:created', order);
  await waitFor(async () => (await ticketRow(harness, ticket.id))?.orderId === order.id, { what: `ticket ${ticket.id} reserved for ${order.id}` });
  await harness.publish('order:completed', orderCompletedFor(order));
  await waitFor(async () => (await ticketRow(harness, ticket.id))?.holderId === buyerId, { what: `ticket ${ticket.id} held by ${buyerId}` });
  return { orderId: order.id, buyerId, generation };
}

export function resell(harness: TicketsHarness, ticketId: string, body: unknown, cookie?: string) {
  return harness.service.http.inject({
    method: 'POST', url: `/api/tickets/${ticketId}/resale`, headers: cookie ? { cookie } : {}, payload: body as object,
  });
}
