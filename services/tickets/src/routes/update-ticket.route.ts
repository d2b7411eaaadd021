// PUT /api/tickets/:id — the owner edits an unreserved ticket; publishes ticket:updated.
// Checks run in api.md's order: 401, 400 validation, 404, 400 withdrawn, 400 reserved, 403 not the
// owner; then the listing's own rules. eventId cannot change after listing: a body may repeat the
// ticket's own eventId (a client sending the whole ticket back), any other one is a 400 on eventId
// (ignoring it would tell the seller their ticket moved to that event when it did not). The face
// value is kept unless the body gives one, and the price is checked against the cap in force now
// (the event's country's, or the default), which is recorded on the ticket.
import { BadRequest, Forbidden, NotFound, requireAuth, requireUser, type Db, type HttpApp } from '@ticketing/common';
import { z } from 'zod';
import { findEvent } from '../db/events.repository';
import { lockTicket, updateDetails } from '../db/tickets.repository';
import { isId } from '../domain/ids';
import { toCents } from '../domain/money';
import { capPercentFor, capViolation } from '../domain/price-caps';
import { ticketUpdatedData } from '../domain/ticket-events';
import { toTicketJson } from '../domain/ticket-json';
import { isReserved, isWithdrawn } from '../domain/ticket-rules';
import type { ListingRules } from './listing-rules';
import { ticketBody } from './ticket-body';

export function registerUpdateTicket(app: HttpApp, db: Db, rules: ListingRules): void {
  app.put('/api/tickets/:id', {
    onRequest: requireAuth,
    schema: { params: z.object({ id: z.string() }), body: ticketBody },
  }, async (request) => {
    const user = requireUser(request);
    const { id } = request.params;
    const { title, price, eventId, faceValue } = request.body;
    if (!isId(id)) throw new NotFound('Ticket not found');
    const ticket = await db.transaction(async (tx) => {
      const current = await lockTicket(tx, id);
      if (!current) throw new NotFound('Ticket not found');
      if (isWithdrawn(current)) throw new BadRequest('Cannot edit a withdrawn ticket');
      if (isReserved(current)) throw new BadRequest('Cannot edit a reserved ticket');
      if (current.userId !== user.id) throw new Forbidden('You do not own this ticket');
      if (eventId !== undefined && eventId !== current.eventId) throw new BadRequest('eventId cannot change after listing', 'eventId');
      const priceCents = toCents(price);
      const faceValueCents = faceValue !== undefined ? toCents(faceValue) : current.faceValueCents;
      let capPercent: number | null = null;
      if (faceValueCents !== null) {
        // No lock on the event: the ticket's lock is enough (a cancellation withdraws this row only
        // after this edit commits), and locking the event after the ticket could deadlock with it.
        const event = current.eventId ? await findEvent(tx, current.eventId) : undefined;
        capPercent = capPercentFor(rules.caps, event?.country);
        const violation = capViolation(priceCents, faceValueCents, capPercent);
        if (violation) throw new BadRequest(violation, 'price');
      }
      const updated = await updateDetails(tx, id, { title, priceCents, faceValueCents, capPercent });
      await tx.publish('ticket:updated', ticketUpdatedData(updated));
      return updated;
    });
    return toTicketJson(ticket, user.id);
  });
}
