// Embedded mode runs the same SQL on PGlite: bytea round trips of the encrypted file, the pass's
// issue and revocation, the atomic first scan, and the replicas' version rule.
import { waitFor } from '@ticketing/common/testing/index';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateFileKey } from '../src/keys/file-keys';
import { newFileKeys, pdfBytes, startDelivery, type DeliveryHarness } from './support/delivery-harness';

describe('delivery on PGlite', () => {
  let h: DeliveryHarness;
  beforeAll(async () => { h = await startDelivery({ db: 'pglite' }); });
  afterAll(async () => { await h.close(); });

  it('upload, encrypted row, buyer download, pass, resale revocation, one check-in out of concurrent scans', async () => {
    const [organiser, seller, buyer, second] = await Promise.all([h.newUser(), h.newUser(), h.newUser(), h.newUser()]);
    const eventId = await h.createEvent(organiser);
    const ticketId = await h.listTicket(seller, { eventId });
    const pdf = pdfBytes(50_000);
    expect((await h.upload(seller, ticketId, pdf)).status).toBe(200);
    expect((await h.upload(seller, ticketId, Buffer.from('GIF89a'), 'application/pdf')).status).toBe(415);
    const [row] = await h.database.db.query<{ ciphertext: Uint8Array }>('SELECT ciphertext FROM ticket_files WHERE ticket_id = $1', [ticketId]);
    expect(Buffer.from(row.ciphertext).equals(pdf)).toBe(false);

    const orderId = await h.complete(ticketId, buyer);
    const got = await h.request(buyer, 'GET', `/api/orders/${orderId}/ticket`);
    expect(got.raw.equals(pdf)).toBe(true);
    const pass = (await h.request(buyer, 'GET', `/api/orders/${orderId}/pass`)).body;
    expect(pass).toMatchObject({ status: 'valid', generation: 0, ticketId, eventId });
    expect((await h.request(buyer, 'GET', `/api/orders/${orderId}/pass/pdf`)).raw.subarray(0, 5).toString()).toBe('%PDF-');

    await h.resell(ticketId, buyer);
    const secondOrder = await h.complete(ticketId, second);
    const newer = (await h.request(second, 'GET', `/api/orders/${secondOrder}/pass`)).body;
    expect(newer).toMatchObject({ status: 'valid', generation: 1 });
    expect((await h.request(undefined, 'POST', '/api/checkin/verify', { token: pass.token, checkIn: false })).body)
      .toMatchObject({ status: 'revoked', reason: 'resold' });
    expect((await h.request(buyer, 'GET', `/api/orders/${orderId}/ticket`)).status).toBe(403);

    const scans = await Promise.all(Array.from({ length: 5 }, () => h.request(organiser, 'POST', '/api/checkin/verify', { token: newer.token, checkIn: true })));
    expect(scans.filter((scan) => scan.body.status === 'valid')).toHaveLength(1);
    expect(scans.filter((scan) => scan.body.reason === 'checked-in')).toHaveLength(4);
  });

  it('a ticket:updated ahead of its version waits until the one before arrives', async () => {
    const [seller, reseller] = await Promise.all([h.newUser(), h.newUser()]);
    const ticketId = await h.listTicket(seller);
    const base = { id: ticketId, title: 'Seat', price: 10 };
    const ahead = await h.publish('ticket:updated', { ...base, version: 2, userId: reseller.id, generation: 1 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await h.database.db.query('SELECT 1 FROM inbox WHERE event_id = $1', [ahead.id])).length).toBe(0);
    await h.feed('ticket:updated', { ...base, version: 1, userId: seller.id, orderId: crypto.randomUUID() });
    await h.handled(ahead);
    const [row] = await h.database.db.query<{ seller_id: string; generation: number; version: number }>(
      'SELECT seller_id, generation, version FROM tickets WHERE id = $1', [ticketId]);
    expect(row).toEqual({ seller_id: reseller.id, generation: 1, version: 2 });
  });

  it('rotation on PGlite: re-encrypted under the new key, still the same bytes', async () => {
    const seller = await h.newUser();
    const ticketId = await h.listTicket(seller);
    const pdf = pdfBytes(4_000);
    expect((await h.upload(seller, ticketId, pdf)).status).toBe(200);
    await h.restart({ files: await newFileKeys(generateFileKey('rotated'), h.keys.files.current) });
    await waitFor(async () => (await h.database.db.query<{ key_id: string }>('SELECT key_id FROM ticket_files WHERE ticket_id = $1', [ticketId]))[0].key_id === 'rotated',
      { what: 'the file re-encrypted' });
    expect((await h.request(seller, 'GET', `/api/tickets/${ticketId}/file`)).raw.equals(pdf)).toBe(true);
  });
});
