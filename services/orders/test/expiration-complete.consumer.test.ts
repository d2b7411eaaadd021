import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrder, startOrders, type OrdersHarness } from './support/orders-harness';

describe('expiration:complete → orders', () => {
  let harness: OrdersHarness;
  beforeAll(async () => { harness = await startOrders({ bus: 'rabbitmq' }); });
  afterAll(() => harness.close());

  const show = async (id: string, cookie: string) => (await harness.service.http.inject({ url: `/api/orders/${id}`, headers: { cookie } })).json();

  it('a created order is cancelled (version + 1) and order:cancelled is published', async () => {
    const buyer = await harness.sessions.newUser();
    const ticket = await harness.seedTicket();
    const order = await createOrder(harness, ticket.id, buyer.cookie);
    await harness.publish('expiration:complete', { orderId: order.id });
    const event = await harness.waitForEvent('order:cancelled', (data) => data.id === order.id);
    expect(event.data).toEqual({ id: order.id, version: 1, ticket: { id: ticket.id } });
    expect(await show(order.id, buyer.cookie)).toMatchObject({ status: 'cancelled', version: 1 });
  });

  it('a complete order stays complete and nothing is published', async () => {
    const buyer = await harness.sessions.newUser();
    const order = await createOrder(harness, (await harness.seedTicket()).id, buyer.cookie);
    const payment = await harness.publish('payment:created', { id: crypto.randomUUID(), orderId: order.id, stripeId: 'pi_1' });
    await harness.waitHandled(payment.id);
    const expiry = await harness.publish('expiration:complete', { orderId: order.id });
    await harness.waitHandled(expiry.id);
    expect(await show(order.id, buyer.cookie)).toMatchObject({ status: 'complete', version: 1 });
    expect(harness.eventsAbout('order:cancelled', order.id)).toHaveLength(0);
  });

  it('an already cancelled order is left alone (no second order:cancelled)', async () => {
    const buyer = await harness.sessions.newUser();
    const order = await createOrder(harness, (await harness.seedTicket()).id, buyer.cookie);
    await harness.service.http.inject({ method: 'DELETE', url: `/api/orders/${order.id}`, headers: { cookie: buyer.cookie } });
    await harness.waitForEvent('order:cancelled', (data) => data.id === order.id);
    const expiry = await harness.publish('expiration:complete', { orderId: order.id });
    await harness.waitHandled(expiry.id);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await show(order.id, buyer.cookie)).toMatchObject({ status: 'cancelled', version: 1 });
    expect(harness.eventsAbout('order:cancelled', order.id)).toHaveLength(1);
  });

  it('an unknown order is acknowledged without effect', async () => {
    const expiry = await harness.publish('expiration:complete', { orderId: crypto.randomUUID() });
    await harness.waitHandled(expiry.id);
  });
});
