import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@ticketing/common/testing/index';
import type { EventData } from '@ticketing/common';
import { createTicket, startTickets, type TicketsHarness } from './support/tickets-harness';

// Over a RabbitMQ exchange of this suite's own: events in, ticket:updated out.
describe('order:created → tickets', () => {
  let harness: TicketsHarness;
  beforeAll(async () => { harness = await startTickets({ bus: 'rabbitmq' }); });
  afterAll(() => harness.close());

  const orderCreated = (ticket: { id: string; price: number }, orderId = crypto.randomUUID()): EventData<'order:created'> => ({
    id: orderId, version: 0, status: 'created', userId: crypto.randomUUID(), expiresAt: new Date(Date.now() + 900_000).toISOString(),
    ticket: { id: ticket.id, price: ticket.price },
  });
  const show = async (id: string) => (await harness.service.http.inject({ url: `/api/tickets/${id}` })).json();

  it('reserves the ticket: orderId set, version + 1, ticket:updated with orderId, gone from the list', async () => {
    const seller = await harness.sessions.newUser();
    const ticket = await createTicket(harness, seller.cookie, { title: 'Gig', price: 30 });
    const order = orderCreated(ticket);
    await harness.publish('order:created', order);
    const event = await harness.waitForEvent('ticket:updated', (data) => data.id === ticket.id);
    expect(event.data).toEqual({ id: ticket.id, version: 1, title: 'Gig', price: 30, userId: seller.id, orderId: order.id });
    expect(await show(ticket.id)).toMatchObject({ reserved: true, version: 1 });
    const list = (await harness.service.http.inject({ url: '/api/tickets' })).json() as Array<{ id: string }>;
    expect(list.map((item) => item.id)).not.toContain(ticket.id);
  });

  it('an order for a ticket still held by another waits for that order\'s cancel, then reserves', async () => {
    const seller = await harness.sessions.newUser();
    const ticket = await createTicket(harness, seller.cookie);
    const first = orderCreated(ticket);
    await harness.publish('order:created', first);
    await harness.waitForEvent('ticket:updated', (data) => data.id === ticket.id);
    // The next order's order:created overtakes the first one's order:cancelled (separate queues).
    const second = orderCreated(ticket);
    await harness.publish('order:created', second);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await show(ticket.id)).toMatchObject({ reserved: true, version: 1 });
    await harness.publish('order:cancelled', { id: first.id, version: 1, ticket: { id: ticket.id } });
    const reserved = await harness.waitForEvent('ticket:updated', (data) => data.id === ticket.id && data.version === 3);
    expect(reserved.data.orderId).toBe(second.id);
    expect(harness.updatesOf(ticket.id)).toHaveLength(3);
  });

  it('an order whose cancel arrived first never reserves the ticket', async () => {
    const seller = await harness.sessions.newUser();
    const ticket = await createTicket(harness, seller.cookie);
    const order = orderCreated(ticket);
    const cancel = await harness.publish('order:cancelled', { id: order.id, version: 1, ticket: { id: ticket.id } });
    await waitFor(async () => (await harness.database.db.query('SELECT 1 FROM inbox WHERE event_id = $1', [cancel.id])).length === 1);
    const created = await harness.publish('order:created', order);
    await waitFor(async () => (await harness.database.db.query('SELECT 1 FROM inbox WHERE event_id = $1', [created.id])).length === 1);
    expect(await show(ticket.id)).toMatchObject({ version: 0 });
    expect((await show(ticket.id)).reserved).toBe(false);
    expect(harness.updatesOf(ticket.id)).toHaveLength(0);
  });

  it('the same event delivered twice has one effect', async () => {
    const seller = await harness.sessions.newUser();
    const ticket = await createTicket(harness, seller.cookie);
    const envelope = await harness.publish('order:created', orderCreated(ticket));
    await harness.bus.publish([{ envelope, headers: {} }]);
    await harness.waitForEvent('ticket:updated', (data) => data.id === ticket.id);
    await waitFor(async () => (await harness.database.db.query('SELECT 1 FROM inbox WHERE event_id = $1', [envelope.id])).length === 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await show(ticket.id)).version).toBe(1);
  });
  // Issue 11 §1: the seller's edit reached tickets before the order made at the old terms.
  const edit = (id: string, cookie: string, body: { title: string; price: number }) =>
    harness.service.http.inject({ method: 'PUT', url: `/api/tickets/${id}`, headers: { cookie }, payload: body });

  it('an order made at a price edited since is not reserved: ticket:reservation-rejected, ticket stays on sale', async () => {
    const seller = await harness.sessions.newUser();
    const ticket = await createTicket(harness, seller.cookie, { title: 'Opera', price: 500 });
    expect((await edit(ticket.id, seller.cookie, { title: 'Opera', price: 10 })).statusCode).toBe(200);
    const order = { ...orderCreated(ticket), ticket: { id: ticket.id, price: 500, title: 'Opera', version: 0 } };
    await harness.publish('order:created', order);
    const rejected = await harness.waitForEvent('ticket:reservation-rejected', (data) => data.orderId === order.id);
    expect(rejected.data).toEqual({ orderId: order.id, ticketId: ticket.id, reason: 'terms-changed' });
    const shown = await show(ticket.id);
    expect(shown).toMatchObject({ price: 10, version: 1 });
    expect(shown.reserved).toBe(false);
    expect(harness.updatesOf(ticket.id)).toHaveLength(1);
  });

  it('an order made at a title edited since is not reserved either', async () => {
    const seller = await harness.sessions.newUser();
    const ticket = await createTicket(harness, seller.cookie, { title: 'Row A', price: 50 });
    await edit(ticket.id, seller.cookie, { title: 'Row Z', price: 50 });
    const order = { ...orderCreated(ticket), ticket: { id: ticket.id, price: 50, title: 'Row A', version: 0 } };
    await harness.publish('order:created', order);
    await harness.waitForEvent('ticket:reservation-rejected', (data) => data.orderId === order.id);
    expect((await show(ticket.id)).reserved).toBe(false);
  });

  it('an order whose terms match is reserved even if the version moved (a release, not an edit)', async () => {
    const seller = await harness.sessions.newUser();
    const ticket = await createTicket(harness, seller.cookie, { title: 'Gig', price: 30 });
    const first = orderCreated(ticket);
    await harness.publish('order:created', first);
    await harness.waitForEvent('ticket:updated', (data) => data.id === ticket.id && data.version === 1);
    await harness.publish('order:cancelled', { id: first.id, version: 1, ticket: { id: ticket.id } });
    await harness.waitForEvent('ticket:updated', (data) => data.id === ticket.id && data.version === 2);
    const second = { ...orderCreated(ticket), ticket: { id: ticket.id, price: 30, title: 'Gig', version: 1 } };
    await harness.publish('order:created', second);
    const reserved = await harness.waitForEvent('ticket:updated', (data) => data.id === ticket.id && data.version === 3);
    expect(reserved.data.orderId).toBe(second.id);
  });
});
