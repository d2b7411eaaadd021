// The seller's file: attached as raw bytes (checked by content), kept encrypted, handed back byte
// for byte to the seller and to the buyer who holds the ticket, and to nobody else.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfBytes, startDelivery, type DeliveryHarness } from './support/delivery-harness';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR rest of a png')]);
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF rest of a jpeg')]);

describe('ticket files', () => {
  let h: DeliveryHarness;
  beforeAll(async () => { h = await startDelivery(); });
  afterAll(async () => { await h.close(); });

  const stored = async (ticketId: string) => (await h.database.db.query<{ ciphertext: Buffer; key_id: string; iv: Buffer }>(
    'SELECT ciphertext, key_id, iv FROM ticket_files WHERE ticket_id = $1', [ticketId]))[0];

  it('the seller uploads a PDF and downloads the very same bytes; the stored row is not the plaintext', async () => {
    const seller = await h.newUser();
    const ticketId = await h.listTicket(seller);
    const pdf = pdfBytes(300_000);
    const put = await h.upload(seller, ticketId, pdf);
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body).toEqual({ ticketId, contentType: 'application/pdf', size: pdf.length, sha256: sha256(pdf) });

    const got = await h.request(seller, 'GET', `/api/tickets/${ticketId}/file`);
    expect(got.status).toBe(200);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['content-disposition']).toMatch(/^attachment/);
    expect(got.raw.equals(pdf)).toBe(true);

    const row = await stored(ticketId);
    const ciphertext = Buffer.from(row.ciphertext);
    expect(row.key_id).toBe('test');
    expect(ciphertext.length).toBe(pdf.length);
    expect(ciphertext.equals(pdf)).toBe(false);
    expect(ciphertext.includes(Buffer.from('%PDF-'))).toBe(false);
    expect(Buffer.from(row.iv).length).toBe(12);
  });

  it('PNG, JPEG and a barcode string are taken; a new upload replaces the file before any sale', async () => {
    const seller = await h.newUser();
    const ticketId = await h.listTicket(seller);
    for (const [bytes, type] of [[png, 'image/png'], [jpeg, 'image/jpeg'], [Buffer.from('EAN 4006381333931'), 'text/plain; charset=utf-8']] as const) {
      const put = await h.upload(seller, ticketId, bytes, type);
      expect(put.status, JSON.stringify(put.body)).toBe(200);
      const got = await h.request(seller, 'GET', `/api/tickets/${ticketId}/file`);
      expect(got.raw.equals(bytes)).toBe(true);
    }
    expect((await h.request(seller, 'GET', `/api/tickets/${ticketId}/file`)).headers['content-type']).toMatch(/^text\/plain/);
  });

  it('a wrong type, a spoofed Content-Type, a bad barcode or 2 MiB + 1 byte is 415 / 413 and nothing is stored', async () => {
    const seller = await h.newUser();
    const ticketId = await h.listTicket(seller);
    const cases: Array<[Buffer, string, number]> = [
      [Buffer.from('GIF89a not a pdf'), 'application/pdf', 415],
      [png, 'image/jpeg', 415],
      [jpeg, 'image/png', 415],
      [pdfBytes(100), 'image/gif', 415],
      [pdfBytes(100), 'application/octet-stream', 415],
      [Buffer.from('{"a":1}'), 'application/json', 415],
      [Buffer.from(''), 'text/plain', 415],
      [Buffer.from('line\nbreak'), 'text/plain', 415],
      [Buffer.alloc(513, 0x41), 'text/plain', 415],
      [Buffer.from('%PDF-'), 'application/pdf', 415],
      [Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(2 * 1024 * 1024 + 1 - 5)]), 'application/pdf', 413],
    ];
    for (const [bytes, type, status] of cases) {
      const answer = await h.upload(seller, ticketId, bytes, type);
      expect(answer.status, `${type} ${bytes.length}`).toBe(status);
      expect(answer.body).toEqual({ errors: [{ message: expect.any(String) }] });
    }
    // A Content-Type that is no media type at all is told which types the route takes, not "JSON".
    for (const malformed of ['pdf', 'x', 'application/']) {
      const answer = await h.upload(seller, ticketId, pdfBytes(100), malformed);
      expect(answer.status, malformed).toBe(415);
      expect(answer.body, malformed).toEqual({ errors: [{ message: 'Content-Type must be one of application/pdf, image/png, image/jpeg, text/plain' }] });
    }
    const untyped = await h.service.http.inject({ method: 'PUT', url: `/api/tickets/${ticketId}/file`, headers: { cookie: seller.cookie }, payload: pdfBytes(100) });
    expect(untyped.statusCode).toBe(415);
    expect(await stored(ticketId)).toBeUndefined();
    // Exactly 2 MiB is allowed.
    const max = Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(2 * 1024 * 1024 - 5, 0x20)]);
    expect((await h.upload(seller, ticketId, max)).status).toBe(200);
    // Other routes keep the 64 KiB JSON limit.
    const big = await h.request(undefined, 'POST', '/api/checkin/verify', { token: 'x'.repeat(70_000), checkIn: false });
    expect(big.status).toBe(413);
  });

  it('access: the seller only; 401 signed out, 403 another user, 404 an unknown ticket', async () => {
    const seller = await h.newUser();
    const other = await h.newUser();
    const ticketId = await h.listTicket(seller);
    expect((await h.upload(undefined, ticketId, pdfBytes())).status).toBe(401);
    expect((await h.upload(other, ticketId, pdfBytes())).status).toBe(403);
    expect((await h.upload(seller, crypto.randomUUID(), pdfBytes())).status).toBe(404);
    expect((await h.upload(seller, 'not-an-id', pdfBytes())).status).toBe(404);
    expect(await stored(ticketId)).toBeUndefined();
    expect((await h.upload(seller, ticketId, pdfBytes())).status).toBe(200);
    expect((await h.request(undefined, 'GET', `/api/tickets/${ticketId}/file`)).status).toBe(401);
    expect((await h.request(other, 'GET', `/api/tickets/${ticketId}/file`)).status).toBe(403);
    const none = await h.listTicket(seller);
    expect((await h.request(seller, 'GET', `/api/tickets/${none}/file`)).status).toBe(404);
  });

  it('the order\'s ticket: the buyer gets it; seller, other user, signed out and a resold old buyer do not', async () => {
    const [seller, buyer, other, second] = await Promise.all([h.newUser(), h.newUser(), h.newUser(), h.newUser()]);
    const ticketId = await h.listTicket(seller);
    const orderId = await h.complete(ticketId, buyer);
    const waiting = await h.request(buyer, 'GET', `/api/orders/${orderId}/ticket`);
    expect(waiting.status).toBe(404);
    expect(waiting.body).toEqual({ errors: [{ message: 'Waiting for the seller to attach the ticket' }] });

    // After the sale, with no file yet, the seller may still attach one; then it is fixed.
    const pdf = pdfBytes(5_000);
    expect((await h.upload(seller, ticketId, pdf)).status).toBe(200);
    expect((await h.upload(seller, ticketId, pdfBytes(10))).status).toBe(409);
    const got = await h.request(buyer, 'GET', `/api/orders/${orderId}/ticket`);
    expect(got.status).toBe(200);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['content-disposition']).toMatch(/^attachment/);
    expect(got.raw.equals(pdf)).toBe(true);
    expect((await h.request(seller, 'GET', `/api/orders/${orderId}/ticket`)).status).toBe(403);
    expect((await h.request(other, 'GET', `/api/orders/${orderId}/ticket`)).status).toBe(403);
    expect((await h.request(undefined, 'GET', `/api/orders/${orderId}/ticket`)).status).toBe(401);
    expect((await h.request(buyer, 'GET', `/api/orders/${crypto.randomUUID()}/ticket`)).status).toBe(403);

    // The buyer resells: while listed they still hold it; as its seller they read the file but cannot swap it.
    await h.resell(ticketId, buyer);
    expect((await h.request(buyer, 'GET', `/api/orders/${orderId}/ticket`)).status).toBe(200);
    expect((await h.request(buyer, 'GET', `/api/tickets/${ticketId}/file`)).raw.equals(pdf)).toBe(true);
    expect((await h.request(seller, 'GET', `/api/tickets/${ticketId}/file`)).status).toBe(403);
    expect((await h.upload(buyer, ticketId, pdfBytes(10))).status).toBe(409);
    const resold = await h.complete(ticketId, second);
    const refused = await h.request(buyer, 'GET', `/api/orders/${orderId}/ticket`);
    expect(refused.status).toBe(403);
    expect(refused.body.errors[0].message).toMatch(/resold/);
    expect((await h.request(second, 'GET', `/api/orders/${resold}/ticket`)).raw.equals(pdf)).toBe(true);
  });

  it('a refunded order\'s buyer no longer gets the ticket', async () => {
    const [seller, buyer] = await Promise.all([h.newUser(), h.newUser()]);
    const ticketId = await h.listTicket(seller);
    expect((await h.upload(seller, ticketId, pdfBytes())).status).toBe(200);
    const orderId = await h.complete(ticketId, buyer);
    await h.refund(orderId, ticketId);
    const refused = await h.request(buyer, 'GET', `/api/orders/${orderId}/ticket`);
    expect(refused.status).toBe(403);
    expect(refused.body.errors[0].message).toMatch(/refunded/);
  });
});
