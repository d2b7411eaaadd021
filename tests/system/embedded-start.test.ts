import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@ticketing/common/testing/index';
import { client, startStack, type StackProcess } from '../support/stack-process';

// A newcomer's first run: `npm start` with a fresh data directory on a free port, then the API
// through the gateway; Ctrl-C stops it cleanly and a second start finds the same data.
describe('npm start (embedded mode)', () => {
  let stack: StackProcess;
  const email = `newcomer-${Date.now()}@example.com`;
  beforeAll(async () => { stack = await startStack({ env: { ORDER_EXPIRATION_SECONDS: '4' } }); }, 300_000);
  afterAll(async () => { await stack?.stop(); stack?.cleanup(); });

  it('signs up through the gateway and reads the current user', async () => {
    const user = client(stack.url);
    const signup = await user('POST', '/api/users/signup', { email, password: 'correct horse' });
    expect(signup.status).toBe(201);
    expect(signup.headers.get('set-cookie')).toMatch(/^session=.*HttpOnly/i);
    const me = await user('GET', '/api/users/currentuser');
    expect(me.body.currentUser).toMatchObject({ id: signup.body.id, email });
  });

  it('serves the web client and answers unknown API routes with the error body', async () => {
    const page = await fetch(`${stack.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Ticketing');
    const unknown = await fetch(`${stack.url}/api/nothing`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ errors: [{ message: 'Not found' }] });
  });

  it('an unpaid order expires and its ticket goes back on sale; a paid one completes (ORDER_EXPIRATION_SECONDS=4)', async () => {
    const seller = client(stack.url);
    const buyer = client(stack.url);
    await seller('POST', '/api/users/signup', { email: `s-${email}`, password: 'pass1234' });
    await buyer('POST', '/api/users/signup', { email: `b-${email}`, password: 'pass1234' });
    const ticket = (await seller('POST', '/api/tickets', { title: 'Embedded show', price: 12.5 })).body;
    const order = await waitFor(async () => {
      const res = await buyer('POST', '/api/orders', { ticketId: ticket.id });
      return res.status === 201 ? res.body : undefined;
    }, { what: 'order accepted' });
    await waitFor(async () => (await seller('GET', `/api/tickets/${ticket.id}`)).body.orderId === order.id, { what: 'ticket reserved' });
    await waitFor(async () => (await buyer('GET', `/api/orders/${order.id}`)).body.status === 'cancelled', { timeoutMs: 15_000, what: 'order expired' });
    await waitFor(async () => (await seller('GET', '/api/tickets')).body.some((listed: { id: string }) => listed.id === ticket.id), { what: 'ticket back on sale' });

    const second = (await buyer('POST', '/api/orders', { ticketId: ticket.id })).body;
    const declined = await buyer('POST', '/api/payments', { orderId: second.id, token: 'tok_chargeDeclined' });
    expect(declined.status).toBe(402);
    expect(declined.body.errors[0].message).toBe('Your card was declined.');
    const paid = await buyer('POST', '/api/payments', { orderId: second.id, token: 'tok_visa' });
    expect(paid.status).toBe(201);
    expect(paid.body.amount).toBe(1250);
    await waitFor(async () => (await buyer('GET', `/api/orders/${second.id}`)).body.status === 'complete', { what: 'order complete' });
    // A late expiration leaves a paid order complete.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    expect((await buyer('GET', `/api/orders/${second.id}`)).body.status).toBe('complete');
  });

  it('generates delivery\'s file key and pass key into the data directory, owner-only, and publishes the pass key', async () => {
    for (const file of ['delivery-file-key.json', 'delivery-pass-key.json']) {
      expect(lstatSync(join(stack.dataDir, file)).mode & 0o777, file).toBe(0o600);
    }
    const jwks = await fetch(`${stack.url}/api/checkin/jwks.json`);
    expect(jwks.status).toBe(200);
    expect((await jwks.json()).keys).toEqual([expect.objectContaining({ kty: 'OKP', crv: 'Ed25519' })]);
  });

  it('stops on Ctrl-C without losing events in flight and keeps the data for the next start', async () => {
    const passKey = await (await fetch(`${stack.url}/api/checkin/jwks.json`)).json();
    const seller = client(stack.url);
    const buyer = client(stack.url);
    await seller('POST', '/api/users/signup', { email: `s2-${email}`, password: 'pass1234' });
    await buyer('POST', '/api/users/signup', { email: `b2-${email}`, password: 'pass1234' });
    const ticket = (await seller('POST', '/api/tickets', { title: 'Last-second show', price: 5 })).body;
    const order = await waitFor(async () => {
      const res = await buyer('POST', '/api/orders', { ticketId: ticket.id });
      return res.status === 201 ? res.body : undefined;
    }, { what: 'order accepted' });
    // Ctrl-C right after the order: its order:created must still reach tickets.
    await stack.stop();
    expect(stack.output()).toMatch(/stopped/);
    expect(stack.output()).not.toMatch(/FATAL|ERROR/);
    stack = await startStack({ dataDir: stack.dataDir });
    const user = client(stack.url);
    const signin = await user('POST', '/api/users/signin', { email, password: 'correct horse' });
    expect(signin.status).toBe(200);
    // The 4 s window has passed: the order expired (expiration saw order:created) and the ticket was
    // reserved then released (tickets saw order:created and order:cancelled): versions 1 and 2.
    const buyerAgain = client(stack.url);
    await buyerAgain('POST', '/api/users/signin', { email: `b2-${email}`, password: 'pass1234' });
    await waitFor(async () => (await buyerAgain('GET', `/api/orders/${order.id}`)).body.status === 'cancelled', { timeoutMs: 15_000, what: 'order expired after restart' });
    await waitFor(async () => (await user('GET', `/api/tickets/${ticket.id}`)).body.version === 2, { what: 'ticket reserved and released' });
    // Passes signed before the restart still verify: the same key.
    expect(await (await fetch(`${stack.url}/api/checkin/jwks.json`)).json()).toEqual(passKey);
  });

});

// A crash is not a Ctrl-C: the bus journal and the outboxes must bring back whatever was in flight.
describe('npm start (embedded mode) after a crash', () => {
  let stack: StackProcess;
  const email = `crash-${Date.now()}@example.com`;
  // One buyer holds all 100 orders at once: above the default cap of unpaid orders per user.
  const env = { MAX_ACTIVE_ORDERS_PER_USER: '1000' };
  beforeAll(async () => { stack = await startStack({ env }); }, 300_000);
  afterAll(async () => { await stack?.stop(); stack?.cleanup(); });

  it('loses no event when the process is killed (kill -9) in the middle of a burst of orders', async () => {
    const seller = client(stack.url);
    const buyer = client(stack.url);
    await seller('POST', '/api/users/signup', { email: `s3-${email}`, password: 'pass1234' });
    await buyer('POST', '/api/users/signup', { email: `b3-${email}`, password: 'pass1234' });
    const tickets = await Promise.all(Array.from({ length: 100 }, async (_, index) =>
      (await seller('POST', '/api/tickets', { title: `Crash show ${index}`, price: 7 })).body as { id: string }));
    // All at once, so that many order:created events are still being handled when the process dies.
    const orders = await Promise.all(tickets.map((ticket) => waitFor(async () => {
      const res = await buyer('POST', '/api/orders', { ticketId: ticket.id });
      return res.status === 201 ? res.body as { id: string } : undefined;
    }, { what: `an order for ${ticket.id}`, intervalMs: 5 })));
    // A crash with order:created events in outboxes, on the bus and in handlers: nothing is drained.
    await stack.kill();
    stack = await startStack({ dataDir: stack.dataDir, env });

    const sellerAgain = client(stack.url);
    const buyerAgain = client(stack.url);
    await sellerAgain('POST', '/api/users/signin', { email: `s3-${email}`, password: 'pass1234' });
    await buyerAgain('POST', '/api/users/signin', { email: `b3-${email}`, password: 'pass1234' });
    // Every order reaches tickets (the ticket shows it reserved), payments (the order can be paid)
    // and, through payment:created, orders again (the order completes).
    for (const [index, ticket] of tickets.entries()) {
      await waitFor(async () => {
        const body = (await sellerAgain('GET', `/api/tickets/${ticket.id}`)).body;
        return body.orderId === orders[index].id || body.reserved === true;
      }, { what: `ticket ${index} reserved` });
    }
    for (const order of orders) {
      await waitFor(async () => (await buyerAgain('POST', '/api/payments', { orderId: order.id, token: 'tok_visa' })).status === 201, { what: `order ${order.id} paid` });
      await waitFor(async () => (await buyerAgain('GET', `/api/orders/${order.id}`)).body.status === 'complete', { what: `order ${order.id} complete` });
    }
  });
});
