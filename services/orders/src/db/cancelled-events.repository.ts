// The SQL for cancelled events: what orders knows of catalog's events is only which are cancelled.
// An order for an event's ticket and that event's cancellation serialise on a lock per event:
// order creation holds it shared, the cancellation exclusively. So either the order commits first
// and the cancellation's set-based update sees it, or the cancellation commits first and the
// order's check (a statement that runs after the lock is granted) sees the cancelled event.
import type { Queryable } from '@ticketing/common';

const lockKey = "hashtextextended('orders.event:' || $1, 0)";

/** Taken by an order for a ticket of the event, until its transaction ends. */
export async function lockEventForOrdering(db: Queryable, eventId: string): Promise<void> {
  await db.query(`SELECT pg_advisory_xact_lock_shared(${lockKey})`, [eventId]);
}

/** Taken by the event's cancellation: waits for orders being created for it, holds off new ones. */
export async function lockEventForCancellation(db: Queryable, eventId: string): Promise<void> {
  await db.query(`SELECT pg_advisory_xact_lock(${lockKey})`, [eventId]);
}

/** Records the event as cancelled (once: a second call changes nothing). */
export async function recordCancelledEvent(db: Queryable, eventId: string): Promise<void> {
  await db.query('INSERT INTO cancelled_events (event_id) VALUES ($1) ON CONFLICT DO NOTHING', [eventId]);
}

export async function isEventCancelled(db: Queryable, eventId: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM cancelled_events WHERE event_id = $1', [eventId])).length > 0;
}
