// SQL for payout_jobs (0004_payout_work.sql): the payout worker's durable to-do list of provider
// calls (a transfer of a payable sale, the reversal of a refunded sale's transfer).
import type { Queryable } from '@ticketing/common';

export type PayoutJobKind = 'transfer' | 'reversal';

export interface ClaimedJob {
  orderId: string;
  kind: PayoutJobKind;
  /** Including this one. */
  attempts: number;
}

/** Records that the call is owed (once: a second call changes nothing). */
export async function addJob(db: Queryable, orderId: string, kind: PayoutJobKind): Promise<void> {
  await db.query('INSERT INTO payout_jobs (order_id, kind) VALUES ($1, $2) ON CONFLICT DO NOTHING', [orderId, kind]);
}

/** Takes up to `limit` due jobs for `leaseMs`, in one statement; rows another worker holds are skipped. */
export async function claimDueJobs(db: Queryable, limit: number, leaseMs: number): Promise<ClaimedJob[]> {
  return db.query<ClaimedJob>(
    `UPDATE payout_jobs SET attempts = attempts + 1, lease_until = now() + $2 * interval '1 millisecond'
     WHERE (order_id, kind) IN (
       SELECT order_id, kind FROM payout_jobs
       WHERE next_attempt_at <= now() AND (lease_until IS NULL OR lease_until <= now())
       ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED
     ) RETURNING order_id AS "orderId", kind, attempts`,
    [limit, leaseMs],
  );
}

/** Not done: release the lease and look again after `delayMs`. */
export async function postponeJob(db: Queryable, job: { orderId: string; kind: PayoutJobKind }, delayMs: number, error: string): Promise<void> {
  await db.query(
    `UPDATE payout_jobs SET lease_until = NULL, next_attempt_at = now() + $3 * interval '1 millisecond', last_error = $4
     WHERE order_id = $1 AND kind = $2`,
    [job.orderId, job.kind, delayMs, error.slice(0, 2000)],
  );
}

export async function clearJob(db: Queryable, orderId: string, kind: PayoutJobKind): Promise<void> {
  await db.query('DELETE FROM payout_jobs WHERE order_id = $1 AND kind = $2', [orderId, kind]);
}

/** Drops a job no worker has ever claimed (so no provider call of it can have happened). */
export async function clearUnattemptedJob(db: Queryable, orderId: string, kind: PayoutJobKind): Promise<void> {
  await db.query('DELETE FROM payout_jobs WHERE order_id = $1 AND kind = $2 AND attempts = 0', [orderId, kind]);
}
