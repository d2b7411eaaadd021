// SQL for the signed passes and their revocations (0003_passes.sql).
import type { Queryable } from '@ticketing/common';
import type { Revocation, RevocationReason } from '../domain/verdict';

export interface PassRow {
  id: string; orderId: string; ticketId: string; eventId: string | null; holderId: string; generation: number; token: string;
  issuedAt: Date; revokedAt: Date | null; revokedReason: RevocationReason | null; checkedInAt: Date | null;
}

const columns = `id, order_id AS "orderId", ticket_id AS "ticketId", event_id AS "eventId", holder_id AS "holderId", generation, token,
  issued_at AS "issuedAt", revoked_at AS "revokedAt", revoked_reason AS "revokedReason", checked_in_at AS "checkedInAt"`;

/** One pass per order: false when the order already has one (a redelivered order:completed). */
export async function insertPass(db: Queryable, pass: Omit<PassRow, 'revokedAt' | 'revokedReason' | 'checkedInAt'> & { revokedReason?: RevocationReason }): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO passes (id, order_id, ticket_id, event_id, holder_id, generation, token, issued_at, revoked_at, revoked_reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $9::text IS NOT NULL THEN $8::timestamptz END, $9) ON CONFLICT (order_id) DO NOTHING RETURNING id`,
    [pass.id, pass.orderId, pass.ticketId, pass.eventId, pass.holderId, pass.generation, pass.token, pass.issuedAt.toISOString(), pass.revokedReason ?? null],
  );
  return rows.length > 0;
}

export async function findPassOfOrder(db: Queryable, orderId: string): Promise<PassRow | undefined> {
  const [row] = await db.query<PassRow>(`SELECT ${columns} FROM passes WHERE order_id = $1`, [orderId]);
  return row;
}

export async function findPass(db: Queryable, id: string): Promise<PassRow | undefined> {
  const [row] = await db.query<PassRow>(`SELECT ${columns} FROM passes WHERE id = $1`, [id]);
  return row;
}

/** Revokes the ticket's passes of generations below `generation` that are still valid. */
export async function revokeOlderGenerations(db: Queryable, ticketId: string, generation: number, at: Date): Promise<number> {
  const rows = await db.query(
    `UPDATE passes SET revoked_at = $3, revoked_reason = 'resold' WHERE ticket_id = $1 AND generation < $2 AND revoked_at IS NULL RETURNING id`,
    [ticketId, generation, at.toISOString()],
  );
  return rows.length;
}

/** Revokes one order's pass (if still valid). */
export async function revokePassOfOrder(db: Queryable, orderId: string, reason: RevocationReason, at: Date): Promise<void> {
  await db.query('UPDATE passes SET revoked_at = $3, revoked_reason = $2 WHERE order_id = $1 AND revoked_at IS NULL', [orderId, reason, at.toISOString()]);
}

/**
 * The admission, atomically: only a still-valid pass is checked in (the row lock makes a second,
 * concurrent scan wait and then find it revoked). Undefined when it was not valid any more.
 */
export async function checkIn(db: Queryable, id: string, by: string, at: Date): Promise<Date | undefined> {
  const [row] = await db.query<{ checkedInAt: Date }>(
    `UPDATE passes SET checked_in_at = $3, checked_in_by = $2, revoked_at = $3, revoked_reason = 'checked-in'
     WHERE id = $1 AND revoked_at IS NULL RETURNING checked_in_at AS "checkedInAt"`,
    [id, by, at.toISOString()],
  );
  return row?.checkedInAt;
}

/** Every revoked pass, for scanners that verify offline. */
export async function listRevocations(db: Queryable): Promise<Revocation[]> {
  const rows = await db.query<{ jti: string; ticketId: string; generation: number; reason: RevocationReason; revokedAt: Date }>(
    `SELECT id AS jti, ticket_id AS "ticketId", generation, revoked_reason AS reason, revoked_at AS "revokedAt"
     FROM passes WHERE revoked_at IS NOT NULL ORDER BY revoked_at, id`,
  );
  return rows.map((row) => ({ ...row, revokedAt: new Date(row.revokedAt).toISOString() }));
}
