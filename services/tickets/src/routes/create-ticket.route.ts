// POST /api/tickets — a signed-in seller lists a ticket; publishes ticket:created.
// With eventId the listing is for that event: it must be scheduled and not started, and the price
// at most faceValue × the cap of the event's country. The event row is read once, under a share
// lock, inside the transaction: the listing sees one version of it, and an edit or cancellation of
// the event waits for the listing (which it then covers). With faceValue alone the default cap applies.
import { BadRequest, requireAuth, requireUser, type Db, type HttpApp } from '@ticketing/common';
import { shareEvent } from '../db/events.repository';
import { insertTicket, type NewTicket } from '../db/tickets.repository';
import { listingRefusal } from '../domain/event-listing';
import { toCents } from '../domain/money';
import { capPercentFor, capViolation } from '../domain/price-caps';
import { ticketCreatedData } from '../domain/ticket-events';
import { toTicketJson } from '../domain/ticket-json';
import { awaitEvent } from './await-event';
import type { ListingRules } from './listing-rules';
import { createTicketBody } from './ticket-body';

export function registerCreateTicket(app: HttpApp, db: Db, rules: ListingRules): void {
  app.post('/api/tickets', { onRequest: requireAuth, schema: { body: createTicketBody } }, async (request, reply) => {
    const user = requireUser(request);
    const { title, price, eventId, faceValue } = request.body;
    const listing: NewTicket = { title, priceCents: toCents(price), userId: user.id };
    if (faceValue !== undefined) listing.faceValueCents = toCents(faceValue);
    if (eventId !== undefined && !(await awaitEvent(db, eventId, rules.eventWaitMs))) throw new BadRequest('Unknown event', 'eventId');
    const ticket = await db.transaction(async (tx) => {
      let country: string | undefined;
      if (eventId !== undefined) {
        const event = await shareEvent(tx, eventId);
        if (!event) throw new BadRequest('Unknown event', 'eventId');
        const refusal = listingRefusal(event, rules.now());
        if (refusal) throw new BadRequest(refusal, 'eventId');
        Object.assign(listing, { eventId, eventStartsAt: event.startsAt });
        country = event.country;
      }
      if (listing.faceValueCents !== undefined) {
        listing.capPercent = capPercentFor(rules.caps, country);
        const violation = capViolation(listing.priceCents, listing.faceValueCents, listing.capPercent);
        if (violation) throw new BadRequest(violation, 'price');
      }
      const created = await insertTicket(tx, listing);
      await tx.publish('ticket:created', ticketCreatedData(created));
      return created;
    });
    return reply.code(201).send(toTicketJson(ticket, user.id));
  });
}
