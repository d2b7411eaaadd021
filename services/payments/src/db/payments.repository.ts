// SQL for payment attempts (see 0001_payments.sql for the states).
import type { Queryable } from '@ticketing/common';

export type PaymentStatus = 'pending' | 'succeeded' | 'failed' | 'refunded';

export interface StoredAnswer {
  status: number;
  body: unknown;
}

export interface PaymentRow {
  id: string;
  orderId: string;
  userId: string;
  clientKey: string | null;
  stripeIdempotencyKey: string;
  paymentMethod: string;
  amount: number;
  currency: string;
  status: PaymentStatus;
  stripeId: string | null;
  refundId: string | null;
  /** Pending and its lease has not run out: a request is charging it right now. */
  inFlight: boolean;
  answer: StoredAnswer | null;
  /** What the client's Idempotency-Key was first sent with (null without a key, or on rows from before it was kept). */
  requestFingerprint: string | null;
  /** When a charge was last sent for it. */
  lastChargeAt: Date | null;
}

const columns = `id, order_id AS "orderId", user_id AS "userId", client_key AS "clientKey",
  stripe_idempotency_key AS "stripeIdempotencyKey", payment_method AS "paymentMethod", amount, currency, status,
  stripe_id AS "stripeId", refund_id AS "refundId",
  (status = 'pending' AND lease_until > now()) AS "inFlight",
  CASE WHEN response_status IS NULL THEN NULL ELSE json_build_object('status', response_status, 'body', response_body) END AS answer,
  request_fingerprint AS "requestFingerprint", last_charge_at AS "lastChargeAt"`;

export type NewAttempt = Pick<PaymentRow,
  'id' | 'orderId' | 'userId' | 'clientKey' | 'requestFingerprint' | 'stripeIdempotencyKey' | 'paymentMethod' | 'amount' | 'currency'>;

/** A new attempt, about to be charged: its lease and last_charge_at start now. */
export async function insertPendingAttempt(db: Queryable, attempt: NewAttempt, leaseMs: number): Promise<PaymentRow> {
  const [row] = await db.query<PaymentRow>(
    `INSERT INTO payments (id, order_id, user_id, client_key, request_fingerprint, stripe_idempotency_key, payment_method, amount, currency,
       status, lease_until, last_charge_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending', now() + $10 * interval '1 millisecond', now())
     RETURNING ${columns}`,
    [attempt.id, attempt.orderId, attempt.userId, attempt.clientKey, attempt.requestFingerprint, attempt.stripeIdempotencyKey,
      attempt.paymentMethod, attempt.amount, attempt.currency, leaseMs],
  );
  return row;
}

export async function findPayment(db: Queryable, id: string): Promise<PaymentRow | undefined> {
  const [row] = await db.query<PaymentRow>(`SELECT ${columns} FROM payments WHERE id = $1`, [id]);
  return row;
}

export async function findByClientKey(db: Queryable, userId: string, clientKey: string): Promise<PaymentRow | undefined> {
  const [row] = await db.query<PaymentRow>(`SELECT ${columns} FROM payments WHERE user_id = $1 AND client_key = $2`, [userId, clientKey]);
  return row;
}

/** The order's attempt that is pending or succeeded (at most one, by a unique index). */
export async function findLiveAttempt(db: Queryable, orderId: string): Promise<PaymentRow | undefined> {
  const [row] = await db.query<PaymentRow>(
    `SELECT ${columns} FROM payments WHERE order_id = $1 AND status IN ('pending', 'succeeded')`, [orderId]);
  return row;
}

/** The attempt's Stripe id (a PaymentIntent), if it has one. */
export async function findByStripeId(db: Queryable, stripeId: string): Promise<PaymentRow | undefined> {
  const [row] = await db.query<PaymentRow>(`SELECT ${columns} FROM payments WHERE stripe_id = $1`, [stripeId]);
  return row;
}

/** Its buyer resumes the attempt (it may be charged again, with its own key): last_charge_at moves too. */
export async function takeLease(db: Queryable, id: string, leaseMs: number): Promise<void> {
  await db.query(
    "UPDATE payments SET lease_until = now() + $2 * interval '1 millisecond', last_charge_at = now(), updated_at = now() WHERE id = $1",
    [id, leaseMs]);
}

/** The charge's outcome is unknown: the next request (or the cancel consumer) may retry it. */
export async function releaseLease(db: Queryable, id: string): Promise<void> {
  await db.query('UPDATE payments SET lease_until = NULL, updated_at = now() WHERE id = $1', [id]);
}

export async function markSucceeded(db: Queryable, id: string, stripeId: string, answer: StoredAnswer): Promise<void> {
  await db.query(
    `UPDATE payments SET status = 'succeeded', stripe_id = $2, lease_until = NULL, response_status = $3, response_body = $4, updated_at = now()
     WHERE id = $1`,
    [id, stripeId, answer.status, JSON.stringify(answer.body)],
  );
}

/** `stripeId`: the declined PaymentIntent, when the provider made one (kept for the audit and support). */
export async function markFailed(db: Queryable, id: string, answer: StoredAnswer, stripeId?: string): Promise<void> {
  await db.query(
    `UPDATE payments SET status = 'failed', stripe_id = COALESCE($4, stripe_id), lease_until = NULL, response_status = $2, response_body = $3,
       updated_at = now()
     WHERE id = $1`,
    [id, answer.status, JSON.stringify(answer.body), stripeId ?? null],
  );
}

/** Keeps an answer already given (a 201 stays the first answer for its Idempotency-Key). */
export async function markRefunded(db: Queryable, id: string, stripeId: string, refundId: string, answer: StoredAnswer): Promise<void> {
  await db.query(
    `UPDATE payments SET status = 'refunded', stripe_id = $2, refund_id = $3, lease_until = NULL,
       response_status = COALESCE(response_status, $4), response_body = COALESCE(response_body, $5), updated_at = now()
     WHERE id = $1`,
    [id, stripeId, refundId, answer.status, JSON.stringify(answer.body)],
  );
}
