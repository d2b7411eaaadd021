// Connect webhook events already applied (0002_accounts.sql).
import type { Queryable } from '@ticketing/common';

/** True the first time an event id is seen; false for a redelivery. */
export async function recordStripeEvent(db: Queryable, id: string, type: string, account: string | undefined): Promise<boolean> {
  const rows = await db.query('INSERT INTO stripe_events (id, type, account) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING id',
    [id, type, account ?? null]);
  return rows.length === 1;
}
