// The door scanner's CLI against a real delivery service over HTTP: valid, revoked after a resale,
// forged, and a gateway that cannot be read.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDelivery, type DeliveryHarness } from '../../../services/delivery/test/support/delivery-harness';
import { freePort } from '../../launcher/src/free-port';
import { main } from '../src/cli';
import { verifyAt } from '../src/verify';

describe('npm run pass -- verify', () => {
  let h: DeliveryHarness;
  let url: string;
  beforeAll(async () => {
    h = await startDelivery();
    const port = await freePort();
    await h.service.http.listen({ port, host: '127.0.0.1' });
    url = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => { await h.close(); });

  it('says valid, then revoked (resold) once the ticket sold again, and forged for anything else', async () => {
    const [seller, buyer, second] = await Promise.all([h.newUser(), h.newUser(), h.newUser()]);
    const ticketId = await h.listTicket(seller);
    const orderId = await h.complete(ticketId, buyer);
    const { token } = (await h.request(buyer, 'GET', `/api/orders/${orderId}/pass`)).body as { token: string };
    expect((await verifyAt(url, token)).verdict).toEqual({ status: 'valid', ticketId, generation: 0 });

    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await main(['verify', token, '--url', url])).toBe(0);
      expect(JSON.parse(String(out.mock.calls.at(-1)?.[0]))).toMatchObject({ status: 'valid' });
      await h.resell(ticketId, buyer);
      await h.complete(ticketId, second);
      expect(await main(['verify', token, '--url', url])).toBe(1);
      expect(JSON.parse(String(out.mock.calls.at(-1)?.[0]))).toMatchObject({ status: 'revoked', reason: 'resold' });
      expect(await main(['verify', 'garbage', '--url', url])).toBe(1);
      expect(JSON.parse(String(out.mock.calls.at(-1)?.[0]))).toEqual({ status: 'forged' });
    } finally {
      out.mockRestore();
    }
  });

  it('usage errors and an unreachable gateway exit 2', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await main([])).toBe(2);
      expect(await main(['verify'])).toBe(2);
      expect(await main(['verify', 'token', '--url', `http://127.0.0.1:${await freePort()}`])).toBe(2);
    } finally {
      err.mockRestore();
    }
  });
});
