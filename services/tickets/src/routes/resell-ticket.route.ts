// POST /api/tickets/:id/resale {price} — the holder of a bought ticket lists it again (issue 17,
// docs/ticket-delivery.md): they become its seller, it is the next generation, at the new price,
// and ticket:updated says so. Checks in order: 401, 400 validation, 404, 403 not its holder (a
// ticket nobody bought included), then the listing rules of issue 15: 400 withdrawn, 400 its event
// cancelled or started, 400 over the cap (the face value × the cap of the event's country now).
// The ticket's row lock serialises two resale calls: the second finds no holder any more (403).
import { BadRequest, Forbidden, NotFound, requireAuth, requireUser, type Db, type HttpApp } from '@ticketing/common';
import { z } from 'zod';
import { findEvent } from '../db/events.repository';
import { lockTicket, relist } from '../db/tickets.repository';
import { listingRefusal } from '../domain/event-listing';
import { isId } from '../domain/ids';
import { priceSchema, toCents } from '../domain/money';
import { capPercentFor, capViolation } from '../domain/price-caps';
import { ticketUpdatedData } from '../domain/ticket-events';
import { toTicketJson } from '../domain/ticket-json';
import { isHolder, isWithdrawn } from '../domain/ticket-rules';
import type { ListingRules } from './listing-rules';

const body = z.object({ price: priceSchema });

export function registerResellTicket(app: HttpApp, db: Db, rules: ListingRules): void {
  app.post('/api/tickets/:id/resale', {
    onRequest: requireAuth,
    schema: { params: z.object({ id: z.string() }), body },
  }, async (request) => {
    const user = requireUser(request);
    const { id } = request.params;
    if (!isId(id)) throw new NotFound('Ticket not found');
    const priceCents = toCents(request.body.price);
    const ticket = await db.transaction(async (tx) => {
      const current = await lockTicket(tx, id);
      if (!current) throw new NotFound('Ticket not found');
      if (!isHolder(current, user.id)) throw new Forbidden('Only the holder of this ticket can resell it');
      if (isWithdrawn(current)) throw new BadRequest('Cannot resell a withdrawn ticket');
      // No lock on the event, as in an edit: the ticket's lock is enough (a cancellation withdraws
      // this row after the resale commits), and locking the event after the ticket could deadlock.
      const event = current.eventId ? await findEvent(tx, current.eventId) : undefined;
      if (event) {
        const refusal = listingRefusal(event, rules.now());
        if (refusal) throw new BadRequest(refusal);
      }
      let capPercent: number | null = null;
      if (current.faceValueCents !== null) {
        capPercent = capPercentFor(rules.caps, event?.country);
        const violation = capViolation(priceCents, current.faceValueCents, capPercent);
        if (violation) throw new BadRequest(violation, 'price');
      }
      const relisted = await relist(tx, id, { priceCents, capPercent });
      await tx.publish('ticket:updated', ticketUpdatedData(relisted));
      return relisted;
    });
    return toTicketJson(ticket, user.id);
  });
}
