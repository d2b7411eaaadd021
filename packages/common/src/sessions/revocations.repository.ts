// The SQL for the kernel's session_revocations table (migration kernel/0001).
import type { Queryable } from '../db/port';
import type { Revocation } from './revocation-list';

interface RevocationRow {
  userId: string;
  sessionId: string | null;
  before: Date | null;
  expiresAt: Date;
}

const columns = 'user_id AS "userId", session_id AS "sessionId", issued_before AS "before", expires_at AS "expiresAt"';

const toRevocation = (row: RevocationRow): Revocation => (row.sessionId
  ? { userId: row.userId, sessionId: row.sessionId, expiresAt: new Date(row.expiresAt).toISOString() }
  : { userId: row.userId, all: true, before: new Date(row.before!).toISOString(), expiresAt: new Date(row.expiresAt).toISOString() });

export async function insertRevocation(db: Queryable, revocation: Revocation): Promise<void> {
  await db.query(
    `INSERT INTO session_revocations (user_id, session_id, issued_before, expires_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (session_id) WHERE session_id IS NOT NULL DO NOTHING`,
    [revocation.userId, revocation.sessionId ?? null, revocation.before ?? null, revocation.expiresAt],
  );
}

/** Every revocation that still names an unexpired token. */
export async function unexpiredRevocations(db: Queryable): Promise<Revocation[]> {
  return (await db.query<RevocationRow>(`SELECT ${columns} FROM session_revocations WHERE expires_at > now()`)).map(toRevocation);
}

/** What was recorded after `since` (by this replica or another). */
export async function revocationsRecordedSince(db: Queryable, since: Date): Promise<Revocation[]> {
  return (await db.query<RevocationRow>(`SELECT ${columns} FROM session_revocations WHERE recorded_at > $1`, [since])).map(toRevocation);
}

/** The database's clock (recorded_at is written by it, so the refresh measures by it too). */
export async function databaseNow(db: Queryable): Promise<Date> {
  const [row] = await db.query<{ now: Date }>('SELECT clock_timestamp() AS now');
  return new Date(row.now);
}

/** The user's latest "sign out everywhere" cut-off, if any. */
export async function latestCutoff(db: Queryable, userId: string): Promise<Date | null> {
  const [row] = await db.query<{ before: Date | null }>(
    'SELECT max(issued_before) AS before FROM session_revocations WHERE user_id = $1 AND issued_before IS NOT NULL', [userId]);
  return row?.before ? new Date(row.before) : null;
}

export async function deleteExpiredRevocations(db: Queryable): Promise<void> {
  await db.query('DELETE FROM session_revocations WHERE expires_at < now()');
}
