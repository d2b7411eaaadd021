// The SQL for the listings replica: what catalog knows about the tickets listed for its events.
import type { Queryable } from '@ticketing/common';
import type { ListingRow } from '../domain/listing-json';

const columns = `id, event_id AS "eventId", title, price_cents AS "priceCents", face_value_cents AS "faceValueCents",
  cap_percent AS "capPercent", user_id AS "userId", reserved, withdrawn, version`;

/** Inserts the listing at its first version; a listing already there is left as is. */
export async function insertListing(db: Queryable, listing: ListingRow): Promise<void> {
  await db.query(
    `INSERT INTO listings (id, event_id, title, price_cents, face_value_cents, cap_percent, user_id, reserved, withdrawn, version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO NOTHING`,
    [listing.id, listing.eventId, listing.title, listing.priceCents, listing.faceValueCents, listing.capPercent, listing.userId,
      listing.reserved, listing.withdrawn, listing.version],
  );
}

export async function lockListing(db: Queryable, id: string): Promise<ListingRow | undefined> {
  const [row] = await db.query<ListingRow>(`SELECT ${columns} FROM listings WHERE id = $1 FOR UPDATE`, [id]);
  return row;
}

/** The listing's state at a newer version (its event never changes: tickets fixes it at listing time). */
export async function replaceListing(db: Queryable, listing: ListingRow): Promise<void> {
  await db.query(
    `UPDATE listings SET title = $2, price_cents = $3, face_value_cents = $4, cap_percent = $5, user_id = $6,
            reserved = $7, withdrawn = $8, version = $9
      WHERE id = $1`,
    [listing.id, listing.title, listing.priceCents, listing.faceValueCents, listing.capPercent, listing.userId,
      listing.reserved, listing.withdrawn, listing.version],
  );
}

/** An event's listings on sale (not reserved, not withdrawn), cheapest first. */
export async function listAvailableForEvent(db: Queryable, eventId: string): Promise<ListingRow[]> {
  return db.query<ListingRow>(
    `SELECT ${columns} FROM listings WHERE event_id = $1 AND NOT reserved AND NOT withdrawn ORDER BY price_cents, id`,
    [eventId],
  );
}
