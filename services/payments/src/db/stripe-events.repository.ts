// SQL for received Stripe webhook events.
import type { Queryable } from '@ticketing/common';

/** True the first time an event id is seen. */
export async function recordStripeEvent(db: Queryable, id: string, type: string): Promise<boolean> {
  const rows = await db.query('INSERT INTO stripe_events (id, type) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING RETURNING id', [id, type]);
  return rows.length === 1;
}
