// The SQL for orders. The partial unique index decides who gets a ticket; this file only asks it.
import type { Queryable } from '@ticketing/common';
import { endedByEventCancellation, orderStatuses, type CancelReason, type OrderStatus } from '../domain/order-status';

export interface Order {
  id: string;
  userId: string;
  ticketId: string;
  status: OrderStatus;
  expiresAt: Date;
  version: number;
  /** Set when the order ended cancelled or refunded because its event was cancelled. */
  cancelReason: CancelReason | null;
  /** The generation of the ticket the order is for (issue 17; 0 for a first sale). */
  ticketGeneration: number;
}

/** The ticket as the buyer saw it when the order was created; recorded, never recomputed. */
export interface TicketTerms {
  id: string;
  title: string;
  priceCents: number;
  version: number;
  /** The listing's generation (issue 17): the order is for that one. */
  generation: number;
}

export interface OrderWithTicket extends Order {
  ticket: TicketTerms;
}

const orderColumns = `id, user_id AS "userId", ticket_id AS "ticketId", status, expires_at AS "expiresAt", version,
  cancel_reason AS "cancelReason", ticket_generation AS "ticketGeneration"`;
const withTicketColumns = `${orderColumns},
  json_build_object('id', ticket_id, 'title', ticket_title, 'priceCents', ticket_price_cents, 'version', ticket_version,
    'generation', ticket_generation) AS ticket`;

/**
 * Inserts an order in `created` unless another order already holds the ticket's generation: then
 * undefined. ON CONFLICT on the partial index makes a concurrent loser wait for the winner and get
 * no row. An order of an earlier generation (complete: its buyer resold the ticket) is no conflict.
 */
export async function insertReservingOrder(db: Queryable, order: { userId: string; ticket: TicketTerms; expiresAt: Date }): Promise<OrderWithTicket | undefined> {
  const { ticket } = order;
  const [row] = await db.query<OrderWithTicket>(
    `INSERT INTO orders (id, user_id, ticket_id, status, expires_at, ticket_title, ticket_price_cents, ticket_version, ticket_generation)
     VALUES ($1, $2, $3, 'created', $4, $5, $6, $7, $8)
     ON CONFLICT (ticket_id, ticket_generation) WHERE status IN ('created', 'awaiting:payment', 'complete') DO NOTHING
     RETURNING ${withTicketColumns}`,
    [crypto.randomUUID(), order.userId, ticket.id, order.expiresAt, ticket.title, ticket.priceCents, ticket.version, ticket.generation],
  );
  return row && normalise(row);
}

export async function lockOrder(db: Queryable, id: string): Promise<Order | undefined> {
  const [row] = await db.query<Order>(`SELECT ${orderColumns} FROM orders WHERE id = $1 FOR UPDATE`, [id]);
  return row;
}

/** Moves the order to a status and bumps its version; `reason` records why it ended, when known. */
export async function changeStatus(db: Queryable, id: string, status: OrderStatus, reason?: CancelReason): Promise<Order> {
  const [row] = await db.query<Order>(
    `UPDATE orders SET status = $2, version = version + 1, cancel_reason = coalesce($3, cancel_reason) WHERE id = $1
     RETURNING ${orderColumns}`,
    [id, status, reason ?? null],
  );
  return row;
}

// The statuses an event's cancellation ends, by where they go (order-status.ts states the rule).
const endedAsCancelled = orderStatuses.filter((status) => endedByEventCancellation(status) === 'cancelled');
const endedAsRefunded = orderStatuses.filter((status) => endedByEventCancellation(status) === 'refunded');

/**
 * Ends every order of the event's tickets that has not ended yet, in two set-based statements: the
 * rows are locked first in id order (so two lockers of the same rows cannot deadlock on each
 * other's order), then unpaid ones become cancelled and paid ones refunded, each version + 1.
 * A row another transaction changed meanwhile is re-read under the lock: an order that was just
 * paid is refunded, one that was just cancelled is left alone. Returns the ended orders by id.
 */
export async function endOrdersOfEvent(db: Queryable, eventId: string, reason: CancelReason): Promise<Order[]> {
  const locked = await db.query<{ id: string }>(
    `SELECT o.id FROM orders o JOIN tickets t ON t.id = o.ticket_id
     WHERE t.event_id = $1 AND o.status = ANY($2::text[])
     ORDER BY o.id FOR UPDATE OF o`,
    [eventId, [...endedAsCancelled, ...endedAsRefunded]],
  );
  if (locked.length === 0) return [];
  const ended = await db.query<Order>(
    `UPDATE orders SET status = CASE WHEN status = ANY($2::text[]) THEN 'refunded' ELSE 'cancelled' END,
       cancel_reason = $3, version = version + 1
     WHERE id = ANY($1::uuid[]) AND status = ANY($4::text[])
     RETURNING ${orderColumns}`,
    [locked.map((row) => row.id), endedAsRefunded, reason, [...endedAsCancelled, ...endedAsRefunded]],
  );
  return ended.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

// The recorded terms, not a join with the replica: a later edit of the ticket does not reach an order.
export async function findOrderWithTicket(db: Queryable, id: string): Promise<OrderWithTicket | undefined> {
  const [row] = await db.query<OrderWithTicket>(`SELECT ${withTicketColumns} FROM orders WHERE id = $1`, [id]);
  return row && normalise(row);
}

export async function listOrdersOfUser(db: Queryable, userId: string): Promise<OrderWithTicket[]> {
  const rows = await db.query<OrderWithTicket>(`SELECT ${withTicketColumns} FROM orders WHERE user_id = $1 ORDER BY created_at, id`, [userId]);
  return rows.map(normalise);
}

/** json_build_object comes back as an object (pg) or a string (some drivers); both become one shape. */
function normalise(row: OrderWithTicket): OrderWithTicket {
  const ticket = typeof row.ticket === 'string' ? JSON.parse(row.ticket) : row.ticket;
  return { ...row, expiresAt: new Date(row.expiresAt), ticket };
}

/**
 * The user's unpaid orders (`created`, `awaiting:payment`), counted under a per-user lock held to
 * the end of the transaction: two concurrent reservations by one user count one after the other,
 * so neither can slip past the cap on a count taken before the other's insert committed.
 */
export async function lockAndCountUnpaidOrders(db: Queryable, userId: string): Promise<number> {
  await db.query("SELECT pg_advisory_xact_lock(hashtextextended('orders.unpaid-of-user:' || $1, 0))", [userId]);
  const [row] = await db.query<{ count: number }>(
    "SELECT count(*)::int AS count FROM orders WHERE user_id = $1 AND status IN ('created', 'awaiting:payment')", [userId]);
  return row.count;
}
