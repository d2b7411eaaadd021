// The SQL for early_cancels: cancellations that overtook their order:created.
import type { Queryable } from '@ticketing/common';

export async function recordEarlyCancel(db: Queryable, orderId: string, ticketId: string): Promise<void> {
  await db.query('INSERT INTO early_cancels (order_id, ticket_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [orderId, ticketId]);
}

export async function wasCancelledEarly(db: Queryable, orderId: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM early_cancels WHERE order_id = $1', [orderId])).length > 0;
}
