// GET /api/tickets/:id/file — the file the ticket's current seller attached, to that seller only.
import { Forbidden, NotFound, requireAuth, requireUser, type HttpApp } from '@ticketing/common';
import { z } from 'zod';
import { findFile } from '../db/files.repository';
import { findTicket } from '../db/replicas.repository';
import { isUuid } from '../domain/ids';
import type { RouteContext } from './route-context';
import { sendTicketFile } from './send-file';

export function registerShowTicketFile(app: HttpApp, ctx: RouteContext): void {
  app.get('/api/tickets/:id/file', {
    onRequest: requireAuth,
    schema: { params: z.object({ id: z.string() }) },
  }, async (request, reply) => {
    const user = requireUser(request);
    const { id } = request.params;
    const ticket = isUuid(id) ? await findTicket(ctx.db, id) : undefined;
    if (!ticket) throw new NotFound('Ticket not found');
    if (ticket.sellerId !== user.id) throw new Forbidden('Only the ticket\'s seller can read its file');
    const file = await findFile(ctx.db, id);
    if (!file) throw new NotFound('No file is attached to this ticket');
    return sendTicketFile(reply, ctx.keys.files, file);
  });
}
