import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrder, startOrders, type OrdersHarness } from './support/orders-harness';

describe('payment:created → orders', () => {
  let harness: OrdersHarness;
  beforeAll(async () => { harness = await startOrders({ bus: 'rabbitmq' }); });
  afterAll(() => harness.close());

  const show = async (id: string, cookie: string) => (await harness.service.http.inject({ url: `/api/orders/${id}`, headers: { cookie } })).json();
  const pay = (orderId: string) => harness.publish('payment:created', { id: crypto.randomUUID(), orderId, stripeId: 'pi_test' });

  it('a created order becomes complete with version + 1', async () => {
    const buyer = await harness.sessions.newUser();
    const order = await createOrder(harness, (await harness.seedTicket()).id, buyer.cookie);
    await harness.waitHandled((await pay(order.id)).id);
    expect(await show(order.id, buyer.cookie)).toMatchObject({ status: 'complete', version: 1 });
  });

  it('a second payment event leaves a complete order as it is', async () => {
    const buyer = await harness.sessions.newUser();
    const order = await createOrder(harness, (await harness.seedTicket()).id, buyer.cookie);
    await harness.waitHandled((await pay(order.id)).id);
    await harness.waitHandled((await pay(order.id)).id);
    expect(await show(order.id, buyer.cookie)).toMatchObject({ status: 'complete', version: 1 });
  });

  it('a cancelled order stays cancelled (payments refunds it)', async () => {
    const buyer = await harness.sessions.newUser();
    const order = await createOrder(harness, (await harness.seedTicket()).id, buyer.cookie);
    await harness.service.http.inject({ method: 'DELETE', url: `/api/orders/${order.id}`, headers: { cookie: buyer.cookie } });
    await harness.waitHandled((await pay(order.id)).id);
    expect(await show(order.id, buyer.cookie)).toMatchObject({ status: 'cancelled', version: 1 });
  });

  it('a completed order keeps its ticket: another buyer gets 400', async () => {
    const buyer = await harness.sessions.newUser();
    const other = await harness.sessions.newUser();
    const ticket = await harness.seedTicket();
    const order = await createOrder(harness, ticket.id, buyer.cookie);
    await harness.waitHandled((await pay(order.id)).id);
    const response = await harness.service.http.inject({ method: 'POST', url: '/api/orders', headers: { cookie: other.cookie }, payload: { ticketId: ticket.id } });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].message).toBe('Ticket is already reserved');
  });
});
