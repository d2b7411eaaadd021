// The event list's keyset cursor: opaque to clients (base64url of the last row's starts_at and
// id). starts_at travels as PostgreSQL's microsecond text so no row is skipped or repeated.
export interface Cursor {
  startsAt: string;
  id: string;
}

const timestampPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const idPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.startsAt}|${cursor.id}`, 'utf8').toString('base64url');
}

/** The cursor, or null when the text is not one we issued. */
export function decodeCursor(text: string): Cursor | null {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return null;
  const [startsAt, id, ...rest] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  if (rest.length || !startsAt || !id || !timestampPattern.test(startsAt) || !idPattern.test(id)) return null;
  if (!isRealInstant(startsAt)) return null;
  return { startsAt, id };
}

/** Rejects impossible dates (Feb 31, year 0) that the pattern lets through and PostgreSQL refuses. */
function isRealInstant(timestamp: string): boolean {
  const millis = `${timestamp.slice(0, 23)}Z`;
  const parsed = new Date(millis);
  return !Number.isNaN(parsed.getTime()) && parsed.getUTCFullYear() >= 1 && parsed.toISOString() === millis;
}
