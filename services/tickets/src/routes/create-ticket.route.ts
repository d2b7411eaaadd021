// POST /api/tickets — a signed-in seller lists a ticket; publishes ticket:created.
import { requireAuth, requireUser, type Db, type HttpApp } from '@ticketing/common';
import { insertTicket } from '../db/tickets.repository';
import { toCents } from '../domain/money';
import { ticketCreatedData } from '../domain/ticket-events';
import { toTicketJson } from '../domain/ticket-json';
import { ticketBody } from './ticket-body';

export function registerCreateTicket(app: HttpApp, db: Db): void {
  app.post('/api/tickets', { onRequest: requireAuth, schema: { body: ticketBody } }, async (request, reply) => {
    const user = requireUser(request);
    const ticket = await db.transaction(async (tx) => {
      const created = await insertTicket(tx, { title: request.body.title, priceCents: toCents(request.body.price), userId: user.id });
      await tx.publish('ticket:created', ticketCreatedData(created));
      return created;
    });
    return reply.code(201).send(toTicketJson(ticket, user.id));
  });
}
