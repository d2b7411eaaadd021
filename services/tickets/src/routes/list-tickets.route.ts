// GET /api/tickets — tickets available to buy, in keyset pages with a Link header that keeps the
// query. Filters: eventId (that event's listings), q (every word in the title). Sorts: newest
// (default: a new listing is on the first page), price (cheapest first), startsAt (the soonest
// event first, listings without an event last).
import { BadRequest, type Db, type HttpApp } from '@ticketing/common';
import { z } from 'zod';
import { listAvailable } from '../db/tickets.repository';
import { decodeCursor, encodeCursor, ticketSorts, type Cursor, type TicketSort } from '../domain/cursor';
import { toTicketJson } from '../domain/ticket-json';

const query = z.object({
  limit: z.coerce.number({ error: 'limit must be a number' }).int({ error: 'limit must be a whole number' })
    .min(1, { error: 'limit must be at least 1' }).max(100, { error: 'limit must be at most 100' }).default(50),
  after: z.string({ error: 'after must be a single cursor' }).optional(),
  eventId: z.uuid({ error: 'eventId must be a valid id' }).toLowerCase().optional(),
  q: z.string({ error: 'q must be a single text' })
    .max(200, { error: 'q must be at most 200 characters' })
    // PostgreSQL text cannot hold NUL: a 400 here rather than a failed query.
    .refine((text) => !text.includes('\u0000'), { error: 'q must not contain NUL characters' })
    .optional(),
  sort: z.enum(ticketSorts, { error: `sort must be one of ${ticketSorts.join(', ')}` }).optional(),
});

/** The next page's key: the last row's, in the form its sort's cursor carries. */
function nextCursor(sort: TicketSort, last: { id: string; sortKey: string }): Cursor {
  switch (sort) {
    case 'newest': return { sort, createdAt: last.sortKey, id: last.id };
    case 'price': return { sort, priceCents: Number(last.sortKey), id: last.id };
    case 'startsAt': return { sort, startsAt: last.sortKey === 'infinity' ? null : last.sortKey, id: last.id };
  }
}

export function registerListTickets(app: HttpApp, db: Db): void {
  app.get('/api/tickets', { schema: { querystring: query } }, async (request, reply) => {
    const { limit, after, eventId } = request.query;
    const sort = request.query.sort ?? 'newest';
    // Blank q (or only spaces) filters nothing.
    const q = request.query.q?.trim() || undefined;
    const cursor = after === undefined ? undefined : decodeCursor(after);
    if (cursor === null) throw new BadRequest('after is not a valid cursor', 'after');
    if (cursor && cursor.sort !== sort) throw new BadRequest(`after is a cursor of the ${cursor.sort} sort, not ${sort}`, 'after');
    // One row more than asked tells whether a next page exists.
    const rows = await listAvailable(db, { limit: limit + 1, sort, after: cursor, eventId, q });
    const page = rows.slice(0, limit);
    if (rows.length > limit) {
      const next = new URLSearchParams({ limit: String(limit) });
      if (eventId !== undefined) next.set('eventId', eventId);
      if (request.query.q !== undefined) next.set('q', request.query.q);
      if (request.query.sort !== undefined) next.set('sort', sort);
      next.set('after', encodeCursor(nextCursor(sort, page[page.length - 1])));
      void reply.header('link', `</api/tickets?${next.toString()}>; rel="next"`);
    }
    return page.map((ticket) => toTicketJson(ticket));
  });
}
