// The SQL for the tickets table. Rows come back in the shape the rest of the service uses.
import type { Queryable } from '@ticketing/common';
import type { Cursor } from '../domain/cursor';

export interface Ticket {
  id: string;
  title: string;
  priceCents: number;
  userId: string;
  orderId: string | null;
  version: number;
}

export interface ListedTicket extends Ticket {
  /** created_at as microsecond text, for the next page's cursor. */
  createdAtText: string;
}

const columns = `id, title, price_cents AS "priceCents", user_id AS "userId", order_id AS "orderId", version`;

export async function insertTicket(db: Queryable, ticket: { title: string; priceCents: number; userId: string }): Promise<Ticket> {
  const [row] = await db.query<Ticket>(
    `INSERT INTO tickets (id, title, price_cents, user_id) VALUES ($1, $2, $3, $4) RETURNING ${columns}`,
    [crypto.randomUUID(), ticket.title, ticket.priceCents, ticket.userId],
  );
  return row;
}

export async function findTicket(db: Queryable, id: string): Promise<Ticket | undefined> {
  const [row] = await db.query<Ticket>(`SELECT ${columns} FROM tickets WHERE id = $1`, [id]);
  return row;
}

/** Reads and locks the row until the transaction ends (edits and reservations serialise on it). */
export async function lockTicket(db: Queryable, id: string): Promise<Ticket | undefined> {
  const [row] = await db.query<Ticket>(`SELECT ${columns} FROM tickets WHERE id = $1 FOR UPDATE`, [id]);
  return row;
}

export async function updateDetails(db: Queryable, id: string, details: { title: string; priceCents: number }): Promise<Ticket> {
  const [row] = await db.query<Ticket>(
    `UPDATE tickets SET title = $2, price_cents = $3, version = version + 1 WHERE id = $1 RETURNING ${columns}`,
    [id, details.title, details.priceCents],
  );
  return row;
}

export async function setReservation(db: Queryable, id: string, orderId: string | null): Promise<Ticket> {
  const [row] = await db.query<Ticket>(
    `UPDATE tickets SET order_id = $2, version = version + 1 WHERE id = $1 RETURNING ${columns}`,
    [id, orderId],
  );
  return row;
}

/** Available tickets (no order holds them), oldest first, after the cursor. */
export async function listAvailable(db: Queryable, options: { limit: number; after?: Cursor }): Promise<ListedTicket[]> {
  const params: unknown[] = [options.limit];
  let keyset = '';
  if (options.after) {
    params.push(options.after.createdAt, options.after.id);
    keyset = 'AND (created_at, id) > ($2::timestamptz, $3::uuid)';
  }
  return db.query<ListedTicket>(
    `SELECT ${columns}, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "createdAtText"
       FROM tickets WHERE order_id IS NULL ${keyset}
      ORDER BY created_at, id LIMIT $1`,
    params,
  );
}
