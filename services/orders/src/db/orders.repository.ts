// The SQL for orders. The partial unique index decides who gets a ticket; this file only asks it.
import type { Queryable } from '@ticketing/common';
import type { OrderStatus } from '../domain/order-status';

export interface Order {
  id: string;
  userId: string;
  ticketId: string;
  status: OrderStatus;
  expiresAt: Date;
  version: number;
}

export interface OrderWithTicket extends Order {
  ticket: { id: string; title: string; priceCents: number; version: number };
}

const orderColumns = `id, user_id AS "userId", ticket_id AS "ticketId", status, expires_at AS "expiresAt", version`;

/**
 * Inserts an order in `created` unless another order already holds the ticket: then undefined.
 * ON CONFLICT on the partial index makes a concurrent loser wait for the winner and get no row.
 */
export async function insertReservingOrder(db: Queryable, order: { userId: string; ticketId: string; expiresAt: Date }): Promise<Order | undefined> {
  const [row] = await db.query<Order>(
    `INSERT INTO orders (id, user_id, ticket_id, status, expires_at) VALUES ($1, $2, $3, 'created', $4)
     ON CONFLICT (ticket_id) WHERE status IN ('created', 'awaiting:payment', 'complete') DO NOTHING
     RETURNING ${orderColumns}`,
    [crypto.randomUUID(), order.userId, order.ticketId, order.expiresAt],
  );
  return row;
}

export async function lockOrder(db: Queryable, id: string): Promise<Order | undefined> {
  const [row] = await db.query<Order>(`SELECT ${orderColumns} FROM orders WHERE id = $1 FOR UPDATE`, [id]);
  return row;
}

/** Moves the order to a status and bumps its version. */
export async function changeStatus(db: Queryable, id: string, status: OrderStatus): Promise<Order> {
  const [row] = await db.query<Order>(
    `UPDATE orders SET status = $2, version = version + 1 WHERE id = $1 RETURNING ${orderColumns}`,
    [id, status],
  );
  return row;
}

const withTicket = `
  SELECT o.id, o.user_id AS "userId", o.ticket_id AS "ticketId", o.status, o.expires_at AS "expiresAt", o.version,
         json_build_object('id', t.id, 'title', t.title, 'priceCents', t.price_cents, 'version', t.version) AS ticket
    FROM orders o JOIN tickets t ON t.id = o.ticket_id`;

export async function findOrderWithTicket(db: Queryable, id: string): Promise<OrderWithTicket | undefined> {
  const [row] = await db.query<OrderWithTicket>(`${withTicket} WHERE o.id = $1`, [id]);
  return row && normalise(row);
}

export async function listOrdersOfUser(db: Queryable, userId: string): Promise<OrderWithTicket[]> {
  const rows = await db.query<OrderWithTicket>(`${withTicket} WHERE o.user_id = $1 ORDER BY o.created_at, o.id`, [userId]);
  return rows.map(normalise);
}

/** json_build_object comes back as an object (pg) or a string (some drivers); both become one shape. */
function normalise(row: OrderWithTicket): OrderWithTicket {
  const ticket = typeof row.ticket === 'string' ? JSON.parse(row.ticket) : row.ticket;
  return { ...row, expiresAt: new Date(row.expiresAt), ticket };
}
