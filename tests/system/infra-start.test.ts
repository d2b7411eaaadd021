import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@ticketing/common/testing/index';
import { client, startStack, type StackProcess } from '../support/stack-process';

// `npm run start:infra`: every service its own process on the machine's PostgreSQL, RabbitMQ and
// Redis, the Stripe simulator, the gateway and the web client; a purchase end to end through it.
describe('npm run start:infra', () => {
  let stack: StackProcess;
  beforeAll(async () => { stack = await startStack({ script: 'start:infra', env: { AUTH_RATE_LIMIT_PER_MINUTE: '1000' } }); }, 300_000);
  afterAll(async () => { await stack?.stop(); stack?.cleanup(); });

  it('sells a ticket from one account to another, paid by card', async () => {
    const seller = client(stack.url);
    const buyer = client(stack.url);
    const id = Date.now();
    expect((await seller('POST', '/api/users/signup', { email: `seller-${id}@example.com`, password: 'pass1234' })).status).toBe(201);
    expect((await buyer('POST', '/api/users/signup', { email: `buyer-${id}@example.com`, password: 'pass1234' })).status).toBe(201);
    const ticket = await seller('POST', '/api/tickets', { title: `Infra show ${id}`, price: 25 });
    expect(ticket.status).toBe(201);

    // The orders service learns about the ticket through RabbitMQ.
    const order = await waitFor(async () => {
      const res = await buyer('POST', '/api/orders', { ticketId: ticket.body.id });
      return res.status === 201 ? res.body : undefined;
    }, { timeoutMs: 15_000, what: 'the order to be accepted' });
    const paid = await waitFor(async () => {
      const res = await buyer('POST', '/api/payments', { orderId: order.id, token: 'tok_visa' });
      return res.status === 201 ? res.body : undefined;
    }, { timeoutMs: 15_000, what: 'the payment to be accepted' });
    expect(paid).toMatchObject({ orderId: order.id, amount: 2500, currency: 'usd', status: 'succeeded' });

    await waitFor(async () => (await buyer('GET', `/api/orders/${order.id}`)).body.status === 'complete', { timeoutMs: 15_000, what: 'order complete' });
    const listed = await seller('GET', '/api/tickets?limit=100');
    expect(listed.body.map((listedTicket: { id: string }) => listedTicket.id)).not.toContain(ticket.body.id);
    const page = await fetch(`${stack.url}/`);
    expect(page.status).toBe(200);
  });

  it('runs delivery behind the gateway with development keys generated under the data directory\'s infra/, owner-only', async () => {
    const jwks = await fetch(`${stack.url}/api/checkin/jwks.json`);
    expect(jwks.status).toBe(200);
    expect((await jwks.json()).keys).toEqual([expect.objectContaining({ kty: 'OKP', crv: 'Ed25519' })]);
    for (const file of ['delivery-file-key.json', 'delivery-pass-key.json']) {
      expect(lstatSync(join(stack.dataDir, 'infra', file)).mode & 0o777, file).toBe(0o600);
    }
    // A ticket's file is delivery's, not tickets': signed out, it is refused there (not 404 from tickets).
    const file = await fetch(`${stack.url}/api/tickets/5f0c6f0e-2c1b-4a3e-9a51-0d3b3f6a1c2d/file`, { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: 'BARCODE-1' });
    expect(file.status).toBe(401);
  });
});
