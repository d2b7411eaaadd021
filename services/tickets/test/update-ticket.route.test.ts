import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTicket, startTickets, type TicketsHarness } from './support/tickets-harness';

describe('PUT /api/tickets/:id', () => {
  let harness: TicketsHarness;
  beforeAll(async () => { harness = await startTickets({ bus: 'memory' }); });
  afterAll(() => harness.close());

  const put = (id: string, payload: unknown, cookie?: string) =>
    harness.service.http.inject({ method: 'PUT', url: `/api/tickets/${id}`, headers: cookie ? { cookie } : {}, payload: payload as object });
  const reserve = (id: string) =>
    harness.database.db.query('UPDATE tickets SET order_id = $1, version = version + 1 WHERE id = $2', [crypto.randomUUID(), id]);

  it('the owner edits: 200, version + 1, ticket:updated published', async () => {
    const seller = await harness.sessions.newUser();
    const ticket = await createTicket(harness, seller.cookie);
    const response = await put(ticket.id, { title: ' New title ', price: '99.5' }, seller.cookie);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ id: ticket.id, title: 'New title', price: 99.5, userId: seller.id, version: 1, reserved: false });
    const event = await harness.waitForEvent('ticket:updated', (data) => data.id === ticket.id);
    expect(event.data).toEqual({ id: ticket.id, version: 1, title: 'New title', price: 99.5, userId: seller.id });
    const second = await put(ticket.id, { title: 'Again', price: 1 }, seller.cookie);
    expect(second.json().version).toBe(2);
  });

  it.each([0.1, 1_000_000])('an unchargeable price (%d) is refused: 400, the ticket unchanged', async (price) => {
    const seller = await harness.sessions.newUser();
    const ticket = await createTicket(harness, seller.cookie, { title: 'Fine', price: 20 });
    const response = await put(ticket.id, { title: 'Fine', price }, seller.cookie);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0]).toMatchObject({ field: 'price' });
    expect((await harness.service.http.inject({ method: 'GET', url: `/api/tickets/${ticket.id}` })).json()).toMatchObject({ price: 20, version: 0 });
  });

  it('signed out: 401 even with a bad body and an unknown id', async () => {
    const response = await put(crypto.randomUUID(), { title: '' });
    expect(response.statusCode).toBe(401);
  });

  it('validation comes before 404', async () => {
    const user = await harness.sessions.newUser();
    const response = await put(crypto.randomUUID(), { title: 'x', price: 0 }, user.cookie);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('price');
  });

  it('another user gets 400 on a bad body before 403', async () => {
    const seller = await harness.sessions.newUser();
    const other = await harness.sessions.newUser();
    const ticket = await createTicket(harness, seller.cookie);
    const response = await put(ticket.id, { title: 'x'.repeat(201), price: 5 }, other.cookie);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('title');
  });

  it('unknown and malformed ids are 404', async () => {
    const user = await harness.sessions.newUser();
    expect((await put(crypto.randomUUID(), { title: 'x', price: 5 }, user.cookie)).statusCode).toBe(404);
    expect((await put('nope', { title: 'x', price: 5 }, user.cookie)).statusCode).toBe(404);
  });

  it('a reserved ticket cannot be edited: 400, even by its owner', async () => {
    const seller = await harness.sessions.newUser();
    const ticket = await createTicket(harness, seller.cookie);
    await reserve(ticket.id);
    const response = await put(ticket.id, { title: 'x', price: 5 }, seller.cookie);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ errors: [{ message: 'Cannot edit a reserved ticket' }] });
  });

  it('"reserved" is reported before "not the owner" (api.md order)', async () => {
    const seller = await harness.sessions.newUser();
    const other = await harness.sessions.newUser();
    const ticket = await createTicket(harness, seller.cookie);
    await reserve(ticket.id);
    const response = await put(ticket.id, { title: 'x', price: 5 }, other.cookie);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].message).toBe('Cannot edit a reserved ticket');
  });

  it('another user: 403 and the ticket is unchanged', async () => {
    const seller = await harness.sessions.newUser();
    const other = await harness.sessions.newUser();
    const ticket = await createTicket(harness, seller.cookie, { title: 'Mine', price: 20 });
    const response = await put(ticket.id, { title: 'Stolen', price: 1 }, other.cookie);
    expect(response.statusCode).toBe(403);
    expect(response.json().errors).toHaveLength(1);
    const after = await harness.service.http.inject({ url: `/api/tickets/${ticket.id}` });
    expect(after.json()).toMatchObject({ title: 'Mine', price: 20, version: 0 });
  });
});
