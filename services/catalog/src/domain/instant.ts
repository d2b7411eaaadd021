// Instants as the API takes them (startsAt, from, to): ISO-8601 with a date, a time with seconds
// and a zone (`Z` or `±hh:mm`), as the event contract's schema accepts. The instant must also be
// one PostgreSQL and JSON can carry: year 0001 to 9999 once in UTC ("0000-01-01T00:00:00Z" or
// "9999-12-31T23:00:00-14:00" pass the pattern but not the database).
import { z } from 'zod';

const isoInstant = z.iso.datetime({ offset: true });

/** The instant, or null when the text is not one. */
export function parseInstant(text: string): Date | null {
  if (!isoInstant.safeParse(text).success) return null;
  const instant = new Date(text);
  if (Number.isNaN(instant.getTime())) return null;
  const year = instant.getUTCFullYear();
  return year >= 1 && year <= 9999 ? instant : null;
}
