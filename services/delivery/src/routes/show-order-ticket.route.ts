// GET /api/orders/:id/ticket — the seller's file, to the buyer of a completed order while they
// still hold that generation of the ticket (not refunded, not resold since).
import { Forbidden, NotFound, requireAuth, requireUser, type HttpApp } from '@ticketing/common';
import { z } from 'zod';
import { findFile } from '../db/files.repository';
import { findCompletedOrder, latestSoldGeneration } from '../db/replicas.repository';
import { mayTakeTicketFile } from '../domain/holding';
import { isUuid } from '../domain/ids';
import type { RouteContext } from './route-context';
import { sendTicketFile } from './send-file';

export function registerShowOrderTicket(app: HttpApp, ctx: RouteContext): void {
  app.get('/api/orders/:id/ticket', {
    onRequest: requireAuth,
    schema: { params: z.object({ id: z.string() }) },
  }, async (request, reply) => {
    const user = requireUser(request);
    const { id } = request.params;
    if (!isUuid(id)) throw new NotFound('Order not found');
    const order = await findCompletedOrder(ctx.db, id);
    const verdict = mayTakeTicketFile(order, user.id, order && await latestSoldGeneration(ctx.db, order.ticketId));
    if (!verdict.allowed || !order) throw new Forbidden(verdict.allowed ? undefined : verdict.message);
    const file = await findFile(ctx.db, order.ticketId);
    if (!file) throw new NotFound('Waiting for the seller to attach the ticket');
    return sendTicketFile(reply, ctx.keys.files, file);
  });
}
