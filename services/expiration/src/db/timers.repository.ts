// The SQL for the timers table (the database-backed scheduler's durable state).
import type { Queryable } from '@ticketing/common';

/** Adds a timer; a second one for the same order is ignored (the first fire time stands). */
export async function insertTimer(db: Queryable, orderId: string, fireAt: Date): Promise<void> {
  await db.query('INSERT INTO timers (order_id, fire_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [orderId, fireAt.toISOString()]);
}

/**
 * Deletes up to `limit` due timers and returns their order ids and fire times. Rows another replica is claiming
 * are skipped, so each timer is claimed by one transaction; a rollback puts it back.
 */
export async function claimDueTimers(db: Queryable, limit: number): Promise<Array<{ orderId: string; fireAt: Date }>> {
  const rows = await db.query<{ order_id: string; fire_at: Date | string }>(
    `DELETE FROM timers WHERE order_id IN (
       SELECT order_id FROM timers WHERE fire_at <= now() ORDER BY fire_at LIMIT $1 FOR UPDATE SKIP LOCKED
     ) RETURNING order_id, fire_at`,
    [limit],
  );
  return rows.map((row) => ({ orderId: row.order_id, fireAt: new Date(row.fire_at) }));
}

/** The earliest pending fire time, or undefined when no timer is pending. */
export async function nextFireAt(db: Queryable): Promise<Date | undefined> {
  const rows = await db.query<{ fire_at: Date | string }>('SELECT fire_at FROM timers ORDER BY fire_at LIMIT 1');
  return rows[0] ? new Date(rows[0].fire_at) : undefined;
}
