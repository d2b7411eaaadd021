// GET /api/tickets — tickets available to buy, oldest first, in keyset pages with a Link header.
import { BadRequest, type Db, type HttpApp } from '@ticketing/common';
import { z } from 'zod';
import { listAvailable } from '../db/tickets.repository';
import { decodeCursor, encodeCursor } from '../domain/cursor';
import { toTicketJson } from '../domain/ticket-json';

const query = z.object({
  limit: z.coerce.number({ error: 'limit must be a number' }).int({ error: 'limit must be a whole number' })
    .min(1, { error: 'limit must be at least 1' }).max(100, { error: 'limit must be at most 100' }).default(50),
  after: z.string().optional(),
});

export function registerListTickets(app: HttpApp, db: Db): void {
  app.get('/api/tickets', { schema: { querystring: query } }, async (request, reply) => {
    const { limit, after } = request.query;
    const cursor = after === undefined ? undefined : decodeCursor(after);
    if (cursor === null) throw new BadRequest('after is not a valid cursor', 'after');
    // One row more than asked tells whether a next page exists.
    const rows = await listAvailable(db, { limit: limit + 1, after: cursor });
    const page = rows.slice(0, limit);
    if (rows.length > limit) {
      const last = page[page.length - 1];
      const next = encodeCursor({ createdAt: last.createdAtText, id: last.id });
      void reply.header('link', `</api/tickets?limit=${limit}&after=${next}>; rel="next"`);
    }
    return page.map((ticket) => toTicketJson(ticket));
  });
}
