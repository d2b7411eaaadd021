// SQL for refunds_due (see 0002_refunds_due.sql): the refund worker's durable to-do list.
import type { Queryable } from '@ticketing/common';

export interface ClaimedRefund {
  paymentId: string;
  /** Including this one. */
  attempts: number;
}

/** Records that the payment must be refunded (once: a second call changes nothing). */
export async function markRefundDue(db: Queryable, paymentId: string): Promise<void> {
  await db.query('INSERT INTO refunds_due (payment_id) VALUES ($1) ON CONFLICT DO NOTHING', [paymentId]);
}

/**
 * Takes up to `limit` due refunds for `leaseMs`, in one statement (no transaction stays open).
 * Rows another worker holds (a live lease, or locked by its claim right now) are skipped.
 */
export async function claimDueRefunds(db: Queryable, limit: number, leaseMs: number): Promise<ClaimedRefund[]> {
  return db.query<ClaimedRefund>(
    `UPDATE refunds_due SET attempts = attempts + 1, lease_until = now() + $2 * interval '1 millisecond'
     WHERE payment_id IN (
       SELECT payment_id FROM refunds_due
       WHERE next_attempt_at <= now() AND (lease_until IS NULL OR lease_until <= now())
       ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED
     ) RETURNING payment_id AS "paymentId", attempts`,
    [limit, leaseMs],
  );
}

/** Not done: release the lease and look again after `delayMs`. */
export async function postponeRefund(db: Queryable, paymentId: string, delayMs: number, error: string): Promise<void> {
  await db.query(
    `UPDATE refunds_due SET lease_until = NULL, next_attempt_at = now() + $2 * interval '1 millisecond', last_error = $3
     WHERE payment_id = $1`,
    [paymentId, delayMs, error.slice(0, 2000)],
  );
}

/** Due now, not after its backoff (the provider just told us about it); false when none is owed. */
export async function expediteRefundDue(db: Queryable, paymentId: string): Promise<boolean> {
  const rows = await db.query('UPDATE refunds_due SET next_attempt_at = now() WHERE payment_id = $1 RETURNING payment_id', [paymentId]);
  return rows.length === 1;
}

export async function clearRefundDue(db: Queryable, paymentId: string): Promise<void> {
  await db.query('DELETE FROM refunds_due WHERE payment_id = $1', [paymentId]);
}
