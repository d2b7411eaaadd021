import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTickets, type TicketsHarness } from './support/tickets-harness';

describe('POST /api/tickets', () => {
  let harness: TicketsHarness;
  beforeAll(async () => { harness = await startTickets({ bus: 'memory' }); });
  afterAll(() => harness.close());

  const post = async (payload: unknown, cookie?: string) =>
    harness.service.http.inject({ method: 'POST', url: '/api/tickets', headers: cookie ? { cookie } : {}, payload: payload as object });

  it('a signed-in seller lists a ticket: 201, version 0, no orderId, ticket:created published', async () => {
    const seller = await harness.sessions.newUser();
    const response = await post({ title: '  Concert  ', price: 20.5 }, seller.cookie);
    expect(response.statusCode).toBe(201);
    const ticket = response.json();
    expect(ticket).toEqual({ id: expect.any(String), title: 'Concert', price: 20.5, userId: seller.id, version: 0, reserved: false });
    const event = await harness.waitForEvent('ticket:created', (data) => data.id === ticket.id);
    expect(event.data).toEqual({ id: ticket.id, version: 0, title: 'Concert', price: 20.5, userId: seller.id });
  });

  it('a numeric string price is accepted and returned as a number', async () => {
    const seller = await harness.sessions.newUser();
    const response = await post({ title: 'Play', price: '10' }, seller.cookie);
    expect(response.statusCode).toBe(201);
    expect(response.json().price).toBe(10);
    const cents = await harness.database.db.query<{ price_cents: number }>('SELECT price_cents FROM tickets WHERE id = $1', [response.json().id]);
    expect(cents[0].price_cents).toBe(1000);
  });

  it('prices keep their cents exactly (19.99 → 1999 minor units)', async () => {
    const seller = await harness.sessions.newUser();
    const response = await post({ title: 'Cents', price: 19.99 }, seller.cookie);
    expect(response.json().price).toBe(19.99);
    const cents = await harness.database.db.query<{ price_cents: number }>('SELECT price_cents FROM tickets WHERE id = $1', [response.json().id]);
    expect(cents[0].price_cents).toBe(1999);
  });

  it('the chargeable bounds 0.50 and 999,999.99 are accepted', async () => {
    const seller = await harness.sessions.newUser();
    expect((await post({ title: 'Min', price: 0.5 }, seller.cookie)).statusCode).toBe(201);
    expect((await post({ title: 'Max', price: 999_999.99 }, seller.cookie)).statusCode).toBe(201);
  });

  // Issue 11 §3: Stripe charges at least 0.50 USD and at most 999,999.99 at once.
  it.each([0.1, 0.49, 1_000_000])('a price a card cannot be charged (%d): 400 on price with a clear message', async (price) => {
    const seller = await harness.sessions.newUser();
    const response = await post({ title: 'Unchargeable', price }, seller.cookie);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([{ field: 'price', message: expect.stringMatching(/^Price must be at (least 0\.50|most 999,999\.99)/) }]);
  });

  it('signed out: 401 with the error body', async () => {
    const response = await post({ title: 'Concert', price: 20 });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ errors: [{ message: 'Not authorized' }] });
  });

  it('a forged cookie is signed out: 401', async () => {
    const response = await post({ title: 'Concert', price: 20 }, 'session=not.a.jwt');
    expect(response.statusCode).toBe(401);
  });

  it.each([
    [{ title: 'x', price: 0 }, 'price'],
    [{ title: 'x', price: -5 }, 'price'],
    [{ title: 'x', price: 1_000_000.01 }, 'price'],
    [{ title: 'x', price: 10.123 }, 'price'],
    [{ title: 'x', price: 'ten' }, 'price'],
    [{ title: 'x', price: '' }, 'price'],
    [{ title: 'x', price: null }, 'price'],
    [{ title: 'x', price: true }, 'price'],
    [{ title: 'x' }, 'price'],
    [{ title: '   ', price: 10 }, 'title'],
    [{ title: '', price: 10 }, 'title'],
    [{ title: 'x'.repeat(201), price: 10 }, 'title'],
    [{ title: 42, price: 10 }, 'title'],
    [{ price: 10 }, 'title'],
  ])('invalid body %j → 400 naming %s', async (payload, field) => {
    const seller = await harness.sessions.newUser();
    const response = await post(payload, seller.cookie);
    expect(response.statusCode).toBe(400);
    const errors = response.json().errors as Array<{ message: string; field?: string }>;
    expect(errors.map((error) => error.field)).toContain(field);
    for (const error of errors) expect(error.message).toEqual(expect.any(String));
  });

  it('a title of exactly 200 characters is accepted', async () => {
    const seller = await harness.sessions.newUser();
    expect((await post({ title: 'y'.repeat(200), price: 1 }, seller.cookie)).statusCode).toBe(201);
  });

  it('both fields wrong → one error per field', async () => {
    const seller = await harness.sessions.newUser();
    const response = await post({ title: '', price: -1 }, seller.cookie);
    const fields = response.json().errors.map((error: { field: string }) => error.field).sort();
    expect(fields).toEqual(['price', 'title']);
  });

  it('the OpenAPI document is still served with the money schema', async () => {
    const response = await harness.service.http.inject({ url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    expect(response.json().paths['/api/tickets']).toBeDefined();
  });
});
