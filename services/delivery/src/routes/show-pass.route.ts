// GET /api/orders/:id/pass — the buyer's signed pass and whether it still admits.
// GET /api/orders/:id/pass/qr.svg — the token as a QR code.
// GET /api/orders/:id/pass/pdf — a one-page PDF with the QR code and the ticket's details.
import { requireAuth, type HttpApp } from '@ticketing/common';
import { z } from 'zod';
import { passPdf, passQrSvg } from '../domain/pass-render';
import { findEvent, findTicket } from '../db/replicas.repository';
import { ownPass, passJson } from './own-pass';
import type { RouteContext } from './route-context';

const params = z.object({ id: z.string() });

export function registerShowPass(app: HttpApp, ctx: RouteContext): void {
  app.get('/api/orders/:id/pass', { onRequest: requireAuth, schema: { params } }, async (request) =>
    passJson(await ownPass(ctx.db, request, request.params.id)));

  app.get('/api/orders/:id/pass/qr.svg', { onRequest: requireAuth, schema: { params } }, async (request, reply) => {
    const pass = await ownPass(ctx.db, request, request.params.id);
    return reply.type('image/svg+xml').header('cache-control', 'private, no-store').send(await passQrSvg(pass.token));
  });

  app.get('/api/orders/:id/pass/pdf', { onRequest: requireAuth, schema: { params } }, async (request, reply) => {
    const pass = await ownPass(ctx.db, request, request.params.id);
    const ticket = await findTicket(ctx.db, pass.ticketId);
    const event = pass.eventId ? await findEvent(ctx.db, pass.eventId) : undefined;
    const pdf = await passPdf({ pass, ticketTitle: ticket?.title, event });
    return reply.type('application/pdf')
      .header('content-disposition', `attachment; filename="pass-${pass.orderId}.pdf"`)
      .header('cache-control', 'private, no-store')
      .send(pdf);
  });
}
