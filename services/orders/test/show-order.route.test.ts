import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrder, startOrders, type OrdersHarness } from './support/orders-harness';

describe('GET /api/orders/:orderId', () => {
  let harness: OrdersHarness;
  beforeAll(async () => { harness = await startOrders({ bus: 'memory' }); });
  afterAll(() => harness.close());

  const show = (id: string, cookie?: string) => harness.service.http.inject({ url: `/api/orders/${id}`, headers: cookie ? { cookie } : {} });

  it('the owner sees the order', async () => {
    const buyer = await harness.sessions.newUser();
    const order = await createOrder(harness, (await harness.seedTicket()).id, buyer.cookie);
    const response = await show(order.id, buyer.cookie);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(order);
  });

  it('signed out: 401 (before 404)', async () => {
    expect((await show(crypto.randomUUID())).statusCode).toBe(401);
    expect((await show('not-an-id')).statusCode).toBe(401);
  });

  it('unknown or malformed id: 404', async () => {
    const buyer = await harness.sessions.newUser();
    const unknown = await show(crypto.randomUUID(), buyer.cookie);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ errors: [{ message: 'Order not found' }] });
    expect((await show('not-an-id', buyer.cookie)).statusCode).toBe(404);
    expect((await show('1', buyer.cookie)).statusCode).toBe(404);
  });

  it("another user's order: 403 and no data", async () => {
    const buyer = await harness.sessions.newUser();
    const other = await harness.sessions.newUser();
    const order = await createOrder(harness, (await harness.seedTicket()).id, buyer.cookie);
    const response = await show(order.id, other.cookie);
    expect(response.statusCode).toBe(403);
    expect(response.body).not.toContain(order.ticket.id);
  });
});
