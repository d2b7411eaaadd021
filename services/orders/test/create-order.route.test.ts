import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrder, postOrder, startOrders, type OrdersHarness } from './support/orders-harness';

describe('POST /api/orders', () => {
  let harness: OrdersHarness;
  beforeAll(async () => { harness = await startOrders({ bus: 'memory', expirationSeconds: 60 }); });
  afterAll(() => harness.close());

  it('a buyer reserves a ticket: 201 created, expiresAt = now + window, order:created published', async () => {
    const ticket = await harness.seedTicket({ title: 'Gig', price: 12.34 });
    const buyer = await harness.sessions.newUser();
    const before = Date.now();
    const response = await postOrder(harness, ticket.id, buyer.cookie);
    expect(response.statusCode).toBe(201);
    const order = response.json();
    expect(order).toEqual({
      id: expect.any(String), userId: buyer.id, status: 'created', expiresAt: expect.any(String), version: 0,
      ticket: { id: ticket.id, title: 'Gig', price: 12.34, version: 0 },
    });
    const expiresAt = Date.parse(order.expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 60_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 60_000);
    const event = await harness.waitForEvent('order:created', (data) => data.id === order.id);
    expect(event.data).toEqual({
      id: order.id, version: 0, status: 'created', userId: buyer.id, expiresAt: order.expiresAt,
      ticket: { id: ticket.id, price: 12.34, title: 'Gig', version: 0, generation: 0, sellerId: ticket.userId },
    });
  });

  it('signed out: 401', async () => {
    const ticket = await harness.seedTicket();
    const response = await postOrder(harness, ticket.id);
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ errors: [{ message: 'Not authorized' }] });
  });

  it.each([undefined, 'abc', 42, '', null])('ticketId %j → 400 naming ticketId', async (ticketId) => {
    const buyer = await harness.sessions.newUser();
    const response = await postOrder(harness, ticketId, buyer.cookie);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('ticketId');
  });

  it('a ticket orders has never heard of: 404', async () => {
    const buyer = await harness.sessions.newUser();
    const response = await postOrder(harness, crypto.randomUUID(), buyer.cookie);
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ errors: [{ message: 'Ticket not found' }] });
  });

  it('a reserved ticket: 400 "Ticket is already reserved", no second event', async () => {
    const ticket = await harness.seedTicket();
    const first = await harness.sessions.newUser();
    const second = await harness.sessions.newUser();
    await createOrder(harness, ticket.id, first.cookie);
    const response = await postOrder(harness, ticket.id, second.cookie);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ errors: [{ message: 'Ticket is already reserved' }] });
    await harness.waitForEvent('order:created', (data) => data.ticket.id === ticket.id);
    expect(harness.published.filter((event) => event.subject === 'order:created' && (event.data as { ticket: { id: string } }).ticket.id === ticket.id)).toHaveLength(1);
  });

  it('a seller cannot buy their own ticket: 400', async () => {
    const seller = await harness.sessions.newUser();
    const ticket = await harness.seedTicket({ userId: seller.id });
    const response = await postOrder(harness, ticket.id, seller.cookie);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ errors: [{ message: 'You cannot buy your own ticket' }] });
  });

  it('after a cancel the ticket can be ordered again', async () => {
    const ticket = await harness.seedTicket();
    const first = await harness.sessions.newUser();
    const second = await harness.sessions.newUser();
    const order = await createOrder(harness, ticket.id, first.cookie);
    const cancel = await harness.service.http.inject({ method: 'DELETE', url: `/api/orders/${order.id}`, headers: { cookie: first.cookie } });
    expect(cancel.statusCode).toBe(204);
    const again = await postOrder(harness, ticket.id, second.cookie);
    expect(again.statusCode).toBe(201);
  });
});
