// The SQL for the events table. Rows come back in the shape the rest of the service uses. No user
// text ever becomes SQL: filters are bound parameters, the search text a tsquery parameter.
import type { Queryable } from '@ticketing/common';
import type { Cursor } from '../domain/cursor';
import type { Availability, EventRow } from '../domain/event-json';
import { cityKey, searchDocument } from '../domain/search-text';

export interface EventDetails {
  name: string;
  venue: string;
  city: string;
  country: string;
  startsAt: Date;
}

export interface ListedEvent extends EventRow, Availability {
  /** starts_at as microsecond text, for the next page's cursor. */
  startsAtText: string;
}

export interface EventFilter {
  /** A tsquery text built by prefixQuery (never raw user text). */
  tsquery?: string;
  city?: string;
  from: Date;
  to?: Date;
  after?: Cursor;
  limit: number;
}

const columns = `id, name, venue, city, country, starts_at AS "startsAt", status, version, user_id AS "userId"`;

// What is on sale for one event: a count and the lowest price (index listings_available).
const availability = `LEFT JOIN LATERAL (
    SELECT count(*)::int AS "availableTickets", min(l.price_cents)::int AS "minPriceCents"
      FROM listings l WHERE l.event_id = e.id AND NOT l.reserved AND NOT l.withdrawn
  ) a ON true`;

export async function insertEvent(db: Queryable, event: EventDetails & { userId: string }): Promise<EventRow> {
  const [row] = await db.query<EventRow>(
    `INSERT INTO events (id, name, venue, city, city_key, country, starts_at, user_id, search)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, to_tsvector('simple', $9)) RETURNING ${columns}`,
    [crypto.randomUUID(), event.name, event.venue, event.city, cityKey(event.city), event.country, event.startsAt.toISOString(),
      event.userId, searchDocument(event)],
  );
  return row;
}

/** Reads and locks the row until the transaction ends (edits and cancels serialise on it). */
export async function lockEvent(db: Queryable, id: string): Promise<EventRow | undefined> {
  const [row] = await db.query<EventRow>(`SELECT ${columns} FROM events WHERE id = $1 FOR UPDATE`, [id]);
  return row;
}

export async function updateDetails(db: Queryable, id: string, event: EventDetails): Promise<EventRow> {
  const [row] = await db.query<EventRow>(
    `UPDATE events SET name = $2, venue = $3, city = $4, city_key = $5, country = $6, starts_at = $7,
            search = to_tsvector('simple', $8), version = version + 1
      WHERE id = $1 RETURNING ${columns}`,
    [id, event.name, event.venue, event.city, cityKey(event.city), event.country, event.startsAt.toISOString(), searchDocument(event)],
  );
  return row;
}

export async function markCancelled(db: Queryable, id: string): Promise<EventRow> {
  const [row] = await db.query<EventRow>(
    `UPDATE events SET status = 'cancelled', version = version + 1 WHERE id = $1 RETURNING ${columns}`,
    [id],
  );
  return row;
}

export async function findEvent(db: Queryable, id: string): Promise<EventRow | undefined> {
  const [row] = await db.query<EventRow>(`SELECT ${columns} FROM events WHERE id = $1`, [id]);
  return row;
}

/** Scheduled events matching the filter, soonest first, after the cursor. */
export async function listScheduled(db: Queryable, filter: EventFilter): Promise<ListedEvent[]> {
  const params: unknown[] = [filter.limit, filter.from.toISOString()];
  const where = [`e.status = 'scheduled'`, 'e.starts_at >= $2::timestamptz'];
  const bind = (value: unknown) => `$${params.push(value)}`;
  if (filter.to) where.push(`e.starts_at < ${bind(filter.to.toISOString())}::timestamptz`);
  if (filter.city !== undefined) where.push(`e.city_key = ${bind(cityKey(filter.city))}`);
  if (filter.tsquery !== undefined) where.push(`e.search @@ to_tsquery('simple', ${bind(filter.tsquery)})`);
  if (filter.after) {
    where.push(`(e.starts_at, e.id) > (${bind(filter.after.startsAt)}::timestamptz, ${bind(filter.after.id)}::uuid)`);
  }
  return db.query<ListedEvent>(
    `SELECT ${prefixed('e')}, a."availableTickets", a."minPriceCents",
            to_char(e.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "startsAtText"
       FROM events e ${availability}
      WHERE ${where.join(' AND ')}
      ORDER BY e.starts_at, e.id LIMIT $1`,
    params,
  );
}

function prefixed(alias: string): string {
  return columns.split(', ').map((column) => `${alias}.${column}`).join(', ');
}
