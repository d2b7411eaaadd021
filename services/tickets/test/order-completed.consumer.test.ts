// order:completed → the buyer of the order that holds the ticket becomes its holder (issue 17).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@ticketing/common/testing/index';
import { orderCompletedFor, orderCreatedFor, resell, sell, ticketRow } from './support/sales';
import { createTicket, startTickets, type TicketsHarness } from './support/tickets-harness';

describe('order:completed → tickets', () => {
  let harness: TicketsHarness;
  beforeAll(async () => { harness = await startTickets({ bus: 'rabbitmq' }); });
  afterAll(() => harness.close());

  const handled = (eventId: string) =>
    waitFor(async () => (await harness.database.db.query('SELECT 1 FROM inbox WHERE event_id = $1', [eventId])).length === 1, { what: `event ${eventId} handled` });

  it('the buyer of the holding order becomes the holder; no version, no ticket:updated', async () => {
    const seller = await harness.sessions.newUser();
    const buyer = await harness.sessions.newUser();
    const ticket = await createTicket(harness, seller.cookie, { title: 'Gig', price: 30 });
    await sell(harness, ticket, buyer.id);
    expect(await ticketRow(harness, ticket.id)).toMatchObject({ holderId: buyer.id, userId: seller.id, version: 1, generation: 0 });
    expect(harness.updatesOf(ticket.id)).toHaveLength(1);
  });

  it('delivered twice: one holder, nothing else changes', async () => {
    const seller = await harness.sessions.newUser();
    const buyer = await harness.sessions.newUser();
    const ticket = await createTicket(harness, seller.cookie);
    const order = orderCreatedFor(ticket, { buyerId: buyer.id });
    await harness.publish('order:created', order);
    await harness.waitForEvent('ticket:updated', (data) => data.id === ticket.id);
    const completed = await harness.publish('order:completed', orderCompletedFor(order));
    await harness.bus.publish([{ envelope: completed, headers: {} }]);
    await handled(completed.id);
    const again = await harness.publish('order:completed', orderCompletedFor(order));
    await handled(again.id);
    expect(await ticketRow(harness, ticket.id)).toMatchObject({ holderId: buyer.id, orderId: order.id, version: 1 });
    expect(harness.updatesOf(ticket.id)).toHaveLength(1);
  });

  it('arriving before its order:created, it waits, then the buyer holds the ticket', async () => {
    const seller = await harness.sessions.newUser();
    const buyer = await harness.sessions.newUser();
    const ticket = await createTicket(harness, seller.cookie);
    const order = orderCreatedFor(ticket, { buyerId: buyer.id });
    const completed = await harness.publish('order:completed', orderCompletedFor(order));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await ticketRow(harness, ticket.id)).toMatchObject({ holderId: null, orderId: null });
    await harness.publish('order:created', order);
    await handled(completed.id);
    expect(await ticketRow(harness, ticket.id)).toMatchObject({ holderId: buyer.id, orderId: order.id });
    expect(await harness.bus.deadLetters.list()).toEqual([]);
  });

  it('an order of a generation resold since is ignored: the new listing has no holder', async () => {
    const seller = await harness.sessions.newUser();
    const first = await harness.sessions.newUser();
    const ticket = await createTicket(harness, seller.cookie, { title: 'Seat', price: 20 });
    const sale = await sell(harness, ticket, first.id);
    expect((await resell(harness, ticket.id, { price: 21 }, first.cookie)).statusCode).toBe(200);
    const stale = await harness.publish('order:completed', { id: sale.orderId, version: 1, userId: first.id, ticket: { id: ticket.id } });
    await handled(stale.id);
    expect(await ticketRow(harness, ticket.id)).toMatchObject({ holderId: null, orderId: null, generation: 1, userId: first.id });
  });

  it('an order whose cancel came first (tickets refused it, orders cancelled it) is ignored', async () => {
    const seller = await harness.sessions.newUser();
    const ticket = await createTicket(harness, seller.cookie);
    const order = orderCreatedFor(ticket);
    const cancel = await harness.publish('order:cancelled', { id: order.id, version: 2, ticket: { id: ticket.id } });
    await handled(cancel.id);
    const completed = await harness.publish('order:completed', orderCompletedFor(order));
    await handled(completed.id);
    expect(await ticketRow(harness, ticket.id)).toMatchObject({ holderId: null, orderId: null });
  });

  it('an order for a ticket tickets does not know is ignored', async () => {
    const completed = await harness.publish('order:completed', { id: crypto.randomUUID(), version: 1, userId: crypto.randomUUID(), ticket: { id: crypto.randomUUID() } });
    await handled(completed.id);
    expect(await harness.bus.deadLetters.list()).toEqual([]);
  });
});
