// GET /api/events — scheduled events, soonest first, upcoming by default, with full-text search
// (every word a prefix, all must match), an exact case-insensitive city filter and a [from, to)
// window; keyset pages with a Link header that keeps the other parameters.
import { BadRequest, type Db, type HttpApp } from '@ticketing/common';
import { z } from 'zod';
import { listScheduled } from '../db/events.repository';
import { decodeCursor, encodeCursor } from '../domain/cursor';
import { toEventWithAvailabilityJson } from '../domain/event-json';
import { parseInstant } from '../domain/instant';
import { prefixQuery } from '../domain/search-text';

const instant = (field: string) => z.string({ error: `${field} must be a string` })
  .refine((text) => parseInstant(text) !== null, { error: `${field} must be an ISO-8601 date and time with a time zone, e.g. 2030-06-01T00:00:00Z` })
  .optional();

const query = z.object({
  q: z.string({ error: 'q must be a string' }).max(200, { error: 'q must be at most 200 characters' }).optional(),
  city: z.string({ error: 'city must be a string' }).trim()
    .min(1, { error: 'city must not be empty' }).max(100, { error: 'city must be at most 100 characters' })
    .refine((city) => !city.includes('\u0000'), { error: 'city must not contain NUL characters' })
    .optional(),
  from: instant('from'),
  to: instant('to'),
  limit: z.coerce.number({ error: 'limit must be a number' }).int({ error: 'limit must be a whole number' })
    .min(1, { error: 'limit must be at least 1' }).max(100, { error: 'limit must be at most 100' }).default(50),
  after: z.string({ error: 'after must be a string' }).optional(),
});

export function registerListEvents(app: HttpApp, deps: { db: Db; now: () => Date }): void {
  app.get('/api/events', { schema: { querystring: query } }, async (request, reply) => {
    const { q, city, from, to, limit, after } = request.query;
    const cursor = after === undefined ? undefined : decodeCursor(after);
    if (cursor === null) throw new BadRequest('after is not a valid cursor', 'after');
    const fromInstant = from === undefined ? deps.now() : parseInstant(from)!;
    const toInstant = to === undefined ? undefined : parseInstant(to)!;
    if (toInstant && toInstant.getTime() <= fromInstant.getTime()) {
      throw new BadRequest(from === undefined ? 'to must be in the future (from is now by default)' : 'to must be after from', 'to');
    }
    const tsquery = q === undefined ? undefined : prefixQuery(q) ?? undefined;
    // One row more than asked tells whether a next page exists.
    const rows = await listScheduled(deps.db, { tsquery, city, from: fromInstant, to: toInstant, after: cursor, limit: limit + 1 });
    const page = rows.slice(0, limit);
    if (rows.length > limit) {
      const last = page[page.length - 1];
      const next = new URLSearchParams();
      for (const [name, value] of Object.entries({ q, city, from, to })) if (value !== undefined) next.set(name, value);
      next.set('limit', String(limit));
      next.set('after', encodeCursor({ startsAt: last.startsAtText, id: last.id }));
      void reply.header('link', `</api/events?${next.toString()}>; rel="next"`);
    }
    return page.map(toEventWithAvailabilityJson);
  });
}
