import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrder, startOrders, type OrdersHarness } from './support/orders-harness';

// Issue 11 §1: the order keeps the price and title it was created at; the replica may move on.
describe('orders record the terms the buyer was shown', () => {
  let harness: OrdersHarness;
  beforeAll(async () => { harness = await startOrders({ bus: 'rabbitmq' }); });
  afterAll(() => harness.close());

  const get = async (url: string, cookie: string) => (await harness.service.http.inject({ url, headers: { cookie } })).json();

  it('order JSON and order:created carry the price at creation, not the ticket replica\'s later price', async () => {
    const buyer = await harness.sessions.newUser();
    const ticket = await harness.seedTicket({ title: 'Opera', price: 500 });
    const order = await createOrder(harness, ticket.id, buyer.cookie);
    expect(order.ticket).toEqual({ id: ticket.id, title: 'Opera', price: 500, version: 0 });
    const created = await harness.waitForEvent('order:created', (data) => data.id === order.id);
    expect(created.data.ticket).toEqual({ id: ticket.id, price: 500, title: 'Opera', version: 0, generation: 0, sellerId: ticket.userId });

    const edit = await harness.publish('ticket:updated', { id: ticket.id, version: 1, title: 'Cheap opera', price: 10, userId: ticket.userId });
    await harness.waitHandled(edit.id);
    expect((await get(`/api/orders/${order.id}`, buyer.cookie)).ticket).toEqual({ id: ticket.id, title: 'Opera', price: 500, version: 0 });
    const [listed] = await get('/api/orders', buyer.cookie);
    expect(listed.ticket).toEqual({ id: ticket.id, title: 'Opera', price: 500, version: 0 });
  });
});

describe('ticket:reservation-rejected → orders', () => {
  let harness: OrdersHarness;
  beforeAll(async () => { harness = await startOrders({ bus: 'rabbitmq' }); });
  afterAll(() => harness.close());

  const show = async (id: string, cookie: string) => (await harness.service.http.inject({ url: `/api/orders/${id}`, headers: { cookie } })).json();
  const reject = (orderId: string, ticketId: string) => harness.publish('ticket:reservation-rejected', { orderId, ticketId, reason: 'terms-changed' });

  it('a created order is cancelled and order:cancelled published; the ticket can be ordered again', async () => {
    const buyer = await harness.sessions.newUser();
    const ticket = await harness.seedTicket();
    const order = await createOrder(harness, ticket.id, buyer.cookie);
    await reject(order.id, ticket.id);
    const event = await harness.waitForEvent('order:cancelled', (data) => data.id === order.id);
    expect(event.data).toEqual({ id: order.id, version: 1, ticket: { id: ticket.id } });
    expect(await show(order.id, buyer.cookie)).toMatchObject({ status: 'cancelled', version: 1 });
    await createOrder(harness, ticket.id, buyer.cookie);
  });

  it('a paid order is cancelled too (the ticket is not the buyer\'s; payments refunds it)', async () => {
    const buyer = await harness.sessions.newUser();
    const ticket = await harness.seedTicket();
    const order = await createOrder(harness, ticket.id, buyer.cookie);
    const payment = await harness.publish('payment:created', { id: crypto.randomUUID(), orderId: order.id, stripeId: 'pi_1' });
    await harness.waitHandled(payment.id);
    await reject(order.id, ticket.id);
    const event = await harness.waitForEvent('order:cancelled', (data) => data.id === order.id);
    expect(event.data.version).toBe(2);
    expect(await show(order.id, buyer.cookie)).toMatchObject({ status: 'cancelled', version: 2 });
  });

  it('an order already cancelled is left alone; an unknown order is acknowledged', async () => {
    const buyer = await harness.sessions.newUser();
    const ticket = await harness.seedTicket();
    const order = await createOrder(harness, ticket.id, buyer.cookie);
    await harness.service.http.inject({ method: 'DELETE', url: `/api/orders/${order.id}`, headers: { cookie: buyer.cookie } });
    await harness.waitForEvent('order:cancelled', (data) => data.id === order.id);
    await harness.waitHandled((await reject(order.id, ticket.id)).id);
    await harness.waitHandled((await reject(crypto.randomUUID(), ticket.id)).id);
    expect(await show(order.id, buyer.cookie)).toMatchObject({ status: 'cancelled', version: 1 });
    expect(harness.eventsAbout('order:cancelled', order.id)).toHaveLength(1);
  });
});
