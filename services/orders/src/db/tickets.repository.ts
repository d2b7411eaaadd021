// The SQL for the tickets replica: what orders knows about tickets, from ticket events.
import type { Queryable } from '@ticketing/common';

export interface TicketReplica {
  id: string;
  title: string;
  priceCents: number;
  userId: string;
  version: number;
}

const columns = `id, title, price_cents AS "priceCents", user_id AS "userId", version`;

/** Inserts the ticket at its first version; a ticket already there is left as is. */
export async function insertReplica(db: Queryable, ticket: TicketReplica): Promise<void> {
  await db.query(
    'INSERT INTO tickets (id, title, price_cents, user_id, version) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING',
    [ticket.id, ticket.title, ticket.priceCents, ticket.userId, ticket.version],
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

export async function replaceReplica(db: Queryable, ticket: TicketReplica): Promise<void> {
  await db.query(
    'UPDATE tickets SET title = $2, price_cents = $3, user_id = $4, version = $5 WHERE id = $1',
    [ticket.id, ticket.title, ticket.priceCents, ticket.userId, ticket.version],
  );
}
