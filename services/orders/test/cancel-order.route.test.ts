import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrder, startOrders, type OrdersHarness } from './support/orders-harness';

describe('DELETE /api/orders/:orderId', () => {
  let harness: OrdersHarness;
  beforeAll(async () => { harness = await startOrders({ bus: 'memory' }); });
  afterAll(() => harness.close());

  const cancel = (id: string, cookie?: string) =>
    harness.service.http.inject({ method: 'DELETE', url: `/api/orders/${id}`, headers: cookie ? { cookie } : {} });
  const show = async (id: string, cookie: string) => (await harness.service.http.inject({ url: `/api/orders/${id}`, headers: { cookie } })).json();

  it('the owner cancels: 204, status cancelled, version + 1, order:cancelled published', async () => {
    const buyer = await harness.sessions.newUser();
    const ticket = await harness.seedTicket();
    const order = await createOrder(harness, ticket.id, buyer.cookie);
    const response = await cancel(order.id, buyer.cookie);
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    expect(await show(order.id, buyer.cookie)).toMatchObject({ status: 'cancelled', version: 1 });
    const event = await harness.waitForEvent('order:cancelled', (data) => data.id === order.id);
    expect(event.data).toEqual({ id: order.id, version: 1, ticket: { id: ticket.id } });
  });

  it('cancelling a cancelled order: 204, no second event, version unchanged', async () => {
    const buyer = await harness.sessions.newUser();
    const order = await createOrder(harness, (await harness.seedTicket()).id, buyer.cookie);
    await cancel(order.id, buyer.cookie);
    await harness.waitForEvent('order:cancelled', (data) => data.id === order.id);
    const again = await cancel(order.id, buyer.cookie);
    expect(again.statusCode).toBe(204);
    expect(await show(order.id, buyer.cookie)).toMatchObject({ status: 'cancelled', version: 1 });
    // A later cancel of another order is a marker: once it arrives, any second event would have too.
    const marker = await createOrder(harness, (await harness.seedTicket()).id, buyer.cookie);
    await cancel(marker.id, buyer.cookie);
    await harness.waitForEvent('order:cancelled', (data) => data.id === marker.id);
    expect(harness.eventsAbout('order:cancelled', order.id)).toHaveLength(1);
  });

  it('a completed order cannot be cancelled: 400', async () => {
    const buyer = await harness.sessions.newUser();
    const order = await createOrder(harness, (await harness.seedTicket()).id, buyer.cookie);
    const payment = await harness.publish('payment:created', { id: crypto.randomUUID(), orderId: order.id, stripeId: 'pi_test' });
    await harness.waitHandled(payment.id);
    const response = await cancel(order.id, buyer.cookie);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ errors: [{ message: 'Cannot cancel a completed order' }] });
    expect(await show(order.id, buyer.cookie)).toMatchObject({ status: 'complete' });
  });

  it('signed out: 401', async () => {
    expect((await cancel(crypto.randomUUID())).statusCode).toBe(401);
  });

  it('unknown or malformed id: 404', async () => {
    const buyer = await harness.sessions.newUser();
    expect((await cancel(crypto.randomUUID(), buyer.cookie)).statusCode).toBe(404);
    expect((await cancel('abc', buyer.cookie)).statusCode).toBe(404);
  });

  it("another user's order: 403 and it stays created", async () => {
    const buyer = await harness.sessions.newUser();
    const other = await harness.sessions.newUser();
    const order = await createOrder(harness, (await harness.seedTicket()).id, buyer.cookie);
    const response = await cancel(order.id, other.cookie);
    expect(response.statusCode).toBe(403);
    expect(await show(order.id, buyer.cookie)).toMatchObject({ status: 'created', version: 0 });
  });
});
