// SQL for the replicas delivery keeps of other services' records (0001_replicas.sql).
import type { Queryable } from '@ticketing/common';

export interface TicketRow { id: string; sellerId: string; eventId: string | null; title: string; generation: number; version: number }
export interface EventRow { id: string; organiserId: string; name: string; venue: string; city: string; startsAt: Date; status: 'scheduled' | 'cancelled'; version: number }
export interface CompletedOrderRow { id: string; ticketId: string; buyerId: string; generation: number; completedAt: Date; refundedAt: Date | null }

const ticketColumns = 'id, seller_id AS "sellerId", event_id AS "eventId", title, generation, version';

/** ticket:created: version 0; a duplicate changes nothing. */
export async function insertTicket(db: Queryable, ticket: TicketRow): Promise<void> {
  await db.query(
    'INSERT INTO tickets (id, seller_id, event_id, title, generation, version) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING',
    [ticket.id, ticket.sellerId, ticket.eventId, ticket.title, ticket.generation, ticket.version],
  );
}

export async function lockTicket(db: Queryable, id: string): Promise<TicketRow | undefined> {
  const [row] = await db.query<TicketRow>(`SELECT ${ticketColumns} FROM tickets WHERE id = $1 FOR UPDATE`, [id]);
  return row;
}

export async function findTicket(db: Queryable, id: string): Promise<TicketRow | undefined> {
  const [row] = await db.query<TicketRow>(`SELECT ${ticketColumns} FROM tickets WHERE id = $1`, [id]);
  return row;
}

export async function replaceTicket(db: Queryable, ticket: TicketRow): Promise<void> {
  await db.query('UPDATE tickets SET seller_id = $2, event_id = $3, title = $4, generation = $5, version = $6 WHERE id = $1',
    [ticket.id, ticket.sellerId, ticket.eventId, ticket.title, ticket.generation, ticket.version]);
}

/** Applies an event record if it is newer than the one kept (every catalog event carries the whole record). */
export async function upsertEvent(db: Queryable, event: EventRow): Promise<void> {
  await db.query(
    `INSERT INTO events (id, organiser_id, name, venue, city, starts_at, status, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (id) DO UPDATE SET organiser_id = EXCLUDED.organiser_id, name = EXCLUDED.name, venue = EXCLUDED.venue, city = EXCLUDED.city,
       starts_at = EXCLUDED.starts_at, status = EXCLUDED.status, version = EXCLUDED.version
       WHERE events.version < EXCLUDED.version`,
    [event.id, event.organiserId, event.name, event.venue, event.city, event.startsAt.toISOString(), event.status, event.version],
  );
}

export async function findEvent(db: Queryable, id: string): Promise<EventRow | undefined> {
  const [row] = await db.query<EventRow>(
    'SELECT id, organiser_id AS "organiserId", name, venue, city, starts_at AS "startsAt", status, version FROM events WHERE id = $1', [id]);
  return row;
}

const orderColumns = 'id, ticket_id AS "ticketId", buyer_id AS "buyerId", generation, completed_at AS "completedAt", refunded_at AS "refundedAt"';

/** order:completed; a duplicate changes nothing. Returns the row kept. */
export async function insertCompletedOrder(db: Queryable, order: Pick<CompletedOrderRow, 'id' | 'ticketId' | 'buyerId' | 'generation'> & { completedAt: Date; refunded: boolean }): Promise<void> {
  await db.query(
    `INSERT INTO completed_orders (id, ticket_id, buyer_id, generation, completed_at, refunded_at)
     VALUES ($1, $2, $3, $4, $5, CASE WHEN $6 THEN $5::timestamptz END) ON CONFLICT DO NOTHING`,
    [order.id, order.ticketId, order.buyerId, order.generation, order.completedAt.toISOString(), order.refunded],
  );
}

export async function findCompletedOrder(db: Queryable, id: string): Promise<CompletedOrderRow | undefined> {
  const [row] = await db.query<CompletedOrderRow>(`SELECT ${orderColumns} FROM completed_orders WHERE id = $1`, [id]);
  return row;
}

/** Whether any order for the ticket completed (the ticket was sold at least once). */
export async function hasCompletedSale(db: Queryable, ticketId: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM completed_orders WHERE ticket_id = $1 LIMIT 1', [ticketId])).length > 0;
}

/** The highest generation of the ticket sold so far. */
export async function latestSoldGeneration(db: Queryable, ticketId: string): Promise<number | undefined> {
  const [row] = await db.query<{ generation: number | null }>('SELECT max(generation) AS generation FROM completed_orders WHERE ticket_id = $1', [ticketId]);
  return row?.generation ?? undefined;
}

/** Marks a completed order refunded; false when delivery has not heard of its completion. */
export async function markRefunded(db: Queryable, id: string, at: Date): Promise<boolean> {
  const rows = await db.query('UPDATE completed_orders SET refunded_at = coalesce(refunded_at, $2) WHERE id = $1 RETURNING id', [id, at.toISOString()]);
  return rows.length > 0;
}

/** An order refunded before its completion reached delivery (its pass is issued revoked). */
export async function rememberRefund(db: Queryable, id: string, at: Date): Promise<void> {
  await db.query('INSERT INTO refunded_orders (id, refunded_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [id, at.toISOString()]);
}

export async function wasRefunded(db: Queryable, id: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM refunded_orders WHERE id = $1', [id])).length > 0;
}
