// The SQL for the tickets table. Rows come back in the shape the rest of the service uses.
import type { Queryable } from '@ticketing/common';
import type { Cursor, TicketSort } from '../domain/cursor';

export interface Ticket {
  id: string;
  title: string;
  priceCents: number;
  userId: string;
  orderId: string | null;
  version: number;
  /** The event the ticket is for (fixed at listing), null for a listing without one. */
  eventId: string | null;
  faceValueCents: number | null;
  /** The resale cap that applied at the last price check (120 for 1.2). */
  capPercent: number | null;
  /** Its event was cancelled: never for sale again. */
  withdrawn: boolean;
  /** 0 for the first listing, n + 1 once the buyer of generation n resold it (issue 17). */
  generation: number;
  /** The buyer of the current generation's completed order (who may resell it); null otherwise. */
  holderId: string | null;
}

export interface ListedTicket extends Ticket {
  /** The row's sort key as the cursor carries it (cursor.ts). */
  sortKey: string;
}

const columns = `id, title, price_cents AS "priceCents", user_id AS "userId", order_id AS "orderId", version,
  event_id AS "eventId", face_value_cents AS "faceValueCents", cap_percent AS "capPercent", withdrawn, generation,
  holder_id AS "holderId"`;

export interface NewTicket {
  title: string;
  priceCents: number;
  userId: string;
  eventId?: string;
  /** The event's start when listed (a sort key; event:updated keeps it current). */
  eventStartsAt?: string;
  faceValueCents?: number;
  capPercent?: number;
}

export async function insertTicket(db: Queryable, ticket: NewTicket): Promise<Ticket> {
  const [row] = await db.query<Ticket>(
    `INSERT INTO tickets (id, title, price_cents, user_id, event_id, event_starts_at, face_value_cents, cap_percent)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${columns}`,
    [crypto.randomUUID(), ticket.title, ticket.priceCents, ticket.userId, ticket.eventId ?? null, ticket.eventStartsAt ?? null,
      ticket.faceValueCents ?? null, ticket.capPercent ?? null],
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

export async function updateDetails(
  db: Queryable, id: string,
  details: { title: string; priceCents: number; faceValueCents: number | null; capPercent: number | null },
): Promise<Ticket> {
  const [row] = await db.query<Ticket>(
    `UPDATE tickets SET title = $2, price_cents = $3, face_value_cents = $4, cap_percent = $5, version = version + 1
      WHERE id = $1 RETURNING ${columns}`,
    [id, details.title, details.priceCents, details.faceValueCents, details.capPercent],
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

/** The buyer of the order that holds the ticket becomes its holder (order:completed). */
export async function setHolder(db: Queryable, id: string, holderId: string): Promise<Ticket> {
  const [row] = await db.query<Ticket>(`UPDATE tickets SET holder_id = $2 WHERE id = $1 RETURNING ${columns}`, [id, holderId]);
  return row;
}

/**
 * The holder lists the ticket again (issue 17): they become its seller, it is no longer held nor
 * reserved, its generation and version move on, at the new price and the cap that applied.
 */
export async function relist(db: Queryable, id: string, listing: { priceCents: number; capPercent: number | null }): Promise<Ticket> {
  const [row] = await db.query<Ticket>(
    `UPDATE tickets SET user_id = holder_id, holder_id = NULL, order_id = NULL, generation = generation + 1,
       price_cents = $2, cap_percent = $3, version = version + 1
      WHERE id = $1 AND holder_id IS NOT NULL RETURNING ${columns}`,
    [id, listing.priceCents, listing.capPercent],
  );
  return row;
}

/** Withdraws one ticket; `release` also clears its reservation mark (its order was cancelled). */
export async function withdrawTicket(db: Queryable, id: string, options: { release: boolean }): Promise<Ticket> {
  const [row] = await db.query<Ticket>(
    `UPDATE tickets SET withdrawn = true, order_id = CASE WHEN $2 THEN NULL ELSE order_id END, version = version + 1
      WHERE id = $1 RETURNING ${columns}`,
    [id, options.release],
  );
  return row;
}

/**
 * Withdraws every listing of the event not withdrawn yet, in one statement (an event may have
 * thousands). Reserved ones keep their order: its order:cancelled releases it later.
 */
export async function withdrawEventListings(db: Queryable, eventId: string): Promise<Ticket[]> {
  return db.query<Ticket>(
    `UPDATE tickets SET withdrawn = true, version = version + 1 WHERE event_id = $1 AND NOT withdrawn RETURNING ${columns}`,
    [eventId],
  );
}

/** Keeps the startsAt sort key of the event's listings current (no ticket terms change: no version). */
export async function moveEventStart(db: Queryable, eventId: string, startsAt: string): Promise<void> {
  await db.query(
    'UPDATE tickets SET event_starts_at = $2 WHERE event_id = $1 AND event_starts_at IS DISTINCT FROM $2::timestamptz',
    [eventId, startsAt],
  );
}

export interface ListOptions {
  limit: number;
  /** Default newest. */
  sort?: TicketSort;
  after?: Cursor;
  eventId?: string;
  /** Words that must all be in the title. */
  q?: string;
}

const utcMicros = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

// Per sort: the order, the key the cursor carries, and the keyset after a cursor ($a, $b).
const sorts: Record<TicketSort, { orderBy: string; key: string; after: string }> = {
  newest: {
    orderBy: 'created_at DESC, id DESC',
    key: utcMicros('created_at'),
    after: '(created_at, id) < ($a::timestamptz, $b::uuid)',
  },
  price: {
    orderBy: 'price_cents, id',
    key: 'price_cents::text',
    after: '(price_cents, id) > ($a::int4, $b::uuid)',
  },
  startsAt: {
    orderBy: `COALESCE(event_starts_at, 'infinity'::timestamptz), id`,
    key: `CASE WHEN event_starts_at IS NULL THEN 'infinity' ELSE ${utcMicros('event_starts_at')} END`,
    after: `(COALESCE(event_starts_at, 'infinity'::timestamptz), id) > ($a::timestamptz, $b::uuid)`,
  },
};

function cursorKey(cursor: Cursor): string | number {
  switch (cursor.sort) {
    case 'newest': return cursor.createdAt;
    case 'price': return cursor.priceCents;
    case 'startsAt': return cursor.startsAt ?? 'infinity';
  }
}

/** Available tickets (no order holds them, not withdrawn) in the sort's order, after the cursor. */
export async function listAvailable(db: Queryable, options: ListOptions): Promise<ListedTicket[]> {
  const sort = sorts[options.sort ?? 'newest'];
  const params: unknown[] = [options.limit];
  const where = ['order_id IS NULL', 'NOT withdrawn'];
  const param = (value: unknown) => `$${params.push(value)}`;
  if (options.eventId !== undefined) where.push(`event_id = ${param(options.eventId)}::uuid`);
  if (options.q !== undefined) where.push(`to_tsvector('simple', title) @@ plainto_tsquery('simple', ${param(options.q)})`);
  if (options.after) {
    const a = param(cursorKey(options.after));
    const b = param(options.after.id);
    where.push(sort.after.replace('$a', () => a).replace('$b', () => b));
  }
  return db.query<ListedTicket>(
    `SELECT ${columns}, ${sort.key} AS "sortKey" FROM tickets WHERE ${where.join(' AND ')} ORDER BY ${sort.orderBy} LIMIT $1`,
    params,
  );
}
