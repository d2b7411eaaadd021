// PUT /api/tickets/:id/file — the ticket's current seller attaches its file: the raw bytes as the
// body (PDF, PNG, JPEG, or a text/plain barcode), up to 2 MiB on this route only (the service's
// 64 KiB limit stays for every other route). Kept encrypted; once delivered with a sale, fixed.
import { createHash } from 'node:crypto';
import { Conflict, Forbidden, HttpError, NotFound, requireAuth, requireUser, type HttpApp } from '@ticketing/common';
import { z } from 'zod';
import { hasFile, saveFile } from '../db/files.repository';
import { hasCompletedSale, lockTicket } from '../db/replicas.repository';
import { checkFileContent, FILE_TYPES, MAX_FILE_BYTES } from '../domain/file-content';
import { sealFile } from '../domain/file-crypto';
import { isUuid } from '../domain/ids';
import type { RouteContext } from './route-context';

export async function registerPutTicketFile(app: HttpApp, ctx: RouteContext): Promise<void> {
  // A scope of its own: every body arrives as bytes (the handler judges the type), up to 2 MiB.
  await app.register(async (plugin) => {
    const scope = plugin as unknown as HttpApp; // the same app, encapsulated (fastify types a plugin's instance without the zod provider)
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES }, (_request, body, done) => done(null, body));
    scope.put('/api/tickets/:id/file', {
      onRequest: requireAuth,
      bodyLimit: MAX_FILE_BYTES,
      // A malformed Content-Type is told which types this route takes (the kernel's error handler).
      config: { contentTypes: FILE_TYPES },
      schema: { params: z.object({ id: z.string() }) },
    }, async (request) => {
      const user = requireUser(request);
      const { id } = request.params;
      if (!isUuid(id)) throw new NotFound('Ticket not found');
      const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      return ctx.db.transaction(async (tx) => {
        const ticket = await lockTicket(tx, id);
        if (!ticket) throw new NotFound('Ticket not found');
        if (ticket.sellerId !== user.id) throw new Forbidden('Only the ticket\'s seller can attach its file');
        const content = checkFileContent(request.headers['content-type'], bytes);
        if (!content.ok) throw new HttpError(415, content.message);
        if (await hasFile(tx, id) && await hasCompletedSale(tx, id)) {
          throw new Conflict('The ticket was delivered with this file: it cannot be replaced');
        }
        await saveFile(tx, { ticketId: id, contentType: content.contentType, size: bytes.length, ...sealFile(ctx.keys.files, id, bytes) }, user.id);
        return { ticketId: id, contentType: content.contentType, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
      });
    });
  });
}
