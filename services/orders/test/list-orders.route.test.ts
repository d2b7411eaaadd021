import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrder, startOrders, type OrdersHarness } from './support/orders-harness';

describe('GET /api/orders', () => {
  let harness: OrdersHarness;
  beforeAll(async () => { harness = await startOrders({ bus: 'memory' }); });
  afterAll(() => harness.close());

  it("lists the caller's orders oldest first with the ticket embedded, and nobody else's", async () => {
    const buyer = await harness.sessions.newUser();
    const other = await harness.sessions.newUser();
    const tickets = [await harness.seedTicket({ title: 'A', price: 1 }), await harness.seedTicket({ title: 'B', price: 2.5 }), await harness.seedTicket({ title: 'C', price: 3 })];
    const first = await createOrder(harness, tickets[0].id, buyer.cookie);
    await createOrder(harness, tickets[1].id, other.cookie);
    const third = await createOrder(harness, tickets[2].id, buyer.cookie);

    const response = await harness.service.http.inject({ url: '/api/orders', headers: { cookie: buyer.cookie } });
    expect(response.statusCode).toBe(200);
    const orders = response.json();
    expect(orders.map((order: { id: string }) => order.id)).toEqual([first.id, third.id]);
    expect(orders[0]).toEqual(first);
    expect(orders[1].ticket).toEqual({ id: tickets[2].id, title: 'C', price: 3, version: 0 });
  });

  it('a user with no orders gets an empty list', async () => {
    const nobody = await harness.sessions.newUser();
    const response = await harness.service.http.inject({ url: '/api/orders', headers: { cookie: nobody.cookie } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual([]);
  });

  it('signed out: 401', async () => {
    const response = await harness.service.http.inject({ url: '/api/orders' });
    expect(response.statusCode).toBe(401);
    expect(response.json().errors).toHaveLength(1);
  });
});
