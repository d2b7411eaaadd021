// SQL for the replicas payouts keeps of other services' records (0001_replicas.sql).
import type { Queryable } from '@ticketing/common';

export interface TicketRow { id: string; sellerId: string; eventId: string | null }
/** sellerId: who sold the ticket to this order (a reseller included); null for events before issue 17. */
export interface OrderRow { id: string; ticketId: string; buyerId: string; priceCents: number; sellerId: string | null }
export interface EventRow { id: string; startsAt: Date; status: 'scheduled' | 'cancelled'; version: number }

/** A ticket's seller and event never change after ticket:created: a duplicate changes nothing. */
export async function insertTicket(db: Queryable, ticket: TicketRow): Promise<void> {
  await db.query('INSERT INTO tickets (id, seller_id, event_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
    [ticket.id, ticket.sellerId, ticket.eventId]);
}

export async function findTicket(db: Queryable, id: string): Promise<TicketRow | undefined> {
  const [row] = await db.query<TicketRow>('SELECT id, seller_id AS "sellerId", event_id AS "eventId" FROM tickets WHERE id = $1', [id]);
  return row;
}

export async function insertOrder(db: Queryable, order: OrderRow): Promise<void> {
  await db.query('INSERT INTO orders (id, ticket_id, buyer_id, price_cents, seller_id) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
    [order.id, order.ticketId, order.buyerId, order.priceCents, order.sellerId]);
}

export async function findOrder(db: Queryable, id: string): Promise<OrderRow | undefined> {
  const [row] = await db.query<OrderRow>(
    'SELECT id, ticket_id AS "ticketId", buyer_id AS "buyerId", price_cents AS "priceCents", seller_id AS "sellerId" FROM orders WHERE id = $1', [id]);
  return row;
}

/**
 * Applies an event record if it is newer than the one kept (any newer version: every catalog event
 * carries the whole record). Returns the record when it was applied, undefined when it was stale.
 */
export async function upsertEvent(db: Queryable, event: EventRow): Promise<EventRow | undefined> {
  const [row] = await db.query<EventRow>(
    `INSERT INTO events (id, starts_at, status, version) VALUES ($1, $2, $3, $4)
     ON CONFLICT (id) DO UPDATE SET starts_at = EXCLUDED.starts_at, status = EXCLUDED.status, version = EXCLUDED.version
       WHERE events.version < EXCLUDED.version AND events.status <> 'cancelled'
     RETURNING id, starts_at AS "startsAt", status, version`,
    [event.id, event.startsAt.toISOString(), event.status, event.version],
  );
  return row;
}

export async function findEvent(db: Queryable, id: string): Promise<EventRow | undefined> {
  const [row] = await db.query<EventRow>('SELECT id, starts_at AS "startsAt", status, version FROM events WHERE id = $1', [id]);
  return row;
}
