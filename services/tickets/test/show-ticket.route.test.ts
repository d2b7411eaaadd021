import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTicket, startTickets, type TicketsHarness } from './support/tickets-harness';

describe('GET /api/tickets/:id', () => {
  let harness: TicketsHarness;
  beforeAll(async () => { harness = await startTickets({ bus: 'memory' }); });
  afterAll(() => harness.close());

  it('shows a ticket to anyone', async () => {
    const seller = await harness.sessions.newUser();
    const ticket = await createTicket(harness, seller.cookie, { title: 'Opera', price: 75.25 });
    const response = await harness.service.http.inject({ url: `/api/tickets/${ticket.id}` });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ id: ticket.id, title: 'Opera', price: 75.25, userId: seller.id, version: 0, reserved: false });
  });

  it('a reserved ticket shows reserved: true to anyone; only its owner also sees the holding orderId', async () => {
    const seller = await harness.sessions.newUser();
    const stranger = await harness.sessions.newUser();
    const ticket = await createTicket(harness, seller.cookie);
    const orderId = crypto.randomUUID();
    await harness.database.db.query('UPDATE tickets SET order_id = $1, version = 1 WHERE id = $2', [orderId, ticket.id]);
    const anonymous = await harness.service.http.inject({ url: `/api/tickets/${ticket.id}` });
    expect(anonymous.json()).toMatchObject({ id: ticket.id, reserved: true, version: 1 });
    expect(anonymous.json()).not.toHaveProperty('orderId');
    expect(anonymous.body).not.toContain(orderId);
    expect(anonymous.headers.vary).toMatch(/cookie/i);
    const other = await harness.service.http.inject({ url: `/api/tickets/${ticket.id}`, headers: { cookie: stranger.cookie } });
    expect(other.body).not.toContain(orderId);
    const owner = await harness.service.http.inject({ url: `/api/tickets/${ticket.id}`, headers: { cookie: seller.cookie } });
    expect(owner.json()).toMatchObject({ id: ticket.id, reserved: true, orderId, version: 1 });
  });

  it('an unknown id is 404 with the error body', async () => {
    const response = await harness.service.http.inject({ url: `/api/tickets/${crypto.randomUUID()}` });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ errors: [{ message: 'Ticket not found' }] });
  });

  it.each(['123', 'not-a-uuid', "'; DROP TABLE tickets; --", '0b7e5a4c6f554a9c9c1e3d1e4c2a9f10'])('a malformed id (%s) is 404', async (id) => {
    const response = await harness.service.http.inject({ url: `/api/tickets/${encodeURIComponent(id)}` });
    expect(response.statusCode).toBe(404);
    expect(response.json().errors).toHaveLength(1);
  });
});
