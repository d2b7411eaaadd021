// Issue 17 (docs/ticket-delivery.md): a bought ticket is listed again as its next generation. Orders
// keeps one reserving order per (ticket, generation): the earlier generation's complete order stays
// complete, the new one can be ordered, and order:created / order:completed say which generation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventData } from '@ticketing/common';
import { findReplica } from '../src/db/tickets.repository';
import {
  createOrder, listed, payOrder, postOrder, reserveInReplica, resellInReplica, startOrders, type OrdersHarness,
} from './support/orders-harness';

describe('resale: one order per generation', () => {
  let harness: OrdersHarness;
  beforeAll(async () => { harness = await startOrders({ bus: 'memory' }); });
  afterAll(() => harness.close());

  const show = async (id: string, cookie: string) => (await harness.service.http.inject({ url: `/api/orders/${id}`, headers: { cookie } })).json();
  const created = (orderId: string) => harness.waitForEvent('order:created', (data) => data.id === orderId);
  const completed = (orderId: string) => harness.waitForEvent('order:completed', (data) => data.id === orderId);

  it('sold (gen 0 complete) → resold by its buyer (gen 1) → bought by a second buyer (gen 1 complete) → resold again (gen 2)', async () => {
    const seller = await harness.sessions.newUser();
    const [first, second, third] = [await harness.sessions.newUser(), await harness.sessions.newUser(), await harness.sessions.newUser()];
    const seeded = await harness.seedTicket({ title: 'Opera', price: 50, userId: seller.id });
    let ticket = listed(seeded);

    // Generation 0: the seller's listing, bought and paid by the first buyer.
    const gen0 = await createOrder(harness, ticket.id, first.cookie);
    expect(gen0.ticket).toEqual({ id: ticket.id, title: 'Opera', price: 50, version: 0 });
    expect((await created(gen0.id)).data.ticket).toEqual({ id: ticket.id, price: 50, title: 'Opera', version: 0, generation: 0, sellerId: seller.id });
    ticket = await reserveInReplica(harness, ticket, gen0.id);
    await payOrder(harness, gen0.id);
    expect((await completed(gen0.id)).data).toEqual({ id: gen0.id, version: 1, userId: first.id, ticket: { id: ticket.id, generation: 0 } });
    expect((await postOrder(harness, ticket.id, second.cookie)).json()).toEqual({ errors: [{ message: 'Ticket is already reserved' }] });

    // Generation 1: the first buyer lists it again, at a new price; the second buyer buys it.
    ticket = await resellInReplica(harness, ticket, { holderId: first.id, price: 55 });
    expect(await findReplica(harness.database.db, ticket.id)).toMatchObject({ userId: first.id, priceCents: 5500, generation: 1, version: 2 });
    expect((await postOrder(harness, ticket.id, first.cookie)).json()).toEqual({ errors: [{ message: 'You cannot buy your own ticket' }] });
    const gen1 = await createOrder(harness, ticket.id, second.cookie);
    expect(gen1.ticket).toEqual({ id: ticket.id, title: 'Opera', price: 55, version: 2, generation: 1 });
    expect((await created(gen1.id)).data.ticket).toEqual({ id: ticket.id, price: 55, title: 'Opera', version: 2, generation: 1, sellerId: first.id });
    expect(await show(gen0.id, first.cookie)).toMatchObject({ status: 'complete', version: 1, ticket: { price: 50, version: 0 } });
    expect((await postOrder(harness, ticket.id, third.cookie)).json()).toEqual({ errors: [{ message: 'Ticket is already reserved' }] });
    ticket = await reserveInReplica(harness, ticket, gen1.id);
    await payOrder(harness, gen1.id);
    expect((await completed(gen1.id)).data).toEqual({ id: gen1.id, version: 1, userId: second.id, ticket: { id: ticket.id, generation: 1 } });

    // Generation 2: the second buyer resells it; the original seller may buy it back.
    ticket = await resellInReplica(harness, ticket, { holderId: second.id, price: 52 });
    expect((await postOrder(harness, ticket.id, second.cookie)).statusCode).toBe(400);
    const gen2 = await createOrder(harness, ticket.id, seller.cookie);
    expect(gen2.ticket).toEqual({ id: ticket.id, title: 'Opera', price: 52, version: 4, generation: 2 });
    expect((await created(gen2.id)).data.ticket).toMatchObject({ generation: 2, sellerId: second.id });

    const rows = await harness.database.db.query<{ id: string; status: string; generation: number }>(
      'SELECT id, status, ticket_generation AS generation FROM orders WHERE ticket_id = $1 ORDER BY ticket_generation', [ticket.id]);
    expect(rows).toEqual([
      { id: gen0.id, status: 'complete', generation: 0 },
      { id: gen1.id, status: 'complete', generation: 1 },
      { id: gen2.id, status: 'created', generation: 2 },
    ]);
  });

  it('a resale update reaches the replica: the reseller, the new price, the next generation, the event and withdrawal kept', async () => {
    const eventId = crypto.randomUUID();
    const seeded = await harness.seedTicket({ title: 'Gig', price: 30, eventId });
    const buyer = await harness.sessions.newUser();
    let ticket = listed(seeded);
    const order = await createOrder(harness, ticket.id, buyer.cookie);
    ticket = await reserveInReplica(harness, ticket, order.id);
    await payOrder(harness, order.id);
    // Tickets publishes the listing's fields with it (eventId, faceValue, capPercent, withdrawn).
    const resale: EventData<'ticket:updated'> = {
      id: ticket.id, version: 2, title: 'Gig', price: 33, userId: buyer.id, generation: 1, eventId, faceValue: 30, capPercent: 120, withdrawn: false,
    };
    await harness.waitHandled((await harness.publish('ticket:updated', resale)).id);
    expect(await findReplica(harness.database.db, ticket.id)).toEqual({
      id: ticket.id, title: 'Gig', priceCents: 3300, userId: buyer.id, version: 2, eventId, withdrawn: false, generation: 1,
    });
  });

  it('an update without generation is generation 0 (events published before issue 17)', async () => {
    const seeded = await harness.seedTicket();
    const update = await harness.publish('ticket:updated', { id: seeded.id, version: 1, title: 'Edited', price: 21, userId: seeded.userId });
    await harness.waitHandled(update.id);
    expect(await findReplica(harness.database.db, seeded.id)).toMatchObject({ version: 1, generation: 0 });
  });

  it('a cancelled order of generation 1 frees generation 1 only: the next buyer gets it, generation 0 stays complete', async () => {
    const [first, second, third] = [await harness.sessions.newUser(), await harness.sessions.newUser(), await harness.sessions.newUser()];
    let ticket = listed(await harness.seedTicket());
    const gen0 = await createOrder(harness, ticket.id, first.cookie);
    ticket = await reserveInReplica(harness, ticket, gen0.id);
    await payOrder(harness, gen0.id);
    ticket = await resellInReplica(harness, ticket, { holderId: first.id, price: 25 });
    const gen1 = await createOrder(harness, ticket.id, second.cookie);
    const cancel = await harness.service.http.inject({ method: 'DELETE', url: `/api/orders/${gen1.id}`, headers: { cookie: second.cookie } });
    expect(cancel.statusCode).toBe(204);
    const again = await createOrder(harness, ticket.id, third.cookie);
    expect(again.ticket.generation).toBe(1);
    expect(await show(gen0.id, first.cookie)).toMatchObject({ status: 'complete' });
  });

  it('a second payment of a complete order publishes no second order:completed', async () => {
    const buyer = await harness.sessions.newUser();
    const ticket = await harness.seedTicket();
    const order = await createOrder(harness, ticket.id, buyer.cookie);
    await payOrder(harness, order.id);
    await payOrder(harness, order.id);
    await completed(order.id);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(harness.eventsAbout('order:completed', order.id)).toHaveLength(1);
  });

  it('a cancelled order that is paid publishes no order:completed', async () => {
    const buyer = await harness.sessions.newUser();
    const ticket = await harness.seedTicket();
    const order = await createOrder(harness, ticket.id, buyer.cookie);
    await harness.service.http.inject({ method: 'DELETE', url: `/api/orders/${order.id}`, headers: { cookie: buyer.cookie } });
    await payOrder(harness, order.id);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(harness.eventsAbout('order:completed', order.id)).toHaveLength(0);
  });
});
