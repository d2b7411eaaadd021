// The browse list's keyset cursor: opaque to clients (base64url of the sort, the last row's sort
// key and its id). The key is what the list is ordered by, so the next page starts right after the
// last row: created_at as PostgreSQL's microsecond text (newest), price in minor units (price), or
// the event's start in the same text, `infinity` for a listing without an event (startsAt).
// A cursor names its sort: used with another sort it would skip or repeat rows, so it is refused.
export const ticketSorts = ['newest', 'price', 'startsAt'] as const;
export type TicketSort = (typeof ticketSorts)[number];

export type Cursor =
  | { sort: 'newest'; createdAt: string; id: string }
  | { sort: 'price'; priceCents: number; id: string }
  | { sort: 'startsAt'; startsAt: string | null; id: string };

const timestampPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const idPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const centsPattern = /^[1-9]\d{0,8}$/;
const noEvent = 'infinity';

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.sort}|${sortKeyText(cursor)}|${cursor.id}`, 'utf8').toString('base64url');
}

/** The sort key as it travels in the cursor (and as the list query returns it). */
function sortKeyText(cursor: Cursor): string {
  switch (cursor.sort) {
    case 'newest': return cursor.createdAt;
    case 'price': return String(cursor.priceCents);
    case 'startsAt': return cursor.startsAt ?? noEvent;
  }
}

/** The cursor, or null when the text is not one we issued. */
export function decodeCursor(text: string): Cursor | null {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return null;
  const [sort, key, id, ...rest] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  if (rest.length || !key || !id || !idPattern.test(id)) return null;
  switch (sort) {
    case 'newest': return isInstant(key) ? { sort, createdAt: key, id } : null;
    case 'price': return centsPattern.test(key) ? { sort, priceCents: Number(key), id } : null;
    case 'startsAt': return key === noEvent ? { sort, startsAt: null, id } : isInstant(key) ? { sort, startsAt: key, id } : null;
    default: return null;
  }
}

function isInstant(text: string): boolean {
  return timestampPattern.test(text) && isRealInstant(text);
}

/** Rejects impossible dates (Feb 31, year 0) that the pattern lets through and PostgreSQL refuses. */
function isRealInstant(timestamp: string): boolean {
  const millis = `${timestamp.slice(0, 23)}Z`;
  const parsed = new Date(millis);
  return !Number.isNaN(parsed.getTime()) && parsed.getUTCFullYear() >= 1 && parsed.toISOString() === millis;
}
