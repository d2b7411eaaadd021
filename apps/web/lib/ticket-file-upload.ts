// Attaching the seller's file to a ticket (PUT /api/tickets/:id/file). Delivery learns of a ticket
// from its ticket:created event, a moment after tickets answered the listing: until then it
// answers 404, so a file sent right after creating the ticket is retried for a little while.
import type { ClientResult } from './client-api';
import { ticketFileProblem, ticketFileType } from './delivery';

/** PUT /api/tickets/:id/file's answer. */
export interface AttachedFile {
  ticketId: string;
  contentType: string;
  size: number;
  sha256: string;
}

export interface UploadOptions {
  /** Sends the bytes (putBytes from the browser; a stand-in in tests). */
  send: (path: string, body: Blob, contentType: string) => Promise<ClientResult<AttachedFile>>;
  /** Tries in all while delivery does not know the ticket yet (404). */
  attempts?: number;
  /** Waits between tries: attempt n waits n × this. */
  delayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function attachTicketFile(
  ticketId: string, file: Blob & { name: string }, options: UploadOptions,
): Promise<ClientResult<AttachedFile>> {
  const problem = ticketFileProblem(file);
  const type = ticketFileType(file);
  if (problem || !type) return { ok: false, status: 0, errors: [{ message: problem ?? 'This type of file cannot be attached.', field: 'file' }] };
  const { send, attempts = 8, delayMs = 250, sleep = wait } = options;
  const path = `/api/tickets/${encodeURIComponent(ticketId)}/file`;
  let result = await send(path, file, type);
  for (let attempt = 1; attempt < attempts && !result.ok && result.status === 404; attempt++) {
    await sleep(attempt * delayMs);
    result = await send(path, file, type);
  }
  return result;
}
