import { describe, expect, it } from 'vitest';
import {
  checkinHeadline, checkinReasonText, cleanPassCode, formatBytes, passStatusText, resaleCapHint, ticketFileKind,
  ticketFileProblem, ticketFileType, TICKET_FILE_MAX_BYTES,
} from '../lib/delivery';
import { attachTicketFile, type AttachedFile } from '../lib/ticket-file-upload';
import type { ClientResult } from '../lib/client-api';
import { formatPrice } from '../lib/format';

describe('ticket files', () => {
  it('sends the browser\'s type when delivery takes it, else one read from the extension', () => {
    expect(ticketFileType({ type: 'application/pdf', name: 'x.bin' })).toBe('application/pdf');
    expect(ticketFileType({ type: 'IMAGE/JPEG', name: 'x' })).toBe('image/jpeg');
    expect(ticketFileType({ type: '', name: 'ticket.PDF' })).toBe('application/pdf');
    expect(ticketFileType({ type: 'application/octet-stream', name: 'code.txt' })).toBe('text/plain');
    expect(ticketFileType({ type: '', name: 'photo.jpg' })).toBe('image/jpeg');
    expect(ticketFileType({ type: 'image/gif', name: 'x.png' })).toBeUndefined();
    expect(ticketFileType({ type: '', name: 'archive.zip' })).toBeUndefined();
    expect(ticketFileType({ type: '', name: 'noextension' })).toBeUndefined();
  });

  it('refuses before sending an empty file, one over 2 MB, or one of another type; 2 MB exactly may go', () => {
    expect(ticketFileProblem({ type: 'application/pdf', name: 'a.pdf', size: TICKET_FILE_MAX_BYTES })).toBeUndefined();
    expect(ticketFileProblem({ type: 'application/pdf', name: 'a.pdf', size: TICKET_FILE_MAX_BYTES + 1 })).toMatch(/at most 2 MB/);
    expect(ticketFileProblem({ type: 'text/plain', name: 'a.txt', size: 0 })).toBe('The file is empty.');
    expect(ticketFileProblem({ type: 'image/gif', name: 'a.gif', size: 10 })).toMatch(/PDF/);
  });

  it('reads sizes and kinds in words', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(TICKET_FILE_MAX_BYTES)).toBe('2 MB');
    expect(ticketFileKind('application/pdf')).toBe('PDF');
    expect(ticketFileKind('text/plain; charset=utf-8')).toBe('barcode text');
    expect(ticketFileKind(null)).toBe('file');
  });
});

describe('attaching a file', () => {
  const file = Object.assign(new Blob(['%PDF-1.7'], { type: 'application/pdf' }), { name: 'ticket.pdf' });
  const answer = (status: number): ClientResult<AttachedFile> => (status === 200
    ? { ok: true, status, data: { ticketId: 't', contentType: 'application/pdf', size: 8, sha256: 'x' } }
    : { ok: false, status, errors: [{ message: status === 404 ? 'Ticket not found' : 'No' }] });

  it('retries while delivery does not know the new ticket yet (404), then succeeds', async () => {
    const statuses = [404, 404, 200];
    const calls: Array<[string, string]> = [];
    const waits: number[] = [];
    const result = await attachTicketFile('t 1', file, {
      send: async (path, _body, type) => { calls.push([path, type]); return answer(statuses.shift()!); },
      sleep: async (ms) => { waits.push(ms); }, delayMs: 100,
    });
    expect(result.ok).toBe(true);
    expect(calls).toEqual(Array(3).fill(['/api/tickets/t%201/file', 'application/pdf']));
    expect(waits).toEqual([100, 200]);
  });

  it('gives up after its attempts, and does not retry other errors', async () => {
    let sent = 0;
    const notFound = await attachTicketFile('t', file, { send: async () => { sent++; return answer(404); }, sleep: async () => undefined, attempts: 3 });
    expect(notFound).toMatchObject({ ok: false, status: 404 });
    expect(sent).toBe(3);
    sent = 0;
    const refused = await attachTicketFile('t', file, { send: async () => { sent++; return answer(409); }, sleep: async () => undefined });
    expect(refused).toMatchObject({ ok: false, status: 409 });
    expect(sent).toBe(1);
  });

  it('does not send a file it can tell is refused', async () => {
    const gif = Object.assign(new Blob(['GIF89a'], { type: 'image/gif' }), { name: 'a.gif' });
    let sent = 0;
    const result = await attachTicketFile('t', gif, { send: async () => { sent++; return answer(200); } });
    expect(result).toMatchObject({ ok: false, errors: [{ field: 'file' }] });
    expect(sent).toBe(0);
  });
});

describe('passes and check-ins', () => {
  it('says why a pass is revoked', () => {
    expect(passStatusText({ status: 'valid' })).toBe('Valid');
    expect(passStatusText({ status: 'revoked', reason: 'resold' })).toBe('Revoked — you resold this ticket');
    expect(passStatusText({ status: 'revoked', reason: 'refunded' })).toBe('Revoked — the order was refunded');
    expect(passStatusText({ status: 'revoked', reason: 'other' })).toBe('Revoked');
    expect(passStatusText({ status: 'valid', checkedInAt: '2027-06-12T20:00:00Z' })).toBe('Used — checked in at the door');
  });

  it('gives the door a headline and a reason', () => {
    expect(checkinHeadline({ status: 'valid' }, true)).toBe('Valid — admitted');
    expect(checkinHeadline({ status: 'valid' }, false)).toBe('Valid');
    expect(checkinHeadline({ status: 'revoked' }, true)).toBe('Revoked — do not admit');
    expect(checkinHeadline({ status: 'forged' }, false)).toBe('Forged — do not admit');
    expect(checkinReasonText({ status: 'revoked', reason: 'checked-in' })).toBe('This pass was already checked in.');
    expect(checkinReasonText({ status: 'forged', reason: 'bad signature' })).toBe('bad signature');
    expect(checkinReasonText({ status: 'valid' })).toBeUndefined();
    expect(checkinReasonText({ status: 'forged' })).toMatch(/not a pass the platform signed/);
  });

  it('cleans a pasted code of whitespace and line breaks', () => {
    expect(cleanPassCode('  eyJh.\n eyJp.\tsig \n')).toBe('eyJh.eyJp.sig');
  });

  it('shows the resale cap of a ticket with a face value, none without', () => {
    expect(resaleCapHint({ faceValue: 50, capPercent: 120 }, formatPrice)).toBe('At most $60.00: 120 % of the face value ($50.00).');
    expect(resaleCapHint({ faceValue: 19.99, capPercent: 120 }, formatPrice)).toMatch(/^At most \$23\.98:/);
    expect(resaleCapHint({}, formatPrice)).toBeUndefined();
  });
});
