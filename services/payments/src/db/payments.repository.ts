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
}

const columns = `id, order_id AS "orderId", user_id AS "userId", client_key AS "clientKey",
  stripe_idempotency_key AS "stripeIdempotencyKey", payment_method AS "paymentMethod", amount, currency, status,
  stripe_id AS "stripeId", refund_id AS "refundId",
  (status = 'pending' AND lease_until > now()) AS "inFlight",
  CASE WHEN response_status IS NULL THEN NULL ELSE json_build_object('status', response_status, 'body', response_body) END AS answer`;

export type NewAttempt = Pick<PaymentRow, 'id' | 'orderId' | 'userId' | 'clientKey' | 'stripeIdempotencyKey' | 'paymentMethod' | 'amount' | 'currency'>;

export async function insertPendingAttempt(db: Queryable, attempt: NewAttempt, leaseMs: number): Promise<PaymentRow> {
  const [row] = await db.query<PaymentRow>(
    `INSERT INTO payments (id, order_id, user_id, client_key, stripe_idempotency_key, payment_method, amount, currency, status, lease_until)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', now() + $9 * interval '1 millisecond')
     RETURNING ${columns}`,
    [attempt.id, attempt.orderId, attempt.userId, attempt.clientKey, attempt.stripeIdempotencyKey, attempt.paymentMethod,
      attempt.amount, attempt.currency, leaseMs],
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

export async function takeLease(db: Queryable, id: string, leaseMs: number): Promise<void> {
  await db.query("UPDATE payments SET lease_until = now() + $2 * interval '1 millisecond', updated_at = now() WHERE id = $1", [id, leaseMs]);
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

export async function markFailed(db: Queryable, id: string, answer: StoredAnswer): Promise<void> {
  await db.query(
    `UPDATE payments SET status = 'failed', lease_until = NULL, response_status = $2, response_body = $3, updated_at = now()
     WHERE id = $1`,
    [id, answer.status, JSON.stringify(answer.body)],
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
