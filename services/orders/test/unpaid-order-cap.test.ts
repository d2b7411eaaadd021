import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrder, postOrder, startOrders, type OrdersHarness } from './support/orders-harness';

const cap = 3;
const capMessage = { errors: [{ message: 'You cannot hold more than 3 unpaid orders at once: pay for or cancel one first' }] };

describe('the cap on unpaid orders per user (MAX_ACTIVE_ORDERS_PER_USER)', () => {
  let harness: OrdersHarness;
  beforeAll(async () => { harness = await startOrders({ bus: 'memory', maxActiveOrders: cap }); });
  afterAll(() => harness.close());

  const unpaidOrdersOf = async (userId: string) => (await harness.database.db.query<{ count: number }>(
    "SELECT count(*)::int AS count FROM orders WHERE user_id = $1 AND status IN ('created', 'awaiting:payment')", [userId]))[0].count;

  it('one order over the cap is 400 with the error body; cancelling one makes room again', async () => {
    const buyer = await harness.sessions.newUser();
    const orders = [];
    for (let index = 0; index < cap; index += 1) orders.push(await createOrder(harness, (await harness.seedTicket()).id, buyer.cookie));
    const refused = await postOrder(harness, (await harness.seedTicket()).id, buyer.cookie);
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toEqual(capMessage);
    // Another buyer is not affected.
    expect((await postOrder(harness, (await harness.seedTicket()).id, (await harness.sessions.newUser()).cookie)).statusCode).toBe(201);
    const cancelled = await harness.service.http.inject({ method: 'DELETE', url: `/api/orders/${orders[0].id}`, headers: { cookie: buyer.cookie } });
    expect(cancelled.statusCode).toBe(204);
    expect((await postOrder(harness, (await harness.seedTicket()).id, buyer.cookie)).statusCode).toBe(201);
  });

  it('paid orders do not count: after 3 paid, 3 more unpaid are accepted and the next is refused', async () => {
    const buyer = await harness.sessions.newUser();
    for (let index = 0; index < cap; index += 1) {
      const order = await createOrder(harness, (await harness.seedTicket()).id, buyer.cookie);
      await harness.waitHandled((await harness.publish('payment:created', { id: crypto.randomUUID(), orderId: order.id, stripeId: `pi_${index}` })).id);
    }
    expect(await unpaidOrdersOf(buyer.id)).toBe(0);
    for (let index = 0; index < cap; index += 1) await createOrder(harness, (await harness.seedTicket()).id, buyer.cookie);
    const refused = await postOrder(harness, (await harness.seedTicket()).id, buyer.cookie);
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toEqual(capMessage);
  });

  it('12 concurrent orders by one user for 12 tickets: exactly the cap succeed, every other one is the 400', async () => {
    const buyer = await harness.sessions.newUser();
    const tickets = await Promise.all(Array.from({ length: 12 }, () => harness.seedTicket()));
    const responses = await Promise.all(tickets.map((ticket) => postOrder(harness, ticket.id, buyer.cookie)));
    const created = responses.filter((response) => response.statusCode === 201);
    expect(created).toHaveLength(cap);
    for (const response of responses.filter((candidate) => candidate.statusCode !== 201)) {
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual(capMessage);
    }
    expect(await unpaidOrdersOf(buyer.id)).toBe(cap);
  });
});

describe('the default cap', () => {
  let harness: OrdersHarness;
  beforeAll(async () => { harness = await startOrders({ bus: 'memory' }); });
  afterAll(() => harness.close());

  it('is 10: the 11th unpaid order is refused', async () => {
    const buyer = await harness.sessions.newUser();
    const tickets = await Promise.all(Array.from({ length: 11 }, () => harness.seedTicket()));
    for (const ticket of tickets.slice(0, 10)) await createOrder(harness, ticket.id, buyer.cookie);
    const refused = await postOrder(harness, tickets[10].id, buyer.cookie);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].message).toMatch(/more than 10 unpaid orders/);
  });
});
