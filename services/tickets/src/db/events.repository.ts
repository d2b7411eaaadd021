// The SQL for the events replica (catalog's events, as tickets knows them).
import type { Queryable } from '@ticketing/common';

export interface EventReplica {
  id: string;
  name: string;
  venue: string;
  city: string;
  country: string;
  /** ISO-8601 instant. */
  startsAt: string;
  status: 'scheduled' | 'cancelled';
  userId: string;
  version: number;
}

const columns = `id, name, venue, city, country, to_char(starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "startsAt",
  status, user_id AS "userId", version`;

/** Inserts the event at its first version; an event already there is left as is (a duplicate). */
export async function insertEvent(db: Queryable, event: EventReplica): Promise<void> {
  await db.query(
    `INSERT INTO events (id, name, venue, city, country, starts_at, status, user_id, version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING`,
    [event.id, event.name, event.venue, event.city, event.country, event.startsAt, event.status, event.userId, event.version],
  );
}

export async function findEvent(db: Queryable, id: string): Promise<EventReplica | undefined> {
  const [row] = await db.query<EventReplica>(`SELECT ${columns} FROM events WHERE id = $1`, [id]);
  return row;
}

// Row locks alone would let a stream of listings starve an update: a FOR SHARE is granted next to
// other share holders even while a FOR UPDATE waits. PostgreSQL's lock manager queues fairly, so
// listings also take the event's advisory lock shared and replica updates take it exclusive: a
// waiting update goes before listings that arrive after it. The key is the event's, in a key space
// of its own ('tickets.event'); a hash collision only makes two events wait for each other.
const advisoryKey = `hashtext('tickets.event'), hashtext($1::text)`;

/**
 * Reads the event and keeps it from changing until the transaction ends: a listing sees one
 * version of it, and an update or a cancellation of the event waits for the listing to commit
 * (so it then covers the new listing too).
 */
export async function shareEvent(db: Queryable, id: string): Promise<EventReplica | undefined> {
  await db.query(`SELECT pg_advisory_xact_lock_shared(${advisoryKey})`, [id]);
  const [row] = await db.query<EventReplica>(`SELECT ${columns} FROM events WHERE id = $1 FOR SHARE`, [id]);
  return row;
}

/** Reads and locks the event for a replica update (waits for listings reading it, not for later ones). */
export async function lockEvent(db: Queryable, id: string): Promise<EventReplica | undefined> {
  await db.query(`SELECT pg_advisory_xact_lock(${advisoryKey})`, [id]);
  const [row] = await db.query<EventReplica>(`SELECT ${columns} FROM events WHERE id = $1 FOR UPDATE`, [id]);
  return row;
}

export async function replaceEvent(db: Queryable, event: EventReplica): Promise<void> {
  await db.query(
    `UPDATE events SET name = $2, venue = $3, city = $4, country = $5, starts_at = $6, status = $7, user_id = $8, version = $9
      WHERE id = $1`,
    [event.id, event.name, event.venue, event.city, event.country, event.startsAt, event.status, event.userId, event.version],
  );
}
