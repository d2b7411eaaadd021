// Answers with a decrypted ticket file: its own type, as an attachment, never cached.
import type { FastifyReply } from 'fastify';
import type { StoredFile } from '../db/files.repository';
import { fileExtensions } from '../domain/file-content';
import { openFile } from '../domain/file-crypto';
import type { FileKeyring } from '../keys/file-keys';

export function sendTicketFile(reply: FastifyReply, keys: FileKeyring, file: StoredFile): FastifyReply {
  const bytes = openFile(keys, file.ticketId, file);
  return reply
    .type(file.contentType === 'text/plain' ? 'text/plain; charset=us-ascii' : file.contentType)
    .header('content-disposition', `attachment; filename="ticket-${file.ticketId}.${fileExtensions[file.contentType]}"`)
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .send(bytes);
}
