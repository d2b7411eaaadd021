// PUT /api/tickets/:id — the owner edits an unreserved ticket; publishes ticket:updated.
// Checks run in api.md's order: 401, 400 validation, 404, 400 reserved, 403 not the owner.
import { BadRequest, Forbidden, NotFound, requireAuth, requireUser, type Db, type HttpApp } from '@ticketing/common';
import { z } from 'zod';
import { lockTicket, updateDetails } from '../db/tickets.repository';
import { isId } from '../domain/ids';
import { toCents } from '../domain/money';
import { ticketUpdatedData } from '../domain/ticket-events';
import { toTicketJson } from '../domain/ticket-json';
import { isReserved } from '../domain/ticket-rules';
import { ticketBody } from './ticket-body';

export function registerUpdateTicket(app: HttpApp, db: Db): void {
  app.put('/api/tickets/:id', {
    onRequest: requireAuth,
    schema: { params: z.object({ id: z.string() }), body: ticketBody },
  }, async (request) => {
    const user = requireUser(request);
    const { id } = request.params;
    if (!isId(id)) throw new NotFound('Ticket not found');
    const ticket = await db.transaction(async (tx) => {
      const current = await lockTicket(tx, id);
      if (!current) throw new NotFound('Ticket not found');
      if (isReserved(current)) throw new BadRequest('Cannot edit a reserved ticket');
      if (current.userId !== user.id) throw new Forbidden('You do not own this ticket');
      const updated = await updateDetails(tx, id, { title: request.body.title, priceCents: toCents(request.body.price) });
      await tx.publish('ticket:updated', ticketUpdatedData(updated));
      return updated;
    });
    return toTicketJson(ticket, user.id);
  });
}
