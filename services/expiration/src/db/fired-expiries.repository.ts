// The SQL for fired_expiries (one row per order whose expiry has fired).
import type { Queryable } from '@ticketing/common';

/** Records that the order's expiry fired; false when it had fired already. */
export async function recordFired(db: Queryable, orderId: string): Promise<boolean> {
  const rows = await db.query('INSERT INTO fired_expiries (order_id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING order_id', [orderId]);
  return rows.length === 1;
}
