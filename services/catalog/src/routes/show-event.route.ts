// GET /api/events/:id — one event of any status, with what is on sale for it: the available
// listings, cheapest first, and the count and lowest price of those same rows.
import { NotFound, type Db, type HttpApp } from '@ticketing/common';
import { z } from 'zod';
import { findEvent } from '../db/events.repository';
import { listAvailableForEvent } from '../db/listings.repository';
import { toEventWithAvailabilityJson } from '../domain/event-json';
import { isId } from '../domain/ids';
import { toListingJson } from '../domain/listing-json';

export function registerShowEvent(app: HttpApp, db: Db): void {
  app.get('/api/events/:id', { schema: { params: z.object({ id: z.string() }) } }, async (request) => {
    const { id } = request.params;
    const event = isId(id) ? await findEvent(db, id) : undefined;
    if (!event) throw new NotFound('Event not found');
    const listings = await listAvailableForEvent(db, id);
    const availability = { availableTickets: listings.length, minPriceCents: listings[0]?.priceCents ?? null };
    return { ...toEventWithAvailabilityJson({ ...event, ...availability }), tickets: listings.map(toListingJson) };
  });
}
