// GET /api/tickets/:id — any ticket, reserved or not.
import { NotFound, type Db, type HttpApp } from '@ticketing/common';
import { z } from 'zod';
import { findTicket } from '../db/tickets.repository';
import { isId } from '../domain/ids';
import { toTicketJson } from '../domain/ticket-json';

export function registerShowTicket(app: HttpApp, db: Db): void {
  app.get('/api/tickets/:id', { schema: { params: z.object({ id: z.string() }) } }, async (request) => {
    const ticket = isId(request.params.id) ? await findTicket(db, request.params.id) : undefined;
    if (!ticket) throw new NotFound('Ticket not found');
    return toTicketJson(ticket);
  });
}
