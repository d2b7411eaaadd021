// GET /api/tickets/:id — any ticket, reserved or not (its holding order only to its owner).
import { NotFound, type Db, type HttpApp } from '@ticketing/common';
import { z } from 'zod';
import { findTicket } from '../db/tickets.repository';
import { isId } from '../domain/ids';
import { toTicketJson } from '../domain/ticket-json';

export function registerShowTicket(app: HttpApp, db: Db): void {
  app.get('/api/tickets/:id', { schema: { params: z.object({ id: z.string() }) } }, async (request, reply) => {
    const ticket = isId(request.params.id) ? await findTicket(db, request.params.id) : undefined;
    if (!ticket) throw new NotFound('Ticket not found');
    // What a viewer sees depends on who asks: no shared cache may keep one viewer's answer.
    void reply.header('vary', 'cookie');
    return toTicketJson(ticket, request.currentUser?.id);
  });
}
