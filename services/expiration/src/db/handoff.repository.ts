// The SQL for bullmq_handoff (expiries written by a transaction, waiting to be added to BullMQ).
import type { Queryable } from '@ticketing/common';

export interface Handoff {
  orderId: string;
  fireAt: Date;
}

/** A second one for the same order is ignored (the first fire time stands, as in BullMQ). */
export async function insertHandoff(db: Queryable, orderId: string, fireAt: Date): Promise<void> {
  await db.query('INSERT INTO bullmq_handoff (order_id, fire_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [orderId, fireAt.toISOString()]);
}

export async function pendingHandoffs(db: Queryable, limit: number): Promise<Handoff[]> {
  const rows = await db.query<{ order_id: string; fire_at: Date | string }>('SELECT order_id, fire_at FROM bullmq_handoff ORDER BY fire_at LIMIT $1', [limit]);
  return rows.map((row) => ({ orderId: row.order_id, fireAt: new Date(row.fire_at) }));
}

export async function deleteHandoffs(db: Queryable, orderIds: string[]): Promise<void> {
  await db.query('DELETE FROM bullmq_handoff WHERE order_id = ANY($1::uuid[])', [orderIds]);
}
