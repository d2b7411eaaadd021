// The SQL for the tickets replica: what orders knows about tickets, from ticket events.
import type { Queryable } from '@ticketing/common';

export interface TicketReplica {
  id: string;
  title: string;
  priceCents: number;
  userId: string;
  version: number;
  /** The event the ticket is listed for (fixed at listing); null for a listing without one. */
  eventId: string | null;
  /** Tickets withdrew it (its event was cancelled): never for sale again. */
  withdrawn: boolean;
  /** The listing's generation (issue 17): 0 first, n + 1 once its buyer of generation n resold it. */
  generation: number;
}

/** What a ticket event says about a ticket; the listing fields are absent on seed listings (generation: 0). */
export type TicketReplicaInput = Omit<TicketReplica, 'eventId' | 'withdrawn' | 'generation'> & {
  eventId?: string; withdrawn?: boolean; generation?: number;
};

const columns = `id, title, price_cents AS "priceCents", user_id AS "userId", version, event_id AS "eventId", withdrawn, generation`;

/** Inserts the ticket at its first version; a ticket already there is left as is. */
export async function insertReplica(db: Queryable, ticket: TicketReplicaInput): Promise<void> {
  await db.query(
    `INSERT INTO tickets (id, title, price_cents, user_id, version, event_id, withdrawn, generation)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (id) DO NOTHING`,
    [ticket.id, ticket.title, ticket.priceCents, ticket.userId, ticket.version, ticket.eventId ?? null, ticket.withdrawn ?? false,
      ticket.generation ?? 0],
  );
}

export async function findReplica(db: Queryable, id: string): Promise<TicketReplica | undefined> {
  const [row] = await db.query<TicketReplica>(`SELECT ${columns} FROM tickets WHERE id = $1`, [id]);
  return row;
}

export async function lockReplica(db: Queryable, id: string): Promise<TicketReplica | undefined> {
  const [row] = await db.query<TicketReplica>(`SELECT ${columns} FROM tickets WHERE id = $1 FOR UPDATE`, [id]);
  return row;
}

// The event cannot change after listing and a withdrawn ticket is never for sale again, so an
// update that leaves them out (or says otherwise) keeps what the replica knows. The generation is
// the update's (absent: 0): updates are applied in version order, so it is always the current one;
// a resale is an update like any other (its reseller as userId, its new price, generation + 1).
export async function replaceReplica(db: Queryable, ticket: TicketReplicaInput): Promise<void> {
  await db.query(
    `UPDATE tickets SET title = $2, price_cents = $3, user_id = $4, version = $5,
       event_id = coalesce(event_id, $6), withdrawn = withdrawn OR $7, generation = $8
     WHERE id = $1`,
    [ticket.id, ticket.title, ticket.priceCents, ticket.userId, ticket.version, ticket.eventId ?? null, ticket.withdrawn ?? false,
      ticket.generation ?? 0],
  );
}
